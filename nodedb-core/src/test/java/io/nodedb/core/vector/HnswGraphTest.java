package io.nodedb.core.vector;

import io.nodedb.core.testing.Seeds;
import io.nodedb.core.value.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(Seeds.class)
class HnswGraphTest {
    private static final int DIM = 24;

    static void assertSameGraph(VectorIndex a, VectorIndex b) {
        HnswGraph ga = a.graph();
        HnswGraph gb = b.graph();
        assertThat(gb.size()).isEqualTo(ga.size());
        assertThat(gb.entry()).isEqualTo(ga.entry());
        for (int n = 0; n < ga.size(); n++) {
            assertThat(gb.flags(n)).as("flags of node %d", n).isEqualTo(ga.flags(n));
            assertThat(gb.snapshotLinks(n)).as("links of node %d", n).isDeepEqualTo(ga.snapshotLinks(n));
        }
    }

    @Test
    void sameInsertsInTheSameOrderBuildTheSameGraph(TestInfo info) {
        SplittableRandom rnd = Seeds.random(info);
        float[][] data = TestVectors.clustered(rnd, 3_000, DIM, 8);
        IndexDefinition def = IndexDefinition.of("d", "c", "e", DIM, Metric.COSINE);
        // The first build runs mostly interpreted, the second compiled: the kernels must round alike in both.
        try (VectorIndex a = TestVectors.build(def, data, VectorKernels.preferred());
                VectorIndex b = TestVectors.build(def, data, VectorKernels.preferred())) {
            assertSameGraph(a, b);
            for (int i = 0; i < 50; i++) {
                a.delete(TestVectors.id(i * 7));
                b.delete(TestVectors.id(i * 7));
            }
            a.compact();
            b.compact();
            assertSameGraph(a, b);
        }
    }

    @Test
    void scalarKernelsGiveADeterministicGraphToo(TestInfo info) {
        SplittableRandom rnd = Seeds.random(info);
        float[][] data = TestVectors.clustered(rnd, 1_000, DIM, 4);
        IndexDefinition def = IndexDefinition.of("d", "c", "e", DIM, Metric.L2);
        try (VectorIndex a = TestVectors.build(def, data, VectorKernels.scalar());
                VectorIndex b = TestVectors.build(def, data, VectorKernels.scalar())) {
            assertSameGraph(a, b);
        }
    }

    @Test
    void deletedRowsAreNeverReturnedAndCompactionUnlinksThem(TestInfo info) {
        SplittableRandom rnd = Seeds.random(info);
        int n = 4_000;
        float[][] all = TestVectors.clustered(rnd, n + 100, DIM, 10);
        float[][] queries = Arrays.copyOfRange(all, n, all.length);
        IndexDefinition def = IndexDefinition.of("d", "c", "e", DIM, Metric.L2);
        try (VectorIndex index = TestVectors.build(def, Arrays.copyOf(all, n), VectorKernels.preferred())) {
            Set<Value> deleted = new HashSet<>();
            for (int i = 0; i < n; i++) {
                if (rnd.nextInt(10) < 3) {
                    assertThat(index.delete(TestVectors.id(i))).isTrue();
                    deleted.add(TestVectors.id(i));
                }
            }
            assertThat(index.delete(TestVectors.id(-5))).isFalse();
            assertThat(index.size()).isEqualTo(n - deleted.size());
            assertThat(index.pendingTombstones()).isEqualTo(deleted.size());
            List<List<VectorHit>> exact = TestVectors.searchAll(index, queries, 10, null, true);
            List<List<VectorHit>> before = TestVectors.searchAll(index, queries, 10, null, false);
            before.forEach(hits -> hits.forEach(h -> assertThat(deleted).doesNotContain(h.id())));
            double recallBefore = TestVectors.recall(exact, before);

            int rebuilt = index.compact();
            assertThat(rebuilt).isPositive();
            assertThat(index.pendingTombstones()).isZero();
            HnswGraph g = index.graph();
            for (int node = 0; node < g.size(); node++) {
                for (int level = 0; level <= g.levelOf(node); level++) {
                    for (int nb : g.neighbours(node, level)) {
                        assertThat(g.isDeleted(nb)).as("node %d links to deleted %d", node, nb).isFalse();
                    }
                    if (g.isDeleted(node)) {
                        assertThat(g.neighbours(node, level)).isEmpty();
                    }
                }
            }
            assertThat(g.isDeleted((int) g.entry())).isFalse();
            List<List<VectorHit>> after = TestVectors.searchAll(index, queries, 10, null, false);
            after.forEach(hits -> hits.forEach(h -> assertThat(deleted).doesNotContain(h.id())));
            double recallAfter = TestVectors.recall(exact, after);
            System.out.printf("recall@10 with 30%% deleted: %.4f before compaction, %.4f after %s%n", recallBefore,
                    recallAfter, Seeds.repro());
            assertThat(recallAfter).isGreaterThanOrEqualTo(0.95);
            assertThat(index.compact()).isZero();
        }
    }

