package io.nodedb.bench;

import io.nodedb.server.NodeDbServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pgwire harness against NodeDB's server only (no PostgreSQL here): it loads, runs and counts. */
class PgWireBenchSmokeTest {
    @TempDir
    Path dir;

    @Test
    void clientsCountOperationsAgainstNodeDb() throws Exception {
        try (NodeDbServer server = PgWireBench.startNodeDb(dir.resolve("data"))) {
            PgWireBench.Target target = PgWireBench.nodeDbTarget(server);
            long rows = 500;
            PgWireBench.setUp(target, rows, 100);
            AtomicLong ids = new AtomicLong();
            for (PgWireBench.Workload w : PgWireBench.Workload.values()) {
                PgWireBench.Result r = PgClients.measure(target, w, 2, rows, ids, Duration.ofMillis(50),
                        Duration.ofMillis(300));

                assertThat(r.operations()).as(w.name()).isPositive();
                assertThat(r.latency().count()).as(w.name()).isEqualTo(r.operations());
            }
            assertThat(ids.get()).isPositive();

            PgWireBench.pgbenchTables(target, 1, 1_000, 500);
            try (Connection c = target.connect(); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT count(*) FROM pgbench_accounts")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(1_000);
            }
        }
    }

    @Test
    void interleavedSlicesAlternateNeverOverlapAndCountEveryOperationOnce() throws Exception {
        try (NodeDbServer a = PgWireBench.startNodeDb(dir.resolve("a"));
                NodeDbServer b = PgWireBench.startNodeDb(dir.resolve("b"))) {
            List<PgWireBench.Target> targets = List.of(PgWireBench.nodeDbTarget(a), PgWireBench.nodeDbTarget(b));
            for (PgWireBench.Target t : targets) {
                PgWireBench.setUp(t, 200, 100);
            }
            List<AtomicLong> ids = List.of(new AtomicLong(), new AtomicLong());

            PgClients.Interleaved run = PgClients.measureInterleaved(targets, PgWireBench.Workload.INSERT, 2, 200,
                    ids, Duration.ofMillis(50), Duration.ofMillis(300), Duration.ofMillis(100));

            // 3 rounds of one slice per server, the order reversed in the middle round
            assertThat(run.slices()).extracting(PgClients.Slice::target).containsExactly(0, 1, 1, 0, 0, 1);
            for (int i = 1; i < run.slices().size(); i++) {
                assertThat(run.slices().get(i).startNanos()).isGreaterThanOrEqualTo(run.slices().get(i - 1)
                        .endNanos());
            }
            for (int t = 0; t < 2; t++) {
                int target = t;
                long sliced = run.slices().stream().filter(s -> s.target() == target)
                        .mapToLong(PgClients.Slice::operations).sum();
                PgWireBench.Result r = run.results().get(t);
                assertThat(sliced).isPositive().isEqualTo(r.operations());
                assertThat(r.latency().count()).isEqualTo(r.operations());
                assertThat(r.seconds()).isEqualTo(0.3);
                // every counted insert is a row; warm-up inserts and those cut off at a slice's end are rows too
                try (Connection c = targets.get(t).connect(); Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("SELECT count(*) FROM t")) {
                    rs.next();
                    assertThat(rs.getLong(1) - 200).isGreaterThanOrEqualTo(r.operations())
                            .isEqualTo(ids.get(t).get());
                }
            }
        }
    }

    @Test
    void slicesShorterThanTenMillisecondsOrLongerThanTheWindowAreRefusedBeforeAnyConnection() {
        PgWireBench.Target nowhere = new PgWireBench.Target("none", "jdbc:postgresql://127.0.0.1:1/none", "u", "d",
                1, -1);
        for (Duration slice : List.of(Duration.ofMillis(9), Duration.ofMillis(301))) {
            assertThatThrownBy(() -> PgClients.measureInterleaved(List.of(nowhere), PgWireBench.Workload.INSERT, 1,
                    10, List.of(new AtomicLong()), Duration.ZERO, Duration.ofMillis(300), slice))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("between 10 ms and the measured time (300 ms), not " + slice.toMillis());
        }
    }

    @Test
    void theServerInAJvmOfItsOwnServesTheHarnessAndStops() throws Exception {
        long pid;
        try (NodeDbProcess server = NodeDbProcess.start(dir.resolve("own"))) {
            pid = server.pid();
            PgWireBench.Target target = PgWireBench.nodeDbTarget(server.pgwirePort(), pid);
            PgWireBench.setUp(target, 200, 100);
            PgWireBench.Result r = PgClients.measure(target, PgWireBench.Workload.values()[0], 1, 200,
                    new AtomicLong(), Duration.ofMillis(50), Duration.ofMillis(500));
            assertThat(r.operations()).isPositive();
            // the server's own CPU time is measured (in 10 ms ticks, so it may round to zero in a short window)
            assertThat(r.serverCpuNanos()).isNotNegative();
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }
}
