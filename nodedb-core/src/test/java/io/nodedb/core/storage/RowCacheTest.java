package io.nodedb.core.storage;

import io.nodedb.core.testing.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link RowCache}: its table, its eviction and its coherence rules, against a model. */
@ExtendWith(Seeds.class)
class RowCacheTest {
    private static final long LATEST = Long.MAX_VALUE;

    private static byte[] key(long collection, long id) {
        return ByteBuffer.allocate(17).putLong(collection).put((byte) 2).putLong(id).array();
    }

    /** The cached value, or null on a miss (leaving {@code probe} ready to fill). */
    private static byte[] lookup(RowCache cache, byte[] key, long seq, RowCache.Probe probe) {
        byte[] into = new byte[256];
        int size = cache.lookup(key, seq, into, probe);
        return size < 0 ? null : Arrays.copyOf(into, size);
    }

    private static void fill(RowCache cache, byte[] key, byte[] value, long seq) {
        RowCache.Probe probe = new RowCache.Probe();
        if (lookup(cache, key, seq, probe) == null) {
            cache.fill(key, value, value.length, seq, probe);
        }
    }

    private static void write(RowCache cache, long seq, byte[]... keys) {
        for (byte[] k : keys) {
            cache.writing(k);
        }
        cache.written(seq);
    }

    @Test
    void everyHitIsTheLatestValueAndTheBudgetHolds(TestInfo info) {
        SplittableRandom random = Seeds.random(info);
        long capacity = 256 << 10;
        RowCache cache = new RowCache(capacity);
        Map<Long, byte[]> stored = new HashMap<>();
        long seq = 1;
        int hits = 0;
        for (int step = 0; step < 200_000; step++) {
            long id = random.nextInt(20_000);
            byte[] key = key(7, id);
            int op = random.nextInt(10);
            if (op < 2) {
                // A write: the store changes, then the cache hears of it.
                byte[] value = new byte[1 + random.nextInt(60)];
                random.nextBytes(value);
                stored.put(id, value);
                write(cache, ++seq, key);
            } else if (op < 5 && stored.containsKey(id)) {
                fill(cache, key, stored.get(id), LATEST);
            } else {
                byte[] hit = lookup(cache, key, LATEST, new RowCache.Probe());
                if (hit != null) {
                    hits++;
                    assertThat(hit).as("row %d at step %d", id, step).isEqualTo(stored.get(id));
                }
            }
        }
        assertThat(hits).as("hits checked").isGreaterThan(5_000);
        // Each stripe may pass its share by the entry that made it evict.
        assertThat(cache.bytes()).isLessThanOrEqualTo(capacity + 64 * (17 + 60 + 10 + 48));
        assertThat(cache.bytes()).isGreaterThan(capacity / 2);
    }

    @Test
    void removalsKeepEveryOtherKeyFindable(TestInfo info) {
        SplittableRandom random = Seeds.random(info);
        RowCache cache = new RowCache(1L << 30);
        int n = 50_000;
        for (int i = 0; i < n; i++) {
            fill(cache, key(1, i), ("v" + i).getBytes(), LATEST);
        }
        boolean[] removed = new boolean[n];
        for (int i = 0; i < n / 2; i++) {
            int id = random.nextInt(n);
            removed[id] = true;
            write(cache, i + 1, key(1, id));
        }
        for (int i = 0; i < n; i++) {
            byte[] hit = lookup(cache, key(1, i), LATEST, new RowCache.Probe());
            if (removed[i]) {
                assertThat(hit).as("removed %d", i).isNull();
            } else {
                assertThat(hit).as("kept %d", i).isEqualTo(("v" + i).getBytes());
            }
        }
    }

    @Test
    void aFillThatAWriteOvertookIsRefused() {
        RowCache cache = new RowCache(1 << 20);
        byte[] key = key(1, 5);
        RowCache.Probe probe = new RowCache.Probe();
        assertThat(lookup(cache, key, LATEST, probe)).isNull();
        // The reader read "old" from RocksDB; before it could add it, a write replaced the row.
        write(cache, 10, key);
        cache.fill(key, "old".getBytes(), 3, LATEST, probe);
        assertThat(lookup(cache, key, LATEST, new RowCache.Probe())).isNull();

        // A write still in progress holds off fills as well.
        RowCache.Probe second = new RowCache.Probe();
        assertThat(lookup(cache, key, LATEST, second)).isNull();
        cache.writing(key);
        cache.fill(key, "old".getBytes(), 3, LATEST, second);
        cache.written(11);
        assertThat(lookup(cache, key, LATEST, new RowCache.Probe())).isNull();
        fill(cache, key, "new".getBytes(), LATEST);
        assertThat(lookup(cache, key, LATEST, new RowCache.Probe())).isEqualTo("new".getBytes());
    }

    @Test
    void aSnapshotOlderThanAnEntrysLastWriteReadsThrough() {
        RowCache cache = new RowCache(1 << 20);
        byte[] key = key(1, 5);
        write(cache, 20, key);
        // Filled by a reader of the latest state after the write at sequence 20.
        fill(cache, key, "after".getBytes(), LATEST);
        assertThat(lookup(cache, key, 25, new RowCache.Probe())).isEqualTo("after".getBytes());
        assertThat(lookup(cache, key, 20, new RowCache.Probe())).isEqualTo("after".getBytes());
        RowCache.Probe old = new RowCache.Probe();
        assertThat(lookup(cache, key, 19, old)).as("a snapshot from before the write").isNull();
        // ... and what that snapshot reads is not added.
        cache.fill(key, "before".getBytes(), 6, 19, old);
        assertThat(lookup(cache, key, LATEST, new RowCache.Probe())).isEqualTo("after".getBytes());
    }

    @Test
    void purgingARangeDropsItsRowsAndNoOthers() {
        RowCache cache = new RowCache(1L << 30);
        for (long collection = 1; collection <= 3; collection++) {
            for (int i = 0; i < 5_000; i++) {
                fill(cache, key(collection, i), ("v" + i).getBytes(), LATEST);
            }
        }
        cache.purge(ByteBuffer.allocate(8).putLong(2).array(), ByteBuffer.allocate(8).putLong(3).array());
        for (int i = 0; i < 5_000; i++) {
            assertThat(lookup(cache, key(2, i), LATEST, new RowCache.Probe())).isNull();
            assertThat(lookup(cache, key(1, i), LATEST, new RowCache.Probe())).isNotNull();
            assertThat(lookup(cache, key(3, i), LATEST, new RowCache.Probe())).isNotNull();
        }
    }
}
