package io.nodedb.sql;

import io.nodedb.core.db.Database;
import io.nodedb.core.db.DatabaseOptions;
import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The public API: sessions, parameters, prepared statements, results, EXPLAIN ANALYZE, durability. */
class SessionApiTest {

    private static List<String> column(StatementResult r, int i) {
        return r.rows().stream().map(row -> io.nodedb.sql.expr.SqlValues.display(row[i])).toList();
    }

    @Test
    void multiStatementTextReturnsOneResultPerStatement() {
        try (Database db = Database.open(DatabaseOptions.inMemory())) {
            Session s = new SqlEngine(db).newSession();
            List<StatementResult> results = s.execute("CREATE COLLECTION c; INSERT INTO c { id: 1, v: 'a' };;"
                    + " SELECT v FROM c");
            assertThat(results).extracting(StatementResult::tag).containsExactly("CREATE COLLECTION", "INSERT 0 1",
                    "SELECT 1");
            assertThat(results.get(1).affected()).isEqualTo(1);
            assertThat(results.get(2).columns()).containsExactly(new ColumnInfo("v", ValueType.TEXT));
        }
    }

    @Test
    void parametersBindByPositionAndPreparedStatementsReusePlans() {
        try (Database db = Database.open(DatabaseOptions.inMemory())) {
            SqlEngine engine = new SqlEngine(db);
            Session s = engine.newSession();
            s.execute("CREATE TABLE users (id BIGINT PRIMARY KEY, name TEXT, age INT)");
            PreparedStatement insert = s.prepare("INSERT INTO users (id, name, age) VALUES ($1, $2, $3)");
            assertThat(insert.parameterTypes()).containsExactly(ValueType.BIGINT, ValueType.TEXT, ValueType.BIGINT);
            for (int i = 1; i <= 5; i++) {
                assertThat(insert.execute(Value.of(i), Value.of("u" + i), Value.of(20 + i)).tag())
                        .isEqualTo("INSERT 0 1");
            }
            // A parameter in arithmetic with a number is that number's type (PostgreSQL's unknown * integer).
            assertThat(s.prepare("SELECT $1 * 1000 + $2, 2.5 / $3, age - $4 FROM users").parameterTypes())
                    .containsExactly(ValueType.BIGINT, ValueType.BIGINT, ValueType.DECIMAL, ValueType.BIGINT);
            PreparedStatement byId = s.prepare("SELECT name, age FROM users WHERE id = ?");
            assertThat(byId.parameterCount()).isEqualTo(1);
            assertThat(byId.parameterTypes()).containsExactly(ValueType.BIGINT);
            assertThat(byId.columns()).containsExactly(new ColumnInfo("name", ValueType.TEXT),
                    new ColumnInfo("age", ValueType.BIGINT));
            assertThat(column(byId.execute(Value.of(3)), 0)).containsExactly("u3");
            assertThat(column(byId.execute(Value.of("4")), 0)).containsExactly("u4");
            assertThat(byId.execute(Value.NULL).rows()).isEmpty();
            assertThatThrownBy(() -> byId.execute(List.of())).isInstanceOfSatisfying(NodeDbException.class,
                    e -> assertThat(e.state().code()).isEqualTo("22023"));
            assertThat(column(s.execute("SELECT count(*) FROM users WHERE age > $1", List.of(Value.of(23)))
                    .getFirst(), 0)).containsExactly("2");
            s.execute("ALTER TABLE users ADD COLUMN email TEXT");
            assertThat(byId.execute(Value.of(1)).rows()).hasSize(1);
            assertThat(engine.newSession().execute("SELECT email FROM users WHERE id = 1").getFirst().rows()
                    .getFirst()[0]).isEqualTo(Value.NULL);
        }
    }

    @Test
    void syntaxErrorsPointAtTheOffendingToken() {
        try (Database db = Database.open(DatabaseOptions.inMemory())) {
            Session s = new SqlEngine(db).newSession();
            assertThatThrownBy(() -> s.execute("SELECT a FROM t WHERE FROM")).isInstanceOfSatisfying(
                    NodeDbException.class, e -> {
                        assertThat(e.state().code()).isEqualTo("42601");
                        assertThat(e.position()).isEqualTo(23);
                        assertThat(e.getMessage()).startsWith("syntax error at or near \"FROM\"");
                    });
        }
    }

