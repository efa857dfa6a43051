package io.nodedb.sql.exec;

/** What expressions may ask of the session: who is running them and its settings. */
public interface SessionInfo {
    String user();

    /** A setting's current value, or null if unset. */
    String setting(String name);

    /** Whether a client asked to cancel the running statement. */
    default boolean cancelRequested() {
        return false;
    }
}
