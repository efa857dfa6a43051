package io.nodedb.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The harness counts and times something; how fast this machine is plays no part. */
class LogBenchSmokeTest {
    @TempDir
    Path dir;

    @Test
    void oneWriterCountsCommitsAndLatencies() throws Exception {
        LogBench.LogResult r = LogBench.measureLog(dir.resolve("log"), new LogBench.LogConfig(1,
                LogBench.ThreadKind.VIRTUAL, LogBench.DEFAULT_TYPE, 128, Duration.ofMillis(50),
                Duration.ofMillis(300)));

        assertThat(r.commits()).isPositive();
        assertThat(r.latency().count()).isEqualTo(r.commits());
        assertThat(r.latency().p50Micros()).isPositive();
        assertThat(r.latency().p99Micros()).isGreaterThanOrEqualTo(r.latency().p50Micros());
        assertThat(r.commitsPerSecond()).isPositive();
        assertThat(r.fsyncs()).isPositive();
        // The counters are sampled at the window's edges, where one group may be counted but not yet forced.
        assertThat(r.records()).isGreaterThanOrEqualTo(r.fsyncs() - 1);
    }

    @Test
    void deviceLoopCountsForces() throws Exception {
        LogBench.ForceResult r = LogBench.measureForce(dir.resolve("fsync"), 160, Duration.ofMillis(50),
                Duration.ofMillis(300));

        assertThat(r.operations()).isPositive();
        assertThat(r.latency().p50Micros()).isPositive();
        assertThat(r.perSecond()).isPositive();
    }
}
