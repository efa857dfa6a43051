package io.nodedb.server.pgwire;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Results sent while the query runs: rows before a late error (proof that nothing was materialized first), portal
 * suspend and resume with pgjdbc's fetch size, cancel of a streaming query, and the server's cursors released
 * (the {@code nodedb_sql_open_streams} gauge on /metrics) after the end, a close, an error and a disconnect.
 */
@Timeout(120)
class PgStreamingTest {
    /** Ten million rows of about 110 bytes: far more than the server could send before the client reads. */
    static final String HUGE = "SELECT n, repeat('x', 100) AS pad FROM generate_series(1, 10000000) n";

    @TempDir
    Path tmp;
    private PgTestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static long heapAfterGc() {
        System.gc();
        return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private long openStreams() throws Exception {
        return (long) server.metric("nodedb_sql_open_streams");
    }

    /** The gauge falls to zero: released work is visible at once, but a disconnect is noticed asynchronously. */
    private void awaitNoOpenStreams() throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (openStreams() != 0) {
            assertThat(System.nanoTime()).as("open streams released").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void fetchSizeSuspendsThePortalAndEveryRowComesOnceInOrder(boolean binary) throws Exception {
        server = PgTestServer.trust(tmp);
        try (Connection c = server.connect("extended", binary)) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, name TEXT)");
                st.execute("INSERT INTO t (id, name) SELECT n, 'n' || n FROM generate_series(1, 20000) n");
            }
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.setFetchSize(333);
                try (ResultSet rs = st.executeQuery("SELECT id, name FROM t")) {
                    long expected = 1;
                    while (rs.next()) {
                        assertThat(rs.getLong(1)).isEqualTo(expected);
                        assertThat(rs.getString(2)).isEqualTo("n" + expected);
                        if (expected == 1) {
                            assertThat(openStreams()).as("the portal holds a live cursor").isEqualTo(1);
                        }
                        expected++;
                    }
                    assertThat(expected - 1).isEqualTo(20000);
                }
                assertThat(openStreams()).isZero();
                try (PreparedStatement ps = c.prepareStatement("SELECT n FROM generate_series(1, ?) n")) {
                    ps.setFetchSize(1000);
                    ps.setLong(1, 250_000);
                    try (ResultSet rs = ps.executeQuery()) {
                        long expected = 1;
                        while (rs.next()) {
                            assertThat(rs.getLong(1)).isEqualTo(expected++);
                        }
                        assertThat(expected - 1).isEqualTo(250_000);
                    }
                }
                // closing a result set early closes its portal, and with it the server's cursor
                try (ResultSet rs = st.executeQuery("SELECT n FROM generate_series(1, 1000000) n")) {
                    for (int i = 0; i < 5000; i++) {
                        assertThat(rs.next()).isTrue();
                    }
                    assertThat(openStreams()).isEqualTo(1);
                }
                st.executeQuery("SELECT 1").close();
                assertThat(openStreams()).isZero();
                // a transaction's end closes the portals opened in it
                ResultSet open = st.executeQuery("SELECT n FROM generate_series(1, 1000000) n");
                assertThat(open.next()).isTrue();
                assertThat(openStreams()).isEqualTo(1);
                c.commit();
                assertThat(openStreams()).isZero();
            }
        }
    }

    private static byte[] parseBindExecute(String sql, int maxRows) {
        java.io.ByteArrayOutputStream parse = new java.io.ByteArrayOutputStream();
        PgRawClient.cstring(parse, "");
        PgRawClient.cstring(parse, sql);
        parse.write(0);
        parse.write(0);
        java.io.ByteArrayOutputStream bind = new java.io.ByteArrayOutputStream();
        PgRawClient.cstring(bind, "");
        PgRawClient.cstring(bind, "");
        bind.writeBytes(new byte[6]);
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        all.writeBytes(PgRawClient.message('P', parse.toByteArray()));
        all.writeBytes(PgRawClient.message('B', bind.toByteArray()));
        all.writeBytes(execute(maxRows));
        return all.toByteArray();
    }

    private static byte[] execute(int maxRows) {
        java.io.ByteArrayOutputStream execute = new java.io.ByteArrayOutputStream();
        PgRawClient.cstring(execute, "");
        PgRawClient.writeInt(execute, maxRows);
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        all.writeBytes(PgRawClient.message('E', execute.toByteArray()));
        all.writeBytes(PgRawClient.message('S', new byte[0]));
        return all.toByteArray();
    }

    /** The message types up to ReadyForQuery, with the status byte of ReadyForQuery last. */
    private static String reply(PgRawClient client) throws IOException {
        StringBuilder b = new StringBuilder();
        while (true) {
            PgRawClient.Message m = client.read();
            if (m.type() == 'E') {
                b.append("E[").append(new String(m.body(), StandardCharsets.UTF_8).replaceAll(".*C(\\w{5}).*",
                        "$1")).append(']');
                continue;
            }
            b.append(m.type());
            if (m.type() == 'Z') {
                return b.append((char) m.body()[0]).toString();
            }
        }
    }

    @Test
    void syncEndingAnImplicitTransactionClosesItsPortalsButNotThoseOfABlock() throws Exception {
        server = PgTestServer.trust(tmp);
        String sql = "SELECT n FROM generate_series(1, 100000) n";
        try (PgRawClient client = new PgRawClient(server.pgPort(), 60_000)) {
            client.startup("nodedb");
            client.send(parseBindExecute(sql, 3));
            assertThat(reply(client)).isEqualTo("12DDDsZI");
            assertThat(openStreams()).as("the Sync of the implicit transaction closed the portal").isZero();
            client.send(execute(3));
            assertThat(reply(client)).isEqualTo("E[34000]ZI");

            assertThat(client.queryFirstValue("BEGIN")).isNull();
            client.send(parseBindExecute(sql, 2));
            assertThat(reply(client)).isEqualTo("12DDsZT");
            assertThat(openStreams()).isEqualTo(1);
            client.send(execute(2));
            assertThat(reply(client)).isEqualTo("DDsZT");
            client.send(execute(0));
            String rest = reply(client);
            assertThat(rest).hasSize(100000 - 4 + 3).startsWith("DDD").endsWith("CZT");
            assertThat(openStreams()).isZero();
            assertThat(client.queryFirstValue("COMMIT")).isNull();
        }
    }

    @Test
    void aDescribedSchemalessSelectStarStreamsAsItsDescribedColumns() throws Exception {
        server = PgTestServer.trust(tmp);
        // binary mode: pgjdbc describes the statement before binding, which fixes its columns
        try (Connection c = server.connect("extended", true)) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE COLLECTION docs");
                st.execute("INSERT INTO docs (id, n, tag) SELECT n, n, 'x' || n FROM generate_series(1, 20000) n");
            }
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM docs WHERE n > ?")) {
                ps.setFetchSize(700);
                ps.setLong(1, 0);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.getMetaData().getColumnCount()).isEqualTo(3);
                    long expected = 1;
                    while (rs.next()) {
                        assertThat(rs.getLong("n")).isEqualTo(expected);
                        assertThat(rs.getString("tag")).isEqualTo("x" + expected);
                        if (expected == 1) {
                            assertThat(openStreams()).as("streamed, not run whole").isEqualTo(1);
                        }
                        expected++;
                    }
                    assertThat(expected - 1).isEqualTo(20000);
                }
            }
            c.commit();
        }
        assertThat(openStreams()).isZero();
    }

    @Test
    void rowsSentBeforeAnErrorInTheMiddleReachTheClientFirst() throws Exception {
        server = PgTestServer.trust(tmp);
        try (PgRawClient client = new PgRawClient(server.pgPort(), 60_000)) {
            client.startup("nodedb");
            client.send(PgRawClient.query("SELECT 1 / (n - 300000) AS q FROM generate_series(1, 400000) n"));
            int rows = 0;
            PgRawClient.Message m;
            assertThat(client.read().type()).isEqualTo('T');
            while ((m = client.read()).type() == 'D') {
                rows++;
            }
            // a materialized result would have failed before its first row
            assertThat(m.type()).isEqualTo('E');
            assertThat(new String(m.body(), StandardCharsets.UTF_8)).contains("C22012");
            assertThat(rows).isGreaterThan(290_000).isLessThan(300_000);
            assertThat(client.read().type()).isEqualTo('Z');
            assertThat(client.queryFirstValue("SELECT 41 + 1")).isEqualTo("42");
        }
        awaitNoOpenStreams();
        try (Connection c = server.connect("extended", false)) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.setFetchSize(100);
                ResultSet rs = st.executeQuery("SELECT 1 / (n - 3000) FROM generate_series(1, 5000) n");
                int seen = 0;
                try {
                    while (rs.next()) {
                        seen++;
                    }
                } catch (SQLException e) {
                    assertThat(e.getSQLState()).isEqualTo("22012");
                }
                assertThat(seen).isGreaterThanOrEqualTo(1000).isLessThan(3000);
                assertThat(openStreams()).isZero();
                c.rollback();
            }
        }
    }

    @Test
    void cancelStopsAQueryWhileItStreams() throws Exception {
        server = PgTestServer.trust(tmp);
        try (PgRawClient client = new PgRawClient(server.pgPort(), 60_000)) {
            client.send(PgRawClient.startupPacket("nodedb"));
            int processId = 0;
            int secret = 0;
            for (PgRawClient.Message m : client.readUntilReady()) {
                if (m.type() == 'K') {
                    DataInputStream d = new DataInputStream(new ByteArrayInputStream(m.body()));
                    processId = d.readInt();
                    secret = d.readInt();
                }
            }
            client.send(PgRawClient.query(HUGE));
            assertThat(client.read().type()).isEqualTo('T');
            assertThat(client.read().type()).isEqualTo('D');
            // the query cannot have finished: ten million rows do not fit in the sockets' buffers
            try (Socket cancel = new Socket("127.0.0.1", server.pgPort())) {
                DataOutputStream out = new DataOutputStream(cancel.getOutputStream());
                out.writeInt(16);
                out.writeInt(80877102);
                out.writeInt(processId);
                out.writeInt(secret);
                out.flush();
                assertThat(cancel.getInputStream().read()).isEqualTo(-1);
            }
            long rows = 1;
            PgRawClient.Message m;
            while ((m = client.read()).type() == 'D') {
                rows++;
            }
            assertThat(m.type()).isEqualTo('E');
            assertThat(new String(m.body(), StandardCharsets.UTF_8)).contains("C57014");
            assertThat(rows).isLessThan(10_000_000);
            assertThat(client.read().type()).isEqualTo('Z');
            assertThat(client.queryFirstValue("SELECT 'still usable'")).isEqualTo("still usable");
        }
        awaitNoOpenStreams();
    }

    @Test
    void aClientThatPausesHoldsNoRowsInTheServerAndOneThatGoesAwayReleasesTheCursor() throws Exception {
        server = PgTestServer.trust(tmp);
        long baseline = heapAfterGc();
        try (PgRawClient client = new PgRawClient(server.pgPort(), 60_000)) {
            client.startup("nodedb");
            // about 1.2 GB of DataRows, and several times that as rows in memory, if it were materialized
            client.send(PgRawClient.query(HUGE));
            assertThat(client.read().type()).isEqualTo('T');
            for (int i = 0; i < 1000; i++) {
                assertThat(client.read().type()).isEqualTo('D');
            }
            assertThat(openStreams()).isEqualTo(1);
            // the server now waits for the client to read: what it holds is a few chunks, not the result
            assertThat(heapAfterGc() - baseline).as("heap held while the client pauses").isLessThan(256L << 20);
        }
        awaitNoOpenStreams();
        // the same with a suspended portal of a transaction left open
        try (Connection c = server.connect()) {
            c.setAutoCommit(false);
            Statement st = c.createStatement();
            st.setFetchSize(10);
            ResultSet rs = st.executeQuery("SELECT n FROM generate_series(1, 1000000) n");
            assertThat(rs.next()).isTrue();
            assertThat(openStreams()).isEqualTo(1);
        }
        awaitNoOpenStreams();
    }

    @Test
    void copyToStdoutStreamsItsRowsAndAnErrorFollowsTheRowsSent() throws Exception {
        server = PgTestServer.trust(tmp);
        try (Connection c = server.connect()) {
            org.postgresql.copy.CopyManager copy = c.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            long n = copy.copyOut("COPY (SELECT n FROM generate_series(1, 300000) n) TO STDOUT", out);
            assertThat(n).isEqualTo(300_000);
            String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
            assertThat(lines).hasSize(300_000);
            assertThat(lines[0]).isEqualTo("1");
            assertThat(lines[299_999]).isEqualTo("300000");
            java.io.ByteArrayOutputStream partial = new java.io.ByteArrayOutputStream();
            assertThatThrownBy(() -> copy.copyOut("COPY (SELECT 1 / (n - 200000) FROM generate_series(1, 300000) n) "
                    + "TO STDOUT", partial)).isInstanceOfSatisfying(SQLException.class,
                            e -> assertThat(e.getSQLState()).isEqualTo("22012"));
            long copied = partial.toString(StandardCharsets.UTF_8).lines().count();
            assertThat(copied).as("rows copied before the error").isGreaterThan(190_000).isLessThan(200_000);
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 5")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(5);
            }
        }
        assertThat(openStreams()).isZero();
    }

    @Test
    void aLargeSimpleQueryResultIsReadWholeAndCountedByItsTag() throws Exception {
        server = PgTestServer.trust(tmp);
        try (PgRawClient client = new PgRawClient(server.pgPort(), 60_000)) {
            client.startup("nodedb");
            client.send(PgRawClient.query("SELECT n FROM generate_series(1, 2000000) n; SELECT 'after'"));
            assertThat(client.read().type()).isEqualTo('T');
            long rows = 0;
            PgRawClient.Message m;
            while ((m = client.read()).type() == 'D') {
                rows++;
            }
            assertThat(rows).isEqualTo(2_000_000);
            assertThat(m.type()).isEqualTo('C');
            assertThat(new String(m.body(), StandardCharsets.UTF_8)).startsWith("SELECT 2000000");
            assertThat(client.read().type()).isEqualTo('T');
            assertThat(client.read().type()).isEqualTo('D');
            assertThat(client.read().type()).isEqualTo('C');
            assertThat(client.read().type()).isEqualTo('Z');
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertThat(openStreams()).isZero();
    }
}
