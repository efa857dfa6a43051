package io.nodedb.core.kv;

import java.util.Arrays;

/**
 * A hierarchical timing wheel that finds expired keys without scanning the table: 256 fine slots of one second
 * (the current 256-second block), 64 coarse slots of one block each (about 4.5 hours ahead), and an overflow list
 * for anything later. Entering a new block moves that block's coarse slot down into the fine slots; every 64 blocks
 * the overflow list is sorted out again. Scheduling is O(1); each reaped key costs O(1) amortised.
 *
 * <p>Cancelling is lazy: a key whose expiry changes is simply scheduled again, and when an old entry comes due the
 * {@link Reaper} checks that the key still has exactly that expiry before deleting it. The collection avoids
 * rescheduling a key whose expiry did not change, so stale entries only come from real TTL changes.
 *
 * <p>{@link #advance} processes whole seconds strictly before the limit, with a budget of entries per call so one
 * tick cannot stall the applier; the rest waits for the next tick. Not thread-safe: the collection's writer owns it.
 */
final class ExpiryWheel {
    private static final int FINE_BITS = 8;
    private static final int FINE = 1 << FINE_BITS;
    private static final int COARSE = 64;
    private static final long MICROS_PER_SECOND = 1_000_000L;

    /** Decides, for a due entry, whether the key still expires then, and deletes it if so. */
    interface Reaper {
        boolean reap(byte[] key, long expireAtMicros);
    }

    private final Bucket[] fine = new Bucket[FINE];
    private final Bucket[] coarse = new Bucket[COARSE];
    private final Bucket overflow = new Bucket();
    /** Every entry due before this second has been processed. */
    private long baseSec;
    private int fineCount;
    private int coarseCount;
    private long size;

    ExpiryWheel(long nowMicros) {
        this.baseSec = Math.floorDiv(nowMicros, MICROS_PER_SECOND);
    }

    long size() {
        return size;
    }

    void schedule(byte[] key, long expireAtMicros) {
        place(key, expireAtMicros);
        size++;
    }

    private void place(byte[] key, long expireAtMicros) {
        long sec = Math.max(baseSec, Math.floorDiv(expireAtMicros, MICROS_PER_SECOND));
        long block = sec >> FINE_BITS;
        long baseBlock = baseSec >> FINE_BITS;
        if (block == baseBlock) {
            bucket(fine, (int) (sec & (FINE - 1))).push(key, expireAtMicros);
            fineCount++;
        } else if (block - baseBlock < COARSE) {
            bucket(coarse, (int) (block & (COARSE - 1))).push(key, expireAtMicros);
            coarseCount++;
        } else {
            overflow.push(key, expireAtMicros);
        }
    }

    private static Bucket bucket(Bucket[] level, int i) {
        Bucket b = level[i];
        if (b == null) {
            b = new Bucket();
            level[i] = b;
        }
        return b;
    }

    /**
     * Hands every entry due before {@code limitMicros}'s second to the reaper, at most {@code budget} of them.
     *
     * @return entries examined (reaped or found stale)
     */
    int advance(long limitMicros, int budget, Reaper reaper) {
        long limitSec = Math.floorDiv(limitMicros, MICROS_PER_SECOND);
        int examined = 0;
        while (baseSec < limitSec && examined < budget) {
            if (size == 0) {
                baseSec = limitSec; // nothing scheduled: jump, the slots stay empty
                break;
            }
            Bucket b = fine[(int) (baseSec & (FINE - 1))];
            while (b != null && b.count > 0 && examined < budget) {
                int i = --b.count;
                byte[] key = b.keys[i];
                long at = b.expires[i];
                b.keys[i] = null;
                fineCount--;
                size--;
                examined++;
                reaper.reap(key, at);
            }
            if (b != null && b.count > 0) {
                break; // budget spent mid-slot; resume here next time
            }
            if (fineCount == 0) {
                // Nothing left in this block: jump to the next block boundary (or the limit) at once.
                long nextBlockStart = ((baseSec >> FINE_BITS) + 1) << FINE_BITS;
                if (nextBlockStart > limitSec) {
                    baseSec = limitSec;
                    break;
                }
                baseSec = nextBlockStart;
            } else {
                baseSec++;
            }
            if ((baseSec & (FINE - 1)) == 0) {
                enterBlock(baseSec >> FINE_BITS, limitSec);
            }
        }
        return examined;
    }

    private void enterBlock(long block, long limitSec) {
        Bucket c = coarse[(int) (block & (COARSE - 1))];
        if (c != null && c.count > 0) {
            int n = c.count;
            coarseCount -= n;
            for (int i = 0; i < n; i++) {
                place(c.keys[i], c.expires[i]);
                c.keys[i] = null;
            }
            c.count = 0;
        }
        if ((block & (COARSE - 1)) == 0 && overflow.count > 0) {
            byte[][] keys = Arrays.copyOf(overflow.keys, overflow.count);
            long[] expires = Arrays.copyOf(overflow.expires, overflow.count);
            overflow.clear();
            for (int i = 0; i < keys.length; i++) {
                place(keys[i], expires[i]);
            }
        }
        if (coarseCount == 0 && fineCount == 0 && overflow.count > 0) {
            // Only far-future entries remain: skip to the group of blocks holding the earliest one, but never past
            // the limit, or a key scheduled later for an earlier time would wait for the wheel to come back.
            long earliest = Long.MAX_VALUE;
            for (int i = 0; i < overflow.count; i++) {
                earliest = Math.min(earliest, Math.floorDiv(overflow.expires[i], MICROS_PER_SECOND));
            }
            long target = Math.min(groupStart(earliest), groupStart(limitSec));
            if (target > baseSec) {
                baseSec = target;
                enterBlock(baseSec >> FINE_BITS, limitSec);
            }
        }
    }

    /** The first second of the 64-block group containing {@code sec}, where the overflow list is sorted out. */
    private static long groupStart(long sec) {
        return ((sec >> FINE_BITS) & ~(COARSE - 1L)) << FINE_BITS;
    }

    /** A stack of (key, expiry) pairs. */
    private static final class Bucket {
        byte[][] keys = new byte[4][];
        long[] expires = new long[4];
        int count;

        void push(byte[] key, long at) {
            if (count == keys.length) {
                keys = Arrays.copyOf(keys, count * 2);
                expires = Arrays.copyOf(expires, count * 2);
            }
            keys[count] = key;
            expires[count++] = at;
        }

        void clear() {
            keys = new byte[4][];
            expires = new long[4];
            count = 0;
        }
    }
}
