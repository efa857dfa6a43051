package io.nodedb.core.vector;

import java.lang.foreign.MemorySegment;

/** SQ8 codes of an index: one byte per component, off-heap, with the asymmetric distance to a float query. */
final class Sq8Codes implements QuantizedCodes {
    private final Sq8Quantizer quantizer;
    private final Metric metric;
    private final VectorKernels kernels;
    private final DistanceFunction distance;
    private final float[] zero;
    private final OffHeapRows rows;

    Sq8Codes(Sq8Quantizer quantizer, Metric metric, VectorKernels kernels) {
        this.quantizer = quantizer;
        this.metric = metric;
        this.kernels = kernels;
        this.distance = kernels.distance(metric);
        this.zero = quantizer.zero();
        this.rows = new OffHeapRows(quantizer.dim());
    }

    Sq8Quantizer quantizer() {
        return quantizer;
    }

    @Override
    public void add(int id, float[] vector) {
        QuantizedCodes.requireNext(rows.rows(), id);
        int row = rows.append();
        quantizer.encode(vector, rows.segment(row), rows.offset(row));
    }

    @Override
    public int size() {
        return rows.rows();
    }

    float[] decode(int id) {
        float[] out = new float[quantizer.dim()];
        quantizer.decode(rows.segment(id), rows.offset(id), new byte[quantizer.dim()], out);
        return out;
    }

    @Override
    public HnswGraph.Scorer scorer(float[] query) {
        int dim = quantizer.dim();
        float[] step = quantizer.steps();
        // l2 and inner product run straight on the codes (one SIMD pass widening bytes to floats); the other
        // metrics decode each code into floats first.
        if (metric == Metric.L2) {
            float[] shifted = new float[dim];
            for (int i = 0; i < dim; i++) {
                shifted[i] = query[i] - zero[i];
            }
            return node -> kernels.sq8L2(shifted, step, rows.segment(node), rows.offset(node), dim);
        }
        if (metric == Metric.INNER_PRODUCT) {
            float[] weights = new float[dim];
            float atZero = 0;
            for (int i = 0; i < dim; i++) {
                weights[i] = query[i] * step[i];
                atZero += query[i] * zero[i];
            }
            float constant = atZero;
            return node -> -(constant + kernels.sq8Dot(weights, rows.segment(node), rows.offset(node), dim));
        }
        MemorySegment q = MemorySegment.ofArray(query);
        byte[] codes = new byte[dim];
        float[] decoded = new float[dim];
        MemorySegment d = MemorySegment.ofArray(decoded);
        return node -> {
            quantizer.decode(rows.segment(node), rows.offset(node), codes, decoded);
            return distance.distance(q, 0, d, 0, dim);
        };
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
