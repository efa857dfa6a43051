package io.nodedb.sql;

import io.nodedb.core.db.Database;
import io.nodedb.core.db.DatabaseOptions;
import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * DDL inside transaction blocks between sessions and across restarts: invisible to other sessions until COMMIT,
 * a concurrent DDL or a second CREATE of the same name fails the later COMMIT with nothing applied, and what a
 * COMMIT applied is there again after reopening the database, from its files or by replaying the log.
 */
class TransactionalDdlTest {

    private static List<String> rows(Session s, String sql) {
        List<String> out = new ArrayList<>();
        for (Value[] row : s.execute(sql).getLast().rows()) {
            List<String> cells = new ArrayList<>();
            for (Value v : row) {
                cells.add(v.isNull() ? "NULL" : io.nodedb.sql.expr.SqlValues.display(v));
            }
            out.add(String.join("|", cells));
        }
        return out;
    }

    private static void assertFails(Session s, String sql, SqlState state) {
        assertThatThrownBy(() -> s.execute(sql)).isInstanceOfSatisfying(NodeDbException.class,
                e -> assertThat(e.state()).isEqualTo(state));
    }

    @Test
    void ddlIsInvisibleToOtherSessionsUntilCommit() {
        try (Database db = Database.open(DatabaseOptions.inMemory())) {
            SqlEngine engine = new SqlEngine(db);
            Session a = engine.newSession();
            Session b = engine.newSession();
            a.execute("BEGIN; CREATE TABLE t (id BIGINT PRIMARY KEY, v TEXT); INSERT INTO t VALUES (1, 'one')");
            a.execute("CREATE INDEX t_v ON t (v)");
            assertThat(rows(a, "SELECT id FROM t WHERE v = 'one'")).containsExactly("1");
            assertFails(b, "SELECT * FROM t", SqlState.UNDEFINED_TABLE);
            assertThat(rows(b, "SHOW COLLECTIONS")).isEmpty();
            assertThat(rows(b, "SHOW INDEXES")).isEmpty();
            a.execute("COMMIT");
            assertThat(rows(b, "SELECT id, v FROM t")).containsExactly("1|one");
            assertThat(rows(b, "SHOW INDEXES")).containsExactly("t_v|t|v|false");
            a.close();
            b.close();
        }
    }

    @Test
    void theSecondOfTwoTransactionsCreatingOneNameFailsWithNothingApplied() {
        try (Database db = Database.open(DatabaseOptions.inMemory())) {
            SqlEngine engine = new SqlEngine(db);
            Session a = engine.newSession();
            Session b = engine.newSession();
            a.execute("BEGIN; CREATE TABLE t (id BIGINT PRIMARY KEY, v TEXT); INSERT INTO t VALUES (1, 'a')");
            b.execute("BEGIN; CREATE TABLE t (id BIGINT PRIMARY KEY, w BIGINT); INSERT INTO t VALUES (2, 5)");
            b.execute("CREATE TABLE only_b (id BIGINT PRIMARY KEY)");
            a.execute("COMMIT");
            assertFails(b, "COMMIT", SqlState.DUPLICATE_TABLE);
            assertThat(b.inTransaction()).isFalse();
            assertThat(rows(b, "SELECT * FROM t")).containsExactly("1|a");
            assertFails(b, "SELECT * FROM only_b", SqlState.UNDEFINED_TABLE);
            a.close();
            b.close();
        }
    }

