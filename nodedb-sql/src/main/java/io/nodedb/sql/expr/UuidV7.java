package io.nodedb.sql.expr;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** RFC 9562 version 7 UUIDs: time-ordered, so generated keys append to the end of a collection's key range. */
public final class UuidV7 {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicLong LAST = new AtomicLong();

    private UuidV7() {
    }

    public static UUID next() {
        long millis = System.currentTimeMillis();
        // 12 bits of sub-millisecond sequence keep ids generated within one millisecond in order.
        long stamp = LAST.updateAndGet(prev -> Math.max(prev + 1, millis << 12));
        long high = ((stamp >>> 12) << 16) | 0x7000L | (stamp & 0xFFF);
        long low = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
