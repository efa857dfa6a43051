package io.nodedb.sql;

import io.nodedb.core.db.Database;
import io.nodedb.core.db.DatabaseOptions;
import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.value.Value;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Row streams: lazy rows, snapshot lifetime, release on every path, errors and cancel in the middle. */
class RowStreamTest {
    private static long intOf(Value[] row) {
        return ((Value.Int) row[0]).value();
    }

    @Test
    void aLargeSeriesIsFetchedInPiecesInOrderAndReleasedAtItsEnd() {
        try (Database db = Database.open(DatabaseOptions.inMemory())) {
            SqlEngine engine = new SqlEngine(db);
            Session s = engine.newSession();
            try (RowStream rows = s.stream("SELECT n FROM generate_series(1, 3000000) n", List.of())) {
                assertThat(rows.firstRows()).hasSize(RowStream.LOOKAHEAD);
                assertThat(rows.buffered()).isFalse();
                assertThat(engine.openStreams()).isEqualTo(1);
                long[] expected = {1};
                long n = rows.fetch(5000, r -> assertThat(intOf(r)).isEqualTo(expected[0]++));
                assertThat(n).isEqualTo(5000);
                assertThat(rows.done()).isFalse();
                n = rows.fetch(0, r -> assertThat(intOf(r)).isEqualTo(expected[0]++));
                assertThat(n).isEqualTo(3000000 - 5000);
                assertThat(rows.done()).isTrue();
                assertThat(rows.tag()).isEqualTo("SELECT 3000000");
                assertThat(engine.openStreams()).as("released when the last row was read").isZero();
            }
            assertThat(s.openStreams()).isZero();
        }
    }

