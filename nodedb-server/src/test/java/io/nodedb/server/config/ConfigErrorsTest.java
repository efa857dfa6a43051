package io.nodedb.server.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every way a configuration can be wrong, and the exact message the operator gets. */
class ConfigErrorsTest {
    @TempDir
    Path cwd;

    private void assertFileError(String toml, String message) throws IOException {
        Files.writeString(cwd.resolve("nodedb.toml"), toml);
        assertError(Map.of(), List.of(), message);
    }

    private void assertError(Map<String, String> env, List<String> args, String message) {
        assertThatThrownBy(() -> ConfigLoader.load(args, env, cwd))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    @Test
    void unknownKeyNamesFileKeyAndTheKnownKeys() throws IOException {
        assertFileError("[storage]\nfsynk = \"off\"\n",
                "nodedb.toml: unknown key 'storage.fsynk' (known keys in [storage]: data_dir, fsync, "
                        + "fsync_interval_ms, checkpoint_interval_s)");
    }

    @Test
    void unknownSection() throws IOException {
        assertFileError("[storgae]\nfsync = \"off\"\n",
                "nodedb.toml: unknown section 'storgae' (known sections: server, ports, storage, memory, auth)");
    }

    @Test
    void keyAboveAllTablesPointsToItsTable() throws IOException {
        assertFileError("data_dir = \"/srv\"\n",
                "nodedb.toml: unknown key 'data_dir' at the top level (it belongs under [storage], as 'storage.data_dir')");
    }

    @Test
    void nestedTableIsAnUnknownKey() throws IOException {
        assertFileError("[ports.extra]\nx = 1\n",
                "nodedb.toml: unknown key 'ports.extra' (known keys in [ports]: pgwire, native, http, resp, ilp, sync)");
    }

    @Test
    void sectionThatIsNotATable() throws IOException {
        assertFileError("server = \"localhost\"\n",
                "nodedb.toml: key 'server' must be a table ([server]), got \"localhost\"");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http = \"abc\"     | \"abc\"",
            "http = \"6480\"    | \"6480\"",
            "http = 0           | 0",
            "http = 65536       | 65536",
            "http = -1          | -1",
            "http = 80.5        | 80.5",
            "http = true        | true",
            "http = [6480]      | an array",
            "http = 99999999999999999999 | 99999999999999999999",
    })
    void badPortInFile(String line, String shown) throws IOException {
        assertFileError("[ports]\n" + line + "\n",
                "nodedb.toml: key 'ports.http' must be an integer 1-65535, got " + shown);
    }

    @Test
    void wrongTypeForStrings() throws IOException {
        assertFileError("[server]\nhost = 127\n",
                "nodedb.toml: key 'server.host' must be a host name or IP address, got 127");
        assertFileError("[storage]\ndata_dir = \"\"\n",
                "nodedb.toml: key 'storage.data_dir' must be a non-empty path, got \"\"");
    }

    @Test
    void badFsyncValue() throws IOException {
        assertFileError("[storage]\nfsync = \"sometimes\"\n",
                "nodedb.toml: key 'storage.fsync' must be one of per_commit, interval, off, got \"sometimes\"");
        assertFileError("[storage]\nfsync = 1\n",
                "nodedb.toml: key 'storage.fsync' must be one of per_commit, interval, off, got 1");
    }

