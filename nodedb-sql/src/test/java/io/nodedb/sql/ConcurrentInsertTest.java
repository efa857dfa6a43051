package io.nodedb.sql;

import io.nodedb.core.db.Database;
import io.nodedb.core.db.DatabaseOptions;
import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.testing.Metrics;
import io.nodedb.core.value.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plain INSERT reads without a snapshot and tells the applier which ids it found absent, so that the applier
 * need not read them again while nothing was applied in between (see {@code KnownAbsent}). Racing inserts of one
 * key, committed in one group or one after another, must still give exactly one success and 23505 for the rest,
 * and foreign keys must still hold against a concurrent delete of the parent.
 */
class ConcurrentInsertTest {
    @TempDir
    Path dir;

    private static double metric(Database db, String name) {
        return Metrics.value(db, name);
    }

    private static long count(Session s, String sql) {
        return ((Value.Int) s.execute(sql).getLast().rows().getFirst()[0]).value();
    }

    @Test
    void aLoneWritersInsertsNeedNoSecondReadOfTheirKey() {
        try (Database db = Database.open(DatabaseOptions.onDisk(dir))) {
            Session s = new SqlEngine(db).newSession();
            s.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, v TEXT)");
            double skipped = metric(db, "nodedb_document_id_reads_skipped_total");
            double fromWriter = metric(db, "nodedb_apply_from_writer_total");
            PreparedStatement insert = s.prepare("INSERT INTO t VALUES ($1, $2)");
            for (long i = 0; i < 100; i++) {
                insert.execute(Value.of(i), Value.of("v" + i));
            }
            // A checkpoint may write in between now and then; nearly every insert skips the read.
            assertThat(metric(db, "nodedb_document_id_reads_skipped_total") - skipped).isGreaterThan(90);
            assertThat(metric(db, "nodedb_apply_from_writer_total") - fromWriter).isEqualTo(100);
            try {
                insert.execute(Value.of(5L), Value.of("again"));
                throw new AssertionError("a duplicate was accepted");
            } catch (NodeDbException e) {
                assertThat(e.state()).isEqualTo(SqlState.UNIQUE_VIOLATION);
            }
            assertThat(count(s, "SELECT count(*) FROM t")).isEqualTo(100);
            s.close();
        }
    }

    @Test
    void racingInsertsOfOneKeyGiveOneSuccessAnd23505ForTheRest() throws Exception {
        int threads = 4;
        int rounds = 150;
        Map<Long, Integer> winners = new ConcurrentHashMap<>();
        AtomicInteger duplicates = new AtomicInteger();
        try (Database db = Database.open(DatabaseOptions.onDisk(dir))) {
            SqlEngine engine = new SqlEngine(db);
            Session setup = engine.newSession();
            setup.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, writer BIGINT)");
            CyclicBarrier start = new CyclicBarrier(threads);
            try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int writer = t;
                    done.add(pool.submit(() -> {
                        Session s = engine.newSession();
                        PreparedStatement insert = s.prepare("INSERT INTO t VALUES ($1, $2)");
                        for (long k = 0; k < rounds; k++) {
                            start.await(10, TimeUnit.SECONDS);
                            try {
                                insert.execute(Value.of(k), Value.of((long) writer));
                                Integer earlier = winners.putIfAbsent(k, writer);
                                assertThat(earlier).as("second success for key %d", k).isNull();
                            } catch (NodeDbException e) {
                                assertThat(e.state()).isEqualTo(SqlState.UNIQUE_VIOLATION);
                                duplicates.incrementAndGet();
                            }
                        }
                        s.close();
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            }
            assertThat(winners).hasSize(rounds);
            assertThat(duplicates.get()).isEqualTo(rounds * (threads - 1));
            assertThat(count(setup, "SELECT count(*) FROM t")).isEqualTo(rounds);
            setup.close();
        }
        try (Database db = Database.open(DatabaseOptions.onDisk(dir))) {
            Session s = new SqlEngine(db).newSession();
            for (Map.Entry<Long, Integer> w : winners.entrySet()) {
                assertThat(count(s, "SELECT writer FROM t WHERE id = " + w.getKey())).isEqualTo(w.getValue().longValue());
            }
            s.close();
        }
    }

    @Test
    void childInsertsRacingTheirParentsDeleteLeaveNoOrphan() throws Exception {
        int parents = 200;
        try (Database db = Database.open(DatabaseOptions.onDisk(dir))) {
            SqlEngine engine = new SqlEngine(db);
            Session setup = engine.newSession();
            setup.execute("CREATE TABLE p (id BIGINT PRIMARY KEY)");
            setup.execute("CREATE TABLE c (id BIGINT PRIMARY KEY, parent BIGINT REFERENCES p)");
            setup.execute("CREATE INDEX c_parent ON c (parent)");
            for (long i = 0; i < parents; i++) {
                setup.execute("INSERT INTO p VALUES (" + i + ")");
            }
            CyclicBarrier start = new CyclicBarrier(2);
            try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
                Future<?> children = pool.submit(() -> {
                    Session s = engine.newSession();
                    PreparedStatement insert = s.prepare("INSERT INTO c VALUES ($1, $2)");
                    for (long i = 0; i < parents; i++) {
                        start.await(10, TimeUnit.SECONDS);
                        try {
                            insert.execute(Value.of(i), Value.of(i));
                        } catch (NodeDbException e) {
                            assertThat(e.state()).isEqualTo(SqlState.FOREIGN_KEY_VIOLATION);
                        }
                    }
                    s.close();
                    return null;
                });
                Future<?> deletes = pool.submit(() -> {
                    Session s = engine.newSession();
                    PreparedStatement delete = s.prepare("DELETE FROM p WHERE id = $1");
                    for (long i = 0; i < parents; i++) {
                        start.await(10, TimeUnit.SECONDS);
                        try {
                            delete.execute(Value.of(i));
                        } catch (NodeDbException e) {
                            assertThat(e.state()).isEqualTo(SqlState.FOREIGN_KEY_VIOLATION);
                        }
                    }
                    s.close();
                    return null;
                });
                children.get();
                deletes.get();
            }
            assertThat(count(setup, "SELECT count(*) FROM c WHERE parent NOT IN (SELECT id FROM p)")).isZero();
            // Every key ended one way or the other: a child with its parent, or neither.
            assertThat(count(setup, "SELECT count(*) FROM c") + count(setup, "SELECT count(*) FROM p"))
                    .isLessThanOrEqualTo(2L * parents);
            setup.close();
        }
    }
}
