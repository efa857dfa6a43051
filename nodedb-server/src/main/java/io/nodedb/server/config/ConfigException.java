package io.nodedb.server.config;

/**
 * A configuration the server refuses to start with. The message is complete and meant for the operator as is:
 * it names where the bad value came from (file, environment variable or option) and the key.
 */
public final class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
