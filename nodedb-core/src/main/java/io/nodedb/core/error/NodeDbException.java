package io.nodedb.core.error;

/**
 * An error a user can act on: a SQLSTATE, a message, and where known the 1-based character position in the
 * input that caused it (0 when there is no input position).
 */
public class NodeDbException extends RuntimeException {
    private final SqlState state;
    private final int position;

    public NodeDbException(SqlState state, String message) {
        this(state, message, 0, null);
    }

    public NodeDbException(SqlState state, String message, Throwable cause) {
        this(state, message, 0, cause);
    }

    public NodeDbException(SqlState state, String message, int position, Throwable cause) {
        super(message, cause);
        this.state = state;
        this.position = position;
    }

    public SqlState state() {
        return state;
    }

    /** 1-based character position in the statement, or 0 when the error has no input position. */
    public int position() {
        return position;
    }

    @Override
    public String toString() {
        return state.code() + ": " + getMessage() + (position > 0 ? " (at position " + position + ")" : "");
    }
}
