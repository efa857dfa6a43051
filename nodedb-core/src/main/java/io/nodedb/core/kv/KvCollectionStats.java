package io.nodedb.core.kv;

import java.util.List;

/**
 * One collection's figures for {@code SHOW STORAGE}.
 *
 * @param keys               keys physically present (expired ones the reaper has not reached yet included)
 * @param usedBytes          bytes charged against the memory budget
 * @param memoryBudgetBytes  0 for no limit
 * @param tableCapacity      slots in the hash table
 * @param tableBytes         bytes of the hash table's slot arrays
 * @param expiryWheelEntries keys waiting in the expiry wheel (stale entries included)
 * @param slab               per size class, then "large"
 */
public record KvCollectionStats(String name, long defaultTtlMicros, long memoryBudgetBytes, long keys, long usedBytes,
                                int tableCapacity, long tableBytes, long expiryWheelEntries, List<String> indexes,
                                List<SlabClassStats> slab) {
    public KvCollectionStats {
        indexes = List.copyOf(indexes);
        slab = List.copyOf(slab);
    }
}
