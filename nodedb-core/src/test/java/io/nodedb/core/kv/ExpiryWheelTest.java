package io.nodedb.core.kv;

import io.nodedb.core.testing.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(Seeds.class)
class ExpiryWheelTest {
    private static final long S = 1_000_000L;
    private static final long T0 = 1_700_000_000L * S;

    @Test
    void everyEntryIsHandedOutOnceNeverEarlyAndAllEventually(TestInfo info) {
        SplittableRandom rnd = Seeds.random(info);
        ExpiryWheel wheel = new ExpiryWheel(T0);
        Map<String, Long> pending = new HashMap<>();
        long now = T0;
        int id = 0;
        for (int round = 0; round < 3000; round++) {
            for (int i = rnd.nextInt(5); i > 0; i--) {
                // From already past to ~2 days ahead: fine, coarse and overflow levels all get used.
                long delta = switch (rnd.nextInt(4)) {
                    case 0 -> rnd.nextLong(-10 * S, 300 * S);
                    case 1 -> rnd.nextLong(300 * S, 20_000 * S);
                    default -> rnd.nextLong(20_000 * S, 200_000 * S);
                };
                String key = "k" + id++;
                wheel.schedule(key.getBytes(StandardCharsets.US_ASCII), now + delta);
                pending.put(key, now + delta);
            }
            now += rnd.nextLong(0, 120 * S);
            long limit = now;
            int budget = 1 + rnd.nextInt(50);
            int examined = wheel.advance(limit, budget, (k, at) -> {
                String key = new String(k, StandardCharsets.US_ASCII);
                Long expected = pending.remove(key);
                assertThat(expected).as("%s handed out twice or never scheduled", key).isNotNull();
                assertThat(at).isEqualTo(expected);
                assertThat(Math.floorDiv(at, S)).as("due before the limit's second").isLessThan(Math.floorDiv(limit, S));
                return true;
            });
            assertThat(examined).isLessThanOrEqualTo(budget);
        }
        // Let time run past the last expiry and drain with a small budget per tick.
        long end = now + 300_000 * S;
        for (int tick = 0; tick < 100_000 && wheel.size() > 0; tick++) {
            wheel.advance(end, 64, (k, at) -> pending.remove(new String(k, StandardCharsets.US_ASCII)) != null);
        }
        assertThat(pending).isEmpty();
        assertThat(wheel.size()).isZero();
    }

    @Test
    void theBudgetLeavesTheRestForTheNextTick() {
        ExpiryWheel wheel = new ExpiryWheel(T0);
        for (int i = 0; i < 100; i++) {
            wheel.schedule(("k" + i).getBytes(StandardCharsets.US_ASCII), T0 + 5 * S);
        }
        int[] reaped = new int[1];
        assertThat(wheel.advance(T0 + 10 * S, 30, (k, at) -> ++reaped[0] > 0)).isEqualTo(30);
        assertThat(wheel.advance(T0 + 10 * S, 30, (k, at) -> ++reaped[0] > 0)).isEqualTo(30);
        assertThat(wheel.size()).isEqualTo(40);
        assertThat(wheel.advance(T0 + 10 * S, 1000, (k, at) -> ++reaped[0] > 0)).isEqualTo(40);
        assertThat(reaped[0]).isEqualTo(100);
    }

    @Test
    void nothingIsDueUntilItsSecondHasPassed() {
        ExpiryWheel wheel = new ExpiryWheel(T0);
        wheel.schedule(new byte[] {1}, T0 + 3 * S + 500_000);
        int[] n = new int[1];
        assertThat(wheel.advance(T0 + 3 * S + 900_000, 10, (k, at) -> ++n[0] > 0)).isZero();
        assertThat(wheel.advance(T0 + 4 * S, 10, (k, at) -> ++n[0] > 0)).isEqualTo(1);
    }

    @Test
    void aLongIdleGapIsCrossedQuickly() {
        ExpiryWheel wheel = new ExpiryWheel(T0);
        wheel.schedule(new byte[] {1}, T0 + 365L * 86_400 * S);
        wheel.schedule(new byte[] {2}, T0 + 10 * S);
        int[] n = new int[1];
        assertThat(wheel.advance(T0 + 3650L * 86_400 * S, 10, (k, at) -> ++n[0] > 0)).isEqualTo(2);
        // A key scheduled "now" after the jump is still found a second later.
        long later = T0 + 3650L * 86_400 * S;
        wheel.schedule(new byte[] {3}, later + S / 2);
        assertThat(wheel.advance(later + 2 * S, 10, (k, at) -> ++n[0] > 0)).isEqualTo(1);
    }
}
