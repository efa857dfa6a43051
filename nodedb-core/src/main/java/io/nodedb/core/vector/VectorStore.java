package io.nodedb.core.vector;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The float32 vectors of one index, off-heap and contiguous by internal node id (within chunks), in native byte
 * order so the kernels load them directly. A slot is written once, when its node is inserted, and never changes
 * afterwards (an update takes a new slot), so readers need no lock to read a published node's vector.
 */
final class VectorStore implements AutoCloseable {
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private final int dim;
    private final OffHeapRows rows;

    VectorStore(int dim) {
        if (dim <= 0) {
            throw new IllegalArgumentException("dimension must be positive: " + dim);
        }
        this.dim = dim;
        this.rows = new OffHeapRows(4L * dim);
    }

    int dim() {
        return dim;
    }

    int size() {
        return rows.rows();
    }

    /** Appends a vector and returns its slot. Writer thread only. */
    int add(float[] v) {
        if (v.length != dim) {
            throw new IllegalArgumentException("expected " + dim + " dimensions, got " + v.length);
        }
        int id = rows.append();
        MemorySegment.copy(v, 0, rows.segment(id), F, rows.offset(id), dim);
        return id;
    }

    MemorySegment segment(int id) {
        return rows.segment(id);
    }

    long offset(int id) {
        return rows.offset(id);
    }

    /**
     * Reads one int from each 64-byte cache line of vector {@code id}, to start fetching all of it; see
     * {@link HnswGraph.Scorer#touch}. Every line rather than every other one: measured at 200k x 128 on a shared
     * 2-core VM, touching every line cut search CPU a further third, where relying on the adjacent-line
     * prefetcher left most of the vector to arrive one miss at a time.
     */
    int touch(int id) {
        MemorySegment s = rows.segment(id);
        long o = rows.offset(id);
        long end = o + rows.rowBytes();
        int sum = 0;
        for (long b = o; b < end; b += 64) {
            sum += s.get(ValueLayout.JAVA_INT_UNALIGNED, b);
        }
        return sum;
    }

    float[] get(int id) {
        float[] out = new float[dim];
        MemorySegment.copy(rows.segment(id), F, rows.offset(id), out, 0, dim);
        return out;
    }

    void read(int id, float[] into) {
        MemorySegment.copy(rows.segment(id), F, rows.offset(id), into, 0, dim);
    }

    long allocatedBytes() {
        return rows.allocatedBytes();
    }

    boolean memoryReleased() {
        return !rows.arenaAlive() && rows.allocatedBytes() == 0;
    }

    @Override
    public void close() {
        rows.close();
    }
}
