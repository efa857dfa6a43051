package io.nodedb.bench;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Every JMH benchmark runs (set up, measured, torn down) and scores something; how fast plays no part. */
class JmhBenchSmokeTest {
    @Test
    void everyBenchmarkRunsAndScoresPositive() throws Exception {
        // In this JVM (no fork), no warmup, one 50 ms iteration, a small key set: seconds, not minutes.
        Options options = JmhBench.options("-f", "0", "-wi", "0", "-i", "1", "-r", "50ms", "-p", "keys=1000",
                "-v", VerboseMode.SILENT.name());

        Collection<RunResult> results = new Runner(options).run();

        Set<String> names = new TreeSet<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark().substring(JmhBench.PACKAGE.length()) + " "
                    + r.getParams().getParam("valueBytes");
            names.add(name);
            assertThat(r.getPrimaryResult().getScore()).as(name).isPositive();
            assertThat(r.getPrimaryResult().getScoreUnit()).as(name).isEqualTo("ops/s");
        }
        assertThat(names).contains("KvEmbeddedBenchmark.get 64", "KvEmbeddedBenchmark.get 1024",
                "KvEmbeddedBenchmark.put 64", "KvEmbeddedBenchmark.put 1024",
                "KvEmbeddedBenchmark.putBatch100 64", "KvEmbeddedBenchmark.putBatch100 1024",
                "SlabAllocatorBenchmark.allocateFree 64", "SlabAllocatorBenchmark.allocateFree 4096",
                "SlabAllocatorBenchmark.allocate1024ThenFree 64", "SlabAllocatorBenchmark.allocate1024ThenFree 4096");
        // 2 value sizes x 3 KV methods + 7 size classes x 2 slab methods
        assertThat(results).hasSize(20);
    }

    @Test
    void shortDefaultsApplyOnlyWhereTheCommandLineIsSilent() throws Exception {
        Options defaults = JmhBench.options();
        assertThat(defaults.getForkCount().get()).isEqualTo(1);
        assertThat(defaults.getMeasurementIterations().get()).isEqualTo(3);
        assertThat(defaults.getIncludes()).containsExactly(JmhBench.PACKAGE);

        Options given = JmhBench.options("-f", "2", "-i", "5", "Slab");
        assertThat(given.getForkCount().get()).isEqualTo(2);
        assertThat(given.getMeasurementIterations().get()).isEqualTo(5);
        assertThat(given.getIncludes()).containsExactly("Slab");
    }
}
