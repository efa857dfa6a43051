package io.nodedb.core.vector;

import io.nodedb.core.testing.Seeds;
import io.nodedb.core.value.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.roaringbitmap.RoaringBitmap;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PQ and IVF-PQ: recall on clustered data, quantization error, determinism, filters, options, memory. */
@ExtendWith(Seeds.class)
class ProductQuantizationTest {
    private static final int N = 6_000;
    private static final int DIM = 64;

    private static IndexDefinition def(IndexType type, Metric metric, int dim, QuantizationOptions options) {
        return IndexDefinition.of("pq", "c", "e", dim, metric).withType(type).withQuantization(options);
    }

    private static float[][] centred(SplittableRandom rnd, int n, int dim, int clusters) {
        return TestVectors.clustered(rnd, n, dim, clusters, 0.35);
    }

    private static double recall(TestInfo info, IndexType type, Metric metric, QuantizationOptions options,
            double floor) {
        SplittableRandom rnd = Seeds.random(info);
        float[][] all = centred(rnd, N + 100, DIM, 30);
        float[][] queries = Arrays.copyOfRange(all, N, all.length);
        try (VectorIndex index = TestVectors.build(def(type, metric, DIM, options), Arrays.copyOf(all, N),
                VectorKernels.preferred())) {
            assertThat(index.codes()).isNotNull();
            List<List<VectorHit>> exact = TestVectors.searchAll(index, queries, 10, null, true);
            List<List<VectorHit>> approx = TestVectors.searchAll(index, queries, 10, null, false);
            double recall = TestVectors.recall(exact, approx);
            StorageStats stats = index.storageStats();
            System.out.printf("%s %s %s recall@10 = %.4f (floor %.2f), code bytes/vector %.1f, %s%n", type, metric,
                    options, recall, floor, stats.codeBytesPerVector(), Seeds.repro());
            DistanceFunction f = index.kernels().distance(metric);
            for (int q = 0; q < queries.length; q++) {
                for (VectorHit h : approx.get(q)) {
                    assertThat(h.distance()).isEqualTo(f.distance(queries[q], index.vector(h.id())));
                }
            }
            assertThat(recall).isGreaterThanOrEqualTo(floor);
            return recall;
        }
    }

    @ParameterizedTest
    @CsvSource({"l2", "cosine", "inner_product", "manhattan"})
    void hnswPqRecallOnClusteredData(String metric, TestInfo info) {
        recall(info, IndexType.HNSW_PQ, Metric.parse(metric), new QuantizationOptions(16, 0, 0, 3_000), 0.90);
    }

    @ParameterizedTest
    @CsvSource({"l2", "cosine", "inner_product", "manhattan"})
    void ivfPqRecallOnClusteredData(String metric, TestInfo info) {
        recall(info, IndexType.IVF_PQ, Metric.parse(metric), new QuantizationOptions(16, 32, 8, 3_000), 0.90);
    }

    @Test
    void moreProbesNeverLowerRecallMuch(TestInfo info) {
        SplittableRandom rnd = Seeds.random(info);
        float[][] all = centred(rnd, N + 50, DIM, 30);
        float[][] queries = Arrays.copyOfRange(all, N, all.length);
        try (VectorIndex index = TestVectors.build(def(IndexType.IVF_PQ, Metric.L2, DIM,
                new QuantizationOptions(16, 64, 1, 3_000)), Arrays.copyOf(all, N), VectorKernels.preferred())) {
            List<List<VectorHit>> exact = TestVectors.searchAll(index, queries, 10, null, true);
            double[] recalls = new double[3];
            int[] probes = {1, 8, 64};
            for (int p = 0; p < probes.length; p++) {
                int np = probes[p];
                List<List<VectorHit>> approx = Arrays.stream(queries)
                        .map(q -> index.search(SearchRequest.of(q, 10).withNprobe(np))).toList();
                recalls[p] = TestVectors.recall(exact, approx);
            }
            System.out.printf("ivf_pq nprobe 1/8/64 recall@10 = %s, %s%n", Arrays.toString(recalls), Seeds.repro());
            assertThat(recalls[1]).isGreaterThanOrEqualTo(recalls[0]);
            assertThat(recalls[2]).isGreaterThanOrEqualTo(0.95);
        }
    }

