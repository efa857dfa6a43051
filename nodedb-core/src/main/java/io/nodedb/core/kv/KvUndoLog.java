package io.nodedb.core.kv;

import java.util.ArrayList;
import java.util.List;

/**
 * What one batch changed, so a rejected batch can be undone and an accepted one can release what it replaced.
 * Replaced slab cells stay allocated until {@link #commit()}: they may have to come back, and since nothing is freed
 * mid-batch no handle is reused within it, which lets {@link KvStore#restore} tell cells apart by handle.
 */
final class KvUndoLog {
    private sealed interface Entry {
    }

    /** A key's state before one write: absent, or its cell and expiry. */
    private record KeyChange(KvStore store, byte[] key, long hash, boolean existed, byte[] inline, long ref,
                             long expire, boolean valueReplaced) implements Entry {
    }

    /** A collection's store replaced by an empty one (truncate). */
    private record StoreSwap(KvCollection collection, KvStore previous, KvStore replacement) implements Entry {
    }

    private record IndexAdded(KvStore store, KvIndex index) implements Entry {
    }

    private record IndexRemoved(KvStore store, KvIndex index) implements Entry {
    }

    private final List<Entry> entries = new ArrayList<>();

    void inserted(KvStore store, byte[] key, long hash) {
        entries.add(new KeyChange(store, key, hash, false, null, 0, 0, false));
    }

    /**
     * @param valueReplaced whether the cell stopped being the key's value (a put or delete), as opposed to an
     *                      expiry change that kept it
     */
    void replaced(KvStore store, byte[] key, long hash, byte[] inline, long ref, long expire, boolean valueReplaced) {
        entries.add(new KeyChange(store, key, hash, true, inline, ref, expire, valueReplaced));
    }

    void swapped(KvCollection collection, KvStore previous, KvStore replacement) {
        entries.add(new StoreSwap(collection, previous, replacement));
    }

    void indexAdded(KvStore store, KvIndex index) {
        entries.add(new IndexAdded(store, index));
    }

    void indexRemoved(KvStore store, KvIndex index) {
        entries.add(new IndexRemoved(store, index));
    }

    /** Releases every replaced cell, then every store a truncate replaced. */
    void commit() {
        List<KvStore> retired = new ArrayList<>();
        for (Entry e : entries) {
            switch (e) {
                case KeyChange k when k.existed && k.valueReplaced -> k.store.release(k.inline, k.ref);
                case StoreSwap s -> retired.add(s.previous);
                default -> {
                }
            }
        }
        retired.forEach(KvStore::close);
        entries.clear();
    }

    /** Puts everything back, newest change first. */
    void rollback() {
        for (int i = entries.size() - 1; i >= 0; i--) {
            switch (entries.get(i)) {
                case KeyChange k -> k.store.restore(k.key, k.hash, k.existed, k.inline, k.ref, k.expire);
                case StoreSwap s -> {
                    s.collection.setStore(s.previous);
                    s.replacement.close();
                }
                case IndexAdded a -> a.store.removeIndex(a.index);
                case IndexRemoved r -> r.store.indexes().add(r.index);
            }
        }
        entries.clear();
    }
}
