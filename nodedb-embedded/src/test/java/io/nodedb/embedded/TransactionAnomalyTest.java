package io.nodedb.embedded;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.testing.NoLeakedFiles;
import io.nodedb.core.value.Value;
import io.nodedb.sql.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What snapshot isolation promises, checked with concurrent sessions: no lost updates (first committer wins, the
 * other gets 40001), and write skew allowed, as snapshot isolation permits.
 */
@ExtendWith(NoLeakedFiles.class)
class TransactionAnomalyTest {

    @Test
    void lostUpdateIsPreventedBetweenTwoSessions() {
        try (NodeDb db = NodeDb.inMemory()) {
            db.sql("CREATE TABLE counters (id TEXT PRIMARY KEY, n BIGINT NOT NULL)");
            db.sql("INSERT INTO counters VALUES ('c', 0)");
            Session a = db.newSession();
            Session b = db.newSession();
            a.execute("BEGIN");
            b.execute("BEGIN");
            long seenByA = a.execute("SELECT n FROM counters WHERE id = 'c'").getFirst().rows().getFirst()[0].asLong();
            long seenByB = b.execute("SELECT n FROM counters WHERE id = 'c'").getFirst().rows().getFirst()[0].asLong();
            a.execute("UPDATE counters SET n = " + (seenByA + 1) + " WHERE id = 'c'");
            b.execute("UPDATE counters SET n = " + (seenByB + 1) + " WHERE id = 'c'");
            a.execute("COMMIT");
            assertThatThrownBy(() -> b.execute("COMMIT")).isInstanceOfSatisfying(NodeDbException.class,
                    e -> assertThat(e.state()).isEqualTo(SqlState.SERIALIZATION_FAILURE));
            a.close();
            b.close();
            assertThat(db.sql("SELECT n FROM counters").rows().getFirst()[0]).isEqualTo(Value.of(1L));
        }
    }

    @Test
    void writeSkewIsAllowedAsSnapshotIsolationPermits() {
        try (NodeDb db = NodeDb.inMemory()) {
            db.sql("CREATE TABLE doctors (name TEXT PRIMARY KEY, on_call BOOL NOT NULL)");
            db.sql("INSERT INTO doctors VALUES ('alice', true), ('bob', true)");
            Session a = db.newSession();
            Session b = db.newSession();
            a.execute("BEGIN");
            b.execute("BEGIN");
            // Each sees two doctors on call and takes a different one off: disjoint write sets, both commit.
            assertThat(a.execute("SELECT count(*) FROM doctors WHERE on_call").getFirst().rows().getFirst()[0])
                    .isEqualTo(Value.of(2L));
            assertThat(b.execute("SELECT count(*) FROM doctors WHERE on_call").getFirst().rows().getFirst()[0])
                    .isEqualTo(Value.of(2L));
            a.execute("UPDATE doctors SET on_call = false WHERE name = 'alice'");
            b.execute("UPDATE doctors SET on_call = false WHERE name = 'bob'");
            a.execute("COMMIT");
            b.execute("COMMIT");
            a.close();
            b.close();
            assertThat(db.sql("SELECT count(*) FROM doctors WHERE on_call").rows().getFirst()[0])
                    .isEqualTo(Value.of(0L));
        }
    }