    @Test
    void updateReplacesTheVectorUnderTheSameId() {
        IndexDefinition def = IndexDefinition.of("u", "c", "e", 2, Metric.L2);
        try (VectorIndex index = new VectorIndex(def)) {
            for (int i = 0; i < 100; i++) {
                index.upsert(TestVectors.id(i), new float[] {i, 0});
            }
            index.upsert(TestVectors.id(3), new float[] {500, 0});
            assertThat(index.size()).isEqualTo(100);
            assertThat(index.vector(TestVectors.id(3))).containsExactly(500, 0);
            List<VectorHit> hits = index.search(new float[] {499, 0}, 2);
            assertThat(hits).extracting(VectorHit::id).containsExactly(TestVectors.id(3), TestVectors.id(99));
            assertThat(index.search(new float[] {3, 0}, 1).getFirst().id()).isNotEqualTo(TestVectors.id(3));
            assertThat(index.storageStats().deletedVectors()).isEqualTo(1);
        }
    }

    @Test
    void deletingEverythingThenInsertingAgainWorks() {
        IndexDefinition def = IndexDefinition.of("e", "c", "e", 3, Metric.L2);
        try (VectorIndex index = new VectorIndex(def)) {
            for (int i = 0; i < 200; i++) {
                index.upsert(TestVectors.id(i), new float[] {i, -i, 1});
            }
            for (int i = 0; i < 200; i++) {
                index.delete(TestVectors.id(i));
            }
            assertThat(index.search(new float[] {1, 1, 1}, 5)).isEmpty();
            index.compact();
            assertThat(index.graph().entry()).isEqualTo(-1);
            index.upsert(TestVectors.id(7), new float[] {1, 1, 1});
            index.upsert(TestVectors.id(8), new float[] {2, 2, 2});
            assertThat(index.search(new float[] {1, 1, 1.1f}, 5)).extracting(VectorHit::id)
                    .containsExactly(TestVectors.id(7), TestVectors.id(8));
        }
    }


    /**
     * When the only row is replaced before compaction, the entry point is deleted: rows inserted next find only
     * deleted nodes and must link through them, or they (and every row after them) could never be found.
     */
    @Test
    void rowsInsertedWhenOnlyDeletedNodesExistAreStillFound(TestInfo info) {
        SplittableRandom rnd = Seeds.random(info);
        float[][] data = TestVectors.clustered(rnd, 200, DIM, 4);
        IndexDefinition def = IndexDefinition.of("e", "c", "e", DIM, Metric.L2);
        try (VectorIndex index = new VectorIndex(def)) {
            index.upsert(TestVectors.id(0), data[199]);
            for (int i = 0; i < 199; i++) {
                index.upsert(TestVectors.id(i), data[i]);
            }
            for (int i = 0; i < 199; i++) {
                assertThat(index.search(data[i], 1)).extracting(VectorHit::id).containsExactly(TestVectors.id(i));
            }
            index.compact();
            for (int i = 0; i < 199; i++) {
                assertThat(index.search(data[i], 1)).extracting(VectorHit::id).containsExactly(TestVectors.id(i));
            }
        }
    }
    @Test
    void rejectsBadVectorsAndQueries() {
        IndexDefinition def = IndexDefinition.of("b", "c", "e", 3, Metric.L2);
        try (VectorIndex index = new VectorIndex(def)) {
            assertThatThrownBy(() -> index.upsert(TestVectors.id(1), new float[] {1, 2}))
                    .hasMessageContaining("expects 3 dimensions, got 2");
            assertThatThrownBy(() -> index.upsert(TestVectors.id(1), new float[] {1, Float.NaN, 2}))
                    .hasMessageContaining("not finite");
            assertThat(index.size()).isZero();
            assertThatThrownBy(() -> index.search(new float[] {1}, 3)).hasMessageContaining("query of 1");
            assertThat(index.search(new float[] {1, 2, 3}, 3)).isEmpty();
        }
    }

    @Test
    void efSearchIsSettablePerQuery(TestInfo info) {
        SplittableRandom rnd = Seeds.random(info);
        float[][] data = TestVectors.clustered(rnd, 2_000, DIM, 5);
        try (VectorIndex index = TestVectors.build(IndexDefinition.of("e", "c", "e", DIM, Metric.L2), data,
                VectorKernels.preferred())) {
            float[] q = data[17];
            assertThat(index.search(SearchRequest.of(q, 50).withEfSearch(1))).hasSize(50);
            assertThat(index.search(SearchRequest.of(q, 3).withEfSearch(400)).getFirst().id())
                    .isEqualTo(TestVectors.id(17));
        }
    }
}