    @Test
    void rowsWrittenToATableDroppedAndCreatedAgainMeanwhileFailTheCommit() {
        try (Database db = Database.open(DatabaseOptions.inMemory())) {
            SqlEngine engine = new SqlEngine(db);
            Session a = engine.newSession();
            Session b = engine.newSession();
            a.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, v TEXT)");
            a.execute("BEGIN; INSERT INTO t VALUES (1, 'x')");
            b.execute("DROP TABLE t; CREATE TABLE t (id BIGINT PRIMARY KEY, v TEXT)");
            // Without the check the row would land in the new table, which the transaction never saw.
            assertFails(a, "COMMIT", SqlState.SERIALIZATION_FAILURE);
            assertThat(rows(b, "SELECT count(*) FROM t")).containsExactly("0");
            a.close();
            b.close();
        }
    }

    @Test
    void anAlterCommittedMeanwhileFailsATransactionThatAltersTheSameTable() {
        try (Database db = Database.open(DatabaseOptions.inMemory())) {
            SqlEngine engine = new SqlEngine(db);
            Session a = engine.newSession();
            Session b = engine.newSession();
            a.execute("CREATE TABLE t (id BIGINT PRIMARY KEY); INSERT INTO t VALUES (1)");
            a.execute("BEGIN; ALTER TABLE t ADD COLUMN x TEXT; UPDATE t SET x = 'a'");
            b.execute("ALTER TABLE t ADD COLUMN y TEXT");
            assertFails(a, "COMMIT", SqlState.SERIALIZATION_FAILURE);
            assertThat(rows(b, "SELECT * FROM t")).containsExactly("1|NULL");
            assertThat(b.execute("SELECT * FROM t").getLast().columns().stream().map(ColumnInfo::name))
                    .containsExactly("id", "y");
            a.close();
            b.close();
        }
    }

    @Test
    void aUniqueIndexIsCheckedAtCommitAgainstRowsOthersCommittedMeanwhile() {
        try (Database db = Database.open(DatabaseOptions.inMemory())) {
            SqlEngine engine = new SqlEngine(db);
            Session a = engine.newSession();
            Session b = engine.newSession();
            a.execute("CREATE TABLE people (id BIGINT PRIMARY KEY, email TEXT); INSERT INTO people VALUES (1, 'a@x')");
            a.execute("BEGIN; CREATE UNIQUE INDEX people_email ON people (email)");
            a.execute("INSERT INTO people VALUES (2, 'b@x')");
            b.execute("INSERT INTO people VALUES (3, 'a@x')");
            assertFails(a, "COMMIT", SqlState.UNIQUE_VIOLATION);
            assertThat(rows(b, "SELECT id FROM people ORDER BY id")).containsExactly("1", "3");
            assertThat(rows(b, "SHOW INDEXES")).isEmpty();
            a.close();
            b.close();
        }
    }

    @Test
    void committedDdlAndRowsSurviveARestartAndALogReplay(@TempDir Path dir) throws IOException {
        try (Database db = Database.open(DatabaseOptions.onDisk(dir))) {
            Session s = new SqlEngine(db).newSession();
            s.execute("CREATE TABLE old (id BIGINT PRIMARY KEY, v TEXT); INSERT INTO old VALUES (1, 'gone')");
            s.execute("BEGIN; CREATE TABLE t (id BIGINT PRIMARY KEY, name TEXT); INSERT INTO t VALUES (1, 'a')");
            s.execute("ALTER TABLE t ADD COLUMN score BIGINT DEFAULT 7; INSERT INTO t VALUES (2, 'b', 9)");
            s.execute("ALTER TABLE t RENAME COLUMN name TO label; CREATE UNIQUE INDEX t_label ON t (label)");
            s.execute("DROP TABLE old; CREATE TABLE old (id TEXT PRIMARY KEY); INSERT INTO old VALUES ('new')");
            s.execute("COMMIT");
            s.execute("BEGIN; CREATE TABLE rolled_back (id BIGINT PRIMARY KEY); INSERT INTO rolled_back VALUES (1)");
            s.execute("INSERT INTO t VALUES (3, 'c', 0); DROP TABLE old; ROLLBACK");
            s.close();
        }
        assertCommittedState(dir);
        // Without the engine's files the database is rebuilt from the log alone: replay must reach the same state.
        try (Stream<Path> files = Files.walk(dir.resolve("rocksdb"))) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        assertCommittedState(dir);
    }

    private static void assertCommittedState(Path dir) {
        try (Database db = Database.open(DatabaseOptions.onDisk(dir))) {
            Session s = new SqlEngine(db).newSession();
            assertThat(rows(s, "SELECT id, label, score FROM t ORDER BY id")).containsExactly("1|a|7", "2|b|9");
            assertThat(rows(s, "SELECT id FROM t WHERE label = 'b'")).containsExactly("2");
            assertThat(rows(s, "SHOW INDEXES")).containsExactly("t_label|t|label|true");
            assertThat(rows(s, "SELECT * FROM old")).containsExactly("new");
            assertFails(s, "SELECT * FROM rolled_back", SqlState.UNDEFINED_TABLE);
            assertFails(s, "INSERT INTO t VALUES (4, 'a', 1)", SqlState.UNIQUE_VIOLATION);
            s.close();
        }
    }
}
