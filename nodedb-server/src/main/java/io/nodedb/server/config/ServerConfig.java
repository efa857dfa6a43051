package io.nodedb.server.config;

import io.nodedb.core.db.DatabaseOptions;
import io.nodedb.core.wal.FsyncPolicy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Everything the server process is started with, after merging defaults, {@code nodedb.toml}, {@code NODEDB_*}
 * environment variables and command-line options (later ones win). See {@link Settings} for each key.
 *
 * @param host        address every listener binds to
 * @param ports       listener ports
 * @param dataDir     absolute data directory
 * @param configFile  the TOML file that was read, if any
 */
public record ServerConfig(
        String host,
        Ports ports,
        Path dataDir,
        FsyncPolicy fsyncPolicy,
        Duration fsyncInterval,
        Duration checkpointInterval,
        long memoryLimitBytes,
        Auth auth,
        Optional<Path> configFile) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final String DEFAULT_DATA_DIR = "data";

    /**
     * Listener ports. RESP and ILP are opt-in, so they are empty unless configured.
     *
     * @param nativeProtocol the native MessagePack protocol ({@code ndb} CLI)
     */
    public record Ports(int pgwire, int nativeProtocol, int http, OptionalInt resp, OptionalInt ilp, int sync) {
        public static final Ports DEFAULTS = new Ports(6432, 6433, 6480, OptionalInt.empty(), OptionalInt.empty(), 9090);

        public Ports {
            Objects.requireNonNull(resp, "resp");
            Objects.requireNonNull(ilp, "ilp");
        }
    }

    /**
     * How clients authenticate: {@code trust} accepts any user name (the default, for a server on loopback);
     * {@code password} runs SCRAM-SHA-256 against the users, starting with the bootstrap superuser.
     */
    public record Auth(boolean password, String superuser, Optional<String> superuserPassword) {
        public static final Auth DEFAULTS = new Auth(false, "nodedb", Optional.empty());

        public Auth {
            Objects.requireNonNull(superuser, "superuser");
            Objects.requireNonNull(superuserPassword, "superuserPassword");
        }
    }

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(fsyncPolicy, "fsyncPolicy");
        Objects.requireNonNull(fsyncInterval, "fsyncInterval");
        Objects.requireNonNull(checkpointInterval, "checkpointInterval");
        Objects.requireNonNull(configFile, "configFile");
    }

    /** The defaults, with the data directory resolved against {@code workingDir}. */
    public static ServerConfig defaults(Path workingDir) {
        // The storage defaults belong to the core; taking them from there keeps one source of truth.
        DatabaseOptions core = DatabaseOptions.onDisk(workingDir.resolve(DEFAULT_DATA_DIR));
        return new ServerConfig(DEFAULT_HOST, Ports.DEFAULTS, core.dataDir().toAbsolutePath().normalize(),
                core.fsyncPolicy(), core.fsyncInterval(), core.checkpointInterval(), core.memoryLimitBytes(),
                Auth.DEFAULTS, Optional.empty());
    }

    public DatabaseOptions databaseOptions() {
        return DatabaseOptions.onDisk(dataDir)
                .withFsyncPolicy(fsyncPolicy)
                .withFsyncInterval(fsyncInterval)
                .withCheckpointInterval(checkpointInterval)
                .withMemoryLimitBytes(memoryLimitBytes);
    }
}
