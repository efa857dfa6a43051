package io.nodedb.core.wal;

import java.util.Locale;

/** When the command log forces appended records to the device. */
public enum FsyncPolicy {
    /** A write is acknowledged only after the group it belongs to is fsynced (the default). */
    PER_COMMIT,
    /** Writes are acknowledged once handed to the OS; the log is fsynced every configured interval. */
    INTERVAL,
    /** The log is fsynced only when a segment is sealed and at close. Data from the last moments may be lost. */
    OFF;

    /** Parses the configuration spelling: {@code per_commit}, {@code interval} or {@code off}. */
    public static FsyncPolicy parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "per_commit", "per-commit", "always" -> PER_COMMIT;
            case "interval" -> INTERVAL;
            case "off", "never" -> OFF;
            default -> throw new IllegalArgumentException(
                    "unknown fsync policy '" + text + "' (expected per_commit, interval or off)");
        };
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
