package io.nodedb.core.vector;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.testing.NoLeakedFiles;
import io.nodedb.core.testing.Seeds;
import io.nodedb.core.value.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith({Seeds.class, NoLeakedFiles.class})
class VectorIndexCheckpointTest {
    private static final int DIM = 20;

    @TempDir
    Path dir;

    private static VectorIndex sample(SplittableRandom rnd, IndexType type, float[][] data) {
        IndexDefinition def = new IndexDefinition("idx \"1\"", "docs", "emb", DIM, Metric.COSINE, 12, 100, type,
                // PQ types train at 500 live rows too, on 4 subspaces of 5 dimensions, with 16 IVF lists.
                type.productQuantized() ? new QuantizationOptions(4, 16, 4, 500) : QuantizationOptions.DEFAULTS);
        VectorIndex index = new VectorIndex(def, def.hnswParams(), VectorKernels.preferred(), 500);
        for (int i = 0; i < data.length; i++) {
            index.upsert(i % 3 == 0 ? new Value.Str("row-" + i) : TestVectors.id(i), data[i]);
        }
        for (int i = 0; i < data.length; i += 11) {
            index.delete(TestVectors.id(i));
        }
        index.upsert(TestVectors.id(1), TestVectors.gaussian(rnd, DIM, 1));
        return index;
    }

    @ParameterizedTest
    @EnumSource(IndexType.class)
    void roundTripGivesTheSameIndex(IndexType type, TestInfo info) throws IOException {
        SplittableRandom rnd = Seeds.random(info);
        float[][] data = TestVectors.clustered(rnd, 2_000, DIM, 6);
        float[][] more = TestVectors.clustered(rnd, 300, DIM, 6);
        float[][] queries = TestVectors.clustered(rnd, 40, DIM, 6);
        Path file = dir.resolve("index.vidx");
        try (VectorIndex original = sample(rnd, type, data)) {
            VectorIndexCheckpoint.write(original, 1234, file);
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files).containsExactly(file);
            }
            VectorIndexCheckpoint.Loaded loaded = VectorIndexCheckpoint.read(file, VectorKernels.preferred());
            try (VectorIndex copy = loaded.index()) {
                assertThat(loaded.lsn()).isEqualTo(1234);
                assertThat(copy.definition()).isEqualTo(original.definition());
                assertThat(copy.params()).isEqualTo(original.params());
                assertThat(copy.size()).isEqualTo(original.size());
                HnswGraphTest.assertSameGraph(original, copy);
                assertSameCodes(original, copy);
                for (float[] q : queries) {
                    assertThat(copy.search(q, 10)).isEqualTo(original.search(q, 10));
                }
                assertThat(copy.vector(new Value.Str("row-3"))).isEqualTo(original.vector(new Value.Str("row-3")));
                assertThat(copy.contains(TestVectors.id(11))).isFalse();
                // Inserting after a restart builds what inserting without one would have built.
                for (int i = 0; i < more.length; i++) {
                    original.upsert(TestVectors.id(10_000 + i), more[i]);
                    copy.upsert(TestVectors.id(10_000 + i), more[i]);
                }
                HnswGraphTest.assertSameGraph(original, copy);
                for (float[] q : queries) {
                    assertThat(copy.search(q, 10)).isEqualTo(original.search(q, 10));
                }
            }
        }
    }

    /** PQ codebooks, codes and IVF lists come back as stored (not retrained, not re-encoded differently). */
    static void assertSameCodes(VectorIndex original, VectorIndex copy) {
        VectorIndex.PqState a = original.snapshot().pq();
        VectorIndex.PqState b = copy.snapshot().pq();
        assertThat(b == null).isEqualTo(a == null);
        if (a == null) {
            return;
        }
        assertThat(b.codes()).isEqualTo(a.codes());
        assertThat(b.lists()).isEqualTo(a.lists());
        assertThat(b.coarse()).isEqualTo(a.coarse());
        for (int j = 0; j < a.codebook().subspaces(); j++) {
            assertThat(b.codebook().centroids(j)).isEqualTo(a.codebook().centroids(j));
        }
    }

    @Test
    void anyFlippedByteIsDetected(TestInfo info) throws IOException {
        SplittableRandom rnd = Seeds.random(info);
        Path file = dir.resolve("x.vidx");
        try (VectorIndex index = sample(rnd, IndexType.HNSW, TestVectors.clustered(rnd, 300, DIM, 3))) {
            VectorIndexCheckpoint.write(index, 7, file);
        }
        byte[] good = Files.readAllBytes(file);
        for (int round = 0; round < 20; round++) {
            byte[] bad = good.clone();
            int at = rnd.nextInt(bad.length);
            bad[at] ^= (byte) (1 << rnd.nextInt(8));
            Files.write(file, bad);
            assertThatThrownBy(() -> VectorIndexCheckpoint.read(file).index().close())
                    .as("flipped byte %d", at)
                    .isInstanceOfSatisfying(NodeDbException.class,
                            e -> assertThat(e.state()).isIn(SqlState.DATA_CORRUPTED,
                                    SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE));
        }
        Files.write(file, Arrays.copyOf(good, good.length - 9));
        assertThatThrownBy(() -> VectorIndexCheckpoint.read(file))
                .isInstanceOfSatisfying(NodeDbException.class,
                        e -> assertThat(e.state()).isEqualTo(SqlState.DATA_CORRUPTED))
                .hasMessageContaining(file.toString());
    }

    @Test
    void rewritingReplacesTheFileAtomically(TestInfo info) throws IOException {
        SplittableRandom rnd = Seeds.random(info);
        Path file = dir.resolve("y.vidx");
        try (VectorIndex index = sample(rnd, IndexType.HNSW, TestVectors.clustered(rnd, 100, DIM, 3))) {
            VectorIndexCheckpoint.write(index, 1, file);
            index.upsert(TestVectors.id(5_000), TestVectors.gaussian(rnd, DIM, 1));
            VectorIndexCheckpoint.write(index, 2, file);
        }
        VectorIndexCheckpoint.Loaded loaded = VectorIndexCheckpoint.read(file);
        try (VectorIndex index = loaded.index()) {
            assertThat(loaded.lsn()).isEqualTo(2);
            assertThat(index.contains(TestVectors.id(5_000))).isTrue();
        }
        assertThat(List.of(dir.toFile().list())).containsExactly("y.vidx");
    }
}
