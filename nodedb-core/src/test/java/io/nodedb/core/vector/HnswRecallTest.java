package io.nodedb.core.vector;

import io.nodedb.core.testing.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(Seeds.class)
class HnswRecallTest {

    @Test
    void recallAtTenOnClusteredDataAtDefaultSettings(TestInfo info) {
        SplittableRandom rnd = Seeds.random(info);
        int n = 20_000;
        int dim = 64;
        TestVectors.Workload w = TestVectors.clusteredWithQueries(rnd, n, 200, dim, 50);
        float[][] data = w.data();
        float[][] queries = w.queries();
        IndexDefinition def = IndexDefinition.of("recall", "docs", "emb", dim, Metric.L2);
        long start = System.nanoTime();
        try (VectorIndex index = TestVectors.build(def, data, VectorKernels.preferred())) {
            long built = System.nanoTime();
            List<List<VectorHit>> exact = TestVectors.searchAll(index, queries, 10, null, true);
            long searchStart = System.nanoTime();
            List<List<VectorHit>> approx = TestVectors.searchAll(index, queries, 10, null, false);
            long searched = System.nanoTime();
            double recall = TestVectors.recall(exact, approx);
            System.out.printf("HNSW recall@10 = %.4f on %d x %d (M=16, efC=200, ef=64), build %d ms, "
                            + "%d queries %d ms, %s, %s, %s%n", recall, n, dim, (built - start) / 1_000_000,
                    queries.length, (searched - searchStart) / 1_000_000, index.kernels().name(),
                    index.storageStats(), Seeds.repro());
            assertThat(recall).isGreaterThanOrEqualTo(0.95);
            for (List<VectorHit> hits : approx) {
                assertThat(hits).hasSize(10);
                for (int i = 1; i < hits.size(); i++) {
                    assertThat(hits.get(i).distance()).isGreaterThanOrEqualTo(hits.get(i - 1).distance());
                }
            }
        }
    }
}
