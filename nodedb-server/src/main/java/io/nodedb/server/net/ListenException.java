package io.nodedb.server.net;

/** A listener could not bind its address, typically because the port is taken or the host is not local. */
public final class ListenException extends Exception {
    public ListenException(String message, Throwable cause) {
        super(message, cause);
    }
}
