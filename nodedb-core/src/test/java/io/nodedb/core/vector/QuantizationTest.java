package io.nodedb.core.vector;

import io.nodedb.core.testing.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(Seeds.class)
class QuantizationTest {
    private static final int N = 5_000;
    private static final int DIM = 48;

    @Test
    void sq8ReconstructionStaysWithinHalfAStepPerComponent(TestInfo info) {
        SplittableRandom rnd = Seeds.random(info);
        float[][] data = TestVectors.clustered(rnd, 2_000, DIM, 10);
        IndexDefinition def = IndexDefinition.of("sq", "c", "e", DIM, Metric.L2).withType(IndexType.HNSW_SQ8);
        try (VectorIndex index = TestVectors.build(def, data, VectorKernels.preferred())) {
            Sq8Codes codes = (Sq8Codes) index.codes();
            Sq8Quantizer q = codes.quantizer();
            assertThat(codes.size()).isEqualTo(data.length);
            float[] min = q.min();
            float[] max = q.max();
            DistanceFunction l2 = VectorKernels.scalar().distance(Metric.L2);
            for (int i = 0; i < data.length; i++) {
                float[] decoded = codes.decode(i);
                boolean inRange = true;
                for (int d = 0; d < DIM; d++) {
                    if (data[i][d] < min[d] || data[i][d] > max[d]) {
                        inRange = false;
                        continue;
                    }
                    assertThat(Math.abs(decoded[d] - data[i][d])).isLessThanOrEqualTo(q.step(d) / 2 * 1.001f + 1e-6f);
                }
                if (inRange) {
                    assertThat((float) Math.sqrt(l2.distance(decoded, data[i])))
                            .isLessThanOrEqualTo(q.maxError() * 1.001f + 1e-5f);
                }
            }
            // The first DEFAULT_SQ8_TRAINING_SIZE vectors set the ranges; every one of them is inside.
            for (int i = 0; i < VectorIndex.DEFAULT_SQ8_TRAINING_SIZE; i++) {
                for (int d = 0; d < DIM; d++) {
                    assertThat(data[i][d]).isBetween(min[d], max[d]);
                }
            }
        }
    }

    @Test
    void sq8AsymmetricDistanceErrorIsBoundedByTheQuantizationError(TestInfo info) {
        SplittableRandom rnd = Seeds.random(info);
        float[][] data = TestVectors.clustered(rnd, 1_200, DIM, 5);
        IndexDefinition def = IndexDefinition.of("sq", "c", "e", DIM, Metric.L2).withType(IndexType.HNSW_SQ8);
        try (VectorIndex index = TestVectors.build(def, data, VectorKernels.preferred())) {
            Sq8Codes codes = (Sq8Codes) index.codes();
            float bound = codes.quantizer().maxError();
            float[] query = TestVectors.gaussian(rnd, DIM, 1.0);
            HnswGraph.Scorer approx = codes.scorer(query);
            DistanceFunction l2 = VectorKernels.scalar().distance(Metric.L2);
            for (int i = 0; i < VectorIndex.DEFAULT_SQ8_TRAINING_SIZE; i++) {
                // Triangle inequality: |‖q − x̂‖ − ‖q − x‖| ≤ ‖x̂ − x‖ ≤ maxError.
                double exact = Math.sqrt(l2.distance(query, data[i]));
                double estimated = Math.sqrt(approx.distanceTo(i));
                assertThat(Math.abs(exact - estimated)).isLessThanOrEqualTo(bound * 1.001 + 1e-4);
            }
        }
    }