    @Test
    void pqAdcIsTheDistanceToTheDecodedVectorAndTheErrorIsBounded(TestInfo info) {
        SplittableRandom rnd = Seeds.random(info);
        float[][] data = centred(rnd, 3_000, DIM, 10);
        try (VectorIndex index = TestVectors.build(def(IndexType.HNSW_PQ, Metric.L2, DIM,
                new QuantizationOptions(16, 0, 0, 2_000)), data, VectorKernels.preferred())) {
            PqCodes codes = (PqCodes) index.codes();
            DistanceFunction l2 = VectorKernels.scalar().distance(Metric.L2);
            float[] mean = new float[DIM];
            for (float[] v : data) {
                for (int d = 0; d < DIM; d++) {
                    mean[d] += v[d] / data.length;
                }
            }
            double pqError = 0;
            double meanError = 0;
            double maxError = 0;
            for (int i = 0; i < data.length; i++) {
                float[] decoded = codes.decode(i);
                double e = l2.distance(decoded, data[i]);
                pqError += e;
                maxError = Math.max(maxError, Math.sqrt(e));
                meanError += l2.distance(mean, data[i]);
            }
            pqError /= data.length;
            meanError /= data.length;
            System.out.printf("PQ m=16 mean squared error %.4f vs %.4f for the mean vector; max error %.4f, %s%n",
                    pqError, meanError, maxError, Seeds.repro());
            // 256 centroids per 4-dimensional subspace leave a small part of the spread around the mean.
            assertThat(pqError).isLessThan(0.25 * meanError);
            float[] query = TestVectors.gaussian(rnd, DIM, 1.0);
            HnswGraph.Scorer adc = codes.scorer(query);
            for (int i = 0; i < 500; i++) {
                float[] decoded = codes.decode(i);
                double toDecoded = l2.distance(query, decoded);
                assertThat((double) adc.distanceTo(i)).isCloseTo(toDecoded, org.assertj.core.data.Offset.offset(
                        1e-3 * (1 + toDecoded)));
                // Triangle inequality: the estimate is off by at most the reconstruction error.
                double reconstruction = Math.sqrt(l2.distance(decoded, data[i]));
                assertThat(Math.abs(Math.sqrt(adc.distanceTo(i)) - Math.sqrt(l2.distance(query, data[i]))))
                        .isLessThanOrEqualTo(reconstruction * 1.001 + 1e-3);
            }
        }
    }

    @Test
    void ivfResidualCodesReconstructWithinTheSameBound(TestInfo info) {
        SplittableRandom rnd = Seeds.random(info);
        float[][] data = centred(rnd, 3_000, DIM, 10);
        try (VectorIndex index = TestVectors.build(def(IndexType.IVF_PQ, Metric.L2, DIM,
                new QuantizationOptions(16, 16, 4, 2_000)), data, VectorKernels.preferred())) {
            IvfPqCodes codes = (IvfPqCodes) index.codes();
            DistanceFunction l2 = VectorKernels.scalar().distance(Metric.L2);
            HnswGraph.Scorer adc = codes.scorer(data[7]);
            double error = 0;
            for (int i = 0; i < data.length; i++) {
                float[] decoded = codes.decode(i);
                error += l2.distance(decoded, data[i]) / data.length;
                double toDecoded = l2.distance(data[7], decoded);
                assertThat((double) adc.distanceTo(i)).isCloseTo(toDecoded, org.assertj.core.data.Offset.offset(
                        1e-3 * (1 + toDecoded)));
            }
            System.out.printf("IVF-PQ residual mean squared error %.4f, %s%n", error, Seeds.repro());
            // The data's mean squared distance from its mean is about DIM × (1 + 0.35²) (unit-variance centres
            // plus the spread); residual codes leave a few percent of it (measured: about 1.2 %).
            assertThat(error).isLessThan(0.05 * DIM * (1 + 0.35 * 0.35));
        }
    }

