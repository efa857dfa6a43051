package io.nodedb.core.kv;

import java.util.Arrays;

/**
 * Open-addressing hash table with Robin Hood probing, the index of one key-value collection. It stores, per slot,
 * the key, its 64-bit hash, a value cell (an inline array or a slab reference, opaque here) and an expiry time;
 * what the cells mean is the caller's business ({@link KvStore}).
 *
 * <p><b>Ordering.</b> A key's home slot is the top bits of its hash, and ties between keys with the same home are
 * broken by the whole hash, so the table is sorted by hash (cyclically). Lookups stop early at the first resident
 * that sorts after the key, and {@link #scan} can resume from "the last hash returned" no matter how often the
 * table has been resized since, which is what makes SCAN cursors stable.
 *
 * <p><b>Deletes</b> use backward shift (later entries of the run slide back one slot), so there are no tombstones
 * and probe runs stay as short as after fresh inserts.
 *
 * <p><b>Incremental rehash.</b> When an insert would pass the load factor, a table of twice the capacity is
 * allocated and the old one is kept; every later write first migrates a few entries ({@link #step()}), and lookups
 * consult both. No single write pays for copying the whole table. Slots of the old table below the migration
 * cursor are always empty, because migration removes entries with the same backward shift as a delete.
 *
 * <p>Positions returned by {@link #find} stay valid only until the next {@link #step}, insert or removal. Not
 * thread-safe: the owner serialises writers and lets readers in only between writes.
 */
final class KvHashTable {
    static final int MIN_CAPACITY = 16;
    static final int MAX_CAPACITY = 1 << 29;
    static final int NOT_FOUND = -1;
    /** Marks a position in the old table; capacities stay below it. */
    private static final int OLD = 1 << 30;
    private static final int MIGRATE_PER_STEP = 8;

    private Slots main;
    private Slots old;
    private int migrateCursor;

    KvHashTable(int initialCapacity) {
        int cap = MIN_CAPACITY;
        while (cap < initialCapacity && cap < MAX_CAPACITY) {
            cap <<= 1;
        }
        main = new Slots(cap);
    }

    private KvHashTable(Slots main, Slots old, int migrateCursor) {
        this.main = main;
        this.old = old;
        this.migrateCursor = migrateCursor;
    }

    int size() {
        return main.size + (old == null ? 0 : old.size);
    }

    int capacity() {
        return main.capacity;
    }

    boolean isRehashing() {
        return old != null;
    }

    /** Bytes of the slot arrays, for memory accounting in statistics (not budgets: it depends on resize timing). */
    long arrayBytes() {
        long perSlot = 8 + 4 + 4 + 8 + 8;
        return perSlot * (main.capacity + (old == null ? 0 : old.capacity));
    }

    int find(byte[] key, long hash) {
        int p = main.find(key, hash);
        if (p >= 0) {
            return p;
        }
        if (old != null) {
            p = old.find(key, hash);
            if (p >= 0) {
                return p | OLD;
            }
        }
        return NOT_FOUND;
    }

    private Slots slots(int pos) {
        return (pos & OLD) != 0 ? old : main;
    }

    byte[] keyAt(int pos) {
        return slots(pos).keys[pos & ~OLD];
    }

    long hashAt(int pos) {
        return slots(pos).hashes[pos & ~OLD];
    }

    byte[] inlineAt(int pos) {
        return slots(pos).inline[pos & ~OLD];
    }

    long refAt(int pos) {
        return slots(pos).refs[pos & ~OLD];
    }

    long expireAt(int pos) {
        return slots(pos).expires[pos & ~OLD];
    }

    void setValue(int pos, byte[] inline, long ref, long expire) {
        Slots s = slots(pos);
        int i = pos & ~OLD;
        s.inline[i] = inline;
        s.refs[i] = ref;
        s.expires[i] = expire;
    }

    void setExpire(int pos, long expire) {
        slots(pos).expires[pos & ~OLD] = expire;
    }

    void removeAt(int pos) {
        slots(pos).removeAt(pos & ~OLD);
        if (old != null && old.size == 0) {
            old = null;
        }
    }

