package io.nodedb.server.pgwire;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 500 idle connections and 64 busy ones at once. Idle connections must cost no thread (I/O on the event loops,
 * statements on virtual threads that end when a connection has nothing to do), so the JVM's platform thread count
 * stays bounded while they are open; the busy ones (pgjdbc, on virtual threads here too) keep getting answers.
 */
@Timeout(240)
class PgWireScaleTest {
    private static final int IDLE = 500;
    private static final int BUSY = 64;
    private static final int QUERIES_EACH = 25;
    private static final int MAX_THREADS = 100;

    @TempDir
    Path tmp;

    @Test
    void fiveHundredIdleAndSixtyFourBusyConnections() throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (PgTestServer server = PgTestServer.trust(tmp)) {
            try (Connection c = server.connect(); var st = c.createStatement()) {
                st.execute("CREATE TABLE kv (k INT PRIMARY KEY, v TEXT)");
            }
            List<PgRawClient> idle = new ArrayList<>();
            try {
                // each idle connection is logged in, with its SQL session open, and then sends nothing
                for (int i = 0; i < IDLE; i++) {
                    PgRawClient c = new PgRawClient(server.pgPort(), 10_000);
                    c.startup("idle" + i);
                    idle.add(c);
                }
                int withIdle = threads.getThreadCount();
                assertThat(withIdle).as("platform threads with %d idle connections", IDLE).isLessThan(MAX_THREADS);

                AtomicInteger answered = new AtomicInteger();
                int[] peak = {0};
                try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                    List<Future<?>> busy = new ArrayList<>();
                    for (int w = 0; w < BUSY; w++) {
                        int worker = w;
                        busy.add(pool.submit(() -> {
                            try (Connection c = server.connect("extended", worker % 2 == 0);
                                 PreparedStatement put = c.prepareStatement("INSERT INTO kv (k, v) VALUES (?, ?)");
                                 PreparedStatement get = c.prepareStatement("SELECT v FROM kv WHERE k = ?")) {
                                for (int q = 0; q < QUERIES_EACH; q++) {
                                    int k = worker * QUERIES_EACH + q;
                                    put.setInt(1, k);
                                    put.setString(2, "v" + k);
                                    put.executeUpdate();
                                    get.setInt(1, k);
                                    try (ResultSet rs = get.executeQuery()) {
                                        assertThat(rs.next()).isTrue();
                                        assertThat(rs.getString(1)).isEqualTo("v" + k);
                                    }
                                    answered.incrementAndGet();
                                    synchronized (peak) {
                                        peak[0] = Math.max(peak[0], threads.getThreadCount());
                                    }
                                }
                            }
                            return null;
                        }));
                    }
                    for (Future<?> f : busy) {
                        f.get(180, TimeUnit.SECONDS);
                    }
                }
                assertThat(answered.get()).isEqualTo(BUSY * QUERIES_EACH);
                assertThat(peak[0]).as("platform threads while %d busy and %d idle connections run", BUSY, IDLE)
                        .isLessThan(MAX_THREADS);
                System.out.println("PgWireScaleTest: platform threads " + withIdle + " with " + IDLE
                        + " idle connections, peak " + peak[0] + " with " + BUSY + " busy ones too");
                // the idle connections are still alive and answer
                for (int i = 0; i < IDLE; i += 50) {
                    assertThat(idle.get(i).queryFirstValue("SELECT count(*) FROM kv"))
                            .isEqualTo(Integer.toString(BUSY * QUERIES_EACH));
                }
                try (Connection c = server.connect(); var st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT count(*) FROM kv")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong(1)).isEqualTo((long) BUSY * QUERIES_EACH);
                }
            } finally {
                for (PgRawClient c : idle) {
                    c.close();
                }
            }
        }
    }
}
