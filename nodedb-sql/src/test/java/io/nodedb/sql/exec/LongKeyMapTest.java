package io.nodedb.sql.exec;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class LongKeyMapTest {
    @Test
    void findsEveryKeyPutThroughGrowthAndMissesTheOthers() {
        LongKeyMap<String> map = new LongKeyMap<>();
        Map<Long, String> expected = new HashMap<>();
        SplittableRandom random = new SplittableRandom(7);
        long[] special = {0, -1, 1, Long.MIN_VALUE, Long.MAX_VALUE, 16, 32, 1L << 32};
        for (long k : special) {
            map.putNew(k, "s" + k);
            expected.put(k, "s" + k);
        }
        while (expected.size() < 5000) {
            long k = expected.size() % 2 == 0 ? random.nextLong() : random.nextLong(10_000);
            if (!expected.containsKey(k)) {
                map.putNew(k, "v" + k);
                expected.put(k, "v" + k);
            }
        }
        expected.forEach((k, v) -> assertThat(map.get(k)).isEqualTo(v));
        for (int i = 0; i < 1000; i++) {
            long k = random.nextLong();
            if (!expected.containsKey(k)) {
                assertThat(map.get(k)).isNull();
            }
        }
    }
}
