package io.nodedb.server.pgwire;

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
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Accounts made with CREATE USER log in over pgwire (SCRAM) and HTTP (Basic) in password mode, from then on. */
@Timeout(60)
class PgUserLoginTest {
    @TempDir
    Path tmp;

    private static Connection login(PgTestServer server, String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.pgPort() + "/nodedb", p);
    }

    private static int httpStatus(PgTestServer server, String user, String password) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + "/query"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"sql\": \"SELECT 1\"}"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                        .getBytes(StandardCharsets.UTF_8))).build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    @Test
    void createdUsersLogInAndDroppedOnesNoLonger() throws Exception {
        try (PgTestServer server = PgTestServer.password(tmp)) {
            assertThatThrownBy(() -> login(server, "alice", "wonderland").close())
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
            try (Connection admin = server.connect(); Statement st = admin.createStatement()) {
                st.execute("CREATE USER alice WITH PASSWORD 'wonderland'");
            }
            try (Connection alice = login(server, "alice", "wonderland"); Statement st = alice.createStatement();
                 ResultSet rs = st.executeQuery("SELECT 6 * 7")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
            assertThatThrownBy(() -> login(server, "alice", "wrong").close())
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
            assertThat(httpStatus(server, "alice", "wonderland")).isEqualTo(200);
            assertThat(httpStatus(server, "alice", "wrong")).isEqualTo(401);
            try (Connection admin = server.connect(); Statement st = admin.createStatement()) {
                st.execute("DROP USER alice");
            }
            assertThatThrownBy(() -> login(server, "alice", "wonderland").close())
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
            assertThat(httpStatus(server, "alice", "wonderland")).isEqualTo(401);
        }
    }
}
