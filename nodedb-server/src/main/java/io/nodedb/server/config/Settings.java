package io.nodedb.server.config;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SequencedSet;
import java.util.function.BiConsumer;

/**
 * The configuration schema: every key the server knows, in the order {@code --help} lists them. Sources (TOML,
 * environment, options) look keys up here, so a key added here is at once accepted everywhere and documented.
 */
final class Settings {
    static final List<Setting<?>> ALL = List.of(
            setting("server", "host", "NODEDB_HOST", "host", ValueTypes.word("a host name or IP address"),
                    (b, v) -> b.host = v, ServerConfig.DEFAULT_HOST, "address all listeners bind to"),

            port("pgwire", "6432", "PostgreSQL wire protocol", (b, v) -> b.pgwire = v),
            port("native", "6433", "native MessagePack protocol (ndb CLI)", (b, v) -> b.nativeProtocol = v),
            port("http", "6480", "HTTP API, health and metrics", (b, v) -> b.http = v),
            port("resp", "off", "RESP (Redis protocol); off unless set", (b, v) -> b.resp = OptionalInt.of(v)),
            port("ilp", "off", "InfluxDB line protocol; off unless set", (b, v) -> b.ilp = OptionalInt.of(v)),
            port("sync", "9090", "WebSocket sync for Lite", (b, v) -> b.sync = v),

            setting("storage", "data_dir", "NODEDB_DATA_DIR", "data", ValueTypes.path(), ConfigBuilder::dataDir,
                    "./" + ServerConfig.DEFAULT_DATA_DIR, "data directory, relative to the working directory"),
            setting("storage", "fsync", "NODEDB_FSYNC", null, ValueTypes.fsyncPolicy(),
                    (b, v) -> b.fsyncPolicy = v, "per_commit", "per_commit | interval | off"),
            setting("storage", "fsync_interval_ms", "NODEDB_FSYNC_INTERVAL_MS", null, ValueTypes.integer(1, 60_000),
                    (b, v) -> b.fsyncInterval = Duration.ofMillis(v), "10", "log fsync period when fsync = interval"),
            setting("storage", "checkpoint_interval_s", "NODEDB_CHECKPOINT_INTERVAL_S", null,
                    ValueTypes.integer(1, 86_400), (b, v) -> b.checkpointInterval = Duration.ofSeconds(v), "60",
                    "seconds between engine checkpoints"),

            setting("memory", "limit", "NODEDB_MEMORY_LIMIT", null, ValueTypes.size(1L << 20),
                    (b, v) -> b.memoryLimitBytes = v, "1GiB", "memory budget, e.g. 512MiB, 4GiB"),

            setting("auth", "mode", "NODEDB_AUTH_MODE", null, ValueTypes.authMode(), (b, v) -> b.passwordAuth = v,
                    "trust", "trust | password (SCRAM-SHA-256)"),
            setting("auth", "superuser", "NODEDB_SUPERUSER", null, ValueTypes.word("a user name"),
                    (b, v) -> b.superuser = v, "nodedb", "bootstrap superuser"),
            setting("auth", "superuser_password", "NODEDB_SUPERUSER_PASSWORD", null, ValueTypes.path(),
                    (b, v) -> b.superuserPassword = Optional.of(v), "(none)",
                    "the superuser's password; required when mode = password"));

    /** Read by the loader itself rather than stored: it chooses which file the other settings come from. */
    static final String CONFIG_ENV = "NODEDB_CONFIG";
    static final String CONFIG_FLAG = "config";

    private Settings() {
    }

    static SequencedSet<String> sections() {
        SequencedSet<String> sections = new LinkedHashSet<>();
        ALL.forEach(s -> sections.add(s.section()));
        return sections;
    }

    static List<Setting<?>> inSection(String section) {
        return ALL.stream().filter(s -> s.section().equals(section)).toList();
    }

    static Optional<Setting<?>> find(String section, String name) {
        return ALL.stream().filter(s -> s.section().equals(section) && s.name().equals(name)).findFirst();
    }

    static Optional<Setting<?>> byFlag(String flag) {
        return ALL.stream().filter(s -> s.flag().filter(flag::equals).isPresent()).findFirst();
    }

    private static Setting<Integer> port(String name, String defaultText, String help,
                                         BiConsumer<ConfigBuilder, Integer> apply) {
        String upper = name.toUpperCase(Locale.ROOT);
        return setting("ports", name, "NODEDB_PORT_" + upper, "port-" + name, ValueTypes.port(), apply,
                defaultText, help);
    }

    private static <T> Setting<T> setting(String section, String name, String env, String flag, ValueType<T> type,
                                          BiConsumer<ConfigBuilder, T> apply, String defaultText, String help) {
        return new Setting<>(section, name, env, Optional.ofNullable(flag), type, apply, defaultText, help);
    }
}
