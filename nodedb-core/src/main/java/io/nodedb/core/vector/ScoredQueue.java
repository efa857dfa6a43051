package io.nodedb.core.vector;

import java.util.Arrays;

/**
 * A binary heap of (distance, node) pairs packed into longs: the distance's bits made order-preserving in the
 * high half, the node id in the low half. Comparing longs then orders by distance and breaks ties by the lower
 * node id, which makes every search and every graph construction independent of insertion accidents, and
 * avoids boxing on the hottest path of the index.
 *
 * <p>A min-queue pops the closest first (the candidates of a search); a max-queue keeps the farthest on top so
 * a bounded result set can evict it. Both are the same min-heap: a max-queue stores every value bitwise
 * inverted, which reverses the order of longs, so sifting compares plain longs with no per-comparison test of
 * which kind of queue it is.
 */
final class ScoredQueue {
    /** XORed into values on the way in and out: all ones for a max-queue, zero for a min-queue. */
    private final long inversion;
    private long[] heap;
    private int size;

    ScoredQueue(boolean max, int initialCapacity) {
        this.inversion = max ? -1L : 0L;
        this.heap = new long[Math.max(4, initialCapacity)];
    }

    static ScoredQueue min(int capacity) {
        return new ScoredQueue(false, capacity);
    }

    static ScoredQueue max(int capacity) {
        return new ScoredQueue(true, capacity);
    }

    static long pack(float distance, int node) {
        int bits = Float.floatToIntBits(distance);
        // Flipping the magnitude bits of negatives makes the int order match the float order (−0.0 < 0.0 aside).
        int sortable = bits ^ ((bits >> 31) & 0x7fffffff);
        return ((long) sortable << 32) | (node & 0xffffffffL);
    }

    static float distance(long packed) {
        int sortable = (int) (packed >> 32);
        int bits = sortable ^ ((sortable >> 31) & 0x7fffffff);
        return Float.intBitsToFloat(bits);
    }

    static int node(long packed) {
        return (int) packed;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void push(float distance, int node) {
        pushPacked(pack(distance, node));
    }

    void pushPacked(long packed) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        long v = packed ^ inversion;
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            long p = heap[parent];
            if (v >= p) {
                break;
            }
            heap[i] = p;
            i = parent;
        }
        heap[i] = v;
    }

    float topDistance() {
        return distance(heap[0] ^ inversion);
    }

    long pop() {
        long top = heap[0];
        long last = heap[--size];
        if (size > 0) {
            siftDownFromRoot(last);
        }
        return top ^ inversion;
    }

    /** Puts stored value {@code v} in place of the root and restores the heap order below it. */
    private void siftDownFromRoot(long v) {
        int i = 0;
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            long c = heap[child];
            int right = child + 1;
            if (right < size) {
                long r = heap[right];
                if (r < c) {
                    child = right;
                    c = r;
                }
            }
            if (c >= v) {
                break;
            }
            heap[i] = c;
            i = child;
        }
        heap[i] = v;
    }

    /**
     * Adds to a result set bounded to {@code limit}: evicts the farthest when full. Only meaningful on a
     * max-queue. Returns whether the pair was kept.
     */
    boolean offer(float distance, int node, int limit) {
        long v = pack(distance, node);
        if (size < limit) {
            pushPacked(v);
            return true;
        }
        if (v < (heap[0] ^ inversion)) {
            // Evicting the farthest and adding the newcomer is one sift from the root.
            siftDownFromRoot(v ^ inversion);
            return true;
        }
        return false;
    }

    /** The packed contents in ascending order (closest first), leaving the queue empty. */
    long[] drainAscending() {
        long[] out = Arrays.copyOf(heap, size);
        for (int i = 0; i < out.length; i++) {
            out[i] ^= inversion;
        }
        size = 0;
        Arrays.sort(out);
        return out;
    }
}
