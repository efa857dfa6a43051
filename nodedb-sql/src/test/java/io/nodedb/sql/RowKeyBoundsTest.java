package io.nodedb.sql;

import io.nodedb.core.db.Database;
import io.nodedb.core.db.DatabaseOptions;
import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.testing.Metrics;
import io.nodedb.core.testing.Seeds;
import io.nodedb.core.value.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reads of ids beyond a collection's largest stored key are answered without RocksDB ({@code RowKeyBounds}), so
 * an INSERT of a growing id skips its duplicate-key read. A bound that fell below a stored key would let a
 * duplicate in, so these tests check every INSERT's outcome against a model, across deletes of the largest row,
 * TRUNCATE, rolled-back transactions and reopening the store (which starts without bounds).
 */
@ExtendWith(Seeds.class)
class RowKeyBoundsTest {
    @TempDir
    Path dir;

    @Test
    void aReopenedStoresFirstWriteStartsItsBoundAtTheLargestStoredKey() {
        try (Database db = Database.open(DatabaseOptions.onDisk(dir))) {
            Session s = new SqlEngine(db).newSession();
            s.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, v TEXT)");
            s.execute("INSERT INTO t SELECT g, 'v' FROM generate_series(1, 100) g");
            s.close();
        }
        try (Database db = Database.open(DatabaseOptions.onDisk(dir))) {
            Session s = new SqlEngine(db).newSession();
            // The first write after opening is below the largest key: the bound must still cover 100.
            s.execute("UPDATE t SET v = 'first write after opening' WHERE id = 10");
            assertThatThrownBy(() -> s.execute("INSERT INTO t VALUES (100, 'duplicate')"))
                    .isInstanceOfSatisfying(NodeDbException.class,
                            e -> assertThat(e.state()).isEqualTo(SqlState.UNIQUE_VIOLATION));
            assertThatThrownBy(() -> s.execute("INSERT INTO t VALUES (50, 'duplicate')"))
                    .isInstanceOf(NodeDbException.class);
            double before = metric(db);
            s.execute("INSERT INTO t VALUES (101, 'beyond')");
            assertThat(metric(db)).as("the insert of 101 was answered by the bound").isGreaterThan(before);
            assertThat(count(s, "SELECT count(*) FROM t")).isEqualTo(101);
            s.close();
        }
    }

    @Test
    void insertsAgreeWithAModelWhateverTheBoundsHold(TestInfo info) {
        SplittableRandom random = Seeds.random(info);
        TreeMap<Long, String> model = new TreeMap<>();
        Database db = Database.open(DatabaseOptions.onDisk(dir));
        Session s = new SqlEngine(db).newSession();
        s.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, v TEXT)");
        double answered = 0;
        try {
            for (int step = 0; step < 3_000; step++) {
                long top = model.isEmpty() ? 0 : model.lastKey();
                int op = random.nextInt(100);
                if (op < 35) {
                    insert(s, model, top + 1 + random.nextInt(3), "up" + step);
                } else if (op < 60) {
                    insert(s, model, random.nextLong(top + 10), "any" + step);
                } else if (op < 70) {
                    // A batch with one id twice fails whole.
                    long id = top + 1 + random.nextInt(3);
                    Session session = s;
                    assertThatThrownBy(() -> session.execute("INSERT INTO t VALUES (" + id + ", 'a'), (" + id + ", 'b')"))
                            .isInstanceOf(NodeDbException.class);
                } else if (op < 82) {
                    // Deleting the largest row leaves the bound above every stored key; that id may come back.
                    long id = random.nextBoolean() || model.isEmpty() ? random.nextLong(top + 2) : top;
                    s.execute("DELETE FROM t WHERE id = " + id);
                    model.remove(id);
                } else if (op < 92) {
                    long id = random.nextLong(top + 5);
                    List<Object[]> rows = new ArrayList<>();
                    for (Value[] row : s.execute("SELECT v FROM t WHERE id = " + id).getLast().rows()) {
                        rows.add(new Object[] {((Value.Str) row[0]).value()});
                    }
                    assertThat(rows.isEmpty() ? null : rows.getFirst()[0]).as("row %d at step %d", id, step)
                            .isEqualTo(model.get(id));
                } else if (op < 96) {
                    // A transaction's insert beyond the bound raises nothing until it commits; rolled back, it is gone.
                    s.execute("BEGIN");
                    s.execute("INSERT INTO t VALUES (" + (top + 1) + ", 'rolled back')");
                    assertThat(count(s, "SELECT count(*) FROM t WHERE id = " + (top + 1))).isEqualTo(1);
                    s.execute("ROLLBACK");
                } else if (op < 98) {
                    answered += metric(db);
                    s.close();
                    db.close();
                    db = Database.open(DatabaseOptions.onDisk(dir));
                    s = new SqlEngine(db).newSession();
                } else if (op < 99) {
                    s.execute("TRUNCATE t");
                    model.clear();
                } else {
                    db.checkpoint();
                }
            }
            answered += metric(db);
            assertThat(answered).as("reads the bounds answered").isGreaterThan(500);
            TreeMap<Long, String> stored = new TreeMap<>();
            for (Value[] row : s.execute("SELECT id, v FROM t").getLast().rows()) {
                stored.put(((Value.Int) row[0]).value(), ((Value.Str) row[1]).value());
            }
            assertThat(stored).isEqualTo(model);
        } finally {
            s.close();
            db.close();
        }
    }

    private static void insert(Session s, TreeMap<Long, String> model, long id, String v) {
        try {
            s.execute("INSERT INTO t VALUES (" + id + ", '" + v + "')");
            assertThat(model).as("id %d was accepted while stored", id).doesNotContainKey(id);
            model.put(id, v);
        } catch (NodeDbException e) {
            assertThat(e.state()).isEqualTo(SqlState.UNIQUE_VIOLATION);
            assertThat(model).as("id %d was refused while absent", id).containsKey(id);
        }
    }

    private static long count(Session s, String sql) {
        return ((Value.Int) s.execute(sql).getLast().rows().getFirst()[0]).value();
    }

    private static double metric(Database db) {
        return Metrics.value(db, "nodedb_document_reads_beyond_last_key_total");
    }
}