    /** The fused kernels (l2, inner product; SIMD and scalar) score a code as its decoded vector would. */
    @Test
    void sq8ScoresOnCodesMatchDecodedVectors(TestInfo info) {
        SplittableRandom rnd = Seeds.random(info);
        float[][] data = TestVectors.clustered(rnd, 1_100, 37, 5);
        for (Metric metric : new Metric[] {Metric.L2, Metric.INNER_PRODUCT, Metric.COSINE}) {
            for (VectorKernels kernels : new VectorKernels[] {VectorKernels.scalar(), VectorKernels.preferred()}) {
                IndexDefinition def = IndexDefinition.of("sq", "c", "e", 37, metric).withType(IndexType.HNSW_SQ8);
                try (VectorIndex index = TestVectors.build(def, data, kernels)) {
                    Sq8Codes codes = (Sq8Codes) index.codes();
                    float[] query = TestVectors.gaussian(rnd, 37, 1.0);
                    HnswGraph.Scorer scorer = codes.scorer(query);
                    DistanceFunction f = VectorKernels.scalar().distance(metric);
                    for (int i = 0; i < 200; i++) {
                        float expected = f.distance(query, codes.decode(i));
                        assertThat(scorer.distanceTo(i)).as("%s %s node %d", metric, kernels.name(), i)
                                .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-3f * (1 + Math.abs(
                                        expected))));
                    }
                }
            }
        }
    }

    @Test
    void sq8RecallAfterReranking(TestInfo info) {
        double recall = quantizedRecall(info, IndexType.HNSW_SQ8, Metric.L2, DIM, 0.35);
        assertThat(recall).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void binaryRecallAfterReranking(TestInfo info) {
        // Sign bits need dimensions to say much: 128 is at the low end of what binary quantization is used for.
        double recall = quantizedRecall(info, IndexType.HNSW_BINARY, Metric.COSINE, 128, 0.7);
        assertThat(recall).isGreaterThanOrEqualTo(0.95);
    }

    private static double quantizedRecall(TestInfo info, IndexType type, Metric metric, int dim, double spread) {
        SplittableRandom rnd = Seeds.random(info);
        float[][] all = TestVectors.clustered(rnd, N + 100, dim, 20, spread);
        // Centre the data: sign bits carry information only around zero, as with real embeddings.
        float[] mean = new float[dim];
        for (float[] v : all) {
            for (int d = 0; d < dim; d++) {
                mean[d] += v[d] / all.length;
            }
        }
        for (float[] v : all) {
            for (int d = 0; d < dim; d++) {
                v[d] -= mean[d];
            }
        }
        float[][] queries = Arrays.copyOfRange(all, N, all.length);
        IndexDefinition def = IndexDefinition.of("q", "c", "e", dim, metric).withType(type);
        try (VectorIndex index = TestVectors.build(def, Arrays.copyOf(all, N), VectorKernels.preferred())) {
            assertThat(index.codes()).isNotNull();
            List<List<VectorHit>> exact = TestVectors.searchAll(index, queries, 10, null, true);
            List<List<VectorHit>> approx = TestVectors.searchAll(index, queries, 10, null, false);
            double recall = TestVectors.recall(exact, approx);
            System.out.printf("%s %s recall@10 after re-ranking (oversample %d) = %.4f, %s, %s%n", type, metric,
                    type.defaultOversample(), recall, index.storageStats(), Seeds.repro());
            // Re-ranked distances are exact float distances.
            DistanceFunction f = index.kernels().distance(metric);
            for (int q = 0; q < queries.length; q++) {
                for (VectorHit h : approx.get(q)) {
                    assertThat(h.distance()).isEqualTo(f.distance(queries[q], index.vector(h.id())));
                }
            }
            return recall;
        }
    }

    @Test
    void sq8IndexSearchesWithFloatsUntilTrained() {
        IndexDefinition def = IndexDefinition.of("q", "c", "e", 4, Metric.L2).withType(IndexType.HNSW_SQ8);
        try (VectorIndex index = new VectorIndex(def, def.hnswParams(), VectorKernels.scalar(), 10)) {
            for (int i = 0; i < 9; i++) {
                index.upsert(TestVectors.id(i), new float[] {i, 0, 0, 0});
            }
            assertThat(index.codes()).isNull();
            assertThat(index.search(new float[] {3.2f, 0, 0, 0}, 1).getFirst().id()).isEqualTo(TestVectors.id(3));
            index.upsert(TestVectors.id(9), new float[] {9, 0, 0, 0});
            assertThat(index.codes()).isNotNull();
            assertThat(index.codes().size()).isEqualTo(10);
            assertThat(index.search(new float[] {3.2f, 0, 0, 0}, 1).getFirst().id()).isEqualTo(TestVectors.id(3));
        }
    }
}
