package io.nodedb.server.resp;

/** A command's error reply; the message starts with the Redis error code ("ERR", "WRONGTYPE", "NOAUTH"...). */
final class RespError extends RuntimeException {
    static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";

    RespError(String message) {
        super(message, null, false, false);
    }

    static RespError wrongType() {
        return new RespError(WRONGTYPE);
    }

    static RespError syntax() {
        return new RespError("ERR syntax error");
    }

    static RespError notInteger() {
        return new RespError("ERR value is not an integer or out of range");
    }

    static RespError arity(String command) {
        return new RespError("ERR wrong number of arguments for '" + command.toLowerCase(java.util.Locale.ROOT) + "' command");
    }
}
