package io.nodedb.sql.lexer;

public enum TokenKind {
    /** A bare word: keyword or identifier, decided by the parser from context. */
    WORD,
    /** A double-quoted identifier; never a keyword, case kept. */
    QUOTED,
    STRING,
    INTEGER,
    DECIMAL,
    /** {@code $1} or {@code ?}; the text is the 1-based index. */
    PARAM,
    SYMBOL,
    EOF
}
