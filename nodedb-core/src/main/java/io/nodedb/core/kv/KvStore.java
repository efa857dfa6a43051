package io.nodedb.core.kv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The data of one key-value collection: the hash table, the slab holding its large values, the expiry wheel of
 * its keys, its secondary indexes, and the byte count its memory budget is checked against.
 *
 * <p>A value cell is either an inline array (values up to {@value #INLINE_MAX} bytes, which is most of them, stay on
 * the heap next to the key and cost one array) or a slab reference: {@code handle << 32 | length}.
 *
 * <p>Writes take an {@link KvUndoLog}: the value a write replaces is recorded there instead of freed, so that a
 * rejected batch can put everything back, and is freed only when the batch commits. Writes with a null undo log
 * (loading a snapshot, reaping) take effect at once.
 *
 * <p>Not thread-safe; {@link KvCollection}'s lock keeps readers out while the single writer works.
 */
final class KvStore implements AutoCloseable {
    static final int INLINE_MAX = 64;
    /** Slot arrays (about 32 bytes a slot at up to 75% load), the wheel entry and object headers, per key. */
    static final long ENTRY_OVERHEAD = 48;

    private final KvHashTable table;
    private final SlabAllocator slab = new SlabAllocator();
    private final ExpiryWheel wheel;
    private final long seed;
    private final List<KvIndex> indexes = new ArrayList<>();
    private long usedBytes;
    private long withExpiry;

    KvStore(int initialCapacity, long seed, long nowMicros) {
        this.table = new KvHashTable(initialCapacity);
        this.wheel = new ExpiryWheel(nowMicros);
        this.seed = seed;
    }

    long hash(byte[] key) {
        return KvHash.hash(key, seed);
    }

    long seed() {
        return seed;
    }

    /** Bytes charged against the memory budget: a deterministic function of the stored keys and values. */
    long usedBytes() {
        return usedBytes;
    }

    /** Keys physically present, including expired ones the reaper has not removed yet. */
    int size() {
        return table.size();
    }

    SlabAllocator slab() {
        return slab;
    }

    KvHashTable table() {
        return table;
    }

    long wheelSize() {
        return wheel.size();
    }

    static boolean live(long expire, long now) {
        return expire == 0 || expire > now;
    }

    static long cost(int keyLength, int valueLength) {
        long value = valueLength <= INLINE_MAX ? align8(16 + valueLength) : SlabAllocator.footprint(valueLength);
        return ENTRY_OVERHEAD + align8(16 + keyLength) + value;
    }

    private static long align8(long n) {
        return (n + 7) & ~7L;
    }

    static int refHandle(long ref) {
        return (int) (ref >>> 32);
    }

    static int refLength(long ref) {
        return (int) ref;
    }

    private static int cellLength(byte[] inline, long ref) {
        return inline != null ? inline.length : refLength(ref);
    }

    // ---- reads (under the collection's read lock, or by its writer) ----

    /** Position of the live entry for {@code key}, or {@link KvHashTable#NOT_FOUND}. */
    int findLive(byte[] key, long hash, long now) {
        int pos = table.find(key, hash);
        return pos >= 0 && live(table.expireAt(pos), now) ? pos : KvHashTable.NOT_FOUND;
    }

    long expireAt(int pos) {
        return table.expireAt(pos);
    }

    byte[] valueAt(int pos) {
        byte[] inline = table.inlineAt(pos);
        if (inline != null) {
            return inline.clone();
        }
        long ref = table.refAt(pos);
        return slab.read(refHandle(ref), refLength(ref));
    }

    boolean valueEquals(int pos, byte[] other) {
        byte[] inline = table.inlineAt(pos);
        if (inline != null) {
            return Arrays.equals(inline, other);
        }
        long ref = table.refAt(pos);
        return slab.contentEquals(refHandle(ref), refLength(ref), other);
    }

    byte[] keyAt(int pos) {
        return table.keyAt(pos);
    }

    /** Live keys as of {@code now}; O(capacity), for results that must not depend on when the reaper ran. */
    long liveCount(long now) {
        long[] n = new long[1];
        table.forEach((k, i, r, e) -> {
            if (live(e, now)) {
                n[0]++;
            }
        });
        return n[0];
    }

    // ---- writes (by the applier, under the collection's write lock) ----

    /** Advances an incremental rehash by one batch; call once before each write's lookups. */
    void beforeWrite() {
        table.step();
    }

    /** Inserts or replaces the value and expiry of {@code key}. */
    void put(byte[] key, long hash, byte[] value, long expire, KvUndoLog undo) {
        byte[] inline;
        long ref;
        if (value.length <= INLINE_MAX) {
            inline = value;
            ref = 0;
        } else {
            inline = null;
            ref = ((long) slab.allocate(value) << 32) | value.length;
        }
        int pos = table.find(key, hash);
        if (pos >= 0) {
            byte[] oldInline = table.inlineAt(pos);
            long oldRef = table.refAt(pos);
            long oldExpire = table.expireAt(pos);
            byte[] storedKey = table.keyAt(pos);
            indexesChanged(storedKey, oldInline, oldRef, value);
            table.setValue(pos, inline, ref, expire);
            usedBytes += cost(key.length, value.length) - cost(key.length, cellLength(oldInline, oldRef));
            trackExpiry(oldExpire, expire);
            if (undo != null) {
                undo.replaced(this, storedKey, hash, oldInline, oldRef, oldExpire, true);
            } else {
                release(oldInline, oldRef);
            }
            if (expire != 0 && expire != oldExpire) {
                wheel.schedule(storedKey, expire);
            }
        } else {
            indexesChanged(key, null, 0, value);
            table.insert(key, hash, inline, ref, expire);
            usedBytes += cost(key.length, value.length);
            trackExpiry(0, expire);
            if (undo != null) {
                undo.inserted(this, key, hash);
            }
            if (expire != 0) {
                wheel.schedule(key, expire);
            }
        }
    }

    void setExpire(int pos, long expire, KvUndoLog undo) {
        long oldExpire = table.expireAt(pos);
        if (oldExpire == expire) {
            return;
        }
        byte[] key = table.keyAt(pos);
        if (undo != null) {
            undo.replaced(this, key, table.hashAt(pos), table.inlineAt(pos), table.refAt(pos), oldExpire, false);
        }
        table.setExpire(pos, expire);
        trackExpiry(oldExpire, expire);
        if (expire != 0) {
            wheel.schedule(key, expire);
        }
    }

    void remove(int pos, KvUndoLog undo) {
        byte[] key = table.keyAt(pos);
        byte[] inline = table.inlineAt(pos);
        long ref = table.refAt(pos);
        long expire = table.expireAt(pos);
        indexesChanged(key, inline, ref, null);
        if (undo != null) {
            undo.replaced(this, key, table.hashAt(pos), inline, ref, expire, true);
        } else {
            release(inline, ref);
        }
        usedBytes -= cost(key.length, cellLength(inline, ref));
        trackExpiry(expire, 0);
        table.removeAt(pos);
    }

    /**
     * Puts back a cell recorded by the undo log (or removes the key when {@code existed} is false), freeing the
     * cell it displaces unless that is the very cell being restored.
     */
    void restore(byte[] key, long hash, boolean existed, byte[] inline, long ref, long expire) {
        int pos = table.find(key, hash);
        if (pos >= 0) {
            byte[] curInline = table.inlineAt(pos);
            long curRef = table.refAt(pos);
            long curExpire = table.expireAt(pos);
            boolean sameCell = curInline == inline && curRef == ref;
            if (!sameCell) {
                indexesChanged(key, curInline, curRef, existed ? cellBytes(inline, ref) : null);
                release(curInline, curRef);
            }
            usedBytes -= cost(key.length, cellLength(curInline, curRef));
            trackExpiry(curExpire, 0);
            if (existed) {
                table.setValue(pos, inline, ref, expire);
            } else {
                table.removeAt(pos);
                return;
            }
        } else {
            if (!existed) {
                return;
            }
            indexesChanged(key, null, 0, cellBytes(inline, ref));
            table.insert(key, hash, inline, ref, expire);
        }
        usedBytes += cost(key.length, cellLength(inline, ref));
        trackExpiry(0, expire);
    }

    /** Frees a cell whose replacement was committed. */
    void release(byte[] inline, long ref) {
        if (inline == null) {
            slab.free(refHandle(ref), refLength(ref));
        }
    }

    private byte[] cellBytes(byte[] inline, long ref) {
        return inline != null ? inline : slab.read(refHandle(ref), refLength(ref));
    }

    private void trackExpiry(long oldExpire, long newExpire) {
        if (oldExpire != 0) {
            withExpiry--;
        }
        if (newExpire != 0) {
            withExpiry++;
        }
    }

    /** Removes every key expired as of {@code now} at once; for budget checks, which must not count the dead. */
    int purgeExpired(long now) {
        if (withExpiry == 0) {
            return 0;
        }
        return table.removeExpired(now, (key, inline, ref, expire) -> {
            indexesChanged(key, inline, ref, null);
            release(inline, ref);
            usedBytes -= cost(key.length, cellLength(inline, ref));
            withExpiry--;
        });
    }

    /**
     * Deletes up to {@code budget} keys that the wheel says expired before {@code limitMicros}'s second.
     *
     * @return wheel entries examined
     */
    int reap(long limitMicros, int budget, long[] reapedOut) {
        return wheel.advance(limitMicros, budget, (key, at) -> {
            long hash = hash(key);
            table.step();
            int pos = table.find(key, hash);
            if (pos < 0 || table.expireAt(pos) != at) {
                return false; // deleted, or given another expiry since it was scheduled
            }
            remove(pos, null);
            reapedOut[0]++;
            return true;
        });
    }

    // ---- secondary indexes ----

    List<KvIndex> indexes() {
        return indexes;
    }

    KvIndex index(String name) {
        for (KvIndex i : indexes) {
            if (i.name().equals(name)) {
                return i;
            }
        }
        return null;
    }

    /** Adds an index and fills it from the current contents. */
    void addIndex(KvIndex index) {
        table.forEach((key, inline, ref, expire) -> index.add(key, cellBytes(inline, ref)));
        indexes.add(index);
    }

    void removeIndex(KvIndex index) {
        indexes.remove(index);
    }

    private void indexesChanged(byte[] key, byte[] oldInline, long oldRef, byte[] newValue) {
        if (indexes.isEmpty()) {
            return;
        }
        byte[] oldValue = oldInline != null || oldRef != 0 ? cellBytes(oldInline, oldRef) : null;
        for (KvIndex i : indexes) {
            if (oldValue != null) {
                i.remove(key, oldValue);
            }
            if (newValue != null) {
                i.add(key, newValue);
            }
        }
    }

    /** A copy of the table for a checkpoint to serialise outside the lock; pins the slab until {@link #thaw}. */
    KvHashTable freeze() {
        slab.pin();
        return table.copy();
    }

    void thaw() {
        slab.unpin();
    }

    @Override
    public void close() {
        slab.close();
    }
}
