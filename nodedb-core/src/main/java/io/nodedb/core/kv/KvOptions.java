package io.nodedb.core.kv;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Settings of a {@link KvEngine}.
 *
 * @param memoryBudgetBytes  limit on the bytes of all collections together; 0 for none. A node setting, not part
 *                           of the log: lowering it below what is stored makes writes fail until keys are deleted
 * @param clockMicros        microseconds since the epoch, for reads (is a key expired for this reader?) and the
 *                           reaper; never for applying records, which carry their own time
 * @param initialCapacity    hash table slots of a new collection
 * @param reapBudget         expiry-wheel entries one reaper tick may process, over all collections
 * @param reaperInterval     time between reaper ticks on the engine's own thread; zero for no thread (call
 *                           {@link KvEngine#reap()} yourself)
 * @param hashSeed           seed of the key hash; 0 picks a random one per collection, which is what defends the
 *                           tables against keys chosen to collide
 * @param maxValueBytes      larger values are rejected with 22023
 */
public record KvOptions(long memoryBudgetBytes, LongSupplier clockMicros, int initialCapacity, int reapBudget,
                        Duration reaperInterval, long hashSeed, int maxValueBytes) {

    public KvOptions {
        Objects.requireNonNull(clockMicros, "clockMicros");
        Objects.requireNonNull(reaperInterval, "reaperInterval");
        if (memoryBudgetBytes < 0 || initialCapacity < 1 || reapBudget < 1 || maxValueBytes < 0
                || maxValueBytes > SlabAllocator.MAX_VALUE_SIZE || reaperInterval.isNegative()) {
            throw new IllegalArgumentException("invalid kv options: memoryBudgetBytes=" + memoryBudgetBytes
                    + " (>= 0), initialCapacity=" + initialCapacity + " (>= 1), reapBudget=" + reapBudget
                    + " (>= 1), maxValueBytes=" + maxValueBytes + " (0.." + SlabAllocator.MAX_VALUE_SIZE
                    + "), reaperInterval=" + reaperInterval + " (not negative)");
        }
    }

    /** No total budget, the system clock, a reaper tick every second. */
    public static KvOptions defaults() {
        return new KvOptions(0, KvOptions::systemMicros, 64, 1024, Duration.ofSeconds(1), 0, 64 << 20);
    }

    public static long systemMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }

    public KvOptions withMemoryBudget(long bytes) {
        return new KvOptions(bytes, clockMicros, initialCapacity, reapBudget, reaperInterval, hashSeed, maxValueBytes);
    }

    public KvOptions withClock(LongSupplier micros) {
        return new KvOptions(memoryBudgetBytes, micros, initialCapacity, reapBudget, reaperInterval, hashSeed,
                maxValueBytes);
    }

    public KvOptions withInitialCapacity(int slots) {
        return new KvOptions(memoryBudgetBytes, clockMicros, slots, reapBudget, reaperInterval, hashSeed, maxValueBytes);
    }

    public KvOptions withReaper(Duration interval, int budget) {
        return new KvOptions(memoryBudgetBytes, clockMicros, initialCapacity, budget, interval, hashSeed, maxValueBytes);
    }

    public KvOptions withHashSeed(long seed) {
        return new KvOptions(memoryBudgetBytes, clockMicros, initialCapacity, reapBudget, reaperInterval, seed,
                maxValueBytes);
    }

    public KvOptions withMaxValueBytes(int bytes) {
        return new KvOptions(memoryBudgetBytes, clockMicros, initialCapacity, reapBudget, reaperInterval, hashSeed,
                bytes);
    }
}