    /** Inserts a key known to be absent. May start a resize, which invalidates every position. */
    void insert(byte[] key, long hash, byte[] inline, long ref, long expire) {
        if (main.size + 1 > main.threshold) {
            if (old != null) {
                // Migration fell behind (cannot happen with the per-write batch, but never lose an entry).
                while (old != null) {
                    migrate(Integer.MAX_VALUE);
                }
            }
            if (main.capacity < MAX_CAPACITY) {
                old = main;
                main = new Slots(main.capacity << 1);
                migrateCursor = 0;
            } else if (main.size + 1 > main.capacity - 1) {
                throw new IllegalStateException("hash table is full at " + main.size + " entries");
            }
        }
        main.place(key, hash, inline, ref, expire);
    }

    /** Migrates a small batch from the old table, if a rehash is in progress. Call before each write. */
    void step() {
        if (old != null) {
            migrate(MIGRATE_PER_STEP);
        }
    }

    private void migrate(int maxEntries) {
        Slots o = old;
        int moved = 0;
        int examined = 0;
        while (o.size > 0 && moved < maxEntries && examined < maxEntries * 4) {
            int c = migrateCursor;
            if (o.keys[c] == null) {
                migrateCursor = c + 1;
                examined++;
                continue;
            }
            main.place(o.keys[c], o.hashes[c], o.inline[c], o.refs[c], o.expires[c]);
            o.removeAt(c); // may shift the next entry into c, which the loop then examines again
            moved++;
        }
        if (o.size == 0) {
            old = null;
        }
    }

    /** A copy sharing keys and inline values (which are never modified in place) but not the slot arrays. */
    KvHashTable copy() {
        return new KvHashTable(main.copy(), old == null ? null : old.copy(), migrateCursor);
    }

    interface EntryVisitor {
        void visit(byte[] key, byte[] inline, long ref, long expire);
    }

    void forEach(EntryVisitor v) {
        main.forEach(v);
        if (old != null) {
            old.forEach(v);
        }
    }

    interface Removal {
        void removed(byte[] key, byte[] inline, long ref, long expire);
    }

    /** Removes every entry with {@code 0 < expire <= now}, reporting each; returns how many. */
    int removeExpired(long now, Removal r) {
        int n = main.removeExpired(now, r);
        if (old != null) {
            n += old.removeExpired(now, r);
            if (old.size == 0) {
                old = null;
            }
        }
        return n;
    }

    /** Entries found by one {@link #scan} call, in hash order. */
    static final class ScanHits {
        int count;
        long[] hashes = new long[16];
        int[] positions = new int[16];
        /** No entry hashes above the last hit. */
        boolean exhausted;

        void add(long hash, int pos) {
            if (count == hashes.length) {
                hashes = Arrays.copyOf(hashes, count * 2);
                positions = Arrays.copyOf(positions, count * 2);
            }
            hashes[count] = hash;
            positions[count++] = pos;
        }
    }

    /**
     * Finds the first {@code count} entries whose hash is {@code >= cursor} (unsigned), in hash order, plus any
     * further entries with the same hash as the last one, so that resuming at "last hash + 1" skips nothing.
     */
    ScanHits scan(long cursor, int count) {
        ScanHits a = new ScanHits();
        main.collect(cursor, count, 0, a);
        if (old == null) {
            return a;
        }
        ScanHits b = new ScanHits();
        old.collect(cursor, count, OLD, b);
        ScanHits out = new ScanHits();
        int i = 0;
        int j = 0;
        while (i < a.count || j < b.count) {
            boolean takeA = j == b.count || (i < a.count && Long.compareUnsigned(a.hashes[i], b.hashes[j]) <= 0);
            long h = takeA ? a.hashes[i] : b.hashes[j];
            if (out.count >= count && h != out.hashes[out.count - 1]) {
                out.exhausted = false;
                return out;
            }
            if (takeA) {
                out.add(h, a.positions[i++]);
            } else {
                out.add(h, b.positions[j++]);
            }
        }
        // Both lists ran out: nothing beyond unless a list stopped early because it was full.
        out.exhausted = a.exhausted && b.exhausted;
        return out;
    }

    /** One generation of slots. */
    private static final class Slots {
        final int capacity;
        final int mask;
        final int shift;
        final int threshold;
        final long[] hashes;
        final byte[][] keys;
        final byte[][] inline;
        final long[] refs;
        final long[] expires;
        int size;

        Slots(int capacity) {
            this.capacity = capacity;
            this.mask = capacity - 1;
            this.shift = 64 - Integer.numberOfTrailingZeros(capacity);
            this.threshold = capacity - (capacity >>> 2);
            this.hashes = new long[capacity];
            this.keys = new byte[capacity][];
            this.inline = new byte[capacity][];
            this.refs = new long[capacity];
            this.expires = new long[capacity];
        }

