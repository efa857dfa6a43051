package io.nodedb.server.config;

import io.nodedb.core.wal.FsyncPolicy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** The mutable state settings are applied to, one source after another, before it is frozen into a {@link ServerConfig}. */
final class ConfigBuilder {
    private final Path workingDir;
    String host;
    int pgwire;
    int nativeProtocol;
    int http;
    OptionalInt resp;
    OptionalInt ilp;
    int sync;
    Path dataDir;
    FsyncPolicy fsyncPolicy;
    Duration fsyncInterval;
    Duration checkpointInterval;
    long memoryLimitBytes;
    boolean passwordAuth;
    String superuser;
    Optional<String> superuserPassword = Optional.empty();
    Optional<Path> configFile = Optional.empty();

    ConfigBuilder(Path workingDir) {
        this.workingDir = workingDir;
        ServerConfig d = ServerConfig.defaults(workingDir);
        host = d.host();
        pgwire = d.ports().pgwire();
        nativeProtocol = d.ports().nativeProtocol();
        http = d.ports().http();
        resp = d.ports().resp();
        ilp = d.ports().ilp();
        sync = d.ports().sync();
        dataDir = d.dataDir();
        fsyncPolicy = d.fsyncPolicy();
        fsyncInterval = d.fsyncInterval();
        checkpointInterval = d.checkpointInterval();
        memoryLimitBytes = d.memoryLimitBytes();
        passwordAuth = d.auth().password();
        superuser = d.auth().superuser();
    }

    /**
     * Relative data directories are taken from where the server is started, whichever source named them; a leading
     * {@code ~/} is expanded because a TOML file, unlike a shell, would not do it.
     */
    void dataDir(String path) {
        String expanded = path.equals("~") || path.startsWith("~/")
                ? System.getProperty("user.home") + path.substring(1) : path;
        dataDir = workingDir.resolve(expanded).toAbsolutePath().normalize();
    }

    ServerConfig build() throws ConfigException {
        if (passwordAuth && superuserPassword.isEmpty()) {
            throw new ConfigException("auth.mode = password needs a password for the superuser \"" + superuser
                    + "\": set auth.superuser_password or NODEDB_SUPERUSER_PASSWORD");
        }
        return new ServerConfig(host, new ServerConfig.Ports(pgwire, nativeProtocol, http, resp, ilp, sync), dataDir,
                fsyncPolicy, fsyncInterval, checkpointInterval, memoryLimitBytes,
                new ServerConfig.Auth(passwordAuth, superuser, superuserPassword), configFile);
    }
}
