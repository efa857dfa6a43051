package io.nodedb.core.vector;

/**
 * Memory held by one vector index (or a sum of several). Native bytes are exact (chunk allocations); heap bytes
 * are estimates from array sizes, not a heap walk.
 *
 * @param type the index type, or null for a sum over indexes of different types
 * @param liveVectors vectors a search can return
 * @param deletedVectors tombstoned vectors, still holding their slots
 * @param vectorBytes native memory of the float32 vectors, allocated in chunks (so it runs ahead of the count)
 * @param codeBytes memory of quantized codes, with their codebooks and, for IVF-PQ, centroids and lists (0 for
 *     plain HNSW, and for a quantized index not trained yet)
 * @param graphBytes estimated heap memory of the neighbour lists
 * @param idBytes estimated heap memory of the external id maps
 */
public record StorageStats(IndexType type, long liveVectors, long deletedVectors, long vectorBytes, long codeBytes,
        long graphBytes, long idBytes) {

    /** Without a type (a sum, or a caller that does not care). */
    public StorageStats(long liveVectors, long deletedVectors, long vectorBytes, long codeBytes, long graphBytes,
            long idBytes) {
        this(null, liveVectors, deletedVectors, vectorBytes, codeBytes, graphBytes, idBytes);
    }

    public long totalBytes() {
        return vectorBytes + codeBytes + graphBytes + idBytes;
    }

    /** Total bytes per stored slot (live or deleted), 0 when empty. */
    public double bytesPerVector() {
        return perSlot(totalBytes());
    }

    /** Float32 vector bytes per slot (4 × dim, plus chunk slack). */
    public double vectorBytesPerVector() {
        return perSlot(vectorBytes);
    }

    /** Quantized-code bytes per slot: dim for SQ8, dim / 8 for binary, m for PQ (plus codebooks spread out). */
    public double codeBytesPerVector() {
        return perSlot(codeBytes);
    }

    public double graphBytesPerVector() {
        return perSlot(graphBytes);
    }

    public double idBytesPerVector() {
        return perSlot(idBytes);
    }

    /**
     * Bytes per slot a search touches besides the float vectors: codes, graph and ids. The float vectors stay in
     * memory for re-ranking, but for the quantized types they are read only for the few re-ranked candidates,
     * so this is the working set that PQ shrinks.
     */
    public double searchBytesPerVector() {
        return perSlot(codeBytes + graphBytes + idBytes);
    }

    private double perSlot(long bytes) {
        long slots = liveVectors + deletedVectors;
        return slots == 0 ? 0 : (double) bytes / slots;
    }

    public StorageStats plus(StorageStats o) {
        IndexType t = type == o.type ? type : null;
        if (liveVectors + deletedVectors == 0 && totalBytes() == 0) {
            t = o.type;
        }
        return new StorageStats(t, liveVectors + o.liveVectors, deletedVectors + o.deletedVectors,
                vectorBytes + o.vectorBytes, codeBytes + o.codeBytes, graphBytes + o.graphBytes, idBytes + o.idBytes);
    }

    public static final StorageStats EMPTY = new StorageStats(0, 0, 0, 0, 0, 0);
}
