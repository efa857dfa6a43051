package io.nodedb.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The vector harness builds NodeDB's index, measures recall against brute force and counts queries (no Lucene). */
class VectorBenchSmokeTest {
    @Test
    void nodeDbIndexIsMeasured() throws Exception {
        float[][] all = VectorBench.clustered(1_050, 16, 10, 7);
        float[][] data = java.util.Arrays.copyOf(all, 1_000);
        float[][] queries = java.util.Arrays.copyOfRange(all, 1_000, all.length);
        int[][] truth = VectorBench.groundTruth(data, queries, 10);
        try (VectorBench.NodeDbAnn ann = new VectorBench.NodeDbAnn(16, 8, 40)) {
            ann.build(data);
            VectorBench.Point p = VectorBench.measure(ann, queries, truth, 10, 64);

            assertThat(p.latency().count()).isEqualTo(queries.length);
            assertThat(p.qps()).isPositive();
            // Exact answers are recall 1 by definition; an index that found nothing would be 0.
            assertThat(p.recall()).isBetween(0.5, 1.0);
            assertThat(ann.size()).contains("MiB");
        }
    }
}
