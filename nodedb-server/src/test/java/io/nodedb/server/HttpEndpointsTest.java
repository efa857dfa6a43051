package io.nodedb.server;

import io.nodedb.core.db.Database;
import io.nodedb.core.db.DatabaseOptions;
import io.nodedb.server.config.ServerConfig;
import io.nodedb.server.net.ListenException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The HTTP endpoints of a real server over a real database. Needs the core's {@link Database}: until it is
 * implemented these tests fail with UnsupportedOperationException.
 */
@Timeout(60)
class HttpEndpointsTest {
    private static final Set<String> SERVER_METRICS =
            Set.of("nodedb_uptime_seconds", "nodedb_build_info", "nodedb_http_requests_total");

    @TempDir
    Path tmp;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private NodeDbServer server;

    private ServerConfig config(int httpPort) throws java.io.IOException {
        ServerConfig d = ServerConfig.defaults(tmp);
        return new ServerConfig("127.0.0.1",
                new ServerConfig.Ports(ServerProcess.freePort(), 6433, httpPort, OptionalInt.empty(), OptionalInt.empty(), 9090),
                tmp.resolve("data"), d.fsyncPolicy(), d.fsyncInterval(), d.checkpointInterval(),
                64L << 20, ServerConfig.Auth.DEFAULTS, Optional.empty());
    }

    @BeforeEach
    void start() throws Exception {
        server = NodeDbServer.start(config(0));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + server.httpAddress().getPort() + path);
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthAnswersAtOnce() throws Exception {
        HttpResponse<String> r = get("/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"status\":\"ok\"}");
    }

    @Test
    void readyOnceTheDatabaseHasRecovered() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        HttpResponse<String> r = get("/health/ready");
        while (r.statusCode() != 200 && System.nanoTime() < deadline) {
            assertThat(r.statusCode()).isEqualTo(503);
            Thread.sleep(50);
            r = get("/health/ready");
        }
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"status\":\"ready\"}");
    }

    @Test
    void metricsHaveTheDatabaseFiguresAndTheServerOwn() throws Exception {
        get("/health");
        HttpResponse<String> r = get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type").orElseThrow()).startsWith("text/plain; version=0.0.4");
        assertThat(r.body())
                .contains("# TYPE nodedb_uptime_seconds gauge\n")
                .contains("nodedb_http_requests_total{code=\"200\"} 1\n")
                .containsPattern("nodedb_build_info\\{version=\"[^\"]+\"} 1\n");
        Matcher types = Pattern.compile("(?m)^# TYPE (\\S+) ").matcher(r.body());
        boolean databaseMetric = false;
        while (types.find()) {
            databaseMetric |= !SERVER_METRICS.contains(types.group(1));
        }
        assertThat(databaseMetric).as("at least one metric from Database.writeMetrics in:%n%s", r.body()).isTrue();
    }

    @Test
    void createsTheDataDirectory() {
        assertThat(tmp.resolve("data")).isDirectory();
    }

    @Test
    void closeStopsListeningAndReleasesTheDirectory() {
        int port = server.httpAddress().getPort();
        server.close();
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        try (Database again = Database.open(DatabaseOptions.onDisk(tmp.resolve("data")))) {
            assertThat(again).isNotNull();
        }
    }

    @Test
    void aPortInUseFailsTheStartAndClosesTheDatabase() {
        int taken = server.httpAddress().getPort();
        server.close();
        server = null;
        try (ServerSocket blocker = new ServerSocket(taken, 1, InetAddress.getLoopbackAddress())) {
            assertThat(blocker.isBound()).isTrue();
            assertThatThrownBy(() -> NodeDbServer.start(config(taken)))
                    .isInstanceOf(ListenException.class)
                    .hasMessageContaining("127.0.0.1:" + taken);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        try (Database again = Database.open(DatabaseOptions.onDisk(tmp.resolve("data")))) {
            assertThat(again).isNotNull();
        }
    }
}
