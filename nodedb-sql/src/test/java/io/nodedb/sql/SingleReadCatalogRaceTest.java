package io.nodedb.sql;

import io.nodedb.core.db.Database;
import io.nodedb.core.db.DatabaseOptions;
import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A point get by primary key reads without a snapshot. A transaction that adds a column and rewrites the row under
 * the new schema commits both in one record; a point get racing it must return the row (old or new shape) or fail
 * with 40001, never meet a row version its catalog does not know.
 */
class SingleReadCatalogRaceTest {
    @TempDir
    Path dir;

    @Test
    void pointGetsRacingAnAlterWithRowsNeverSeeAnUnknownSchema() throws Exception {
        try (Database db = Database.open(DatabaseOptions.onDisk(dir))) {
            SqlEngine engine = new SqlEngine(db);
            Session writer = engine.newSession();
            writer.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, v BIGINT); INSERT INTO t VALUES (1, 0)");
            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<Throwable> wrong = new AtomicReference<>();
            int[] reads = {0};
            Thread reader = Thread.ofPlatform().start(() -> {
                Session s = engine.newSession();
                PreparedStatement get = s.prepare("SELECT * FROM t WHERE id = $1");
                while (!stop.get() && wrong.get() == null) {
                    try {
                        assertThat(get.execute(Value.of(1)).rows()).hasSize(1);
                        reads[0]++;
                    } catch (NodeDbException e) {
                        if (e.state() != SqlState.SERIALIZATION_FAILURE) {
                            wrong.set(e);
                        }
                    } catch (Throwable t) {
                        wrong.set(t);
                    }
                }
                s.close();
            });
            try {
                for (int i = 0; i < 150 && wrong.get() == null; i++) {
                    writer.execute("BEGIN; ALTER TABLE t ADD COLUMN c" + i + " BIGINT; UPDATE t SET c" + i + " = " + i
                            + " WHERE id = 1; COMMIT");
                }
            } finally {
                stop.set(true);
                reader.join();
                writer.close();
            }
            assertThat(wrong.get()).isNull();
            assertThat(reads[0]).isPositive();
        }
    }
}
