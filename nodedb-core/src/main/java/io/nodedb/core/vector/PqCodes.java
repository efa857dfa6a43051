package io.nodedb.core.vector;

import java.lang.foreign.MemorySegment;

/** PQ codes of an HNSW-PQ index: m bytes per node, off-heap, scored against a query through an ADC table. */
final class PqCodes implements QuantizedCodes {
    private final PqCodebook codebook;
    private final Metric metric;
    private final OffHeapRows rows;

    PqCodes(PqCodebook codebook, Metric metric) {
        this.codebook = codebook;
        this.metric = metric;
        this.rows = new OffHeapRows(codebook.subspaces());
    }

    PqCodebook codebook() {
        return codebook;
    }

    OffHeapRows rows() {
        return rows;
    }

    @Override
    public void add(int id, float[] vector) {
        QuantizedCodes.requireNext(rows.rows(), id);
        int row = rows.append();
        codebook.encode(PqCodebook.prepare(metric, vector), rows.segment(row), rows.offset(row));
    }

    /** Appends a code as stored in a checkpoint. */
    void addRaw(byte[] code) {
        int row = rows.append();
        MemorySegment.copy(MemorySegment.ofArray(code), 0, rows.segment(row), rows.offset(row), code.length);
    }

    @Override
    public int size() {
        return rows.rows();
    }

    float[] decode(int id) {
        float[] out = new float[codebook.dim()];
        codebook.decode(rows.segment(id), rows.offset(id), out);
        return out;
    }

    @Override
    public HnswGraph.Scorer scorer(float[] query) {
        float[] table = codebook.table(PqCodebook.prepare(metric, query), PqCodebook.tableKind(metric));
        // One bulk copy of the code into an array, then lookups without a bounds-checked native read per byte.
        byte[] code = new byte[codebook.subspaces()];
        MemorySegment codeSegment = MemorySegment.ofArray(code);
        return node -> {
            MemorySegment.copy(rows.segment(node), rows.offset(node), codeSegment, 0, code.length);
            return PqCodebook.finish(metric, codebook.adc(table, code, 0));
        };
    }

    @Override
    public long allocatedBytes() {
        return rows.allocatedBytes() + codebook.heapBytes();
    }

    @Override
    public void close() {
        rows.close();
    }
}
