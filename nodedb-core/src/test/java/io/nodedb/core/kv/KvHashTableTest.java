package io.nodedb.core.kv;

import io.nodedb.core.testing.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.ToLongFunction;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(Seeds.class)
class KvHashTableTest {
    private static final long SEED = 0x1234_5678_9ABC_DEF0L;

    private static String str(byte[] key) {
        return new String(key, StandardCharsets.ISO_8859_1);
    }

    private static byte[] key(SplittableRandom rnd, int universe) {
        return ("k" + rnd.nextInt(universe)).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Applies one random write to both the table and the model, the way KvStore does (step, find, act). */
    private static void randomWrite(SplittableRandom rnd, KvHashTable t, Map<String, byte[]> model, int universe,
                                    ToLongFunction<byte[]> hash) {
        byte[] k = key(rnd, universe);
        long h = hash.applyAsLong(k);
        t.step();
        int pos = t.find(k, h);
        assertThat(pos >= 0).as("presence of %s", str(k)).isEqualTo(model.containsKey(str(k)));
        if (rnd.nextInt(3) == 0) {
            if (pos >= 0) {
                t.removeAt(pos);
                model.remove(str(k));
            }
        } else {
            byte[] v = new byte[rnd.nextInt(8)];
            rnd.nextBytes(v);
            if (pos >= 0) {
                t.setValue(pos, v, 0, 0);
            } else {
                t.insert(k, h, v, 0, 0);
            }
            model.put(str(k), v);
        }
    }

    private static void assertSame(KvHashTable t, Map<String, byte[]> model, int universe,
                                   ToLongFunction<byte[]> hash) {
        assertThat(t.size()).isEqualTo(model.size());
        for (int i = 0; i < universe; i++) {
            byte[] k = ("k" + i).getBytes(StandardCharsets.ISO_8859_1);
            int pos = t.find(k, hash.applyAsLong(k));
            byte[] expected = model.get(str(k));
            if (expected == null) {
                assertThat(pos).as("k%d should be absent", i).isEqualTo(KvHashTable.NOT_FOUND);
            } else {
                assertThat(pos).as("k%d should be present", i).isNotNegative();
                assertThat(t.inlineAt(pos)).isEqualTo(expected);
                assertThat(t.keyAt(pos)).isEqualTo(k);
            }
        }
    }

    @Test
    void randomOperationsAgreeWithHashMapThroughIncrementalRehash(TestInfo info) {
        SplittableRandom rnd = Seeds.random(info);
        KvHashTable t = new KvHashTable(16);
        Map<String, byte[]> model = new HashMap<>();
        ToLongFunction<byte[]> hash = k -> KvHash.hash(k, SEED);
        int universe = 3000;
        boolean sawRehash = false;
        for (int step = 0; step < 40_000; step++) {
            randomWrite(rnd, t, model, universe, hash);
            sawRehash |= t.isRehashing();
            if (step % 997 == 0 || (t.isRehashing() && step % 13 == 0)) {
                assertSame(t, model, universe, hash);
            }
        }
        assertSame(t, model, universe, hash);
        assertThat(sawRehash).isTrue();
        assertThat(t.capacity()).isGreaterThan(16);
    }

    /** Few home slots and many identical full hashes: long runs, ties broken by hash, equal hashes side by side. */
    @Test
    void badHashesStillGiveCorrectLookupsAndDeletes(TestInfo info) {
        SplittableRandom rnd = Seeds.random(info);
        KvHashTable t = new KvHashTable(16);
        Map<String, byte[]> model = new HashMap<>();
        ToLongFunction<byte[]> hash = k -> (KvHash.hash(k, SEED) & 0xF000_0000_0000_0007L);
        int universe = 400;
        for (int step = 0; step < 20_000; step++) {
            randomWrite(rnd, t, model, universe, hash);
            if (step % 101 == 0) {
                assertSame(t, model, universe, hash);
            }
        }
        assertSame(t, model, universe, hash);
    }

    @Test
    void scanReturnsEveryStableKeyExactlyOnceAcrossResizes(TestInfo info) {
        SplittableRandom rnd = Seeds.random(info);
        for (ToLongFunction<byte[]> hash : List.<ToLongFunction<byte[]>>of(k -> KvHash.hash(k, SEED),
                k -> KvHash.hash(k, SEED) & 0xFF00_0000_0000_0003L)) {
            KvHashTable t = new KvHashTable(16);
            Map<String, byte[]> model = new HashMap<>();
            Set<String> stable = new HashSet<>();
            for (int i = 0; i < 300; i++) {
                byte[] k = ("stable" + i).getBytes(StandardCharsets.ISO_8859_1);
                t.step();
                t.insert(k, hash.applyAsLong(k), new byte[0], 0, 0);
                stable.add(str(k));
            }
            List<String> seen = new ArrayList<>();
            long cursor = 0;
            int pages = 0;
            long lastHash = Long.MIN_VALUE;
            boolean first = true;
            do {
                KvHashTable.ScanHits hits = t.scan(cursor, 1 + rnd.nextInt(7));
                for (int i = 0; i < hits.count; i++) {
                    if (!first) {
                        assertThat(Long.compareUnsigned(hits.hashes[i], lastHash)).as("hash order").isNotNegative();
                    }
                    first = false;
                    lastHash = hits.hashes[i];
                    seen.add(str(t.keyAt(hits.positions[i])));
                }
                long last = hits.count == 0 ? -1 : hits.hashes[hits.count - 1];
                cursor = hits.exhausted || last == -1 ? 0 : last + 1;
                // Churn between pages: other keys come and go, and the table grows (and rehashes) meanwhile.
                for (int i = 0; i < 20; i++) {
                    randomWrite(rnd, t, model, 2000, hash);
                }
                pages++;
            } while (cursor != 0);
            Set<String> unique = new HashSet<>(seen);
            assertThat(seen).as("no key twice").hasSameSizeAs(unique);
            assertThat(unique).containsAll(stable);
            assertThat(pages).isGreaterThan(10);
        }
    }

    @Test
    void removeExpiredDropsExactlyTheDueEntriesFromBothGenerations(TestInfo info) {
        SplittableRandom rnd = Seeds.random(info);
        KvHashTable t = new KvHashTable(16);
        Map<String, Long> expiry = new HashMap<>();
        for (int i = 0; i < 5000; i++) {
            byte[] k = ("k" + i).getBytes(StandardCharsets.ISO_8859_1);
            long e = rnd.nextInt(3) == 0 ? 0 : 1 + rnd.nextInt(1000);
            t.step();
            t.insert(k, KvHash.hash(k, SEED), new byte[0], 0, e);
            expiry.put(str(k), e);
        }
        Set<String> removed = new HashSet<>();
        int n = t.removeExpired(500, (k, inline, ref, e) -> {
            assertThat(e).isBetween(1L, 500L);
            assertThat(removed.add(str(k))).isTrue();
        });
        assertThat(n).isEqualTo(removed.size());
        expiry.forEach((k, e) -> {
            byte[] kb = k.getBytes(StandardCharsets.ISO_8859_1);
            boolean due = e != 0 && e <= 500;
            assertThat(t.find(kb, KvHash.hash(kb, SEED)) >= 0).as(k).isEqualTo(!due);
            assertThat(removed.contains(k)).isEqualTo(due);
        });
    }

    @Test
    void copyIsIndependentOfLaterWrites() {
        KvHashTable t = new KvHashTable(16);
        for (int i = 0; i < 100; i++) {
            byte[] k = ("k" + i).getBytes(StandardCharsets.ISO_8859_1);
            t.step();
            t.insert(k, KvHash.hash(k, SEED), new byte[] {(byte) i}, 0, 0);
        }
        KvHashTable copy = t.copy();
        for (int i = 0; i < 100; i += 2) {
            byte[] k = ("k" + i).getBytes(StandardCharsets.ISO_8859_1);
            t.step();
            t.removeAt(t.find(k, KvHash.hash(k, SEED)));
        }
        assertThat(t.size()).isEqualTo(50);
        assertThat(copy.size()).isEqualTo(100);
        int[] visited = new int[1];
        copy.forEach((k, inline, ref, e) -> visited[0]++);
        assertThat(visited[0]).isEqualTo(100);
    }

    @Test
    void hashSpreadsShortKeysOverTheTopBits() {
        // The table takes the home slot from the top bits: 4096 sequential keys over 256 slots must not clump.
        int[] buckets = new int[256];
        for (int i = 0; i < 4096; i++) {
            buckets[(int) (KvHash.hash(("key:" + i).getBytes(StandardCharsets.US_ASCII), 0) >>> 56)]++;
        }
        for (int b : buckets) {
            assertThat(b).isBetween(1, 48);
        }
        assertThat(KvHash.hash(new byte[0], 1)).isNotEqualTo(KvHash.hash(new byte[0], 2));
        assertThat(KvHash.hash(new byte[] {0}, 1)).isNotEqualTo(KvHash.hash(new byte[0], 1));
    }
}
