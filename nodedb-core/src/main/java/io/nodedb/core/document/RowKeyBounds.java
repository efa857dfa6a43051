package io.nodedb.core.document;

import io.nodedb.core.storage.StateStore;
import io.nodedb.core.storage.StateStore.Family;
import org.rocksdb.RocksIterator;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * For each collection written since the store was opened, a key at least as large as every row key the store
 * holds. A row key beyond it cannot be stored, so a read of it is answered without RocksDB. That read is mostly an
 * INSERT's duplicate-key check, and ids from sequences, counters and time-ordered UUIDs (gen_uuid_v7) grow, so new
 * rows land beyond the bound; PostgreSQL's B-tree takes the same shortcut for inserts at its right edge. The check
 * of an absent key otherwise searches the memtables and the filter of each table file: about 9 us of a commit's CPU
 * over pgwire, run cold after the log's fsync.
 *
 * <p>Only the applier raises a bound, and before the batch holding the key is written: a reader that can see a row
 * sees a bound that covers it. Bounds only grow, so a snapshot taken earlier is covered too. A collection's first
 * raise after opening seeks its last key, through the applier's view of the store, which holds everything applied.
 * Deletes leave a bound as it is: still an upper bound, only less tight. Collections never written since opening
 * have no bound, and their reads go to RocksDB.
 */
final class RowKeyBounds {
    private final StateStore store;
    private final ConcurrentHashMap<Long, byte[]> bounds = new ConcurrentHashMap<>();
    private final LongAdder answered = new LongAdder();

    RowKeyBounds(StateStore store) {
        this.store = store;
    }

    /** Whether no row of the collection can have this key (false when that is not known). */
    boolean beyond(long collectionId, byte[] key) {
        byte[] bound = bounds.get(collectionId);
        if (bound != null && Arrays.compareUnsigned(key, bound) > 0) {
            answered.increment();
            return true;
        }
        return false;
    }

    /** Reads {@link #beyond} answered so far. */
    long answered() {
        return answered.sum();
    }

    /** The applier is about to write a row at {@code key}; call before the batch is written. */
    void raise(long collectionId, byte[] key) {
        byte[] bound = bounds.get(collectionId);
        if (bound == null) {
            bound = lastKey(collectionId);
        }
        if (Arrays.compareUnsigned(key, bound) > 0) {
            bound = key;
        }
        bounds.put(collectionId, bound);
    }

    /** The collection's id is retired (dropped or truncated) and will hold no rows again. */
    void forget(long collectionId) {
        bounds.remove(collectionId);
    }

    /** The collection's largest stored key, or its bare prefix (below every row key) when it has none. */
    private byte[] lastKey(long collectionId) {
        byte[] prefix = DocumentKeys.prefix(collectionId);
        try (RocksIterator it = store.iterator(Family.DOCUMENTS)) {
            it.seekForPrev(DocumentKeys.prefixEnd(collectionId));
            while (it.isValid()) {
                byte[] key = it.key();
                if (Arrays.compareUnsigned(key, 0, prefix.length, prefix, 0, prefix.length) != 0) {
                    return prefix;
                }
                if (Arrays.compareUnsigned(key, DocumentKeys.prefixEnd(collectionId)) < 0) {
                    return key;
                }
                it.prev();
            }
        }
        return prefix;
    }
}
