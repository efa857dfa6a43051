package io.nodedb.server.http;

import io.nodedb.server.pgwire.PgTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /query/stream} sends rows while the query runs: a large result read whole, an error after rows,
 * the server's heap while a client holds a huge result half read, and the cursor released when it goes away.
 */
@Timeout(120)
class HttpQueryStreamTest {
    @TempDir
    Path tmp;
    private PgTestServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpRequest stream(String sql) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + "/query/stream"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"sql\": \"" + sql + "\"}")).build();
    }

    private long openStreams() throws Exception {
        return (long) server.metric("nodedb_sql_open_streams");
    }

    @Test
    void aLargeResultArrivesLineByLineInOrderWithItsTrailer() throws Exception {
        server = PgTestServer.trust(tmp);
        HttpResponse<InputStream> r = client.send(stream("SELECT n FROM generate_series(1, 1000000) n"),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/x-ndjson");
        assertThat(r.headers().firstValue("transfer-encoding")).hasValue("chunked");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            assertThat(in.readLine()).isEqualTo("{\"columns\":[{\"name\":\"n\",\"type\":\"bigint\"}]}");
            for (long n = 1; n <= 1_000_000; n++) {
                String line = in.readLine();
                if (!line.equals("[" + n + "]")) {
                    assertThat(line).as("row " + n).isEqualTo("[" + n + "]");
                }
            }
            assertThat(in.readLine()).isEqualTo("{\"row_count\":1000000,\"command\":\"SELECT 1000000\"}");
            assertThat(in.readLine()).isNull();
        }
        assertThat(openStreams()).isZero();
    }

    @Test
    void anHttp10ClientGetsTheBodyUntilTheConnectionCloses() throws Exception {
        server = PgTestServer.trust(tmp);
        byte[] body = "{\"sql\": \"SELECT n FROM generate_series(1, 100000) n\"}".getBytes(StandardCharsets.UTF_8);
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.httpPort())) {
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write(("POST /query/stream HTTP/1.0\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(all).startsWith("HTTP/1.0 200 OK").doesNotContainIgnoringCase("transfer-encoding");
            String[] lines = all.substring(all.indexOf("\r\n\r\n") + 4).split("\n");
            assertThat(lines).hasSize(100_002);
            assertThat(lines[100_000]).isEqualTo("[100000]");
            assertThat(lines[100_001]).isEqualTo("{\"row_count\":100000,\"command\":\"SELECT 100000\"}");
        }
    }

    @Test
    void anErrorInTheMiddleEndsTheBodyWithAnErrorLineAfterTheRows() throws Exception {
        server = PgTestServer.trust(tmp);
        HttpResponse<String> r = client.send(stream("SELECT 1 / (n - 100000) AS q FROM generate_series(1, 200000) n"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        String[] lines = r.body().split("\n");
        assertThat(lines[0]).isEqualTo("{\"columns\":[{\"name\":\"q\",\"type\":\"bigint\"}]}");
        assertThat(lines[1]).isEqualTo("[0]");
        assertThat(lines.length - 2).as("rows before the error").isGreaterThan(90_000).isLessThan(100_000);
        assertThat(lines[lines.length - 1]).isEqualTo("{\"error\":{\"code\":\"22012\",\"message\":\"division by zero\"}}");
        assertThat(openStreams()).isZero();
        // an error before the first row is still an ordinary error response
        HttpResponse<String> early = client.send(stream("SELECT * FROM missing"), HttpResponse.BodyHandlers.ofString());
        assertThat(early.statusCode()).isEqualTo(400);
        assertThat(early.body()).contains("\"code\":\"42P01\"");
    }

    @Test
    void aHalfReadHugeResultHoldsNoRowsInTheServerAndIsReleasedWhenTheClientLeaves() throws Exception {
        server = PgTestServer.trust(tmp);
        long baseline = heapAfterGc();
        // about 2.5 GB of NDJSON if it were built whole: more than this JVM's heap
        HttpResponse<InputStream> r = client.send(stream("SELECT n, repeat('x', 240) AS pad FROM "
                + "generate_series(1, 10000000) n"), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        InputStream body = r.body();
        BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        assertThat(in.readLine()).startsWith("{\"columns\":");
        for (int n = 1; n <= 10_000; n++) {
            assertThat(in.readLine()).startsWith("[" + n + ",");
        }
        assertThat(openStreams()).as("the query is still producing").isEqualTo(1);
        long held = heapAfterGc() - baseline;
        assertThat(held).as("heap held while the client pauses").isLessThan(256L << 20);
        body.close();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (openStreams() != 0) {
            assertThat(System.nanoTime()).as("cursor released after the client left").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
