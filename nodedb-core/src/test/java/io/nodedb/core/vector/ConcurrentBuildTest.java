package io.nodedb.core.vector;

import io.nodedb.core.testing.Seeds;
import io.nodedb.core.value.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(Seeds.class)
class ConcurrentBuildTest {

    /**
     * A bulk load on four threads, with a searcher running throughout, must give a well-formed graph (no self
     * links, no repeats, lists within M / M0, every node linked) that finds the true neighbours as well as a
     * sequential build does on clustered data.
     */
    @Test
    void concurrentBulkLoadBuildsAGraphWithHighRecall(TestInfo info) throws Exception {
        SplittableRandom rnd = Seeds.random(info);
        int n = 20_000;
        int dim = 64;
        TestVectors.Workload w = TestVectors.clusteredWithQueries(rnd, n, 200, dim, 50);
        float[][] data = w.data();
        float[][] queries = w.queries();
        IndexDefinition def = IndexDefinition.of("bulk", "docs", "emb", dim, Metric.L2);
        try (VectorIndex index = new VectorIndex(def)) {
            // A first row through the ordinary path, so the bulk load links onto an existing graph.
            index.upsert(TestVectors.id(0), data[0]);
            List<Value> ids = new ArrayList<>();
            List<float[]> vectors = new ArrayList<>();
            for (int i = 1; i < n; i++) {
                ids.add(TestVectors.id(i));
                vectors.add(data[i]);
            }
            AtomicBoolean done = new AtomicBoolean();
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            Thread searcher = Thread.ofPlatform().start(() -> {
                int i = 0;
                while (!done.get()) {
                    try {
                        List<VectorHit> hits = index.search(queries[i++ % queries.length], 10);
                        assertThat(hits.size()).isBetween(1, 10);
                    } catch (Throwable t) {
                        failures.add(t);
                        return;
                    }
                }
            });
            index.insertAll(ids, vectors, 4);
            done.set(true);
            searcher.join();
            assertThat(failures).isEmpty();
            assertThat(index.size()).isEqualTo(n);

            HnswGraph g = index.graph();
            HnswParams p = index.params();
            for (int node = 0; node < n; node++) {
                for (int level = 0; level <= g.levelOf(node); level++) {
                    int[] list = g.neighbours(node, level);
                    Set<Integer> distinct = new HashSet<>();
                    for (int nb : list) {
                        assertThat(nb).isNotEqualTo(node).isBetween(0, n - 1);
                        assertThat(distinct.add(nb)).as("node %d repeats %d at level %d", node, nb, level).isTrue();
                    }
                    assertThat(list.length).isLessThanOrEqualTo(level == 0 ? p.m0() : p.m());
                }
                assertThat(g.neighbours(node, 0)).as("bottom list of node %d", node).isNotEmpty();
            }

            List<List<VectorHit>> exact = TestVectors.searchAll(index, queries, 10, null, true);
            List<List<VectorHit>> approx = TestVectors.searchAll(index, queries, 10, null, false);
            double recall = TestVectors.recall(exact, approx);
            System.out.printf("concurrent bulk load recall@10 = %.4f on %d x %d %s%n", recall, n, dim, Seeds.repro());
            assertThat(recall).isGreaterThanOrEqualTo(0.95);
        }
    }

    /** Rows already present take the ordinary upsert path, so a bulk load can also replace vectors. */
    @Test
    void bulkLoadOfExistingRowsReplacesThem(TestInfo info) {
        SplittableRandom rnd = Seeds.random(info);
        float[][] data = TestVectors.clustered(rnd, 200, 8, 4);
        IndexDefinition def = IndexDefinition.of("bulk", "docs", "emb", 8, Metric.L2);
        try (VectorIndex index = new VectorIndex(def)) {
            index.upsert(TestVectors.id(0), data[199]);
            List<Value> ids = new ArrayList<>();
            List<float[]> vectors = new ArrayList<>();
            for (int i = 0; i < 199; i++) {
                ids.add(TestVectors.id(i));
                vectors.add(data[i]);
            }
            index.insertAll(ids, vectors, 2);
            assertThat(index.size()).isEqualTo(199);
            assertThat(index.vector(TestVectors.id(0))).isEqualTo(data[0]);
            assertThat(index.search(data[5], 1).getFirst().id()).isEqualTo(TestVectors.id(5));
        }
    }
}