    @Test
    void aStreamKeepsReadingItsSnapshotWhileOthersWrite() {
        try (Database db = Database.open(DatabaseOptions.inMemory())) {
            SqlEngine engine = new SqlEngine(db);
            Session s = engine.newSession();
            s.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, v TEXT)");
            s.execute("INSERT INTO t (id, v) SELECT n, 'x' FROM generate_series(1, 5000) n");
            RowStream rows = s.stream("SELECT id FROM t", List.of());
            Session other = engine.newSession();
            other.execute("INSERT INTO t (id, v) SELECT n, 'y' FROM generate_series(5001, 6000) n");
            other.execute("DELETE FROM t WHERE id <= 10");
            // the same session may run other statements while its stream is open
            assertThat(s.execute("SELECT count(*) FROM t").getFirst().rows().getFirst()[0]).isEqualTo(Value.of(5990));
            List<Value[]> all = rows.fetchAll();
            assertThat(all).hasSize(5000);
            assertThat(intOf(all.getFirst())).isEqualTo(1);
            assertThat(engine.openStreams()).isZero();
            rows.close();
            rows.close();
            assertThat(engine.openStreams()).isZero();
        }
    }

    @Test
    void insideATransactionAStreamSeesItsWritesAsTheyWereAndItsEndClosesTheStream() {
        try (Database db = Database.open(DatabaseOptions.inMemory())) {
            SqlEngine engine = new SqlEngine(db);
            Session s = engine.newSession();
            s.execute("CREATE TABLE t (id BIGINT PRIMARY KEY)");
            s.execute("CREATE TABLE u (id BIGINT PRIMARY KEY)");
            s.execute("INSERT INTO t (id) SELECT n FROM generate_series(1, 3000) n");
            s.execute("BEGIN");
            s.execute("SAVEPOINT a");
            s.execute("INSERT INTO t (id) VALUES (100000)");
            RowStream rows = s.stream("SELECT id FROM t", List.of());
            // writes after the stream opened, in the same transaction: neither seen by it nor disturbing it
            s.execute("INSERT INTO t (id) SELECT n FROM generate_series(200000, 203000) n");
            s.execute("ROLLBACK TO SAVEPOINT a");
            s.execute("INSERT INTO t (id) VALUES (100001)");
            List<Long> ids = rows.fetchAll().stream().map(RowStreamTest::intOf).toList();
            assertThat(ids).hasSize(3001).contains(100000L).doesNotContain(100001L, 200000L);
            assertThat(s.execute("SELECT count(*) FROM t").getFirst().rows().getFirst()[0])
                    .as("the transaction itself sees its own state").isEqualTo(Value.of(3001));

            // a lookup per row reads the transaction's writes lazily, still as they were when the stream opened
            s.execute("INSERT INTO u (id) VALUES (1)");
            RowStream lazy = s.stream("SELECT n, (SELECT count(*) FROM u WHERE u.id = n) AS c "
                    + "FROM generate_series(1, 3000) n", List.of());
            s.execute("INSERT INTO u (id) SELECT n FROM generate_series(2500, 2599) n");
            List<Value[]> counts = lazy.fetchAll();
            assertThat(counts).hasSize(3000);
            assertThat(counts.stream().filter(r -> !r[1].equals(Value.of(0))).map(RowStreamTest::intOf))
                    .containsExactly(1L);

            RowStream open = s.stream("SELECT id FROM t", List.of());
            List<Value[]> got = new ArrayList<>();
            open.fetch(2000, got::add);
            assertThat(engine.openStreams()).isEqualTo(1);
            s.execute("COMMIT");
            assertThat(engine.openStreams()).as("COMMIT closed the transaction's stream").isZero();
            assertThatThrownBy(() -> open.fetch(0, got::add)).isInstanceOfSatisfying(NodeDbException.class,
                    e -> assertThat(e.state().code()).isEqualTo("34000"));
            assertThat(s.stream("SELECT id FROM t", List.of()).fetchAll()).hasSize(3001);
        }
    }

    @Test
    void anErrorInTheMiddleComesAfterTheRowsBeforeItAndReleasesTheStream() {
        try (Database db = Database.open(DatabaseOptions.inMemory())) {
            SqlEngine engine = new SqlEngine(db);
            Session s = engine.newSession();
            s.execute("BEGIN");
            RowStream rows = s.stream("SELECT 1 / (n - 5000) FROM generate_series(1, 10000) n", List.of());
            List<Value[]> got = new ArrayList<>();
            assertThatThrownBy(() -> rows.fetch(0, got::add)).isInstanceOfSatisfying(NodeDbException.class,
                    e -> assertThat(e.state().code()).isEqualTo("22012"));
            assertThat(got.size()).isGreaterThanOrEqualTo(RowStream.LOOKAHEAD).isLessThan(5000);
            assertThat(engine.openStreams()).isZero();
            assertThat(s.inFailedTransaction()).isTrue();
            s.execute("ROLLBACK");
        }
    }

    @Test
    void cancelStopsAFetchAndCloseReleasesAnUnreadStream() {
        try (Database db = Database.open(DatabaseOptions.inMemory())) {
            SqlEngine engine = new SqlEngine(db);
            Session s = engine.newSession();
            RowStream rows = s.stream("SELECT n FROM generate_series(1, 1000000) n", List.of());
            long[] seen = {0};
            assertThatThrownBy(() -> rows.fetch(0, r -> {
                if (++seen[0] == 10_000) {
                    s.cancel();
                }
            })).isInstanceOfSatisfying(NodeDbException.class, e -> assertThat(e.state().code()).isEqualTo("57014"));
            assertThat(engine.openStreams()).isZero();
            // a cancel while no fetch runs is ignored, as PostgreSQL ignores one between statements
            RowStream next = s.stream("SELECT n FROM generate_series(1, 100000) n", List.of());
            s.cancel();
            assertThat(next.fetchAll()).hasSize(100000);
            RowStream unread = s.stream("SELECT n FROM generate_series(1, 100000) n", List.of());
            assertThat(engine.openStreams()).isEqualTo(1);
            s.close();
            assertThat(engine.openStreams()).as("closing the session closed its stream").isZero();
            assertThat(unread.done()).isTrue();
        }
    }

    @Test
    void aSchemalessSelectStarStreamsOnlyWhenItsColumnsAreGiven() {
        try (Database db = Database.open(DatabaseOptions.inMemory())) {
            SqlEngine engine = new SqlEngine(db);
            Session s = engine.newSession();
            s.execute("CREATE COLLECTION docs");
            s.execute("INSERT INTO docs (id, n, tag) SELECT n, n, 'x' || n FROM generate_series(1, 5000) n");
            s.execute("INSERT INTO docs { id: 9999, n: 9999, extra: true }");
            PreparedStatement all = s.prepare("SELECT * FROM docs WHERE n > $1");
            try (RowStream own = all.stream(List.of(Value.of(0)))) {
                assertThat(own.buffered()).as("its own columns need every row").isTrue();
                assertThat(own.columns()).extracting(ColumnInfo::name).containsExactly("id", "n", "tag", "extra");
            }
            List<ColumnInfo> shape = List.of(new ColumnInfo("tag", io.nodedb.core.value.ValueType.TEXT),
                    new ColumnInfo("missing", io.nodedb.core.value.ValueType.TEXT),
                    new ColumnInfo("n", io.nodedb.core.value.ValueType.BIGINT));
            try (RowStream shaped = all.stream(List.of(Value.of(0)), shape)) {
                assertThat(shaped.buffered()).isFalse();
                assertThat(shaped.columns()).isEqualTo(shape);
                List<Value[]> rows = shaped.fetchAll();
                assertThat(rows).hasSize(5001);
                assertThat(rows.getFirst()).containsExactly(Value.of("x1"), Value.NULL, Value.of(1));
                assertThat(rows.getLast()).containsExactly(Value.NULL, Value.NULL, Value.of(9999));
                // the same rows as the materialized result laid out by name
                StatementResult whole = all.execute(Value.of(0));
                assertThat(whole.rows()).hasSize(5001);
            }
            assertThat(engine.openStreams()).isZero();
        }
    }

    @Test
    void describingAParameterlessSchemalessQueryGivesTheColumnsOfItsWholeResult() {
        try (Database db = Database.open(DatabaseOptions.inMemory())) {
            Session s = new SqlEngine(db).newSession();
            s.execute("CREATE COLLECTION docs");
            s.execute("INSERT INTO docs (id, n, tag) SELECT n, n, 'x' || n FROM generate_series(1, 3000) n");
            s.execute("INSERT INTO docs { id: 5000, n: 'five thousand', late: 1.5 }");
            s.execute("INSERT INTO docs { id: 5001, empty: null }");
            for (String sql : List.of("SELECT * FROM docs", "SELECT * FROM docs WHERE id > 2990",
                    "SELECT *, 1 AS one FROM docs WHERE id < 10")) {
                PreparedStatement p = s.prepare(sql);
                assertThat(p.describe()).as(sql).isEqualTo(p.execute().columns());
            }
            assertThat(s.prepare("SELECT * FROM docs").describe()).extracting(ColumnInfo::name)
                    .containsExactly("id", "n", "tag", "late", "empty");
        }
    }

    @Test
    void statementsWithSideEffectsRunToCompletionFirst() {
        try (Database db = Database.open(DatabaseOptions.inMemory())) {
            SqlEngine engine = new SqlEngine(db);
            Session s = engine.newSession();
            s.execute("CREATE TABLE t (id BIGINT PRIMARY KEY)");
            List<String> tags = new ArrayList<>();
            List<Boolean> buffered = new ArrayList<>();
            s.stream("INSERT INTO t (id) SELECT n FROM generate_series(1, 3000) n RETURNING id; SELECT id FROM t; "
                    + "SELECT id FROM t LIMIT 2", List.of(), r -> {
                        buffered.add(r.buffered());
                        r.fetchAll();
                        tags.add(r.tag());
                    });
            assertThat(tags).containsExactly("INSERT 0 3000", "SELECT 3000", "SELECT 2");
            assertThat(buffered).containsExactly(true, false, true);
            assertThat(engine.openStreams()).isZero();
        }
    }
}
