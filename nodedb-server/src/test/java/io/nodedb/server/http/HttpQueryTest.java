package io.nodedb.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nodedb.server.pgwire.PgTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /query and /query/stream on a real server, in trust and password mode, sharing data with pgwire. */
@Timeout(60)
class HttpQueryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
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

    private HttpResponse<String> post(String path, String body, String authorization) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        if (authorization != null) {
            r.header("Authorization", authorization);
        }
        return client.send(r.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void queryReturnsColumnsRowsAndTheLastStatementsTag() throws Exception {
        server = PgTestServer.trust(tmp);
        HttpResponse<String> r = post("/query", "{\"sql\": \"CREATE TABLE t (id INT PRIMARY KEY, name TEXT, "
                + "score FLOAT); INSERT INTO t (id, name, score) VALUES (1, 'a', 1.5), (2, 'b', NULL)\"}", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"columns\":[],\"rows\":[],\"row_count\":2,\"command\":\"INSERT 0 2\"}");
        r = post("/query", "{\"sql\": \"SELECT id, name, score FROM t WHERE id >= $1 ORDER BY id\", \"params\": [1]}",
                null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(r.body()).isEqualTo("{\"columns\":[{\"name\":\"id\",\"type\":\"bigint\"},{\"name\":\"name\","
                + "\"type\":\"text\"},{\"name\":\"score\",\"type\":\"double\"}],\"rows\":[[1,\"a\",1.5],[2,\"b\",null]],"
                + "\"row_count\":2,\"command\":\"SELECT 2\"}");
        // what HTTP wrote, pgwire reads
        try (Connection c = server.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM t")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(2);
        }
    }

    /** A request's session starts in UTC; a SET TIME ZONE in its body applies to its own later statements. */
    @Test
    void requestsStartInUtcAndMaySetTheirZone() throws Exception {
        server = PgTestServer.trust(tmp);
        HttpResponse<String> r = post("/query", "{\"sql\": \"SELECT TIMESTAMP '2024-03-01 12:00' AS t, "
                + "TIMESTAMP '2024-03-01 12:00'::text AS s\"}", null);
        assertThat(JSON.readTree(r.body()).get("rows").toString())
                .isEqualTo("[[\"2024-03-01T12:00:00Z\",\"2024-03-01 12:00:00+00\"]]");
        r = post("/query", "{\"sql\": \"SET TIME ZONE 'Asia/Tokyo'; SELECT TIMESTAMP '2024-03-01 12:00' AS t, "
                + "TIMESTAMP '2024-03-01 12:00'::text AS s\"}", null);
        assertThat(JSON.readTree(r.body()).get("rows").toString())
                .isEqualTo("[[\"2024-03-01T03:00:00Z\",\"2024-03-01 12:00:00+09\"]]");
    }

    @Test
    void jsonParametersKeepTheirTypes() throws Exception {
        server = PgTestServer.trust(tmp);
        assertThat(post("/query", "{\"sql\": \"CREATE COLLECTION docs\"}", null).statusCode()).isEqualTo(200);
        HttpResponse<String> r = post("/query", "{\"sql\": \"INSERT INTO docs (id, s, b, n, o) VALUES ($1, $2, $3, $4, "
                + "$5)\", \"params\": [7, \"it's\", true, null, {\"k\": [1, 2.5]}]}", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        r = post("/query", "{\"sql\": \"SELECT id + 1 AS next, s, b, n, o FROM docs\"}", null);
        assertThat(JSON.readTree(r.body()).get("rows").toString())
                .isEqualTo("[[8,\"it's\",true,null,{\"k\":[1,2.5]}]]");
        r = post("/query", "{\"sql\": \"SELECT 1\", \"params\": {\"a\": 1}}", null);
        assertThat(r.statusCode()).isEqualTo(400);
    }

    @Test
    void streamAnswersNdjsonHeaderRowsAndTrailer() throws Exception {
        server = PgTestServer.trust(tmp);
        HttpResponse<String> r = post("/query/stream", "{\"sql\": \"SELECT 1 AS a, 'x' AS b UNION ALL SELECT 2, 'y'\"}",
                null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/x-ndjson");
        assertThat(r.body()).isEqualTo("{\"columns\":[{\"name\":\"a\",\"type\":\"bigint\"},{\"name\":\"b\",\"type\":"
                + "\"text\"}]}\n[1,\"x\"]\n[2,\"y\"]\n{\"row_count\":2,\"command\":\"SELECT 2\"}\n");
    }

    @Test
    void errorsCarrySqlStatePositionAndStatus() throws Exception {
        server = PgTestServer.trust(tmp);
        HttpResponse<String> r = post("/query", "{\"sql\": \"SELECT * FROM\"}", null);
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode e = JSON.readTree(r.body()).get("error");
        assertThat(e.get("code").asText()).isEqualTo("42601");
        assertThat(e.get("position").asInt()).isEqualTo(14);
        assertThat(e.get("message").asText()).contains("syntax error");
        r = post("/query", "{\"sql\": \"SELECT * FROM missing\"}", null);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).at("/error/code").asText()).isEqualTo("42P01");
        r = post("/query", "{not json", null);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).at("/error/code").asText()).isEqualTo("22P02");
        r = post("/query", "{\"sql\": 5}", null);
        assertThat(r.statusCode()).isEqualTo(400);
        r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + "/query")).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(405);
    }

    @Test
    void passwordModeChecksBasicCredentialsAgainstTheScramVerifier() throws Exception {
        server = PgTestServer.password(tmp);
        String sql = "{\"sql\": \"SELECT 41 + 1 AS answer\"}";
        HttpResponse<String> r = post("/query", sql, null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("www-authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(post("/query", sql, basic("nodedb", "wrong")).statusCode()).isEqualTo(401);
        assertThat(post("/query", sql, basic("nobody", PgTestServer.PASSWORD)).statusCode()).isEqualTo(401);
        assertThat(post("/query", sql, "Basic !!!").statusCode()).isEqualTo(401);
        r = post("/query", sql, basic("nodedb", PgTestServer.PASSWORD));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).at("/rows/0/0").asInt()).isEqualTo(42);
        assertThat(post("/query/stream", sql, basic("nodedb", PgTestServer.PASSWORD)).statusCode()).isEqualTo(200);
    }
}
