package io.nodedb.sql.parser;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.sql.SqlErrors;
import io.nodedb.sql.lexer.Token;
import io.nodedb.sql.lexer.TokenKind;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** A cursor over tokens with the expect/accept helpers every parser part shares. */
final class TokenStream {
    /** Words that end a clause, so they can never be a bare alias or name. */
    static final Set<String> RESERVED = Set.of("SELECT", "FROM", "WHERE", "GROUP", "HAVING", "ORDER", "LIMIT",
            "OFFSET", "UNION", "INTERSECT", "EXCEPT", "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "ON",
            "USING", "AND", "OR", "NOT", "AS", "WITH", "RETURNING", "SET", "VALUES", "INTO", "CASE", "WHEN", "THEN",
            "ELSE", "END", "IS", "IN", "BETWEEN", "LIKE", "ILIKE", "NULL", "TRUE", "FALSE", "DISTINCT", "ALL", "BY",
            "ASC", "DESC", "OUTER", "WINDOW", "FETCH", "FOR", "DO", "ANY", "SOME", "EXISTS", "INTERVAL", "CAST",
            "NATURAL", "LATERAL", "TABLE", "COLLATE", "ARRAY", "UNIQUE", "PRIMARY", "DEFAULT", "CHECK",
            "REFERENCES", "CONSTRAINT", "OVER", "FILTER");

    private final List<Token> tokens;
    private int at;

    TokenStream(List<Token> tokens) {
        this.tokens = tokens;
    }

    Token peek() {
        return tokens.get(at);
    }

    Token peek(int ahead) {
        return tokens.get(Math.min(at + ahead, tokens.size() - 1));
    }

    Token next() {
        Token t = tokens.get(at);
        if (t.kind() != TokenKind.EOF) {
            at++;
        }
        return t;
    }

    /** The 0-based offset just past the last consumed token. */
    int lastEnd() {
        return at == 0 ? 0 : tokens.get(at - 1).end();
    }

    int mark() {
        return at;
    }

    void reset(int mark) {
        at = mark;
    }

    boolean atEnd() {
        return peek().kind() == TokenKind.EOF;
    }

    boolean at(String word) {
        return peek().is(word);
    }

    boolean atSymbol(String symbol) {
        return peek().isSymbol(symbol);
    }

    boolean accept(String word) {
        if (peek().is(word)) {
            at++;
            return true;
        }
        return false;
    }

    /** Accepts the words in sequence, or consumes nothing. */
    boolean accept(String first, String... rest) {
        if (!peek().is(first)) {
            return false;
        }
        for (int i = 0; i < rest.length; i++) {
            if (!peek(i + 1).is(rest[i])) {
                return false;
            }
        }
        at += rest.length + 1;
        return true;
    }

    boolean acceptSymbol(String symbol) {
        if (peek().isSymbol(symbol)) {
            at++;
            return true;
        }
        return false;
    }

    Token expect(String word) {
        if (!peek().is(word)) {
            throw error(word);
        }
        return next();
    }

    Token expectSymbol(String symbol) {
        if (!peek().isSymbol(symbol)) {
            throw error("\"" + symbol + "\"");
        }
        return next();
    }

    boolean atIdentifier() {
        Token t = peek();
        return t.kind() == TokenKind.QUOTED || (t.kind() == TokenKind.WORD && !RESERVED.contains(t.upper()));
    }

    /** An identifier: unquoted words fold to lower case, as in PostgreSQL; quoted ones keep their case. */
    String identifier(String what) {
        Token t = peek();
        if (t.kind() == TokenKind.QUOTED) {
            next();
            return t.text();
        }
        if (t.kind() == TokenKind.WORD && !RESERVED.contains(t.upper())) {
            next();
            return t.text().toLowerCase(Locale.ROOT);
        }
        throw error(what);
    }

    /** A dotted field path, {@code a.b.c}, as index and vector-index definitions name fields. */
    String fieldPath() {
        StringBuilder b = new StringBuilder(identifier("a field name"));
        while (acceptSymbol(".")) {
            b.append('.').append(anyName("a field name"));
        }
        return b.toString();
    }

    /** Any word or quoted name, reserved or not: for keys of object literals and option names. */
    String anyName(String what) {
        Token t = peek();
        if (t.kind() == TokenKind.QUOTED || t.kind() == TokenKind.WORD) {
            next();
            return t.kind() == TokenKind.QUOTED ? t.text() : t.text().toLowerCase(Locale.ROOT);
        }
        throw error(what);
    }

    NodeDbException error(String expected) {
        Token t = peek();
        String near = t.kind() == TokenKind.EOF ? "syntax error at end of input" : "syntax error at or near "
                + t.describe();
        return SqlErrors.syntax(expected == null ? near : near + ", expected " + expected, t.pos());
    }
}
