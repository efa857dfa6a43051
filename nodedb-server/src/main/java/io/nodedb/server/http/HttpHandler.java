package io.nodedb.server.http;

/**
 * Answers one route. Handlers run on virtual threads, never on a Netty event loop, so they may block (a query
 * waiting for the log, a lock). An exception becomes a 500 with the error shape of {@link Response#error}.
 */
@FunctionalInterface
public interface HttpHandler {
    Response handle(Request request) throws Exception;
}
