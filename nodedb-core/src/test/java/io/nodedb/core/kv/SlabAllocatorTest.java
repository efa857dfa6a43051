package io.nodedb.core.kv;

import io.nodedb.core.testing.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(Seeds.class)
class SlabAllocatorTest {

    @Test
    void sizeClassesRoundUpToTheSmallestSlotThatFits() {
        assertThat(SlabAllocator.classIndex(0)).isEqualTo(0);
        assertThat(SlabAllocator.classIndex(1)).isEqualTo(0);
        assertThat(SlabAllocator.classIndex(64)).isEqualTo(0);
        assertThat(SlabAllocator.classIndex(65)).isEqualTo(1);
        assertThat(SlabAllocator.classIndex(128)).isEqualTo(1);
        assertThat(SlabAllocator.classIndex(129)).isEqualTo(2);
        assertThat(SlabAllocator.classIndex(512)).isEqualTo(3);
        assertThat(SlabAllocator.classIndex(1024)).isEqualTo(4);
        assertThat(SlabAllocator.classIndex(2047)).isEqualTo(5);
        assertThat(SlabAllocator.classIndex(4096)).isEqualTo(6);
        assertThat(SlabAllocator.classIndex(4097)).isEqualTo(-1);
        assertThat(SlabAllocator.footprint(4097)).isEqualTo(8192);
        assertThat(SlabAllocator.footprint(8193)).isEqualTo(16384);
        assertThat(SlabAllocator.footprint(100)).isEqualTo(128);
    }

    @Test
    void randomAllocFreeReadAgreesWithAReferenceMap(TestInfo info) {
        SplittableRandom rnd = Seeds.random(info);
        Map<Integer, byte[]> live = new HashMap<>();
        List<Integer> handles = new ArrayList<>();
        try (SlabAllocator slab = new SlabAllocator()) {
            for (int step = 0; step < 20_000; step++) {
                int action = rnd.nextInt(10);
                if (action < 5 || handles.isEmpty()) {
                    byte[] value = randomValue(rnd);
                    int h = slab.allocate(value);
                    assertThat(live).as("handle %x handed out while still live", h).doesNotContainKey(h);
                    live.put(h, value);
                    handles.add(h);
                } else if (action < 8) {
                    int h = handles.remove(rnd.nextInt(handles.size()));
                    slab.free(h, live.remove(h).length);
                } else {
                    int h = handles.get(rnd.nextInt(handles.size()));
                    byte[] expected = live.get(h);
                    assertThat(slab.read(h, expected.length)).isEqualTo(expected);
                    assertThat(slab.contentEquals(h, expected.length, expected)).isTrue();
                }
            }
            for (Map.Entry<Integer, byte[]> e : live.entrySet()) {
                assertThat(slab.read(e.getKey(), e.getValue().length)).isEqualTo(e.getValue());
            }
            assertStatsMatch(slab, live);
        }
    }

    private static byte[] randomValue(SplittableRandom rnd) {
        int size = switch (rnd.nextInt(4)) {
            case 0 -> rnd.nextInt(65);
            case 1 -> 65 + rnd.nextInt(1024);
            case 2 -> 1024 + rnd.nextInt(4096 - 1024 + 1);
            default -> rnd.nextInt(8) == 0 ? 4097 + rnd.nextInt(20_000) : rnd.nextInt(4097);
        };
        byte[] b = new byte[size];
        rnd.nextBytes(b);
        return b;
    }

    private static void assertStatsMatch(SlabAllocator slab, Map<Integer, byte[]> live) {
        long[] occupied = new long[8];
        long[] stored = new long[8];
        for (Map.Entry<Integer, byte[]> e : live.entrySet()) {
            int c = SlabAllocator.isLarge(e.getKey()) ? 7 : SlabAllocator.classOf(e.getKey());
            assertThat(c == 7 ? -1 : c).isEqualTo(SlabAllocator.classIndex(e.getValue().length));
            occupied[c]++;
            stored[c] += e.getValue().length;
        }
        List<SlabClassStats> stats = slab.stats();
        assertThat(stats).hasSize(8);
        long reserved = 0;
        for (int c = 0; c < 8; c++) {
            SlabClassStats s = stats.get(c);
            assertThat(s.occupied()).as("occupied in %s", s.sizeClass()).isEqualTo(occupied[c]);
            assertThat(s.storedBytes()).as("stored in %s", s.sizeClass()).isEqualTo(stored[c]);
            assertThat(s.slots()).isGreaterThanOrEqualTo(s.occupied());
            assertThat(s.capacityBytes()).isGreaterThanOrEqualTo(s.occupiedBytes());
            assertThat(s.occupiedBytes()).isGreaterThanOrEqualTo(s.storedBytes());
            if (c < 7) {
                assertThat(s.occupiedBytes()).isEqualTo(occupied[c] * SlabAllocator.CLASS_SIZES[c]);
            }
            if (s.occupied() > 0) {
                assertThat(s.fragmentationRatio()).isGreaterThanOrEqualTo(1.0);
            } else {
                assertThat(s.fragmentationRatio()).isZero();
            }
            reserved += s.capacityBytes();
        }
        assertThat(slab.reservedBytes()).isEqualTo(reserved);
    }

