package io.nodedb.core.vector;

import io.nodedb.core.engine.ApplyResult;
import io.nodedb.core.engine.RecordTypes;
import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.metrics.PrometheusWriter;
import io.nodedb.core.testing.NoLeakedFiles;
import io.nodedb.core.testing.Seeds;
import io.nodedb.core.value.Value;
import io.nodedb.core.wal.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith({Seeds.class, NoLeakedFiles.class})
class VectorEngineTest {
    private static final VectorOp CREATE = new VectorOp.CreateIndex("emb_idx", "articles", "embedding", 3,
            Metric.COSINE, 16, 200, IndexType.HNSW);

    @TempDir
    Path dir;

    private long lsn;

    private ApplyResult apply(VectorEngine engine, VectorOp... ops) {
        return engine.apply(new LogRecord(++lsn, RecordTypes.VECTOR_BATCH, VectorOpCodec.encode(List.of(ops))));
    }

    private static VectorOp upsert(int id, float... v) {
        return new VectorOp.Upsert("emb_idx", TestVectors.id(id), v);
    }

    private static List<Value> ids(List<VectorHit> hits) {
        return hits.stream().map(VectorHit::id).toList();
    }

    @Test
    void codecRoundTripsEveryOperation() {
        List<VectorOp> ops = List.of(CREATE,
                new VectorOp.CreateIndex("b", "c", "f", 4, Metric.PEARSON, 8, 50, IndexType.HNSW_SQ8),
                new VectorOp.Upsert("b", new Value.Str("k"), new float[] {1, -2.5f, 0, 3}),
                new VectorOp.Delete("b", new Value.Str("k")), new VectorOp.DropIndex("b"));
        assertThat(VectorOpCodec.decode(VectorOpCodec.encode(ops))).isEqualTo(ops);
        assertThatThrownBy(() -> VectorOpCodec.decode(new byte[] {(byte) 0x91, 0x01}))
                .isInstanceOfSatisfying(NodeDbException.class,
                        e -> assertThat(e.state()).isEqualTo(SqlState.DATA_CORRUPTED));
    }

    @Test
    void appliesCreateUpsertDeleteAndSearches() {
        try (VectorEngine engine = new VectorEngine()) {
            assertThat(engine.handles(RecordTypes.VECTOR_BATCH)).isTrue();
            assertThat(engine.handles(RecordTypes.DOCUMENT_BATCH)).isFalse();
            ApplyResult r = apply(engine, CREATE, upsert(1, 1, 0, 0), upsert(2, 0, 1, 0), upsert(3, 1, 1, 0))
                    .orThrow();
            assertThat(r.affected()).containsExactly(0L, 1L, 1L, 1L);
            assertThat(ids(engine.search("emb_idx", SearchRequest.of(new float[] {1, 0.1f, 0}, 2))))
                    .containsExactly(TestVectors.id(1), TestVectors.id(3));
            assertThat(apply(engine, new VectorOp.Delete("emb_idx", TestVectors.id(1)),
                    new VectorOp.Delete("emb_idx", TestVectors.id(9))).orThrow().affected()).containsExactly(1L, 0L);
            assertThat(ids(engine.search("emb_idx", SearchRequest.of(new float[] {1, 0.1f, 0}, 2))))
                    .containsExactly(TestVectors.id(3), TestVectors.id(2));
            assertThat(engine.definitions()).containsOnlyKeys("emb_idx");
            assertThat(engine.appliedLsn()).isEqualTo(lsn);
        }
    }

    @Test
    void aWrongDimensionRejectsTheWholeRecordWith22000() {
        try (VectorEngine engine = new VectorEngine()) {
            apply(engine, CREATE).orThrow();
            ApplyResult r = apply(engine, upsert(1, 1, 0, 0), upsert(2, 1, 0), upsert(3, 0, 0, 1));
            assertThat(r.isOk()).isFalse();
            assertThat(r.error().state()).isEqualTo(SqlState.DATA_EXCEPTION);
            assertThat(r.error().state().code()).isEqualTo("22000");
            assertThat(r.error().getMessage()).contains("expects 3 dimensions, got 2").contains("operation 2 of 3");
            assertThat(engine.index("emb_idx").size()).isZero();
            // A create followed by a bad upsert in one record creates nothing either.
            r = apply(engine, new VectorOp.CreateIndex("other", "c", "f", 2, Metric.L2, 16, 200, IndexType.HNSW),
                    new VectorOp.Upsert("other", TestVectors.id(1), new float[] {1, 2, 3}));
            assertThat(r.error().state()).isEqualTo(SqlState.DATA_EXCEPTION);
            assertThat(engine.findIndex("other")).isEmpty();
            assertThatThrownBy(() -> engine.search("emb_idx", SearchRequest.of(new float[] {1}, 1)))
                    .isInstanceOfSatisfying(NodeDbException.class,
                            e -> assertThat(e.state()).isEqualTo(SqlState.DATA_EXCEPTION));
        }
    }

