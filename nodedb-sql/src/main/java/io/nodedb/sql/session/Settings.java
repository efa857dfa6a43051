package io.nodedb.sql.session;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.sql.exec.VectorSearchNode;
import io.nodedb.sql.expr.TimeZones;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Session settings (SET / SHOW / RESET), with the defaults PostgreSQL clients look for on connect. */
public final class Settings {
    /**
     * PostgreSQL's name for whether a commit waits for its log record to reach the device: {@code off} answers once
     * the record is written to the log file (a crash of the process loses nothing acknowledged, a crash of the
     * machine may lose the last fsync interval's commits). The replication levels PostgreSQL also accepts mean
     * {@code on} here, as on a server without standbys.
     */
    public static final String SYNCHRONOUS_COMMIT = "synchronous_commit";
    private static final Map<String, Boolean> SYNCHRONOUS_COMMIT_VALUES = Map.ofEntries(Map.entry("on", true),
            Map.entry("off", false), Map.entry("local", true), Map.entry("remote_write", true),
            Map.entry("remote_apply", true), Map.entry("true", true), Map.entry("false", false),
            Map.entry("yes", true), Map.entry("no", false), Map.entry("1", true), Map.entry("0", false));

    private static final String TIME_ZONE = "timezone";

    private static final Map<String, String> DEFAULTS = new TreeMap<>(Map.ofEntries(
            Map.entry("application_name", ""),
            Map.entry("client_encoding", "UTF8"),
            Map.entry("datestyle", "ISO, MDY"),
            Map.entry("integer_datetimes", "on"),
            Map.entry("search_path", "public"),
            Map.entry("server_encoding", "UTF8"),
            Map.entry("server_version", "16.0 (NodeDB-JVM 0.1.0)"),
            Map.entry("standard_conforming_strings", "on"),
            Map.entry("statement_timeout", "0"),
            Map.entry(SYNCHRONOUS_COMMIT, "on"),
            Map.entry(TIME_ZONE, TimeZones.UTC.display()),
            Map.entry("transaction_isolation", "repeatable read")));

    private final Map<String, String> values = new TreeMap<>(DEFAULTS);
    /** What RESET returns to: the defaults, or what the client asked for on connect. */
    private final Map<String, String> defaults = new TreeMap<>(DEFAULTS);
    /** Resolved when set, so that expressions never look a zone up by name. */
    private ZoneId zone = TimeZones.UTC.zone();
    private ZoneId defaultZone = zone;

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    public String get(String name) {
        return values.get(key(name));
    }

    public String require(String name) {
        String v = get(name);
        if (v == null) {
            throw new NodeDbException(SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + name
                    + "\"");
        }
        return v;
    }

    public void set(String name, String value) {
        String k = key(name);
        if (k.equals("server_version") || k.equals("server_encoding") || k.equals("integer_datetimes")) {
            throw new NodeDbException(SqlState.INVALID_PARAMETER_VALUE, "parameter \"" + name
                    + "\" cannot be changed");
        }
        if (value == null) {
            reset(name);
            return;
        }
        if (k.equals(VectorSearchNode.EF_SEARCH_SETTING)) {
            VectorSearchNode.efSearch(value);
        }
        if (k.equals(SYNCHRONOUS_COMMIT)) {
            value = value.strip().toLowerCase(Locale.ROOT);
            if (!SYNCHRONOUS_COMMIT_VALUES.containsKey(value)) {
                throw new NodeDbException(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \""
                        + SYNCHRONOUS_COMMIT + "\": \"" + value + "\" (available values: on, off, local,"
                        + " remote_write, remote_apply)");
            }
        }
        if (k.equals(TIME_ZONE)) {
            TimeZones.Setting tz = TimeZones.setting(value);
            zone = tz.zone();
            value = tz.display();
        }
        values.put(k, value);
    }

    /** The session time zone (TimeZone), in which timestamps are shown and wall-clock text is read. */
    public ZoneId zone() {
        return zone;
    }

    /** Sets a setting and makes it the value RESET returns to, as a client's startup packet does. */
    public void setDefault(String name, String value) {
        set(name, value);
        String k = key(name);
        defaults.put(k, values.get(k));
        if (k.equals(TIME_ZONE)) {
            defaultZone = zone;
        }
    }

    /** Whether commits wait for the device ({@code synchronous_commit}). */
    public boolean synchronousCommit() {
        return SYNCHRONOUS_COMMIT_VALUES.getOrDefault(values.get(SYNCHRONOUS_COMMIT), true);
    }

    public void reset(String name) {
        String k = key(name);
        String def = defaults.get(k);
        if (k.equals(TIME_ZONE)) {
            zone = defaultZone;
        }
        if (def == null) {
            values.remove(k);
        } else {
            values.put(k, def);
        }
    }

    public void resetAll() {
        values.clear();
        values.putAll(defaults);
        zone = defaultZone;
    }

    public Map<String, String> all() {
        return Map.copyOf(values);
    }

    /** The values as they stand, to {@link #restore} when a transaction block or a savepoint is rolled back. */
    public Saved save() {
        return new Saved(Map.copyOf(values), zone);
    }

    public void restore(Saved saved) {
        values.clear();
        values.putAll(saved.values());
        zone = saved.zone();
    }

    public record Saved(Map<String, String> values, ZoneId zone) {
    }

    /** An independent copy, defaults included. */
    public Settings copy() {
        Settings c = new Settings();
        c.values.clear();
        c.values.putAll(values);
        c.defaults.clear();
        c.defaults.putAll(defaults);
        c.zone = zone;
        c.defaultZone = defaultZone;
        return c;
    }
}
