package io.nodedb.server.pgwire;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Short writes that run on the I/O thread when nothing else runs (see {@code PgServerContext#beginWriteOnIo}):
 * they commit durably, fail cleanly, respect transaction blocks, and mix with writes on virtual threads when
 * many connections write at once.
 */
class PgShortWriteTest {
    @TempDir
    Path tmp;
    private PgTestServer server;

    @BeforeEach
    void start() throws Exception {
        server = PgTestServer.password(tmp);
        try (Connection c = server.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, name TEXT)");
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private long writesOnIo() throws Exception {
        return (long) server.metric("nodedb_pgwire_writes_on_io_total");
    }

    private static long count(Connection c, String where) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM t " + where)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aLoneConnectionsInsertsRunOnIoAndCommit() throws Exception {
        long before = writesOnIo();
        try (Connection c = server.connect("extended", true);
                PreparedStatement insert = c.prepareStatement("INSERT INTO t (id, name) VALUES (?, ?)")) {
            for (int i = 0; i < 200; i++) {
                insert.setLong(1, i);
                insert.setString(2, "n" + i);
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }
            assertThat(count(c, "")).isEqualTo(200);
        }
        // The first executions of a pgjdbc statement are not named prepared ones, and a checkpoint may be writing;
        // most inserts of a lone connection still take the I/O path.
        assertThat(writesOnIo() - before).isGreaterThan(100);
    }

    /**
     * libpq (here pgbench) in each query mode: with -M prepared it describes the portal before each Execute, with
     * -M extended it parses an unnamed statement for every INSERT, with -M simple it sends the INSERT's text as a
     * query. In each the insert must take the I/O path and commit.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"prepared", "extended", "simple"})
    void libpqInsertsRunOnIoInEveryQueryMode(String mode) throws Exception {
        java.nio.file.Path pgbench = java.nio.file.Path.of("/usr/bin/pgbench");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(pgbench),
                "pgbench is not installed (.ci/run installs postgresql-client)");
        java.nio.file.Path script = java.nio.file.Files.writeString(tmp.resolve("insert.sql"),
                "INSERT INTO t (id, name) VALUES (:client_id * 1000 + :i, 'pgbench');\n\\set i :i + 1\n");
        long before = writesOnIo();
        ProcessBuilder pb = new ProcessBuilder(pgbench.toString(), "-n", "-h", "127.0.0.1", "-p",
                Integer.toString(server.pgPort()), "-U", "nodedb", "-c", "1", "-t", "200", "-M", mode,
                "-D", "i=0", "-f", script.toString(), "nodedb").redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", PgTestServer.PASSWORD);
        Process proc = pb.start();
        String output = new String(proc.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(proc.waitFor()).as(output).isZero();
        try (Connection c = server.connect()) {
            assertThat(count(c, "WHERE name = 'pgbench'")).as(output).isEqualTo(200);
            assertThat(count(c, "WHERE id >= 0 AND id < 200")).as(output).isEqualTo(200);
        }
        assertThat(writesOnIo() - before).as(output).isGreaterThan(100);
    }

    /**
     * A simple-query INSERT planned on the I/O thread answers as the ordinary path does: its count, RETURNING
     * rows, errors (which leave nothing behind), and text that only looks like a short INSERT (several statements,
     * a syntax error, an unknown table, INSERT ... SELECT) still runs or fails as it should.
     */
    @Test
    void simpleQueryInsertsRunOnIoAndAnswerAsTheOrdinaryPath() throws Exception {
        long before = writesOnIo();
        try (Connection c = server.connect("simple", false); Statement st = c.createStatement()) {
            for (int i = 0; i < 200; i++) {
                assertThat(st.executeUpdate("INSERT INTO t (id, name) VALUES (" + i + ", 'n" + i + "')"))
                        .isEqualTo(1);
            }
            assertThat(writesOnIo() - before).isGreaterThan(100);
            assertThat(count(c, "")).isEqualTo(200);
            assertThat(PgTestServer.rowsAsText(c, "  insert into t (id, name) values (1000, 'r') RETURNING id, name"))
                    .isEqualTo("1000|r\n");

            assertThatThrownBy(() -> st.executeUpdate("INSERT INTO t (id, name) VALUES (5, 'dup')"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23505"));
            assertThatThrownBy(() -> st.executeUpdate("INSERT INTO t (id, name) VALUES (2000, 'x'), (6, 'dup')"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23505"));
            assertThat(count(c, "WHERE id = 2000")).as("no partial effect").isZero();
            assertThatThrownBy(() -> st.executeUpdate("INSERT INTO t (id, name) VALUES (7,"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42601"));
            assertThatThrownBy(() -> st.executeUpdate("INSERT INTO nope (id) VALUES (1)"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42P01"));

            st.execute("INSERT INTO t (id, name) VALUES (3000, 'a'); INSERT INTO t (id, name) VALUES (3001, 'b')");
            assertThat(count(c, "WHERE id >= 3000 AND id < 3002")).isEqualTo(2);
            assertThat(st.executeUpdate("INSERT INTO t (id, name) SELECT id + 4000, name FROM t WHERE id < 10"))
                    .isEqualTo(10);
            assertThat(count(c, "")).isEqualTo(200 + 1 + 2 + 10);
        }
    }

    /** In a transaction block a simple-query INSERT on the I/O thread is part of the block: rollback, 25P02. */
    @Test
    void simpleQueryInsertsInATransactionBlockRollBackAndFail() throws Exception {
        try (Connection c = server.connect("simple", false); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            for (int i = 0; i < 20; i++) {
                st.executeUpdate("INSERT INTO t (id, name) VALUES (" + i + ", 'x')");
            }
            assertThat(count(c, "")).as("the transaction sees its writes").isEqualTo(20);
            c.rollback();
            assertThat(count(c, "")).isZero();

            st.executeUpdate("INSERT INTO t (id, name) VALUES (1, 'x')");
            assertThatThrownBy(() -> st.executeUpdate("INSERT INTO t (id, name) VALUES (1, 'again')"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23505"));
            assertThatThrownBy(() -> st.executeUpdate("INSERT INTO t (id, name) VALUES (2, 'x')"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("25P02"));
            c.rollback();
            c.setAutoCommit(true);
            assertThat(count(c, "")).isZero();
        }
    }

    /**
     * Messages of one connection stay in order when some run on the I/O thread and some on the virtual thread:
     * INSERTs (simple queries, and Parse/Bind/Execute/Sync of an unnamed statement) pipelined in one write with
     * queries that count what the INSERTs before them wrote. A count that ran ahead of or behind its INSERTs
     * shows here.
     */
    @Test
    void pipelinedInsertsAndQueriesStayInOrder() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createDirectories(tmp.resolve("trust"));
        try (PgTestServer trust = PgTestServer.trust(dir);
                PgRawClient raw = new PgRawClient(trust.pgPort(), 30_000)) {
            raw.startup("nodedb");
            assertThat(raw.queryFirstValue("CREATE TABLE p (id BIGINT PRIMARY KEY, name TEXT)")).isNull();
            int rounds = 60;
            // The I/O path is taken only when the connection's virtual thread has finished its last task, which
            // may lag behind its reply: a batch that finds it still busy runs wholly on it, in order too. So the
            // batch is sent again (after the counts of the last one were checked) until some of it ran on I/O.
            double onIo = 0;
            for (int attempt = 0; attempt < 10 && onIo == 0; attempt++) {
                Thread.sleep(20);
                double before = trust.metric("nodedb_pgwire_writes_on_io_total");
                int base = attempt * rounds;
                java.io.ByteArrayOutputStream batch = new java.io.ByteArrayOutputStream();
                for (int i = base; i < base + rounds; i++) {
                    if (i % 2 == 0) {
                        batch.writeBytes(PgRawClient.query("INSERT INTO p (id, name) VALUES (" + i + ", 'q')"));
                    } else {
                        java.io.ByteArrayOutputStream parse = new java.io.ByteArrayOutputStream();
                        PgRawClient.cstring(parse, "");
                        PgRawClient.cstring(parse, "INSERT INTO p (id, name) VALUES (" + i + ", 'e')");
                        parse.writeBytes(new byte[] {0, 0});
                        batch.writeBytes(PgRawClient.message('P', parse.toByteArray()));
                        batch.writeBytes(PgRawClient.message('B', new byte[] {0, 0, 0, 0, 0, 0, 0, 0}));
                        batch.writeBytes(PgRawClient.message('E', new byte[] {0, 0, 0, 0, 0}));
                        batch.writeBytes(PgRawClient.message('S', new byte[0]));
                    }
                    batch.writeBytes(PgRawClient.query("SELECT count(*) FROM p"));
                }
                raw.send(batch.toByteArray());
                for (int i = base; i < base + rounds; i++) {
                    for (PgRawClient.Message m : raw.readUntilReady()) {
                        assertThat(m.type()).as("reply to insert %d", i).isNotEqualTo('E');
                    }
                    List<PgRawClient.Message> counted = raw.readUntilReady();
                    PgRawClient.Message row = counted.stream().filter(m -> m.type() == 'D').findFirst().orElseThrow();
                    // DataRow: int16 column count, int32 length, the text
                    String value = new String(row.body(), 6, row.body().length - 6,
                            java.nio.charset.StandardCharsets.UTF_8);
                    assertThat(value).as("count after insert %d", i).isEqualTo(Integer.toString(i + 1));
                }
                onIo = trust.metric("nodedb_pgwire_writes_on_io_total") - before;
            }
            assertThat(onIo).as("some inserts ran on the I/O thread").isGreaterThan(0);
        }
    }

    @Test
    void anErrorOnIoLeavesNothingAndTheConnectionWorks() throws Exception {
        try (Connection c = server.connect();
                PreparedStatement insert = c.prepareStatement("INSERT INTO t (id, name) VALUES (?, ?), (?, ?)")) {
            for (int i = 0; i < 10; i++) {
                insert.setLong(1, 2 * i);
                insert.setString(2, "a");
                insert.setLong(3, 2 * i + 1);
                insert.setString(4, "b");
                insert.executeUpdate();
            }
            insert.setLong(1, 100);
            insert.setString(2, "new");
            insert.setLong(3, 5);
            insert.setString(4, "duplicate");
            assertThatThrownBy(insert::executeUpdate).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("23505"));
            assertThat(count(c, "WHERE id = 100")).as("no partial effect").isZero();
            assertThat(count(c, "")).isEqualTo(20);
        }
    }

    @Test
    void insertsInATransactionBlockOnIoRollBack() throws Exception {
        try (Connection c = server.connect();
                PreparedStatement insert = c.prepareStatement("INSERT INTO t (id, name) VALUES (?, 'x')")) {
            c.setAutoCommit(false);
            for (int i = 0; i < 50; i++) {
                insert.setLong(1, i);
                insert.executeUpdate();
            }
            assertThat(count(c, "")).as("the transaction sees its writes").isEqualTo(50);
            c.rollback();
            c.setAutoCommit(true);
            assertThat(count(c, "")).isZero();
        }
    }

    /** What one client does with its connection's prepared INSERT. */
    private interface Client {
        void run(int client, PreparedStatement insert) throws Exception;
    }

    /** Runs {@code body} for each of {@code connections} clients at once, each on a connection of its own. */
    private void onConnections(int connections, Client body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int k = 0; k < connections; k++) {
                int client = k;
                done.add(pool.submit(() -> {
                    try (Connection c = server.connect();
                            PreparedStatement insert = c.prepareStatement("INSERT INTO t (id, name) VALUES (?, ?)")) {
                        body.run(client, insert);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void manyConnectionsWritingAtOnceLoseNothing() throws Exception {
        int connections = 8;
        int each = 300;
        onConnections(connections, (client, insert) -> {
            for (int i = 0; i < each; i++) {
                insert.setLong(1, (long) client * each + i);
                insert.setString(2, "c" + client);
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }
        });
        try (Connection c = server.connect()) {
            assertThat(count(c, "")).isEqualTo((long) connections * each);
            for (int k = 0; k < connections; k++) {
                assertThat(count(c, "WHERE name = 'c" + k + "'")).isEqualTo(each);
            }
        }
    }

    @Test
    void connectionsRacingToInsertOneKeyGetOneSuccessAndDuplicateErrors() throws Exception {
        int connections = 4;
        int keys = 100;
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(connections);
        java.util.concurrent.ConcurrentHashMap<Long, Integer> winners = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicInteger duplicates = new java.util.concurrent.atomic.AtomicInteger();
        onConnections(connections, (client, insert) -> {
            for (long key = 0; key < keys; key++) {
                start.await(10, java.util.concurrent.TimeUnit.SECONDS);
                insert.setLong(1, key);
                insert.setString(2, "c" + client);
                try {
                    assertThat(insert.executeUpdate()).isEqualTo(1);
                    assertThat(winners.putIfAbsent(key, client)).as("second success for %d", key).isNull();
                } catch (SQLException e) {
                    assertThat(e.getSQLState()).isEqualTo("23505");
                    duplicates.incrementAndGet();
                }
            }
        });
        assertThat(winners).hasSize(keys);
        assertThat(duplicates.get()).isEqualTo(keys * (connections - 1));
        try (Connection c = server.connect()) {
            assertThat(count(c, "")).isEqualTo(keys);
            for (var w : winners.entrySet()) {
                assertThat(count(c, "WHERE id = " + w.getKey() + " AND name = 'c" + w.getValue() + "'")).isEqualTo(1);
            }
        }
    }
}