    @Test
    void aJoinHandsOutBoundedBatchesWhateverOneLeftRowPairsWith() {
        try (Database db = Database.open(DatabaseOptions.inMemory())) {
            Session s = new SqlEngine(db).newSession();
            // One left batch pairs with 2,000 right rows each: 2M rows, which used to come out as a single batch.
            List<String> analyzed = column(s.execute("EXPLAIN ANALYZE SELECT count(*) FROM generate_series(1, 1000) a "
                    + "CROSS JOIN generate_series(1, 2000) b").getFirst(), 0);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("Nested Loop Cross Join \\(actual rows=(\\d+) "
                    + "batches=(\\d+) ").matcher(String.join("\n", analyzed));
            assertThat(m.find()).as(String.join("\n", analyzed)).isTrue();
            assertThat(Long.parseLong(m.group(1))).isEqualTo(2_000_000);
            assertThat(Long.parseLong(m.group(2))).isGreaterThanOrEqualTo(2_000_000 / 1024);
            // Left and full joins still add the unmatched rows, once each, across batch boundaries.
            assertThat(column(s.execute("SELECT count(*), count(b.x) FROM generate_series(1, 3000) a(x) LEFT JOIN "
                    + "generate_series(1, 3000) b(x) ON b.x > 1500 AND a.x <= 2").getFirst(), 0))
                    .containsExactly("5998");
        }
    }

    @Test
    void explainShowsTheAccessPathAndAnalyzeCountsRows() {
        try (Database db = Database.open(DatabaseOptions.inMemory())) {
            Session s = new SqlEngine(db).newSession();
            s.execute("CREATE COLLECTION users; INSERT INTO users [ { id: 'u1', n: 1 }, { id: 'u2', n: 2 } ]");
            assertThat(column(s.execute("EXPLAIN SELECT * FROM users WHERE id = 'u1'").getFirst(), 0))
                    .containsExactly("Project (1 columns)", "->  Point Get on users (id = 'u1')");
            assertThat(column(s.execute("EXPLAIN SELECT n FROM users WHERE n > 1 ORDER BY n").getFirst(), 0))
                    .containsExactly("Sort (n)", "->  Project (1 columns)", "  ->  Filter (n > 1)",
                            "    ->  Seq Scan on users");
            List<String> analyzed = column(s.execute("EXPLAIN ANALYZE SELECT count(*) FROM users").getFirst(), 0);
            assertThat(analyzed.get(0)).matches("Project \\(1 columns\\) \\(actual rows=1 batches=1 time=[0-9.]+ ms\\)");
            assertThat(analyzed.get(1)).matches("->  Aggregate \\(1 aggregates\\) \\(actual rows=1 .*");
            assertThat(analyzed.get(2)).matches("  ->  Seq Scan on users \\(actual rows=2 .*");
            assertThat(analyzed.getLast()).matches("Execution Time: [0-9.]+ ms");
            // A LATERAL item runs once per left row, so it has no single run to report: its left input shows.
            List<String> lateral = column(s.execute("EXPLAIN ANALYZE SELECT u.n, x.m FROM users u, "
                    + "LATERAL (SELECT u.n * 10 AS m) x").getFirst(), 0);
            assertThat(lateral.get(1)).matches("->  Nested Loop Lateral Join \\(actual rows=2 .*");
            assertThat(lateral.get(2)).matches("  ->  Seq Scan on users \\(actual rows=2 .*");
        }
    }

    @Test
    void dataAndSchemaHistorySurviveReopen(@TempDir Path dir) {
        try (Database db = Database.open(DatabaseOptions.onDisk(dir))) {
            Session s = new SqlEngine(db).newSession();
            s.execute("CREATE TABLE acc (id INT PRIMARY KEY, name TEXT, balance FLOAT);"
                    + "INSERT INTO acc VALUES (1, 'a', 1.5), (2, 'b', 2.5);"
                    + "ALTER TABLE acc ADD COLUMN region TEXT DEFAULT 'eu';"
                    + "ALTER TABLE acc RENAME COLUMN name TO owner;"
                    + "ALTER TABLE acc DROP COLUMN balance;"
                    + "INSERT INTO acc (id, owner, region) VALUES (3, 'c', 'us');"
                    + "CREATE COLLECTION docs; INSERT INTO docs { id: 'd1', nested: { k: [1, 2] } }");
        }
        try (Database db = Database.open(DatabaseOptions.onDisk(dir))) {
            Session s = new SqlEngine(db).newSession();
            StatementResult r = s.execute("SELECT * FROM acc ORDER BY id").getFirst();
            assertThat(r.columns()).extracting(ColumnInfo::name).containsExactly("id", "owner", "region");
            assertThat(column(r, 1)).containsExactly("a", "b", "c");
            assertThat(column(r, 2)).containsExactly("eu", "eu", "us");
            assertThat(column(s.execute("SELECT nested.k FROM docs").getFirst(), 0)).containsExactly("[1,2]");
        }
    }

