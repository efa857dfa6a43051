package io.nodedb.server.resp;

/**
 * A frame that breaks RESP. The connection answers {@code -ERR Protocol error: ...} and closes, because after a
 * broken frame there is no telling where the next command starts. It travels down the pipeline as a message (not
 * thrown to Netty) so commands decoded before it are answered first.
 */
final class RespProtocolException extends RuntimeException {
    RespProtocolException(String message) {
        super(message, null, false, false);
    }
}
