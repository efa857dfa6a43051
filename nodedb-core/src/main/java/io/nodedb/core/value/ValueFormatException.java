package io.nodedb.core.value;

/**
 * Encoded input (MessagePack bytes or JSON text) could not be decoded into a {@link Value}. The message always
 * says where: a byte offset for binary input, a line and column for JSON, so a corrupt log record or a bad request
 * body can be located without a debugger.
 */
public final class ValueFormatException extends RuntimeException {
    private final long offset;
    private final int line;
    private final int column;

    private ValueFormatException(String message, long offset, int line, int column, Throwable cause) {
        super(message, cause);
        this.offset = offset;
        this.line = line;
        this.column = column;
    }

    /** Binary input: {@code offset} counts bytes from the start of the encoded value. */
    public static ValueFormatException atOffset(String problem, long offset) {
        return new ValueFormatException(problem + " at offset " + offset, offset, 0, 0, null);
    }

    /** Text input: 1-based line and column, as JSON editors show them. */
    public static ValueFormatException atLocation(String problem, int line, int column, Throwable cause) {
        return new ValueFormatException(problem + " at line " + line + ", column " + column, -1, line, column, cause);
    }

    /** Byte offset of the offending item within the encoded value, or -1 for text input. */
    public long offset() {
        return offset;
    }

    /** 1-based line for text input, 0 for binary input. */
    public int line() {
        return line;
    }

    /** 1-based column for text input, 0 for binary input. */
    public int column() {
        return column;
    }
}