    @Test
    void freedSlotIsReusedAndClassesGrowWithoutMovingValues() {
        try (SlabAllocator slab = new SlabAllocator()) {
            int a = slab.allocate(new byte[100]);
            slab.free(a, 100);
            assertThat(slab.allocate(new byte[120])).isEqualTo(a);
            // 64 KiB chunks of 128-byte slots hold 512; fill several chunks and check the first value is intact.
            byte[] first = "first value, padded past the inline limit of sixty-four bytes ........".getBytes();
            int h = slab.allocate(first);
            for (int i = 0; i < 3000; i++) {
                slab.allocate(new byte[100]);
            }
            assertThat(slab.read(h, first.length)).isEqualTo(first);
            assertThat(slab.stats().get(1).slots()).isGreaterThanOrEqualTo(3002);
        }
    }

    @Test
    void largeBlocksAreRecycledBySize() {
        try (SlabAllocator slab = new SlabAllocator()) {
            int a = slab.allocate(new byte[5000]);
            assertThat(SlabAllocator.isLarge(a)).isTrue();
            long reserved = slab.reservedBytes();
            slab.free(a, 5000);
            int b = slab.allocate(new byte[7000]);
            assertThat(b).isEqualTo(a);
            assertThat(slab.reservedBytes()).isEqualTo(reserved);
            SlabClassStats large = slab.stats().get(7);
            assertThat(large.sizeClass()).isEqualTo("large");
            assertThat(large.occupied()).isEqualTo(1);
            assertThat(large.occupiedBytes()).isEqualTo(8192);
            assertThat(large.storedBytes()).isEqualTo(7000);
        }
    }

    @Test
    void aPinDefersFreesSoACheckpointsCopyStaysReadable() {
        try (SlabAllocator slab = new SlabAllocator()) {
            byte[] v = new byte[200];
            v[0] = 42;
            int h = slab.allocate(v);
            slab.pin();
            slab.free(h, v.length);
            int other = slab.allocate(new byte[200]);
            assertThat(other).isNotEqualTo(h);
            assertThat(slab.read(h, v.length)).isEqualTo(v);
            assertThat(slab.stats().get(2).occupied()).isEqualTo(2);
            slab.unpin();
            assertThat(slab.stats().get(2).occupied()).isEqualTo(1);
            assertThat(slab.allocate(new byte[200])).isEqualTo(h);
        }
    }

    @Test
    void closeWhilePinnedWaitsForTheUnpin() {
        SlabAllocator slab = new SlabAllocator();
        byte[] v = new byte[300];
        int h = slab.allocate(v);
        slab.pin();
        slab.close();
        assertThat(slab.isClosed()).isFalse();
        assertThat(slab.read(h, v.length)).isEqualTo(v);
        assertThatThrownBy(() -> slab.allocate(v)).isInstanceOf(IllegalStateException.class);
        slab.unpin();
        assertThat(slab.isClosed()).isTrue();
        assertThatThrownBy(() -> slab.read(h, v.length)).isInstanceOf(IllegalStateException.class);
    }

    /**
     * Every slot and block comes from the allocator's one arena, so "all memory returned" means that arena is
     * closed: its scope is dead and no handle of any class can be read any more. (The process's resident size
     * is no evidence either way: the C allocator may keep freed memory for reuse.)
     */
    @Test
    void closeReturnsAllNativeMemory() {
        SlabAllocator slab = new SlabAllocator();
        List<Integer> handles = new ArrayList<>();
        for (int size : new int[] {10, 100, 200, 400, 1000, 2000, 4000, 5000, 600_000}) {
            handles.add(slab.allocate(new byte[size]));
        }
        assertThat(slab.reservedBytes()).isGreaterThan(600_000);
        slab.close();
        assertThat(slab.isClosed()).isTrue();
        assertThat(slab.memoryReleased()).isTrue();
        for (int h : handles) {
            assertThatThrownBy(() -> slab.read(h, 1)).isInstanceOf(IllegalStateException.class);
        }
        slab.close(); // idempotent
    }
}
