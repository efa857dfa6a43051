package io.nodedb.sql.lexer;

import io.nodedb.sql.SqlErrors;

import java.util.ArrayList;
import java.util.List;

/** Splits SQL text into tokens in one pass; comments and whitespace are dropped. */
public final class Lexer {
    private static final String[] MULTI_CHAR_SYMBOLS = {"!~*", "!~", "~*", "<->", "<=", ">=", "<>", "!=", "||", "::", "->>", "->", "=>"};

    private final String sql;
    private final List<Token> out = new ArrayList<>();
    private int i;
    private int questionParams;

    private Lexer(String sql) {
        this.sql = sql;
    }

    /** @throws io.nodedb.core.error.NodeDbException 42601 on an unterminated string, comment or quoted name */
    public static List<Token> tokenize(String sql) {
        Lexer l = new Lexer(sql);
        l.run();
        return l.out;
    }

    private void run() {
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && peek(1) == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && peek(1) == '*') {
                blockComment();
            } else if (c == '\'') {
                string(i, i + 1);
            } else if ((c == 'E' || c == 'e') && peek(1) == '\'') {
                string(i, i + 2);
            } else if (c == '"') {
                quoted();
            } else if (Character.isDigit(c) || (c == '.' && Character.isDigit(peek(1)))) {
                number();
            } else if (c == '$' && Character.isDigit(peek(1))) {
                int start = i++;
                while (i < n && Character.isDigit(sql.charAt(i))) {
                    i++;
                }
                add(TokenKind.PARAM, sql.substring(start + 1, i), start);
            } else if (c == '?') {
                add(TokenKind.PARAM, Integer.toString(++questionParams), i++);
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_'
                        || sql.charAt(i) == '$')) {
                    i++;
                }
                add(TokenKind.WORD, sql.substring(start, i), start);
            } else {
                symbol(c);
            }
        }
        out.add(new Token(TokenKind.EOF, "", n + 1, n));
    }

    private char peek(int ahead) {
        return i + ahead < sql.length() ? sql.charAt(i + ahead) : '\0';
    }

    private void add(TokenKind kind, String text, int start) {
        out.add(new Token(kind, text, start + 1, i));
    }

    private void blockComment() {
        int start = i;
        int depth = 0;
        while (i < sql.length()) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                i++;
            }
        }
        throw SqlErrors.syntax("unterminated /* comment", start + 1);
    }

    private void string(int start, int bodyStart) {
        boolean escapes = bodyStart - start == 2;
        StringBuilder b = new StringBuilder();
        i = bodyStart;
        while (true) {
            if (i >= sql.length()) {
                throw SqlErrors.syntax("unterminated quoted string", start + 1);
            }
            char c = sql.charAt(i++);
            if (c == '\'') {
                if (peek(0) == '\'') {
                    b.append('\'');
                    i++;
                } else {
                    break;
                }
            } else if (escapes && c == '\\' && i < sql.length()) {
                char e = sql.charAt(i++);
                b.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case '0' -> '\0';
                    default -> e;
                });
            } else {
                b.append(c);
            }
        }
        out.add(new Token(TokenKind.STRING, b.toString(), start + 1, i));
    }

    private void quoted() {
        int start = i++;
        StringBuilder b = new StringBuilder();
        while (true) {
            if (i >= sql.length()) {
                throw SqlErrors.syntax("unterminated quoted identifier", start + 1);
            }
            char c = sql.charAt(i++);
            if (c == '"') {
                if (peek(0) == '"') {
                    b.append('"');
                    i++;
                } else {
                    break;
                }
            } else {
                b.append(c);
            }
        }
        if (b.isEmpty()) {
            throw SqlErrors.syntax("zero-length delimited identifier", start + 1);
        }
        out.add(new Token(TokenKind.QUOTED, b.toString(), start + 1, i));
    }

    private void number() {
        int start = i;
        boolean decimal = false;
        while (i < sql.length() && Character.isDigit(sql.charAt(i))) {
            i++;
        }
        if (peek(0) == '.' && peek(1) != '.') {
            decimal = true;
            i++;
            while (i < sql.length() && Character.isDigit(sql.charAt(i))) {
                i++;
            }
        }
        if ((peek(0) == 'e' || peek(0) == 'E')
                && (Character.isDigit(peek(1)) || ((peek(1) == '+' || peek(1) == '-') && Character.isDigit(peek(2))))) {
            decimal = true;
            i += 2;
            while (i < sql.length() && Character.isDigit(sql.charAt(i))) {
                i++;
            }
        }
        if (i < sql.length() && (Character.isLetter(sql.charAt(i)) || sql.charAt(i) == '_')) {
            throw SqlErrors.syntax("trailing junk after numeric literal at or near \""
                    + sql.substring(start, i + 1) + "\"", start + 1);
        }
        add(decimal ? TokenKind.DECIMAL : TokenKind.INTEGER, sql.substring(start, i), start);
    }

    private void symbol(char c) {
        for (String sym : MULTI_CHAR_SYMBOLS) {
            if (sql.startsWith(sym, i)) {
                i += sym.length();
                add(TokenKind.SYMBOL, sym, i - sym.length());
                return;
            }
        }
        if ("(),;.*+-/%=<>[]{}:|^~!&@#".indexOf(c) < 0) {
            throw SqlErrors.syntax("syntax error at or near \"" + c + "\"", i + 1);
        }
        i++;
        add(TokenKind.SYMBOL, String.valueOf(c), i - 1);
    }
}
