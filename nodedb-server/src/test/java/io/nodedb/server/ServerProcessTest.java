package io.nodedb.server;

import io.nodedb.server.config.Usage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server as an operator meets it: a separate JVM, its exit codes, its stdout and stderr. The first test needs
 * the core's Database; the others stop before the database is opened and pass without it.
 */
@Timeout(120)
class ServerProcessTest {
    private static final Duration START = Duration.ofSeconds(30);

    @TempDir
    Path cwd;

    @Test
    void servesHealthLocksItsDirectoryAndStopsCleanlyOnSigterm() throws Exception {
        Path data = cwd.resolve("data");
        int port = ServerProcess.freePort();
        try (ServerProcess first = ServerProcess.start(cwd,
                Map.of("NODEDB_DATA_DIR", data.toString(), "NODEDB_PORT_HTTP", Integer.toString(port)))) {
            assertThat(first.awaitReady(START)).as("banner of the first server%n%s", first.describe()).isTrue();
            assertThat(first.stdout())
                    .contains("  data     " + data)
                    .contains("curl http://127.0.0.1:" + port + "/health");

            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");

            // (a) a second server on the same directory gives up at once, naming the holder
            long secondStarted = System.nanoTime();
            try (ServerProcess second = ServerProcess.start(cwd, Map.of("NODEDB_DATA_DIR", data.toString(),
                    "NODEDB_PORT_HTTP", Integer.toString(ServerProcess.freePort())))) {
                int exit = second.waitFor(Duration.ofSeconds(20));
                long ms = (System.nanoTime() - secondStarted) / 1_000_000;
                System.out.printf("second server exited with %d after %d ms (JVM start included)%n", exit, ms);
                assertThat(exit).as(second.describe()).isEqualTo(1);
                assertThat(second.stderr()).contains("nodedb: ").contains("locked by pid " + first.pid());
                assertThat(second.stdout()).doesNotContain(Banner.READY_LINE);
            }

            // (b) SIGTERM: stop accepting, drain, close the database, exit 0
            long t0 = System.nanoTime();
            first.process().destroy();
            int exit = first.waitFor(Duration.ofSeconds(10));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("idle server stopped %d ms after SIGTERM%n", ms);
            assertThat(exit).as(first.describe()).isZero();
            assertThat(ms).as("shutdown time in ms").isLessThan(2_000);
        }
    }

    @Test
    void unknownConfigKeyExitsWith2AndWritesNothing() throws Exception {
        Files.writeString(cwd.resolve("nodedb.toml"), "[storage]\ndata_dir = \"mydata\"\nfsynk = \"off\"\n");
        try (ServerProcess server = ServerProcess.start(cwd,
                Map.of("NODEDB_PORT_HTTP", Integer.toString(ServerProcess.freePort())))) {
            assertThat(server.waitFor(START)).as(server.describe()).isEqualTo(2);
            assertThat(server.stderr()).contains("nodedb: nodedb.toml: unknown key 'storage.fsynk'");
            assertThat(server.stdout()).isEmpty();
        }
        try (Stream<Path> files = Files.list(cwd)) {
            assertThat(files).containsExactly(cwd.resolve("nodedb.toml"));
        }
    }

    @Test
    void dataDirectoryWithMissingParentExitsWith2() throws Exception {
        Path data = cwd.resolve("missing/data");
        try (ServerProcess server = ServerProcess.start(cwd, Map.of(), "--data", data.toString())) {
            assertThat(server.waitFor(START)).as(server.describe()).isEqualTo(2);
            assertThat(server.stderr()).contains(
                    "nodedb: data directory " + data + " does not exist and neither does its parent " + data.getParent());
        }
        assertThat(cwd.resolve("missing")).doesNotExist();
    }

    @Test
    void helpPrintsUsageAndExits0() throws Exception {
        try (ServerProcess server = ServerProcess.start(cwd, Map.of(), "--help")) {
            assertThat(server.waitFor(START)).as(server.describe()).isZero();
            assertThat(server.stdout()).isEqualTo(Usage.text().stripTrailing() + "\n");
        }
        try (Stream<Path> files = Files.list(cwd)) {
            assertThat(files).isEmpty();
        }
    }
}
