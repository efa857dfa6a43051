package io.nodedb.core.vector;

/**
 * Memory held by one vector index. Native bytes are exact (chunk allocations); heap bytes are estimates from array
 * sizes, not a heap walk.
 *
 * @param liveVectors vectors a search can return
 * @param deletedVectors tombstoned vectors, still holding their slots
 * @param vectorBytes native memory of the float32 vectors, allocated in chunks (so it runs ahead of the count)
 * @param codeBytes native memory of quantized codes (0 for plain HNSW)
 * @param graphBytes estimated heap memory of the neighbour lists
 * @param idBytes estimated heap memory of the external id maps
 */
public record StorageStats(long liveVectors, long deletedVectors, long vectorBytes, long codeBytes, long graphBytes,
        long idBytes) {

    public long totalBytes() {
        return vectorBytes + codeBytes + graphBytes + idBytes;
    }

    /** Total bytes per stored slot (live or deleted), 0 when empty. */
    public double bytesPerVector() {
        long slots = liveVectors + deletedVectors;
        return slots == 0 ? 0 : (double) totalBytes() / slots;
    }

    public StorageStats plus(StorageStats o) {
        return new StorageStats(liveVectors + o.liveVectors, deletedVectors + o.deletedVectors,
                vectorBytes + o.vectorBytes, codeBytes + o.codeBytes, graphBytes + o.graphBytes, idBytes + o.idBytes);
    }

    public static final StorageStats EMPTY = new StorageStats(0, 0, 0, 0, 0, 0);
}
