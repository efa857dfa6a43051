package io.nodedb.server.pgwire;

import io.nodedb.core.testing.NoLeakedFiles;
import io.nodedb.server.NodeDbServer;
import io.nodedb.server.config.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.util.PSQLException;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** pgwire as the real PostgreSQL JDBC driver uses it: simple and extended protocol, text and binary values. */
@ExtendWith(NoLeakedFiles.class)
class PgWireJdbcTest {
    @TempDir
    Path tmp;
    private NodeDbServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void start(ServerConfig.Auth auth) throws Exception {
        ServerConfig d = ServerConfig.defaults(tmp);
        server = NodeDbServer.start(new ServerConfig("127.0.0.1",
                new ServerConfig.Ports(freePort(), 6433, freePort(), OptionalInt.empty(), OptionalInt.empty(), 9090),
                tmp.resolve("data"), d.fsyncPolicy(), d.fsyncInterval(), d.checkpointInterval(), 64L << 20, auth,
                Optional.empty()));
    }

    private Connection connect(String mode, String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) {
            p.setProperty("password", password);
        }
        p.setProperty("preferQueryMode", mode);
        p.setProperty("prepareThreshold", "1"); // server-prepared (and binary) from the first execution
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.pgwireAddress().getPort()
                + "/nodedb", p);
    }

    @ParameterizedTest
    @ValueSource(strings = {"extended", "simple", "extendedForPrepared"})
    void typedValuesRoundTripInEveryQueryMode(String mode) throws Exception {
        start(ServerConfig.Auth.DEFAULTS);
        UUID ref = UUID.fromString("01890a5d-ac96-774b-bcce-b302099a8057");
        Instant when = Instant.parse("2026-01-02T03:04:05.123456Z");
        try (Connection c = connect(mode, "nodedb", null); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, name TEXT, score DOUBLE, amount DECIMAL, "
                    + "ok BOOL, seen TIMESTAMP, ref UUID, data BYTEA)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 1; i <= 3; i++) {
                    ps.setLong(1, i);
                    ps.setString(2, "name-" + i + "-ü");
                    ps.setDouble(3, i * 1.5);
                    ps.setBigDecimal(4, new BigDecimal("12.50").multiply(BigDecimal.valueOf(i)));
                    ps.setBoolean(5, i % 2 == 0);
                    ps.setTimestamp(6, Timestamp.from(when));
                    ps.setObject(7, ref);
                    ps.setBytes(8, new byte[] {1, 2, (byte) i});
                    assertThat(ps.executeUpdate()).isEqualTo(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, name, score, amount, ok, seen, ref, data FROM t WHERE id >= ? ORDER BY id")) {
                ps.setLong(1, 2);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong(1)).isEqualTo(2);
                    assertThat(rs.getString(2)).isEqualTo("name-2-ü");
                    assertThat(rs.getDouble(3)).isEqualTo(3.0);
                    assertThat(rs.getBigDecimal(4)).isEqualByComparingTo("25.00");
                    assertThat(rs.getBoolean(5)).isTrue();
                    assertThat(rs.getTimestamp(6).toInstant()).isEqualTo(when);
                    assertThat(rs.getObject(7)).isEqualTo(ref);
                    assertThat(rs.getBytes(8)).containsExactly(1, 2, 2);
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong(1)).isEqualTo(3);
                    assertThat(rs.next()).isFalse();
                }
            }
        }
    }

    @Test
    void transactionsCommitAndRollBack() throws Exception {
        start(ServerConfig.Auth.DEFAULTS);
        try (Connection c = connect("extended", "nodedb", null); Statement st = c.createStatement()) {
            st.execute("CREATE COLLECTION kv");
            c.setAutoCommit(false);
            st.execute("INSERT INTO kv (id, v) VALUES ('a', 1)");
            c.rollback();
            st.execute("INSERT INTO kv (id, v) VALUES ('b', 2)");
            c.commit();
            c.setAutoCommit(true);
            try (ResultSet rs = st.executeQuery("SELECT id FROM kv ORDER BY id")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("b");
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void errorsCarrySqlStateAndPositionAndTheConnectionSurvives() throws Exception {
        start(ServerConfig.Auth.DEFAULTS);
        try (Connection c = connect("extended", "nodedb", null); Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.executeQuery("SELECT * FROM missing_table"))
                    .isInstanceOfSatisfying(PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42P01"));
            assertThatThrownBy(() -> st.executeQuery("SELECT 1 +"))
                    .isInstanceOfSatisfying(PSQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("42601");
                        assertThat(e.getServerErrorMessage().getPosition()).isEqualTo(11);
                    });
            try (ResultSet rs = st.executeQuery("SELECT 40 + 2")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(42);
            }
        }
    }

    @Test
    void passwordModeRunsScramAndRejectsAWrongPassword() throws Exception {
        start(new ServerConfig.Auth(true, "admin", Optional.of("s3cret")));
        try (Connection c = connect("extended", "admin", "s3cret"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_user")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("admin");
        }
        assertThatThrownBy(() -> connect("extended", "admin", "wrong").close())
                .isInstanceOfSatisfying(PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
        assertThatThrownBy(() -> connect("extended", "nobody", "s3cret").close())
                .isInstanceOfSatisfying(PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
    }
}
