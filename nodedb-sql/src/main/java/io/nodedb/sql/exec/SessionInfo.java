package io.nodedb.sql.exec;

import java.time.ZoneId;
import java.time.ZoneOffset;

/** What expressions may ask of the session: who is running them and its settings. */
public interface SessionInfo {
    String user();

    /** Whether the session's user may manage users (CREATE/ALTER/DROP USER). */
    default boolean superuser() {
        return false;
    }

    /** A setting's current value, or null if unset. */
    String setting(String name);

    /** The session time zone. */
    default ZoneId zone() {
        return ZoneOffset.UTC;
    }

    /** Whether a client asked to cancel the running statement. */
    default boolean cancelRequested() {
        return false;
    }
}