    @Test
    void catalogErrorsCarryTheirSqlStates() {
        try (VectorEngine engine = new VectorEngine()) {
            apply(engine, CREATE).orThrow();
            assertThat(apply(engine, CREATE).error().state()).isEqualTo(SqlState.DUPLICATE_OBJECT);
            assertThat(apply(engine, new VectorOp.DropIndex("nope")).error().state())
                    .isEqualTo(SqlState.UNDEFINED_OBJECT);
            assertThat(apply(engine, new VectorOp.Upsert("nope", TestVectors.id(1), new float[] {1})).error().state())
                    .isEqualTo(SqlState.UNDEFINED_OBJECT);
            assertThatThrownBy(() -> engine.index("nope")).isInstanceOfSatisfying(NodeDbException.class,
                    e -> assertThat(e.state()).isEqualTo(SqlState.UNDEFINED_OBJECT));
            // Drop and re-create in one record is fine.
            apply(engine, new VectorOp.DropIndex("emb_idx"), CREATE, upsert(4, 1, 2, 3)).orThrow();
            assertThat(engine.index("emb_idx").size()).isEqualTo(1);
        }
    }

    @Test
    void checkpointAndReopenGiveTheSameIndexes(TestInfo info) throws IOException {
        SplittableRandom rnd = Seeds.random(info);
        float[][] data = TestVectors.clustered(rnd, 1_500, 3, 4);
        float[] q = {0.3f, -0.2f, 0.9f};
        List<VectorHit> before;
        long covered;
        try (VectorEngine engine = new VectorEngine(dir, VectorKernels.preferred())) {
            assertThat(engine.recoveredLsn()).isZero();
            apply(engine, CREATE, new VectorOp.CreateIndex("second", "c", "f", 2, Metric.L2, 8, 64, IndexType.HNSW_SQ8));
            for (int i = 0; i < data.length; i += 100) {
                List<VectorOp> batch = new ArrayList<>();
                for (int j = i; j < Math.min(data.length, i + 100); j++) {
                    batch.add(upsert(j, data[j]));
                    batch.add(new VectorOp.Upsert("second", TestVectors.id(j), new float[] {j, -j}));
                }
                apply(engine, batch.toArray(VectorOp[]::new)).orThrow();
            }
            apply(engine, new VectorOp.Delete("emb_idx", TestVectors.id(5))).orThrow();
            covered = engine.checkpoint();
            assertThat(covered).isEqualTo(lsn);
            before = engine.search("emb_idx", SearchRequest.of(q, 10));
            // Only "second" changes after the first checkpoint: the second one rewrites only its file.
            apply(engine, new VectorOp.Upsert("second", TestVectors.id(99_999), new float[] {1, 1})).orThrow();
            long second = engine.checkpoint();
            assertThat(indexFiles()).hasSize(2).anyMatch(f -> f.endsWith("-" + covered + ".vidx"))
                    .anyMatch(f -> f.endsWith("-" + second + ".vidx"));
        }
        try (VectorEngine reopened = new VectorEngine(dir, VectorKernels.preferred())) {
            assertThat(reopened.recoveredLsn()).isEqualTo(lsn);
            assertThat(reopened.definitions()).containsOnlyKeys("emb_idx", "second");
            assertThat(reopened.search("emb_idx", SearchRequest.of(q, 10))).isEqualTo(before);
            assertThat(reopened.index("emb_idx").contains(TestVectors.id(5))).isFalse();
            assertThat(reopened.index("second").contains(TestVectors.id(99_999))).isTrue();
            apply(reopened, new VectorOp.DropIndex("second")).orThrow();
            reopened.checkpoint();
            assertThat(indexFiles()).hasSize(1);
        }
        try (VectorEngine again = new VectorEngine(dir, VectorKernels.preferred())) {
            assertThat(again.definitions()).containsOnlyKeys("emb_idx");
            assertThat(again.recoveredLsn()).isEqualTo(lsn);
        }
    }

