package io.nodedb.core.storage;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Rows of the documents family kept in the Java heap, keyed by their RocksDB key, laid out so that a hit touches
 * three cache lines: the slot's hash, the slot's entry reference, and the entry, one byte array holding the
 * sequence number it is valid from, the key and the value. RocksDB's own row cache needs about seven for a hit (its
 * hash chain, the LRU list's neighbours on both removal and reinsertion, the key and the value), and on this
 * project's machines a random miss costs some 300 ns.
 *
 * <p>Coherence. Rows change only through {@link StateStore#write}, on the applier thread, which tells the cache
 * before ({@link #writing}) and after ({@link #written}) the batch reaches RocksDB. Keys are split over stripes,
 * each an open-addressing table under its own lock, and each stripe counts
 * <ul>
 * <li>{@code writers}: keys of the stripe in a batch being written. While it is above zero nothing is added;
 *     {@link #writing} has already removed the key, so readers go to RocksDB.</li>
 * <li>{@code generation}: batches finished that touched the stripe. A value read from RocksDB may be added only if
 *     no batch started or finished between the reader's {@link Probe} and adding, since it may then be older than
 *     one written meanwhile.</li>
 * <li>{@code lastWriteSeq}: RocksDB's sequence number after the last batch that touched the stripe. An entry added
 *     while it is {@code s} holds the value every snapshot at or after {@code s} sees: a later write of the key
 *     would have removed it. A snapshot read adds its value only if the snapshot is at or after {@code s}; older
 *     snapshots may see older values and read through.</li>
 * </ul>
 * Absent keys are not cached: caching an insert's duplicate-key check would only evict rows.
 */
final class RowCache {
    /** What an entry costs beyond its key and value: the array header, the slot and the entry's own fields. */
    private static final int ENTRY_OVERHEAD = 48;
    private static final int HEADER = 10;
    private static final int STRIPE_BITS = 6;
    /** Longer keys are never cached: an entry stores its key's length in two bytes. */
    private static final int MAX_KEY = Short.MAX_VALUE;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORTS = MethodHandles.byteArrayViewVarHandle(short[].class,
            ByteOrder.LITTLE_ENDIAN);

    private final Stripe[] stripes = new Stripe[1 << STRIPE_BITS];
    /** Keys of the batch being written, with their hashes; touched by the applier thread only. */
    private final List<byte[]> pendingKeys = new ArrayList<>();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    RowCache(long capacityBytes) {
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Stripe(capacityBytes >> STRIPE_BITS);
        }
    }

    /** A reader's state between {@link #lookup} and {@link #fill}; one per reader, reused. */
    static final class Probe {
        long hash;
        long ticket;
    }

    /**
     * Copies the row at {@code key}, as a reader whose snapshot is at sequence number {@code snapshotSeq}
     * (Long.MAX_VALUE for the latest state) sees it, into {@code into} (as much as fits) and returns its length; -1
     * when not cached, with {@code probe} set up for {@link #fill}.
     */
    int lookup(byte[] key, long snapshotSeq, byte[] into, Probe probe) {
        long h = hash(key);
        probe.hash = h;
        Stripe s = stripe(h);
        synchronized (s) {
            int slot = s.find(h, key);
            if (slot >= 0) {
                byte[] e = s.entries[slot];
                if ((long) LONGS.get(e, 0) <= snapshotSeq) {
                    s.used[slot] = true;
                    int offset = HEADER + key.length;
                    int length = e.length - offset;
                    System.arraycopy(e, offset, into, 0, Math.min(length, into.length));
                    hits.increment();
                    return length;
                }
            }
            probe.ticket = s.writers == 0 && key.length <= MAX_KEY ? s.generation : -1;
        }
        misses.increment();
        return -1;
    }

    /** Adds the value a reader found in RocksDB after {@link #lookup} missed, if it is still the current one. */
    void fill(byte[] key, byte[] value, int valueLength, long snapshotSeq, Probe probe) {
        if (probe.ticket < 0) {
            return;
        }
        Stripe s = stripe(probe.hash);
        synchronized (s) {
            if (s.writers == 0 && s.generation == probe.ticket && snapshotSeq >= s.lastWriteSeq) {
                byte[] e = new byte[HEADER + key.length + valueLength];
                LONGS.set(e, 0, s.lastWriteSeq);
                SHORTS.set(e, 8, (short) key.length);
                System.arraycopy(key, 0, e, HEADER, key.length);
                System.arraycopy(value, 0, e, HEADER + key.length, valueLength);
                s.put(probe.hash, key, e);
            }
        }
    }

    /** The applier is about to write (put or delete) {@code key}: drop it and hold off fills until {@link #written}. */
    void writing(byte[] key) {
        if (key.length > MAX_KEY) {
            return;
        }
        pendingKeys.add(key);
        long h = hash(key);
        Stripe s = stripe(h);
        synchronized (s) {
            s.writers++;
            s.remove(h, key);
        }
    }

    /**
     * The batch holding every key since the last call is in RocksDB (or failed), and RocksDB's sequence number is
     * now {@code seq}. Drops the keys again, since a fill may have raced the first drop, and lets fills resume.
     */
    void written(long seq) {
        for (byte[] key : pendingKeys) {
            long h = hash(key);
            Stripe s = stripe(h);
            synchronized (s) {
                s.remove(h, key);
                s.writers--;
                s.generation++;
                s.lastWriteSeq = Math.max(s.lastWriteSeq, seq);
            }
        }
        pendingKeys.clear();
    }

    /**
     * Drops every row with a key from {@code from} (inclusive) to {@code to} (exclusive): a range retired with its
     * collection, which the background deletion removes from RocksDB without passing through {@link #writing}. Fills
     * under way are refused, as after a write. Scans the whole cache, so for rare events only.
     */
    void purge(byte[] from, byte[] to) {
        for (Stripe s : stripes) {
            synchronized (s) {
                // A deletion can shift an entry back past the end of the table into a slot already passed.
                boolean removed;
                do {
                    removed = false;
                    for (int i = 0; i < s.hashes.length; i++) {
                        while (s.hashes[i] != 0 && inRange(s.entries[i], from, to)) {
                            s.bytes -= Stripe.cost(s.entries[i]);
                            s.deleteSlot(i);
                            removed = true;
                        }
                    }
                } while (removed);
                s.generation++;
            }
        }
    }

    private static boolean inRange(byte[] entry, byte[] from, byte[] to) {
        int keyLength = (short) SHORTS.get(entry, 8);
        return Arrays.compareUnsigned(entry, HEADER, HEADER + keyLength, from, 0, from.length) >= 0
                && Arrays.compareUnsigned(entry, HEADER, HEADER + keyLength, to, 0, to.length) < 0;
    }

    boolean hasPendingWrites() {
        return !pendingKeys.isEmpty();
    }

    long bytes() {
        long total = 0;
        for (Stripe s : stripes) {
            synchronized (s) {
                total += s.bytes;
            }
        }
        return total;
    }

    long hits() {
        return hits.sum();
    }

    long misses() {
        return misses.sum();
    }

    /** The stripe from the hash's top bits; slots come from its low bits. */
    private Stripe stripe(long hash) {
        return stripes[(int) (hash >>> (64 - STRIPE_BITS))];
    }

    /** Mixes the key eight bytes at a time; never 0, which marks an empty slot. */
    static long hash(byte[] b) {
        long h = b.length * 0x9E3779B97F4A7C15L;
        int i = 0;
        for (; i + 8 <= b.length; i += 8) {
            h = (h ^ (long) LONGS.get(b, i)) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 29;
        }
        long tail = 0;
        for (; i < b.length; i++) {
            tail = (tail << 8) | (b[i] & 0xFF);
        }
        h = (h ^ tail) * 0x94D049BB133111EBL;
        h ^= h >>> 31;
        return h == 0 ? 1 : h;
    }

    /**
     * One lock's share of the keys: a linear-probing table of hashes and entries, evicted in CLOCK order (a slot
     * read since the hand last passed gets another round). A hit writes one boolean.
     */
    private static final class Stripe {
        private final long budget;
        long[] hashes = new long[64];
        byte[][] entries = new byte[64][];
        boolean[] used = new boolean[64];
        int size;
        int hand;
        long bytes;
        int writers;
        long generation;
        long lastWriteSeq;

        Stripe(long budget) {
            this.budget = budget;
        }

        int find(long h, byte[] key) {
            int mask = hashes.length - 1;
            for (int i = (int) h & mask; ; i = (i + 1) & mask) {
                long x = hashes[i];
                if (x == 0) {
                    return -1;
                }
                if (x == h && sameKey(entries[i], key)) {
                    return i;
                }
            }
        }

        void put(long h, byte[] key, byte[] entry) {
            int slot = find(h, key);
            if (slot >= 0) {
                bytes += cost(entry) - cost(entries[slot]);
                entries[slot] = entry;
            } else {
                if ((size + 1) * 2 > hashes.length) {
                    grow();
                }
                int mask = hashes.length - 1;
                int i = (int) h & mask;
                while (hashes[i] != 0) {
                    i = (i + 1) & mask;
                }
                hashes[i] = h;
                entries[i] = entry;
                used[i] = false;
                size++;
                bytes += cost(entry);
            }
            evict();
        }

        void remove(long h, byte[] key) {
            int slot = find(h, key);
            if (slot >= 0) {
                bytes -= cost(entries[slot]);
                deleteSlot(slot);
            }
        }

        private void evict() {
            int mask = hashes.length - 1;
            while (bytes > budget && size > 0) {
                hand = (hand + 1) & mask;
                if (hashes[hand] == 0) {
                    continue;
                }
                if (used[hand]) {
                    used[hand] = false;
                } else {
                    bytes -= cost(entries[hand]);
                    deleteSlot(hand);
                    // The slot may now hold an entry shifted back into it; look at it again.
                    hand = (hand - 1) & mask;
                }
            }
        }

        /** Empties a slot and shifts later entries of its probe run back, so that no run has a hole. */
        private void deleteSlot(int slot) {
            int mask = hashes.length - 1;
            int hole = slot;
            for (int i = (slot + 1) & mask; hashes[i] != 0; i = (i + 1) & mask) {
                int home = (int) hashes[i] & mask;
                // Move the entry at i into the hole unless its home lies cyclically in (hole, i].
                boolean homeBetween = hole <= i ? (home > hole && home <= i) : (home > hole || home <= i);
                if (!homeBetween) {
                    hashes[hole] = hashes[i];
                    entries[hole] = entries[i];
                    used[hole] = used[i];
                    hole = i;
                }
            }
            hashes[hole] = 0;
            entries[hole] = null;
            used[hole] = false;
            size--;
        }

        private void grow() {
            long[] oldHashes = hashes;
            byte[][] oldEntries = entries;
            boolean[] oldUsed = used;
            hashes = new long[oldHashes.length * 2];
            entries = new byte[oldHashes.length * 2][];
            used = new boolean[oldHashes.length * 2];
            int mask = hashes.length - 1;
            for (int j = 0; j < oldHashes.length; j++) {
                if (oldHashes[j] != 0) {
                    int i = (int) oldHashes[j] & mask;
                    while (hashes[i] != 0) {
                        i = (i + 1) & mask;
                    }
                    hashes[i] = oldHashes[j];
                    entries[i] = oldEntries[j];
                    used[i] = oldUsed[j];
                }
            }
            hand = 0;
        }

        private static boolean sameKey(byte[] entry, byte[] key) {
            return (short) SHORTS.get(entry, 8) == key.length
                    && Arrays.equals(entry, HEADER, HEADER + key.length, key, 0, key.length);
        }

        private static long cost(byte[] entry) {
            return entry.length + ENTRY_OVERHEAD;
        }
    }
}