        private Slots(Slots s) {
            this.capacity = s.capacity;
            this.mask = s.mask;
            this.shift = s.shift;
            this.threshold = s.threshold;
            this.hashes = s.hashes.clone();
            this.keys = s.keys.clone();
            this.inline = s.inline.clone();
            this.refs = s.refs.clone();
            this.expires = s.expires.clone();
            this.size = s.size;
        }

        Slots copy() {
            return new Slots(this);
        }

        int home(long hash) {
            return (int) (hash >>> shift);
        }

        int find(byte[] key, long hash) {
            int p = home(hash);
            for (int dist = 0; ; dist++, p = (p + 1) & mask) {
                byte[] k = keys[p];
                if (k == null) {
                    return NOT_FOUND;
                }
                long h = hashes[p];
                if (h == hash && Arrays.equals(k, key)) {
                    return p;
                }
                int d = (p - home(h)) & mask;
                if (d < dist || (d == dist && Long.compareUnsigned(h, hash) > 0)) {
                    return NOT_FOUND;
                }
            }
        }

        void place(byte[] key, long hash, byte[] inl, long ref, long exp) {
            int p = home(hash);
            for (int dist = 0; ; dist++, p = (p + 1) & mask) {
                byte[] k = keys[p];
                if (k == null) {
                    keys[p] = key;
                    hashes[p] = hash;
                    inline[p] = inl;
                    refs[p] = ref;
                    expires[p] = exp;
                    size++;
                    return;
                }
                long h = hashes[p];
                int d = (p - home(h)) & mask;
                if (d < dist || (d == dist && Long.compareUnsigned(h, hash) > 0)) {
                    // The resident is richer (closer to home) or sorts after us: take its slot, carry it on.
                    keys[p] = key;
                    hashes[p] = hash;
                    byte[] ti = inline[p];
                    inline[p] = inl;
                    long tr = refs[p];
                    refs[p] = ref;
                    long te = expires[p];
                    expires[p] = exp;
                    key = k;
                    hash = h;
                    inl = ti;
                    ref = tr;
                    exp = te;
                    dist = d;
                }
            }
        }

        void removeAt(int p) {
            int next = (p + 1) & mask;
            while (keys[next] != null && ((next - home(hashes[next])) & mask) != 0) {
                keys[p] = keys[next];
                hashes[p] = hashes[next];
                inline[p] = inline[next];
                refs[p] = refs[next];
                expires[p] = expires[next];
                p = next;
                next = (next + 1) & mask;
            }
            keys[p] = null;
            inline[p] = null;
            hashes[p] = 0;
            refs[p] = 0;
            expires[p] = 0;
            size--;
        }

        void forEach(EntryVisitor v) {
            for (int i = 0; i < capacity; i++) {
                if (keys[i] != null) {
                    v.visit(keys[i], inline[i], refs[i], expires[i]);
                }
            }
        }

        int removeExpired(long now, Removal r) {
            int n = 0;
            for (int i = 0; i < capacity; i++) {
                // removeAt may shift the next entry into i, so look at i again until it is empty or kept
                while (keys[i] != null && expires[i] != 0 && expires[i] <= now) {
                    r.removed(keys[i], inline[i], refs[i], expires[i]);
                    removeAt(i);
                    n++;
                }
            }
            return n;
        }

        void collect(long cursor, int count, int flag, ScanHits out) {
            int start = home(cursor);
            // Entries at or after the cursor's home, skipping ones that wrapped around from the end.
            for (int p = start; p < capacity; p++) {
                if (keys[p] == null) {
                    continue;
                }
                long h = hashes[p];
                if (home(h) > p || Long.compareUnsigned(h, cursor) < 0) {
                    continue;
                }
                if (out.count >= count && h != out.hashes[out.count - 1]) {
                    return;
                }
                out.add(h, p | flag);
            }
            // Then the wrapped tail of the last run: homes near the end, stored at the front.
            for (int p = 0; p < capacity && keys[p] != null; p++) {
                long h = hashes[p];
                if (home(h) <= p) {
                    break;
                }
                if (Long.compareUnsigned(h, cursor) < 0) {
                    continue;
                }
                if (out.count >= count && h != out.hashes[out.count - 1]) {
                    return;
                }
                out.add(h, p | flag);
            }
            out.exhausted = true;
        }
    }
}
