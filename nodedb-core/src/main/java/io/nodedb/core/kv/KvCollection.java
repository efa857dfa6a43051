package io.nodedb.core.kv;

import java.util.concurrent.locks.StampedLock;

/**
 * One key-value collection: its settings, its current {@link KvStore}, and the lock that lets session threads read
 * it while the applier writes.
 *
 * <p>The lock is a {@link StampedLock} used in plain read/write mode: readers share it, and the applier holds the
 * write lock for a whole batch, so a reader sees a batch entirely or not at all, even one that is rolled back.
 * StampedLock rather than ReentrantReadWriteLock because its uncontended read lock is a single CAS with no owner
 * bookkeeping, and nothing here needs reentrancy. Optimistic reads are not used: a read that raced a resize or a
 * slab free could walk stale arrays, and validating every step would cost more than the lock.
 */
final class KvCollection {
    final String name;
    final long defaultTtlMicros;
    final long memoryBudgetBytes;
    final StampedLock lock = new StampedLock();
    private volatile KvStore store;
    /** LSN of the last record that changed this collection; a checkpoint rewrites the collection's file past it. */
    long lastWriteLsn;
    /** Set, under the write lock, when a committed batch drops the collection; readers then report it missing. */
    volatile boolean dropped;

    KvCollection(String name, long defaultTtlMicros, long memoryBudgetBytes, KvStore store, long createdLsn) {
        this.name = name;
        this.defaultTtlMicros = defaultTtlMicros;
        this.memoryBudgetBytes = memoryBudgetBytes;
        this.store = store;
        this.lastWriteLsn = createdLsn;
    }

    KvStore store() {
        return store;
    }

    void setStore(KvStore store) {
        this.store = store;
    }

    /** The absolute expiry a new key written at {@code now} gets from the collection default; 0 for none. */
    long defaultExpireAt(long now) {
        if (defaultTtlMicros <= 0) {
            return 0;
        }
        long at = now + defaultTtlMicros;
        return at < now ? Long.MAX_VALUE : at; // a TTL reaching past the end of time never expires in practice
    }
}
