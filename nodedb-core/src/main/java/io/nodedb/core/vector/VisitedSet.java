package io.nodedb.core.vector;

import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Marks nodes seen by one search, and holds that search's small scratch arrays. Marking with an epoch number
 * instead of clearing makes starting a search O(1), and the sets are pooled rather than thread-local: sessions run on virtual threads, which come and go, so a
 * thread-local set would mean a fresh array the size of the index for almost every search.
 */
final class VisitedSet implements AutoCloseable {
    /** Enough for the searches that run at once on a few cores; beyond it sets are simply dropped. */
    private static final int POOL_LIMIT = 64;
    private static final ConcurrentLinkedDeque<VisitedSet> POOL = new ConcurrentLinkedDeque<>();
    private static final AtomicInteger POOLED = new AtomicInteger();

    private int[] marks = new int[1024];
    private int epoch;
    /** Scratch for one expansion's unvisited neighbours and their distances, pooled with the set. */
    private int[] batch = new int[0];
    private float[] distances = new float[0];

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
        if (capacity > marks.length) {
            marks = new int[Math.max(capacity, marks.length + (marks.length >> 1))];
            epoch = 0;
        }
        epoch++;
        if (epoch == 0) {
            Arrays.fill(marks, 0);
            epoch = 1;
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

    /** Marks {@code node}; returns false if it was already marked. */
    boolean visit(int node) {
        if (node >= marks.length) {
            marks = Arrays.copyOf(marks, Math.max(node + 1, marks.length + (marks.length >> 1)));
        }
        if (marks[node] == epoch) {
            return false;
        }
        marks[node] = epoch;
        return true;
    }
}
