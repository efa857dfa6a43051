package io.nodedb.sql;

import io.nodedb.core.db.Database;
import io.nodedb.core.db.DatabaseOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which statements a network front end may run on its I/O thread: quick reads (primary-key lookups) and short
 * writes (a few rows of VALUES, nothing that can run long).
 */
class QuickStatementTest {
    @TempDir
    Path dir;
    private Database db;
    private Session s;

    @BeforeEach
    void open() {
        db = Database.open(DatabaseOptions.onDisk(dir));
        s = new SqlEngine(db).newSession();
        s.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, name TEXT, v DOUBLE); CREATE INDEX t_name ON t (name);"
                + " CREATE COLLECTION docs; CREATE COLLECTION kv TYPE KEY_VALUE (k TEXT PRIMARY KEY, v TEXT);"
                + " CREATE TABLE vec (id BIGINT PRIMARY KEY, e VECTOR(2));"
                + " CREATE VECTOR INDEX vec_e ON vec FIELD e METRIC l2 DIM 2");
    }

    @AfterEach
    void close() {
        s.close();
        db.close();
    }

    private boolean quickWrite(String sql) {
        return s.prepare(sql).isQuickWrite();
    }

    private boolean quickRead(String sql) {
        return s.prepare(sql).isQuickRead();
    }

    @Test
    void shortInsertsAreQuickWrites() {
        assertThat(quickWrite("INSERT INTO t (id, name, v) VALUES ($1, $2, $3)")).isTrue();
        assertThat(quickWrite("INSERT INTO t VALUES (1, 'a', 1), (2, 'b', 2) ON CONFLICT (id) DO UPDATE SET"
                + " v = EXCLUDED.v RETURNING id")).isTrue();
        assertThat(quickWrite("INSERT INTO docs { id: 1, a: 'x' }")).isTrue();
        assertThat(quickWrite("UPSERT INTO docs { id: 1, a: 'y' }")).isTrue();
    }

    @Test
    void longOrUnboundedWritesAreNot() {
        StringBuilder many = new StringBuilder("INSERT INTO t (id) VALUES (0)");
        for (int i = 1; i < 9; i++) {
            many.append(", (").append(i).append(')');
        }
        assertThat(quickWrite(many.toString())).as("nine rows").isFalse();
        assertThat(quickWrite("INSERT INTO t (id) SELECT id + 100 FROM t")).as("INSERT ... SELECT").isFalse();
        assertThat(quickWrite("INSERT INTO t (id, v) VALUES (1, (SELECT max(v) FROM t))")).as("subquery").isFalse();
        assertThat(quickWrite("INSERT INTO vec VALUES (1, ARRAY[1.0, 2.0])")).as("vector index").isFalse();
        assertThat(quickWrite("INSERT INTO kv (k, v) VALUES ('a', 'b')")).as("key-value").isFalse();
        assertThat(quickWrite("UPDATE t SET v = 1 WHERE id = 1")).isFalse();
        assertThat(quickWrite("DELETE FROM t WHERE id = 1")).isFalse();
        assertThat(quickWrite("SELECT * FROM t WHERE id = 1")).isFalse();
        assertThat(quickWrite("CREATE TABLE u (id BIGINT PRIMARY KEY)")).isFalse();
    }

    @Test
    void primaryKeyLookupsAreQuickReads() {
        assertThat(quickRead("SELECT name FROM t WHERE id = $1")).isTrue();
        assertThat(quickRead("SELECT name FROM t WHERE name = $1")).as("index lookup").isFalse();
        assertThat(quickRead("SELECT count(*) FROM t")).isFalse();
        assertThat(quickRead("INSERT INTO t (id) VALUES (1)")).isFalse();
    }

    @Test
    void aVectorIndexCreatedLaterMakesInsertsLong() {
        s.execute("CREATE TABLE w (id BIGINT PRIMARY KEY, e VECTOR(2))");
        PreparedStatement insert = s.prepare("INSERT INTO w VALUES ($1, $2)");
        assertThat(insert.isQuickWrite()).isTrue();
        s.execute("CREATE VECTOR INDEX w_e ON w FIELD e METRIC l2 DIM 2");
        assertThat(insert.isQuickWrite()).isFalse();
    }
}