    @Test
    void badIntervals() throws IOException {
        assertFileError("[storage]\nfsync_interval_ms = 0\n",
                "nodedb.toml: key 'storage.fsync_interval_ms' must be an integer 1-60000, got 0");
        assertFileError("[storage]\ncheckpoint_interval_s = \"60s\"\n",
                "nodedb.toml: key 'storage.checkpoint_interval_s' must be an integer 1-86400, got \"60s\"");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"1XB\"      | \"1XB\"",
            "\"lots\"     | \"lots\"",
            "\"-1GiB\"    | \"-1GiB\"",
            "\"\"         | \"\"",
            "0            | 0",
            "1024         | 1024",
            "-5           | -5",
            "\"99999999TiB\" | \"99999999TiB\"",
            "1.5          | 1.5",
    })
    void badSizeInFile(String value, String shown) throws IOException {
        assertFileError("[memory]\nlimit = " + value + "\n",
                "nodedb.toml: key 'memory.limit' must be a size of at least 1MiB such as \"512MiB\" or \"1GiB\", "
                        + "or a number of bytes, got " + shown);
    }

    @Test
    void tomlSyntaxErrorHasLineAndColumn() throws IOException {
        assertFileError("[ports]\nhttp = = 1\n", "nodedb.toml: line 2, column 8: not valid TOML: Unknown token");
    }

    @Test
    void duplicateKeyIsASyntaxError() throws IOException {
        Files.writeString(cwd.resolve("nodedb.toml"), "[ports]\nhttp = 1\nhttp = 2\n");
        // The parser notices the duplicate at the token after it, so only the shape of the position is pinned.
        assertThatThrownBy(() -> ConfigLoader.load(List.of(), Map.of(), cwd))
                .isInstanceOf(ConfigException.class)
                .hasMessageMatching("nodedb\\.toml: line \\d+, column \\d+: not valid TOML: Duplicate key");
    }

    @Test
    void messagesUseThePathAsGiven() throws IOException {
        Files.createDirectories(cwd.resolve("etc"));
        Files.writeString(cwd.resolve("etc/custom.toml"), "[ports]\nhttps = 443\n");
        assertError(Map.of(), List.of("--config", "etc/custom.toml"),
                "etc/custom.toml: unknown key 'ports.https' (known keys in [ports]: pgwire, native, http, resp, ilp, sync)");
    }

    @Test
    void badEnvironmentValuesNameTheVariableAndKey() {
        assertError(Map.of("NODEDB_PORT_HTTP", "abc"), List.of(),
                "environment variable NODEDB_PORT_HTTP (ports.http) must be an integer 1-65535, got \"abc\"");
        assertError(Map.of("NODEDB_PORT_PGWIRE", "70000"), List.of(),
                "environment variable NODEDB_PORT_PGWIRE (ports.pgwire) must be an integer 1-65535, got \"70000\"");
        assertError(Map.of("NODEDB_FSYNC", "sometimes"), List.of(),
                "environment variable NODEDB_FSYNC (storage.fsync) must be one of per_commit, interval, off, "
                        + "got \"sometimes\"");
        assertError(Map.of("NODEDB_MEMORY_LIMIT", "1 gigabyte"), List.of(),
                "environment variable NODEDB_MEMORY_LIMIT (memory.limit) must be a size of at least 1MiB such as "
                        + "\"512MiB\" or \"1GiB\", or a number of bytes, got \"1 gigabyte\"");
        assertError(Map.of("NODEDB_HOST", "my host"), List.of(),
                "environment variable NODEDB_HOST (server.host) must be a host name or IP address, got \"my host\"");
        assertError(Map.of("NODEDB_CHECKPOINT_INTERVAL_S", "0"), List.of(),
                "environment variable NODEDB_CHECKPOINT_INTERVAL_S (storage.checkpoint_interval_s) must be an "
                        + "integer 1-86400, got \"0\"");
    }

    @Test
    void badFlagValuesNameTheOption() {
        assertError(Map.of(), List.of("--port-http", "http"),
                "option --port-http must be an integer 1-65535, got \"http\"");
        assertError(Map.of(), List.of("--port-pgwire=0"),
                "option --port-pgwire must be an integer 1-65535, got \"0\"");
        assertError(Map.of(), List.of("--data", ""), "option --data must be a non-empty path, got \"\"");
    }

    @Test
    void badCommandLine() {
        assertError(Map.of(), List.of("--prot-http", "1"), "unknown option '--prot-http' (see --help)");
        assertError(Map.of(), List.of("--port-http"), "option --port-http needs a value");
        assertError(Map.of(), List.of("nodedb.toml"),
                "unexpected argument 'nodedb.toml' (options start with --; see --help)");
        assertError(Map.of(), List.of("--"), "unexpected argument '--' (options start with --; see --help)");
    }

    @Test
    void explicitlyNamedConfigFileMustExist() throws IOException {
        assertError(Map.of(), List.of("--config", "missing.toml"),
                "option --config: config file missing.toml does not exist");
        assertError(Map.of("NODEDB_CONFIG", "/nowhere/nodedb.toml"), List.of(),
                "environment variable NODEDB_CONFIG: config file /nowhere/nodedb.toml does not exist");
        Files.createDirectories(cwd.resolve("conf.d"));
        assertError(Map.of(), List.of("--config", "conf.d"), "option --config: config file conf.d is not a regular file");
    }

    @Test
    void laterSourcesDoNotHideAnEarlierBadValue() throws IOException {
        // A bad file is reported even when the environment would override the key: the file is still wrong.
        Files.writeString(cwd.resolve("nodedb.toml"), "[ports]\nhttp = \"x\"\n");
        assertError(Map.of("NODEDB_PORT_HTTP", "7000"), List.of(),
                "nodedb.toml: key 'ports.http' must be an integer 1-65535, got \"x\"");
    }
}
