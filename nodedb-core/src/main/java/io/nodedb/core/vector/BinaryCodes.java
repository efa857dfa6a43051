package io.nodedb.core.vector;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Binary quantization: bit i of a node's code is set when component i is positive, packed into 64-bit words, and
 * codes compare by Hamming distance. Needs no training. Sign bits suit embeddings centred near zero (most learned
 * embeddings); it is a coarse ranking that float re-ranking corrects.
 */
final class BinaryCodes implements QuantizedCodes {
    private final int dim;
    private final int words;
    private final VectorKernels kernels;
    private final OffHeapRows rows;

    BinaryCodes(int dim, VectorKernels kernels) {
        this.dim = dim;
        this.words = (dim + 63) >>> 6;
        this.kernels = kernels;
        this.rows = new OffHeapRows(8L * words);
    }

    static long[] encode(float[] v, int words) {
        long[] bits = new long[words];
        for (int i = 0; i < v.length; i++) {
            if (v[i] > 0) {
                bits[i >>> 6] |= 1L << (i & 63);
            }
        }
        return bits;
    }

    @Override
    public void add(int id, float[] vector) {
        QuantizedCodes.requireNext(rows.rows(), id);
        int row = rows.append();
        MemorySegment.copy(encode(vector, words), 0, rows.segment(row), ValueLayout.JAVA_LONG_UNALIGNED,
                rows.offset(row), words);
    }

    @Override
    public int size() {
        return rows.rows();
    }

    @Override
    public HnswGraph.Scorer scorer(float[] query) {
        if (query.length != dim) {
            throw new IllegalArgumentException("expected " + dim + " dimensions, got " + query.length);
        }
        MemorySegment q = MemorySegment.ofArray(encode(query, words));
        return node -> kernels.hammingBits(q, 0, rows.segment(node), rows.offset(node), words);
    }

    @Override
    public long allocatedBytes() {
        return rows.allocatedBytes();
    }

    @Override
    public void close() {
        rows.close();
    }
}
