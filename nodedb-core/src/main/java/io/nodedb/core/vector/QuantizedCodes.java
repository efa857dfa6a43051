package io.nodedb.core.vector;

/**
 * Compact codes for every node of an index, in node id order, used to rank candidates cheaply before float
 * re-ranking. Written by the index's single writer; scorers read concurrently.
 */
sealed interface QuantizedCodes extends AutoCloseable permits Sq8Codes, BinaryCodes, PqCodes, IvfPqCodes {

    /** Encodes the vector of node {@code id}, which must be the next id. */
    void add(int id, float[] vector);

    int size();

    /** Approximate distance from {@code query} to any encoded node. One scorer serves one thread. */
    HnswGraph.Scorer scorer(float[] query);

    long allocatedBytes();

    @Override
    void close();

    /** Codes are added densely, in node id order: {@code id} must be the current {@code size}. */
    static void requireNext(int size, int id) {
        if (id != size) {
            throw new IllegalArgumentException("codes are added densely: expected id " + size + ", got " + id);
        }
    }
}