    @Test
    void compositeKeysSurviveReopenFromTheLogAndFromACheckpoint(@TempDir Path dir) {
        try (Database db = Database.open(DatabaseOptions.onDisk(dir))) {
            Session s = new SqlEngine(db).newSession();
            s.execute("CREATE TABLE st (w BIGINT, sku TEXT, qty INT, PRIMARY KEY (sku, w));"
                    + "INSERT INTO st VALUES (1, 'b', 10), (2, 'a', 20), (1, 'a', 30)");
            db.checkpoint();
            // Written after the checkpoint: these come back by replaying the log.
            s.execute("INSERT INTO st VALUES (3, 'a', 40); UPDATE st SET qty = 11 WHERE sku = 'b' AND w = 1;"
                    + "ALTER TABLE st RENAME COLUMN w TO warehouse; DELETE FROM st WHERE sku = 'a' AND warehouse = 2;"
                    + "CREATE TABLE picks (id INT PRIMARY KEY, sku TEXT, w BIGINT, FOREIGN KEY (sku, w) REFERENCES st);"
                    + "INSERT INTO picks VALUES (1, 'b', 1)");
        }
        try (Database db = Database.open(DatabaseOptions.onDisk(dir))) {
            Session s = new SqlEngine(db).newSession();
            StatementResult all = s.execute("SELECT sku, warehouse, qty FROM st").getFirst();
            assertThat(column(all, 0)).containsExactly("a", "a", "b");
            assertThat(column(all, 1)).containsExactly("1", "3", "1");
            assertThat(column(all, 2)).containsExactly("30", "40", "11");
            assertThat(column(s.execute("SELECT qty FROM st WHERE warehouse = 3 AND sku = 'a'").getFirst(), 0))
                    .containsExactly("40");
            assertThat(column(s.execute("SELECT warehouse FROM st WHERE sku = 'a'").getFirst(), 0))
                    .containsExactly("1", "3");
            assertThatThrownBy(() -> s.execute("INSERT INTO st VALUES (1, 'b', 0)"))
                    .isInstanceOf(NodeDbException.class)
                    .hasMessageContaining("key (sku, warehouse)=(b, 1) already exists");
            // The foreign key came back with the catalog and still guards both sides.
            assertThatThrownBy(() -> s.execute("INSERT INTO picks VALUES (2, 'a', 2)"))
                    .hasMessageContaining("key (sku, w)=(a, 2) is not present in collection \"st\"");
            assertThatThrownBy(() -> s.execute("DELETE FROM st WHERE sku = 'b'"))
                    .hasMessageContaining("is still referenced from collection \"picks\"");
        }
    }

    @Test
    void sessionsHaveTheirOwnTransactions() {
        try (Database db = Database.open(DatabaseOptions.inMemory())) {
            SqlEngine engine = new SqlEngine(db);
            Session a = engine.newSession();
            Session b = engine.newSession();
            a.execute("CREATE TABLE t (id INT PRIMARY KEY)");
            a.execute("BEGIN; INSERT INTO t VALUES (1)");
            assertThat(a.inTransaction()).isTrue();
            assertThat(column(b.execute("SELECT count(*) FROM t").getFirst(), 0)).containsExactly("0");
            a.execute("COMMIT");
            assertThat(column(b.execute("SELECT count(*) FROM t").getFirst(), 0)).containsExactly("1");
        }
    }

    @Test
    void transactionsReadTheirSnapshotAndFirstCommitterWins() {
        try (Database db = Database.open(DatabaseOptions.inMemory())) {
            SqlEngine engine = new SqlEngine(db);
            Session a = engine.newSession();
            Session b = engine.newSession();
            a.execute("CREATE TABLE t (id INT PRIMARY KEY, v TEXT); INSERT INTO t VALUES (1, 'x'), (2, 'y')");
            a.execute("BEGIN");
            assertThat(column(a.execute("SELECT count(*) FROM t").getFirst(), 0)).containsExactly("2");
            b.execute("INSERT INTO t VALUES (3, 'z')");
            assertThat(column(a.execute("SELECT count(*) FROM t").getFirst(), 0)).as("repeatable read")
                    .containsExactly("2");
            a.execute("UPDATE t SET v = 'from a' WHERE id = 1");
            b.execute("UPDATE t SET v = 'from b' WHERE id = 1");
            assertThatThrownBy(() -> a.execute("COMMIT")).isInstanceOfSatisfying(NodeDbException.class,
                    e -> assertThat(e.state().code()).isEqualTo("40001"));
            assertThat(a.inTransaction()).isFalse();
            assertThat(column(a.execute("SELECT v FROM t WHERE id = 1").getFirst(), 0)).containsExactly("from b");

            a.execute("BEGIN; UPDATE t SET v = 'a2' WHERE id = 2");
            b.execute("UPDATE t SET v = 'b1' WHERE id = 1");
            a.execute("COMMIT");
            assertThat(column(a.execute("SELECT v FROM t ORDER BY id").getFirst(), 0))
                    .containsExactly("b1", "a2", "z");
        }
    }
}
