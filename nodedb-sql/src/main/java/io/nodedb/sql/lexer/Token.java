package io.nodedb.sql.lexer;

import java.util.Locale;

/**
 * One token. {@code pos} is the 1-based character position of its first character, the unit every error
 * message points with; {@code end} is the 0-based offset just past it.
 */
public record Token(TokenKind kind, String text, int pos, int end) {
    /** Is this the bare word {@code word} (given in upper case)? */
    public boolean is(String word) {
        return kind == TokenKind.WORD && text.equalsIgnoreCase(word);
    }

    public boolean isSymbol(String symbol) {
        return kind == TokenKind.SYMBOL && text.equals(symbol);
    }

    public String upper() {
        return text.toUpperCase(Locale.ROOT);
    }

    /** How the token reads in an error message. */
    public String describe() {
        return kind == TokenKind.EOF ? "end of input" : "\"" + text + "\"";
    }
}
