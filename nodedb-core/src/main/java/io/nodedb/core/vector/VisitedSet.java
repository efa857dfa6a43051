package io.nodedb.core.vector;

import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Marks nodes seen by one search, and holds that search's small scratch arrays.
 *
 * <p>The marks are one bit per node: a search touches a few thousand random nodes, and at a million nodes a bit
 * set is 122 KiB and stays in the L2 cache, where an int per node (4 MiB) made nearly every visit a cache miss.
 * Instead of clearing the whole set before a search, it remembers which words it set and clears just those,
 * unless so many were touched that clearing everything is as cheap.
 *
 * <p>Sets are pooled rather than thread-local: sessions run on virtual threads, which come and go, so a
 * thread-local set would mean a fresh array the size of the index for almost every search.
 */
final class VisitedSet implements AutoCloseable {
    /** Enough for the searches that run at once on a few cores; beyond it sets are simply dropped. */
    private static final int POOL_LIMIT = 64;
    private static final ConcurrentLinkedDeque<VisitedSet> POOL = new ConcurrentLinkedDeque<>();
    private static final AtomicInteger POOLED = new AtomicInteger();

    private long[] words = new long[16];
    /** Indexes of the words that became non-zero since the last reset, so a reset clears only those. */
    private int[] touched = new int[16];
    private int touchedCount;
    /** Scratch for one expansion's unvisited neighbours and their distances, pooled with the set. */
    private int[] batch = new int[0];
    private float[] distances = new float[0];
    /** Where {@link #consume} puts values, so the JIT cannot drop the reads that produced them. */
    private int consumed;

    /** A cleared set for node ids below {@code capacity}; close it to return it to the pool. */
    static VisitedSet acquire(int capacity) {
        VisitedSet v = POOL.pollFirst();
        if (v == null) {
            v = new VisitedSet();
        } else {
            POOLED.decrementAndGet();
        }
        v.reset(capacity);
        return v;
    }

    @Override
    public void close() {
        if (POOLED.incrementAndGet() <= POOL_LIMIT) {
            POOL.offerFirst(this);
        } else {
            POOLED.decrementAndGet();
        }
    }

    void reset(int capacity) {
        // A touched list longer than an eighth of the words costs about as much to walk as a plain fill.
        if (touchedCount > words.length >>> 3) {
            Arrays.fill(words, 0L);
        } else {
            for (int i = 0; i < touchedCount; i++) {
                words[touched[i]] = 0L;
            }
        }
        touchedCount = 0;
        int needed = (capacity + 63) >>> 6;
        if (needed > words.length) {
            words = new long[Math.max(needed, words.length + (words.length >> 1))];
        }
    }

    /** A scratch array of at least {@code n} ids, owned by the search holding this set. */
    int[] batch(int n) {
        if (batch.length < n) {
            batch = new int[n];
        }
        return batch;
    }

    /** A scratch array of at least {@code n} distances, owned by the search holding this set. */
    float[] distances(int n) {
        if (distances.length < n) {
            distances = new float[n];
        }
        return distances;
    }

    /** Keeps a value computed only for its reads' side effect on the caches (see {@link HnswGraph.Scorer#touch}). */
    void consume(int value) {
        consumed += value;
    }

    /** Marks {@code node}; returns false if it was already marked. */
    boolean visit(int node) {
        int w = node >>> 6;
        if (w >= words.length) {
            // Nodes inserted after the search started (a concurrent writer) can lie beyond the acquired capacity.
            words = Arrays.copyOf(words, Math.max(w + 1, words.length + (words.length >> 1)));
        }
        long word = words[w];
        long bit = 1L << node;
        if ((word & bit) != 0) {
            return false;
        }
        if (word == 0) {
            if (touchedCount == touched.length) {
                touched = Arrays.copyOf(touched, touchedCount * 2);
            }
            touched[touchedCount++] = w;
        }
        words[w] = word | bit;
        return true;
    }
}