    @Test
    void trainingIsDeterministic(TestInfo info) {
        SplittableRandom rnd = Seeds.random(info);
        float[][] data = centred(rnd, 2_500, 32, 8);
        for (IndexType type : new IndexType[] {IndexType.HNSW_PQ, IndexType.IVF_PQ}) {
            IndexDefinition d = def(type, Metric.COSINE, 32, new QuantizationOptions(8, 16, 4, 2_000));
            try (VectorIndex a = TestVectors.build(d, data, VectorKernels.preferred());
                    VectorIndex b = TestVectors.build(d, data, VectorKernels.preferred())) {
                VectorIndexCheckpointTest.assertSameCodes(a, b);
            }
        }
    }

    @Test
    void ivfSearchesExactlyUntilTrainedAndSkipsDeletedRows() {
        IndexDefinition d = def(IndexType.IVF_PQ, Metric.L2, 4, new QuantizationOptions(2, 4, 4, 300));
        try (VectorIndex index = new VectorIndex(d, d.hnswParams(), VectorKernels.scalar(), 10)) {
            for (int i = 0; i < 299; i++) {
                index.upsert(TestVectors.id(i), new float[] {i, i % 7, 0, 1});
            }
            assertThat(index.codes()).isNull();
            assertThat(index.search(new float[] {3.2f, 3, 0, 1}, 1).getFirst().id()).isEqualTo(TestVectors.id(3));
            index.upsert(TestVectors.id(299), new float[] {299, 299 % 7, 0, 1});
            assertThat(index.codes()).isNotNull().isInstanceOf(IvfPqCodes.class);
            assertThat(index.search(new float[] {3.2f, 3, 0, 1}, 1).getFirst().id()).isEqualTo(TestVectors.id(3));
            index.delete(TestVectors.id(3));
            assertThat(index.search(new float[] {3.2f, 3, 0, 1}, 5)).extracting(VectorHit::id)
                    .doesNotContain(TestVectors.id(3));
            assertThat(index.compact()).isZero();
            assertThat(index.search(new float[] {3.2f, 3, 0, 1}, 5)).extracting(VectorHit::id)
                    .doesNotContain(TestVectors.id(3));
        }
    }

