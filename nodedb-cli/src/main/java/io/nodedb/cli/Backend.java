package io.nodedb.cli;

import java.util.List;

/** Where the shell sends SQL: an embedded database or a server over pgwire. */
interface Backend extends AutoCloseable {
    /** Runs one or more statements; results of those that ran before an error are lost with the exception. */
    List<ResultView> execute(String sql) throws BackendException;

    /** One line describing the connection, for the greeting. */
    String describe();

    @Override
    void close();

    /** A statement failed: a SQLSTATE, a message and, for syntax errors, a 1-based position. */
    final class BackendException extends Exception {
        final String sqlState;
        final int position;

        BackendException(String sqlState, String message, int position) {
            super(message, null, false, false);
            this.sqlState = sqlState;
            this.position = position;
        }
    }
}
