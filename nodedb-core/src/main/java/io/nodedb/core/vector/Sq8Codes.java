package io.nodedb.core.vector;

import java.lang.foreign.MemorySegment;

/** SQ8 codes of an index: one byte per component, off-heap, with the asymmetric distance to a float query. */
final class Sq8Codes implements QuantizedCodes {
    private final Sq8Quantizer quantizer;
    private final DistanceFunction distance;
    private final OffHeapRows rows;

    Sq8Codes(Sq8Quantizer quantizer, DistanceFunction distance) {
        this.quantizer = quantizer;
        this.distance = distance;
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
