package io.nodedb.core.vector;

import java.util.Arrays;

/**
 * A binary heap of (distance, node) pairs packed into longs: the distance's bits made order-preserving in the
 * high half, the node id in the low half. Comparing longs then orders by distance and breaks ties by the lower
 * node id, which makes every search and every graph construction independent of insertion accidents, and
 * avoids boxing on the hottest path of the index.
 *
 * <p>A min-queue pops the closest first (the candidates of a search); a max-queue keeps the farthest on top so
 * a bounded result set can evict it.
 */
final class ScoredQueue {
    private final boolean max;
    private long[] heap;
    private int size;

    ScoredQueue(boolean max, int initialCapacity) {
        this.max = max;
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

    void clear() {
        size = 0;
    }

    void push(float distance, int node) {
        pushPacked(pack(distance, node));
    }

    void pushPacked(long v) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(v, heap[parent])) {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = v;
    }

    long peek() {
        return heap[0];
    }

    float topDistance() {
        return distance(heap[0]);
    }

    int topNode() {
        return node(heap[0]);
    }

    long pop() {
        long top = heap[0];
        long last = heap[--size];
        int i = 0;
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && before(heap[right], heap[child])) {
                child = right;
            }
            if (!before(heap[child], last)) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        if (size > 0) {
            heap[i] = last;
        }
        return top;
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
        if (v < heap[0]) {
            pop();
            pushPacked(v);
            return true;
        }
        return false;
    }

    private boolean before(long a, long b) {
        return max ? a > b : a < b;
    }

    /** The packed contents in ascending order (closest first), leaving the queue empty. */
    long[] drainAscending() {
        long[] out = Arrays.copyOf(heap, size);
        size = 0;
        Arrays.sort(out);
        return out;
    }
}