    /**
     * PQ indexes declared with options through the log: trained at the record that reaches training_size,
     * checkpointed with their codes, reopened without retraining, and a replay of the same records from an empty
     * engine trains the same codes. Per-type storage stats are summed by type.
     */
    @Test
    void pqIndexesTrainFromTheLogAndSurviveARestart(TestInfo info) throws IOException {
        SplittableRandom rnd = Seeds.random(info);
        float[][] data = TestVectors.clustered(rnd, 1_200, 16, 6);
        IndexDefinition ivf = IndexDefinition.of("ivf", "c", "e", 16, Metric.L2)
                .withOptions(java.util.Map.of("index_type", "ivf_pq", "m", "4", "nlist", "8", "nprobe", "3",
                        "training_size", "600"));
        IndexDefinition pq = IndexDefinition.of("pq", "c", "e", 16, Metric.COSINE)
                .withOptions(java.util.Map.of("index_type", "hnsw_pq", "pq_m", "8", "training_size", "500"));
        List<List<VectorOp>> records = new ArrayList<>();
        records.add(List.of(new VectorOp.CreateIndex(ivf), new VectorOp.CreateIndex(pq)));
        for (int i = 0; i < data.length; i += 100) {
            List<VectorOp> batch = new ArrayList<>();
            for (int j = i; j < i + 100; j++) {
                batch.add(new VectorOp.Upsert("ivf", TestVectors.id(j), data[j]));
                batch.add(new VectorOp.Upsert("pq", TestVectors.id(j), data[j]));
            }
            records.add(batch);
        }
        float[] q = data[17].clone();
        List<VectorHit> ivfBefore;
        List<VectorHit> pqBefore;
        Path first = dir.resolve("first");
        Path replay = dir.resolve("replay");
        try (VectorEngine engine = new VectorEngine(first, VectorKernels.preferred())) {
            for (List<VectorOp> r : records) {
                apply(engine, r.toArray(VectorOp[]::new)).orThrow();
            }
            assertThat(engine.index("ivf").codes()).isInstanceOf(IvfPqCodes.class);
            assertThat(engine.index("pq").codes()).isInstanceOf(PqCodes.class);
            assertThat(engine.definitions().get("ivf")).isEqualTo(ivf);
            ivfBefore = engine.search("ivf", SearchRequest.of(q, 10).withNprobe(8));
            pqBefore = engine.search("pq", SearchRequest.of(q, 10));
            assertThat(ivfBefore.getFirst().id()).isEqualTo(TestVectors.id(17));
            assertThat(engine.storageStatsByType()).containsOnlyKeys(IndexType.IVF_PQ, IndexType.HNSW_PQ);
            assertThat(engine.storageStatsByType().get(IndexType.IVF_PQ).liveVectors()).isEqualTo(data.length);
            engine.checkpoint();
            lsn = 0;
            try (VectorEngine again = new VectorEngine(replay, VectorKernels.preferred())) {
                for (List<VectorOp> r : records) {
                    apply(again, r.toArray(VectorOp[]::new)).orThrow();
                }
                VectorIndexCheckpointTest.assertSameCodes(engine.index("ivf"), again.index("ivf"));
                VectorIndexCheckpointTest.assertSameCodes(engine.index("pq"), again.index("pq"));
            }
            try (VectorEngine reopened = new VectorEngine(first, VectorKernels.preferred())) {
                assertThat(reopened.definitions().get("ivf")).isEqualTo(ivf);
                VectorIndexCheckpointTest.assertSameCodes(engine.index("ivf"), reopened.index("ivf"));
                VectorIndexCheckpointTest.assertSameCodes(engine.index("pq"), reopened.index("pq"));
                assertThat(reopened.search("ivf", SearchRequest.of(q, 10).withNprobe(8))).isEqualTo(ivfBefore);
                assertThat(reopened.search("pq", SearchRequest.of(q, 10))).isEqualTo(pqBefore);
            }
        }
    }

    private List<String> indexFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".vidx")).sorted().toList();
        }
    }

    @Test
    void advanceToLetsACheckpointCoverOtherEnginesRecords() {
        try (VectorEngine engine = new VectorEngine(dir, VectorKernels.preferred())) {
            apply(engine, CREATE).orThrow();
            engine.advanceTo(500);
            assertThat(engine.checkpoint()).isEqualTo(500);
        }
        try (VectorEngine reopened = new VectorEngine(dir, VectorKernels.preferred())) {
            assertThat(reopened.recoveredLsn()).isEqualTo(500);
        }
    }

    @Test
    void manyDeletesTriggerCompactionAtADeterministicPoint() {
        try (VectorEngine engine = new VectorEngine()) {
            apply(engine, CREATE).orThrow();
            List<VectorOp> batch = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                batch.add(upsert(i, i, 1, -i));
            }
            apply(engine, batch.toArray(VectorOp[]::new)).orThrow();
            batch.clear();
            for (int i = 0; i < 100; i++) {
                batch.add(new VectorOp.Delete("emb_idx", TestVectors.id(i)));
            }
            apply(engine, batch.toArray(VectorOp[]::new)).orThrow();
            assertThat(engine.index("emb_idx").pendingTombstones()).isZero();
            StringBuilder text = new StringBuilder();
            engine.writeMetrics(new PrometheusWriter(text));
            assertThat(text).contains("nodedb_vector_compactions_total 1")
                    .contains("nodedb_vector_live_vectors{index=\"emb_idx\"} 300")
                    .contains("nodedb_vector_bytes_per_vector{index=\"emb_idx\"}")
                    .contains("nodedb_vector_memory_bytes{index=\"emb_idx\"}");
            StorageStats stats = engine.storageStats().get("emb_idx");
            assertThat(stats.liveVectors()).isEqualTo(300);
            assertThat(stats.deletedVectors()).isEqualTo(100);
            assertThat(stats.bytesPerVector()).isPositive();
        }
    }

    @Test
    void closeReleasesEveryIndex() {
        VectorEngine engine = new VectorEngine();
        apply(engine, CREATE, upsert(1, 1, 2, 3)).orThrow();
        VectorIndex index = engine.index("emb_idx");
        engine.close();
        assertThat(index.memoryReleased()).isTrue();
    }
}
