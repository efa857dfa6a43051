package io.nodedb.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The SQL harness loads, checks and counts every operation against NodeDB; no peer, no timing asserted. */
class SqlBenchSmokeTest {
    @TempDir
    Path dir;

    @Test
    void everyOperationIsCountedOnNodeDb() throws Exception {
        long rows = 1_000;
        try (SqlBench.Engine e = new SqlBench.NodeDbEngine(dir.resolve("nodedb"))) {
            e.createSchema();
            e.load(0, rows, 100);
            e.settle();
            assertThat(e.lookupPlan()).contains("Index Scan");
            long[] insertIds = new long[1];
            SqlBench.Timing timing = new SqlBench.Timing(Duration.ofMillis(20), Duration.ofMillis(150), 2);
            for (SqlBench.Op op : SqlBench.Op.values()) {
                e.waitForFsync(op != SqlBench.Op.INSERT_UNSYNCED);
                SqlBench.OpResult r = SqlBench.measure(e, op, rows, insertIds, timing);

                assertThat(r.operations()).as(op.name()).isGreaterThanOrEqualTo(2);
                assertThat(r.latency().count()).as(op.name()).isEqualTo(r.operations());
                assertThat(r.perSecond()).as(op.name()).isPositive();
                assertThat(r.cpuNanos()).as(op.name()).isPositive();
            }
            assertThat(insertIds[0]).isPositive();
            // the inserts went to a table of their own, so the reads of a later run see the loaded rows only
            assertThat(e.groupByScan()).isEqualTo(SqlBench.GROUPS);
            assertThat(e.pointGet(SqlBench.INSERT_BASE)).isZero();
        }
    }
}
