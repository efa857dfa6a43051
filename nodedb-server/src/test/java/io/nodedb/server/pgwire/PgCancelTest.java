package io.nodedb.server.pgwire;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** pgjdbc's Statement.cancel() sends a CancelRequest on a new connection; the running query must stop with 57014. */
@Timeout(120)
class PgCancelTest {
    /** Counts to ten million one row at a time: many seconds unless cancelled. */
    // Each step joins a thousand rows, so the recursion's limit of a million steps is minutes away: only the
    // cancel can end it within the test (a cheap step reached the limit before the cancel on a fast run).
    static final String LONG_QUERY = "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c "
            + "CROSS JOIN generate_series(1, 1000) g WHERE n < 10000000 AND g = 1) SELECT count(*) FROM c";

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"simple", "extended"})
    void cancelStopsTheRunningQueryAndTheConnectionStaysUsable(String mode) throws Exception {
        try (PgTestServer server = PgTestServer.password(tmp); Connection c = server.connect(mode, false)) {
            Statement st = c.createStatement();
            CompletableFuture<Void> canceller = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(500);
                    st.cancel();
                } catch (InterruptedException | SQLException e) {
                    throw new RuntimeException(e);
                }
            });
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> st.executeQuery(LONG_QUERY)).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("57014"));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            canceller.get(10, TimeUnit.SECONDS);
            assertThat(ms).as("the query stopped soon after the cancel").isLessThan(20_000);
            try (ResultSet rs = st.executeQuery("SELECT 1 + 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
            st.close();
        }
    }

    @Test
    void aCancelWithTheWrongSecretIsIgnored() throws Exception {
        try (PgTestServer server = PgTestServer.trust(tmp); Connection c = server.connect()) {
            // a raw CancelRequest for process 1 with a secret that is almost certainly wrong
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.pgPort())) {
                java.io.DataOutputStream out = new java.io.DataOutputStream(s.getOutputStream());
                out.writeInt(16);
                out.writeInt(80877102);
                out.writeInt(1);
                out.writeInt(0x5eed);
                out.flush();
                assertThat(s.getInputStream().read()).isEqualTo(-1);
            }
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 7")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(7);
            }
        }
    }
}
