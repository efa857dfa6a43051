package io.nodedb.server.pgwire;

/** The client broke the wire protocol; the connection answers with SQLSTATE 08P01 and is closed. */
final class PgProtocolException extends RuntimeException {
    PgProtocolException(String message) {
        super(message, null, false, false);
    }
}