    @Test
    void concurrentIncrementsOnThreadsNeverLoseAnUpdate() throws Exception {
        int threads = 8;
        int perThread = 25;
        try (NodeDb db = NodeDb.inMemory()) {
            db.sql("CREATE TABLE counters (id TEXT PRIMARY KEY, n BIGINT NOT NULL)");
            db.sql("INSERT INTO counters VALUES ('c', 0)");
            CyclicBarrier start = new CyclicBarrier(threads);
            AtomicInteger committed = new AtomicInteger();
            AtomicInteger conflicts = new AtomicInteger();
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(Thread.ofPlatform().start(() -> {
                    Session s = db.newSession();
                    try {
                        start.await();
                        for (int i = 0; i < perThread; i++) {
                            // Retry each increment until it commits: a client's part under first-committer-wins.
                            while (true) {
                                try {
                                    s.execute("BEGIN");
                                    long n = s.execute("SELECT n FROM counters WHERE id = 'c'").getFirst().rows()
                                            .getFirst()[0].asLong();
                                    s.execute("UPDATE counters SET n = " + (n + 1) + " WHERE id = 'c'");
                                    s.execute("COMMIT");
                                    committed.incrementAndGet();
                                    break;
                                } catch (NodeDbException e) {
                                    assertThat(e.state()).isEqualTo(SqlState.SERIALIZATION_FAILURE);
                                    conflicts.incrementAndGet();
                                    if (s.inTransaction()) {
                                        s.execute("ROLLBACK");
                                    }
                                }
                            }
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    } finally {
                        s.close();
                    }
                }));
            }
            for (Thread w : workers) {
                w.join();
            }
            assertThat(committed.get()).isEqualTo(threads * perThread);
            assertThat(db.sql("SELECT n FROM counters").rows().getFirst()[0])
                    .as("every committed increment counted (%d conflicts retried)", conflicts.get())
                    .isEqualTo(Value.of((long) threads * perThread));
        }
    }

    /**
     * Point reads go through the row cache, which must give each transaction its snapshot's rows: readers summing
     * the accounts one point read at a time while writers move money between them must always find the total.
     */
    @Test
    void aSnapshotsPointReadsSeeOneStateWhileTransfersCommit(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        int accounts = 8;
        try (NodeDb db = NodeDb.open(dir)) {
            db.sql("CREATE TABLE acc (id BIGINT PRIMARY KEY, balance BIGINT NOT NULL)");
            for (int i = 0; i < accounts; i++) {
                db.sql("INSERT INTO acc VALUES (" + i + ", 100)");
            }
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            AtomicInteger transfers = new AtomicInteger();
            AtomicInteger sums = new AtomicInteger();
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                int seed = w;
                threads.add(Thread.ofPlatform().start(() -> {
                    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
                    Session s = db.newSession();
                    try {
                        while (!stop.get()) {
                            int from = random.nextInt(accounts);
                            int to = (from + 1 + random.nextInt(accounts - 1)) % accounts;
                            try {
                                s.execute("BEGIN");
                                s.execute("UPDATE acc SET balance = balance - 3 WHERE id = " + from);
                                s.execute("UPDATE acc SET balance = balance + 3 WHERE id = " + to);
                                s.execute("COMMIT");
                                transfers.incrementAndGet();
                            } catch (NodeDbException e) {
                                if (e.state() != SqlState.SERIALIZATION_FAILURE) {
                                    throw e;
                                }
                                if (s.inTransaction()) {
                                    s.execute("ROLLBACK");
                                }
                            }
                        }
                    } catch (Throwable t) {
                        failures.add(t);
                    } finally {
                        s.close();
                    }
                }));
            }
            threads.add(Thread.ofPlatform().start(() -> {
                Session s = db.newSession();
                try {
                    var read = s.prepare("SELECT balance FROM acc WHERE id = $1");
                    while (!stop.get()) {
                        s.execute("BEGIN");
                        long total = 0;
                        for (int i = 0; i < accounts; i++) {
                            total += read.execute(Value.of((long) i)).rows().getFirst()[0].asLong();
                        }
                        s.execute("COMMIT");
                        if (total != 100L * accounts) {
                            failures.add(new AssertionError("a snapshot summed to " + total));
                        }
                        sums.incrementAndGet();
                    }
                } catch (Throwable t) {
                    failures.add(t);
                } finally {
                    s.close();
                }
            }));
            Thread.sleep(3_000);
            stop.set(true);
            for (Thread t : threads) {
                t.join();
            }
            assertThat(failures).isEmpty();
            assertThat(transfers.get()).isGreaterThan(50);
            assertThat(sums.get()).isGreaterThan(50);
            assertThat(db.sql("SELECT sum(balance) FROM acc").rows().getFirst()[0].asLong()).isEqualTo(100L * accounts);
        }
    }
}
