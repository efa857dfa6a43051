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
            // Every query computes some distances, and no more than there are vectors.
            assertThat(p.work()).isBetween(1.0, (double) data.length);
            assertThat(ann.graphSummary()).contains("level 0");
        }
    }

    @Test
    void quantizedIndexesAreMeasuredWithTheirKnob() throws Exception {
        float[][] all = VectorBench.clustered(1_550, 16, 10, 7);
        float[][] data = java.util.Arrays.copyOf(all, 1_500);
        float[][] queries = java.util.Arrays.copyOfRange(all, 1_500, all.length);
        int[][] truth = VectorBench.groundTruth(data, queries, 10);
        io.nodedb.core.vector.QuantizationOptions options = new io.nodedb.core.vector.QuantizationOptions(4, 16, 0,
                1_000);
        for (io.nodedb.core.vector.IndexType type : new io.nodedb.core.vector.IndexType[] {
            io.nodedb.core.vector.IndexType.HNSW_SQ8, io.nodedb.core.vector.IndexType.HNSW_PQ,
            io.nodedb.core.vector.IndexType.IVF_PQ}) {
            try (VectorBench.NodeDbAnn ann = new VectorBench.NodeDbAnn(16, 8, 40, type, options)) {
                ann.build(data);
                // ef for graphs, nprobe (all 16 lists) for IVF.
                VectorBench.Point p = VectorBench.measure(ann, queries, truth, 10, 16 * 4);
                assertThat(ann.knob()).isEqualTo(type == io.nodedb.core.vector.IndexType.IVF_PQ ? "nprobe" : "ef");
                assertThat(p.recall()).as("%s", type).isBetween(0.8, 1.0);
                assertThat(ann.size()).contains("codes");
            }
        }
    }
}