    /** On small data a Roaring-filtered search returns exactly what an exact filtered scan does, in every band. */
    @ParameterizedTest
    @CsvSource({"hnsw, 0.8", "hnsw, 0.3", "hnsw, 0.1", "hnsw, 0.02", "hnsw_pq, 0.8", "hnsw_pq, 0.3",
        "ivf_pq, 0.8", "ivf_pq, 0.3", "ivf_pq, 0.1", "ivf_pq, 0.02"})
    void roaringFilteredSearchEqualsExactFilteredSearch(String type, double keep, TestInfo info) {
        SplittableRandom rnd = Seeds.random(info);
        int n = 800;
        float[][] all = centred(rnd, n + 20, 16, 5);
        float[][] queries = Arrays.copyOfRange(all, n, all.length);
        IndexDefinition d = def(IndexType.parse(type), Metric.L2, 16, new QuantizationOptions(4, 8, 8, 400));
        try (VectorIndex index = TestVectors.build(d, Arrays.copyOf(all, n), VectorKernels.preferred())) {
            for (int i = 0; i < n; i += 9) {
                index.delete(TestVectors.id(i));
            }
            List<Value> matching = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (rnd.nextDouble() < keep) {
                    matching.add(TestVectors.id(i));
                }
            }
            RoaringBitmap allowed = index.allowedIds(matching);
            for (Value v : matching) {
                int node = index.internalId(v);
                if (node >= 0) {
                    assertThat(index.rowId(node)).isEqualTo(v);
                }
            }
            for (float[] q : queries) {
                SearchRequest r = SearchRequest.of(q, 10).withFilter(allowed).withEfSearch(400).withOversample(40);
                assertThat(index.search(r)).as("strategy %s, %s", index.strategyFor(allowed), Seeds.repro())
                        .isEqualTo(index.search(r.asExact()));
            }
        }
    }

    @Test
    void optionsFromSql() {
        IndexDefinition base = IndexDefinition.of("v", "docs", "emb", 96, Metric.L2);
        IndexDefinition ivf = base.withOptions(Map.of("nlist", "100", "M", "12", "index_type", "IVF_PQ",
                "nprobe", "9"));
        assertThat(ivf.type()).isEqualTo(IndexType.IVF_PQ);
        assertThat(ivf.m()).isEqualTo(HnswParams.DEFAULT_M);
        assertThat(ivf.quantization()).isEqualTo(new QuantizationOptions(12, 100, 9, 0));
        IndexDefinition hnswPq = base.withOptions(Map.of("index_type", "hnsw_pq", "m", "24", "pq_m", "48",
                "ef_construction", "150", "training_size", "5000"));
        assertThat(hnswPq.m()).isEqualTo(24);
        assertThat(hnswPq.efConstruction()).isEqualTo(150);
        assertThat(hnswPq.quantization()).isEqualTo(new QuantizationOptions(48, 0, 0, 5000));
        assertThatThrownBy(() -> base.withOptions(Map.of("nlists", "3"))).hasMessageContaining("nlists");
        assertThatThrownBy(() -> base.withOptions(Map.of("index_type", "ivf_pq", "m", "97")))
                .hasMessageContaining("pq_m");
        assertThatThrownBy(() -> IndexDefinition.of("v", "c", "e", 8, Metric.PEARSON).withType(IndexType.HNSW_PQ))
                .hasMessageContaining("pearson");
        // The log record carries the options, and an index without them is encoded as before (9 fields).
        byte[] payload = VectorOpCodec.encode(List.of(new VectorOp.CreateIndex(ivf), new VectorOp.CreateIndex(base)));
        assertThat(VectorOpCodec.decode(payload)).containsExactly(new VectorOp.CreateIndex(ivf),
                new VectorOp.CreateIndex(base));
    }

    @Test
    void storageStatsReportCodeBytesPerVectorByType(TestInfo info) {
        SplittableRandom rnd = Seeds.random(info);
        float[][] data = centred(rnd, 4_000, DIM, 10);
        for (IndexType type : new IndexType[] {IndexType.HNSW, IndexType.HNSW_PQ, IndexType.IVF_PQ}) {
            try (VectorIndex index = TestVectors.build(def(type, Metric.L2, DIM,
                    new QuantizationOptions(8, 16, 4, 1_000)), data, VectorKernels.preferred())) {
                StorageStats s = index.storageStats();
                System.out.printf("%s: %.1f B/vector (vectors %.1f, codes %.1f, graph %.1f, ids %.1f)%n", type,
                        s.bytesPerVector(), s.vectorBytesPerVector(), s.codeBytesPerVector(),
                        s.graphBytesPerVector(), s.idBytesPerVector());
                assertThat(s.type()).isEqualTo(type);
                assertThat(s.vectorBytesPerVector()).isGreaterThanOrEqualTo(4.0 * DIM);
                switch (type) {
                    case HNSW -> assertThat(s.codeBytesPerVector()).isZero();
                    // 8 bytes of code per vector, the codebook (256 × 64 floats, twice: two layouts) and at most
                    // one 256 KiB chunk of slack. IVF keeps codes and ids in heap lists (up to twice the entries
                    // while they grow) and adds its centroids (16 × 64 floats).
                    case HNSW_PQ -> assertThat(s.codeBytes()).isBetween(8L * 4_000, 8L * 4_000 + 140_000 + 262_144);
                    default -> {
                        assertThat(s.graphBytesPerVector()).isLessThan(40);
                        assertThat(s.codeBytes()).isBetween(12L * 4_000, 2 * 12L * 4_000 + 8L * 4_000 + 150_000);
                    }
                }
            }
        }
    }

    @Test
    void codesStayInPlaceForConcurrentReaders() {
        // Codes live in chunks that never move: a segment taken before growth still reads the same bytes after it.
        PqCodebook book = new PqCodebook(2, 1, new float[][] {new float[512]});
        PqCodes codes = new PqCodes(book, Metric.L2);
        try (codes) {
            codes.add(0, new float[] {0, 0});
            MemorySegment first = codes.rows().segment(0);
            for (int i = 1; i < 100_000; i++) {
                codes.add(i, new float[] {0, 0});
            }
            assertThat(codes.rows().segment(0)).isSameAs(first);
        }
    }
}
