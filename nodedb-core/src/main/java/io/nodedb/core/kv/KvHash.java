package io.nodedb.core.kv;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The 64-bit key hash of the key-value tables. The table takes its slot from the hash's top bits and keeps keys
 * ordered by the whole hash (that order is what makes scan cursors survive resizes), so every output bit must
 * depend on every input bit: eight bytes at a time are folded in with a multiply and rotate, and the result goes
 * through the MurmurHash3 finalizer, whose avalanche is well studied. The seed is per table, so a client cannot
 * precompute keys that all land in one probe run.
 */
final class KvHash {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long P1 = 0x9E3779B97F4A7C15L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;
    private static final long P3 = 0x165667B19E3779F9L;

    private KvHash() {
    }

    static long hash(byte[] key, long seed) {
        int len = key.length;
        long h = seed ^ (len * P1);
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            long w = (long) LONGS.get(key, i);
            h = Long.rotateLeft(h ^ (w * P2), 31) * P1;
        }
        if (i < len) {
            long w = 0;
            for (int shift = 0; i < len; i++, shift += 8) {
                w |= (key[i] & 0xFFL) << shift;
            }
            h = Long.rotateLeft(h ^ (w * P3), 27) * P2;
        }
        return fmix64(h);
    }

    static long fmix64(long h) {
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }
}
