package io.nodedb.server.http;

import io.nodedb.server.net.ListenException;
import io.nodedb.server.net.Transport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The HTTP listener on a real socket, with stand-in readiness and metrics sources instead of a database. */
@Timeout(30)
class HttpListenerTest {
    private static Transport transport;

    private final AtomicBoolean ready = new AtomicBoolean(true);
    private final CountDownLatch slowEntered = new CountDownLatch(1);
    private final CountDownLatch releaseSlow = new CountDownLatch(1);
    private final HttpRequestMetrics metrics = new HttpRequestMetrics();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private HttpListener listener;

    @BeforeAll
    static void startTransport() {
        transport = Transport.start(1);
    }

    @AfterAll
    static void stopTransport() {
        transport.close();
    }

    @BeforeEach
    void start() throws ListenException {
        Router router = new Router();
        HealthEndpoints.register(router, ready::get);
        MetricsEndpoint.register(router, List.of(out -> out.gauge("test_source_value", "from the test", 42), metrics));
        router.get("/boom", r -> {
            throw new IllegalStateException("boom");
        });
        router.get("/slow", r -> {
            slowEntered.countDown();
            releaseSlow.await(10, TimeUnit.SECONDS);
            return Response.json(200, Map.of("slow", true));
        });
        router.post("/echo", r -> Response.text(200, "text/plain", new String(r.body(), StandardCharsets.UTF_8)
                + " " + r.queryParam("q").orElse("-")));
        listener = HttpListener.start(transport, "127.0.0.1", 0, router, metrics);
    }

    @AfterEach
    void stop() {
        releaseSlow.countDown();
        listener.close();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + listener.address().getPort() + path);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void bindsTheRequestedHostOnAnEphemeralPort() {
        assertThat(listener.address().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(listener.address().getPort()).isPositive();
    }

    @Test
    void health() throws Exception {
        HttpResponse<String> r = get("/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).contains("application/json");
        assertThat(r.body()).isEqualTo("{\"status\":\"ok\"}");
    }

    @Test
    void readinessFollowsTheCheck() throws Exception {
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);
        ready.set(false);
        HttpResponse<String> r = get("/health/ready");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).isEqualTo("{\"status\":\"not_ready\"}");
    }

    @Test
    void metricsAreServedAsPrometheusText() throws Exception {
        get("/health");
        get("/nope");
        HttpResponse<String> r = get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type").orElseThrow()).startsWith("text/plain; version=0.0.4");
        assertThat(r.body())
                .contains("# TYPE test_source_value gauge\ntest_source_value 42\n")
                .contains("# TYPE nodedb_http_requests_total counter\n")
                .contains("nodedb_http_requests_total{code=\"200\"} 1\n")
                .contains("nodedb_http_requests_total{code=\"404\"} 1\n");
    }

    @Test
    void unknownPathIs404Json() throws Exception {
        HttpResponse<String> r = get("/nope?x=1");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("content-type")).contains("application/json");
        assertThat(r.body()).isEqualTo("{\"error\":{\"code\":\"not_found\",\"message\":\"no such endpoint: /nope\"}}");
    }

    @Test
    void wrongMethodIs405WithAllow() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/health"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("allow")).contains("GET, HEAD");
        assertThat(r.body()).contains("method_not_allowed");
    }

    @Test
    void headHasTheGetHeadersAndNoBody() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/health"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-length")).contains("15");
        assertThat(r.body()).isEmpty();
    }

    @Test
    void bodyAndQueryReachTheHandler() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/echo?q=a%20b"))
                .POST(HttpRequest.BodyPublishers.ofString("héllo")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.body()).isEqualTo("héllo a b");
    }

    @Test
    void failingHandlerIs500AndTheServerGoesOn() throws Exception {
        HttpResponse<String> r = get("/boom");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).isEqualTo(
                "{\"error\":{\"code\":\"internal_error\",\"message\":\"IllegalStateException: boom\"}}");
        assertThat(get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void keepAliveServesManyRequestsOnOneConnection() throws Exception {
        try (RawHttp http = new RawHttp(listener.address().getPort())) {
            for (int i = 0; i < 5; i++) {
                http.send(RawHttp.get("/health"));
                RawHttp.Reply reply = http.read();
                assertThat(reply.status()).isEqualTo(200);
                assertThat(reply.headers()).doesNotContainEntry("connection", "close");
            }
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        releaseSlow.countDown();
        try (RawHttp http = new RawHttp(listener.address().getPort())) {
            http.send(RawHttp.get("/slow") + RawHttp.get("/health") + RawHttp.get("/nope"));
            assertThat(http.read().body()).isEqualTo("{\"slow\":true}");
            assertThat(http.read().body()).isEqualTo("{\"status\":\"ok\"}");
            assertThat(http.read().status()).isEqualTo(404);
        }
    }

    @Test
    void bodyArrivingInSeveralPacketsIsAggregated() throws Exception {
        try (RawHttp http = new RawHttp(listener.address().getPort())) {
            http.send("POST /echo?q=split HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n");
            Thread.sleep(100);
            http.send("hel");
            Thread.sleep(100);
            http.send("lo");
            assertThat(http.read().body()).isEqualTo("hello split");
            http.send(RawHttp.get("/health"));
            assertThat(http.read().status()).isEqualTo(200);
        }
    }

    @Test
    void http10WithoutKeepAliveIsClosedAfterTheResponse() throws Exception {
        try (RawHttp http = new RawHttp(listener.address().getPort())) {
            http.send("GET /health HTTP/1.0\r\n\r\n");
            assertThat(http.read().status()).isEqualTo(200);
            assertThat(http.closedByServer()).isTrue();
        }
    }

    @Test
    void malformedRequestIs400AndClosed() throws Exception {
        try (RawHttp http = new RawHttp(listener.address().getPort())) {
            http.send("GET /health HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n");
            RawHttp.Reply reply = http.read();
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.body()).contains("bad_request");
            assertThat(http.closedByServer()).isTrue();
        }
    }

    @Test
    void closeStopsAcceptingButFinishesTheRequestInFlight() throws Exception {
        int port = listener.address().getPort();
        CompletableFuture<HttpResponse<String>> slow = client.sendAsync(
                HttpRequest.newBuilder(uri("/slow")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(slowEntered.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> closing = CompletableFuture.runAsync(listener::close);
        Thread.sleep(300);
        assertThat(closing).isNotDone();
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);

        releaseSlow.countDown();
        HttpResponse<String> r = slow.get(10, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"slow\":true}");
        closing.get(10, TimeUnit.SECONDS);
    }

    @Test
    void idleCloseIsFast() {
        long t0 = System.nanoTime();
        listener.close();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(500));
    }

    @Test
    void bindFailureNamesTheAddress() {
        int taken = listener.address().getPort();
        assertThatThrownBy(() -> HttpListener.start(transport, "127.0.0.1", taken, new Router(), metrics))
                .isInstanceOf(ListenException.class)
                .hasMessageStartingWith("cannot listen for HTTP on 127.0.0.1:" + taken + ": ");
    }
}
