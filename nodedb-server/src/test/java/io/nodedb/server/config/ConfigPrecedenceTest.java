package io.nodedb.server.config;

import io.nodedb.core.db.DatabaseOptions;
import io.nodedb.core.wal.FsyncPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigPrecedenceTest {
    @TempDir
    Path cwd;

    private ServerConfig load(Map<String, String> env, String... args) throws ConfigException {
        return ConfigLoader.load(List.of(args), env, cwd);
    }

    private void writeDefaultFile(String toml) throws IOException {
        Files.writeString(cwd.resolve("nodedb.toml"), toml);
    }

    @Test
    void defaultsWithoutAnySource() throws Exception {
        ServerConfig c = load(Map.of());
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.ports()).isEqualTo(new ServerConfig.Ports(6432, 6433, 6480, OptionalInt.empty(),
                OptionalInt.empty(), 9090));
        assertThat(c.dataDir()).isEqualTo(cwd.resolve("data").toAbsolutePath());
        assertThat(c.fsyncPolicy()).isEqualTo(FsyncPolicy.PER_COMMIT);
        assertThat(c.fsyncInterval()).isEqualTo(Duration.ofMillis(10));
        assertThat(c.checkpointInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.memoryLimitBytes()).isEqualTo(1L << 30);
        assertThat(c.configFile()).isEmpty();
    }

    @Test
    void fileSetsEveryKey() throws Exception {
        writeDefaultFile("""
                [server]
                host = "0.0.0.0"

                [ports]
                pgwire = 7432
                native = 7433
                http = 7480
                resp = 7381
                ilp = 7086
                sync = 7090

                [storage]
                data_dir = "/var/lib/nodedb"
                fsync = "interval"
                fsync_interval_ms = 25
                checkpoint_interval_s = 300

                [memory]
                limit = "512MiB"
                """);
        ServerConfig c = load(Map.of());
        assertThat(c.host()).isEqualTo("0.0.0.0");
        assertThat(c.ports()).isEqualTo(new ServerConfig.Ports(7432, 7433, 7480, OptionalInt.of(7381),
                OptionalInt.of(7086), 7090));
        assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/nodedb"));
        assertThat(c.fsyncPolicy()).isEqualTo(FsyncPolicy.INTERVAL);
        assertThat(c.fsyncInterval()).isEqualTo(Duration.ofMillis(25));
        assertThat(c.checkpointInterval()).isEqualTo(Duration.ofSeconds(300));
        assertThat(c.memoryLimitBytes()).isEqualTo(512L << 20);
        assertThat(c.configFile()).contains(cwd.resolve("nodedb.toml").toAbsolutePath());
    }

    @Test
    void environmentOverridesFileAndFlagsOverrideEnvironment() throws Exception {
        writeDefaultFile("""
                [server]
                host = "10.0.0.1"
                [ports]
                http = 7000
                pgwire = 7001
                [storage]
                fsync = "off"
                """);
        Map<String, String> env = Map.of("NODEDB_PORT_HTTP", "8000", "NODEDB_HOST", "10.0.0.2");

        ServerConfig fromEnv = load(env);
        assertThat(fromEnv.ports().http()).isEqualTo(8000);
        assertThat(fromEnv.host()).isEqualTo("10.0.0.2");
        assertThat(fromEnv.ports().pgwire()).isEqualTo(7001);
        assertThat(fromEnv.fsyncPolicy()).isEqualTo(FsyncPolicy.OFF);

        ServerConfig fromFlags = load(env, "--port-http", "9000", "--host=10.0.0.3");
        assertThat(fromFlags.ports().http()).isEqualTo(9000);
        assertThat(fromFlags.host()).isEqualTo("10.0.0.3");
        assertThat(fromFlags.ports().pgwire()).isEqualTo(7001);
    }

    @Test
    void everyEnvironmentVariableIsRead() throws Exception {
        ServerConfig c = load(Map.ofEntries(
                Map.entry("NODEDB_HOST", "::1"),
                Map.entry("NODEDB_DATA_DIR", "store"),
                Map.entry("NODEDB_PORT_PGWIRE", "1001"),
                Map.entry("NODEDB_PORT_NATIVE", "1002"),
                Map.entry("NODEDB_PORT_HTTP", "1003"),
                Map.entry("NODEDB_PORT_RESP", "1004"),
                Map.entry("NODEDB_PORT_ILP", "1005"),
                Map.entry("NODEDB_PORT_SYNC", "1006"),
                Map.entry("NODEDB_MEMORY_LIMIT", "2GiB"),
                Map.entry("NODEDB_FSYNC", "interval"),
                Map.entry("NODEDB_FSYNC_INTERVAL_MS", "5"),
                Map.entry("NODEDB_CHECKPOINT_INTERVAL_S", "30")));
        assertThat(c.host()).isEqualTo("::1");
        assertThat(c.dataDir()).isEqualTo(cwd.resolve("store").toAbsolutePath());
        assertThat(c.ports()).isEqualTo(new ServerConfig.Ports(1001, 1002, 1003, OptionalInt.of(1004),
                OptionalInt.of(1005), 1006));
        assertThat(c.memoryLimitBytes()).isEqualTo(2L << 30);
        assertThat(c.fsyncPolicy()).isEqualTo(FsyncPolicy.INTERVAL);
        assertThat(c.fsyncInterval()).isEqualTo(Duration.ofMillis(5));
        assertThat(c.checkpointInterval()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void emptyEnvironmentVariableCountsAsUnset() throws Exception {
        writeDefaultFile("[ports]\nresp = 6381\n");
        assertThat(load(Map.of("NODEDB_PORT_RESP", "", "NODEDB_PORT_HTTP", " ")).ports())
                .satisfies(p -> assertThat(p.resp()).hasValue(6381))
                .satisfies(p -> assertThat(p.http()).isEqualTo(6480));
    }

    @Test
    void configFileChoice_flagBeatsEnvironmentBeatsWorkingDirectory() throws Exception {
        writeDefaultFile("[ports]\nhttp = 1111\n");
        Files.writeString(cwd.resolve("from-env.toml"), "[ports]\nhttp = 2222\n");
        Files.createDirectories(cwd.resolve("etc"));
        Files.writeString(cwd.resolve("etc/from-flag.toml"), "[ports]\nhttp = 3333\n");

        assertThat(load(Map.of()).ports().http()).isEqualTo(1111);
        assertThat(load(Map.of("NODEDB_CONFIG", "from-env.toml")).ports().http()).isEqualTo(2222);
        ServerConfig c = load(Map.of("NODEDB_CONFIG", "from-env.toml"), "--config", "etc/from-flag.toml");
        assertThat(c.ports().http()).isEqualTo(3333);
        assertThat(c.configFile()).contains(cwd.resolve("etc/from-flag.toml").toAbsolutePath());
    }

    @Test
    void dataDirFlagIsRelativeToWorkingDirectoryAndNormalized() throws Exception {
        assertThat(load(Map.of(), "--data", "./a/../b").dataDir()).isEqualTo(cwd.resolve("b").toAbsolutePath());
        assertThat(load(Map.of(), "--data", "/abs/dir").dataDir()).isEqualTo(Path.of("/abs/dir"));
        assertThat(load(Map.of(), "--data", "~/nodedb").dataDir())
                .isEqualTo(Path.of(System.getProperty("user.home"), "nodedb"));
    }

    @Test
    void memoryLimitAcceptsByteCountsAndUnits() throws Exception {
        writeDefaultFile("[memory]\nlimit = 268435456\n");
        assertThat(load(Map.of()).memoryLimitBytes()).isEqualTo(256L << 20);
        assertThat(load(Map.of("NODEDB_MEMORY_LIMIT", "1.5G")).memoryLimitBytes()).isEqualTo(3L << 29);
        assertThat(load(Map.of("NODEDB_MEMORY_LIMIT", "2000MB")).memoryLimitBytes()).isEqualTo(2_000_000_000L);
    }

    @Test
    void lastRepeatedFlagWins() throws Exception {
        assertThat(load(Map.of(), "--port-http", "7000", "--port-http=7001").ports().http()).isEqualTo(7001);
    }

    @Test
    void emptyFileAndEmptySectionsAreFine() throws Exception {
        writeDefaultFile("# nothing yet\n[server]\n[storage]\n");
        assertThat(load(Map.of()).host()).isEqualTo("127.0.0.1");
    }

    @Test
    void unknownNodedbEnvironmentVariablesAreWarnedAboutNotFatal() throws Exception {
        List<String> warnings = new ArrayList<>();
        ServerConfig c = ConfigLoader.load(CommandLine.parse(List.of()),
                Map.of("NODEDB_PORT_HTPP", "1", "NODEDB_JAVA_OPTS", "-Xmx1g", "HOME", "/root"), cwd, warnings::add);
        assertThat(c.ports().http()).isEqualTo(6480);
        assertThat(warnings).containsExactly("ignoring unknown environment variable NODEDB_PORT_HTPP");
    }

    @Test
    void helpAndVersionAreRecognised() throws Exception {
        assertThat(CommandLine.parse(List.of("--help")).help()).isTrue();
        assertThat(CommandLine.parse(List.of("-h")).help()).isTrue();
        assertThat(CommandLine.parse(List.of("--version")).version()).isTrue();
        assertThat(CommandLine.parse(List.of("--config", "x.toml")).configFile()).isEqualTo(Optional.of("x.toml"));
    }

    @Test
    void databaseOptionsCarryTheStorageSettings() throws Exception {
        ServerConfig c = load(Map.of("NODEDB_FSYNC", "off", "NODEDB_MEMORY_LIMIT", "64MiB",
                "NODEDB_CHECKPOINT_INTERVAL_S", "5", "NODEDB_FSYNC_INTERVAL_MS", "7"));
        DatabaseOptions o = c.databaseOptions();
        assertThat(o.dataDir()).isEqualTo(c.dataDir());
        assertThat(o.fsyncPolicy()).isEqualTo(FsyncPolicy.OFF);
        assertThat(o.memoryLimitBytes()).isEqualTo(64L << 20);
        assertThat(o.checkpointInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(o.fsyncInterval()).isEqualTo(Duration.ofMillis(7));
    }

    @Test
    void usageListsEveryKeyAndEnvironmentVariable() {
        String usage = Usage.text();
        for (Setting<?> s : Settings.ALL) {
            assertThat(usage).contains(s.name()).contains(s.envVar()).contains("[" + s.section() + "]");
        }
        assertThat(usage).contains("--data DIR", "--config FILE", "--host HOST", "--port-pgwire N", "--port-http N");
    }
}
