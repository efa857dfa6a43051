package io.nodedb.core.vector;

import io.nodedb.core.testing.Seeds;
import io.nodedb.core.value.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roaringbitmap.RoaringBitmap;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(Seeds.class)
class ConcurrentSearchTest {
    private static final int DIM = 32;

    /**
     * One writer inserts, updates, deletes and compacts while two readers search (plain, filtered, exact). Every
     * result must be well formed: at most k hits, ids the writer has written, ascending distances that equal the
     * exact distance to the row's vector at the time (rows are never modified in place, so the check is exact).
     */
    @Test
    void searchesRunSafelyWhileTheWriterChangesTheIndex(TestInfo info) throws Exception {
        SplittableRandom rnd = Seeds.random(info);
        int n = 3_000;
        float[][] data = TestVectors.clustered(rnd, n, DIM, 10);
        float[][] queries = TestVectors.clustered(rnd, 64, DIM, 10);
        IndexDefinition def = IndexDefinition.of("c", "c", "e", DIM, Metric.L2);
                try (VectorIndex index = new VectorIndex(def)) {
            DistanceFunction l2 = index.kernels().distance(Metric.L2);
            AtomicBoolean done = new AtomicBoolean();
            AtomicLong searches = new AtomicLong();
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            RoaringBitmap evens = new RoaringBitmap();
            for (int i = 0; i < 2 * n; i += 2) {
                evens.add(i);
            }
            List<Thread> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                int reader = r;
                readers.add(Thread.ofPlatform().name("searcher-" + r).start(() -> {
                    int i = 0;
                    while (!done.get() && failures.isEmpty()) {
                        float[] q = queries[i++ % queries.length];
                        try {
                            SearchRequest req = SearchRequest.of(q, 10);
                            req = switch ((i + reader) % 3) {
                                case 0 -> req;
                                case 1 -> req.withFilter(evens);
                                default -> req.asExact();
                            };
                            check(index.search(req), q, l2, data);
                            searches.incrementAndGet();
                        } catch (Throwable t) {
                            failures.add(t);
                        }
                    }
                }));
            }
            for (int i = 0; i < n; i++) {
                index.upsert(TestVectors.id(i), data[i]);
                if (i % 10 == 9) {
                    index.upsert(TestVectors.id(i - 5), data[i - 4]);
                }
                if (i % 7 == 6) {
                    index.delete(TestVectors.id(i - 3));
                }
                if (i % 1_000 == 999) {
                    index.compact();
                }
            }
            done.set(true);
            for (Thread t : readers) {
                t.join();
            }
            if (!failures.isEmpty()) {
                AssertionError e = new AssertionError("a search failed during writes", failures.peek());
                failures.forEach(e::addSuppressed);
                throw e;
            }
            System.out.printf("%d searches ran during %d writes %s%n", searches.get(), n, Seeds.repro());
            assertThat(searches.get()).isPositive();
            check(index.search(queries[0], 10), queries[0], l2, data);
        }
    }

    /** Row x holds data[x], or data[x + 1] after the writer's update of it. */
    private static void check(List<VectorHit> hits, float[] q, DistanceFunction l2, float[][] data) {
        assertThat(hits.size()).isLessThanOrEqualTo(10);
        float previous = Float.NEGATIVE_INFINITY;
        for (VectorHit h : hits) {
            assertThat(h.id()).isInstanceOf(Value.Int.class);
            int id = (int) h.id().asLong();
            assertThat(id).isBetween(0, data.length - 1);
            assertThat(h.distance()).isGreaterThanOrEqualTo(previous);
            previous = h.distance();
            boolean original = l2.distance(q, data[id]) == h.distance();
            boolean updated = id + 1 < data.length && l2.distance(q, data[id + 1]) == h.distance();
            assertThat(original || updated).as("distance of row %d matches one of its vectors", id).isTrue();
        }
    }
}
