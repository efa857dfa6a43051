package io.nodedb.core.db;

import io.nodedb.core.kv.KvOptions;
import io.nodedb.core.wal.FsyncPolicy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * How to open a {@link Database}. A null data directory means in memory: nothing is written to disk and
 * everything is gone at close.
 */
public record DatabaseOptions(
        Path dataDir,
        FsyncPolicy fsyncPolicy,
        Duration fsyncInterval,
        Duration checkpointInterval,
        long walSegmentBytes,
        long memoryLimitBytes,
        LongSupplier clockMicros) {

    public static final long DEFAULT_SEGMENT_BYTES = 64L << 20;
    public static final long DEFAULT_MEMORY_LIMIT = 1L << 30;

    public DatabaseOptions {
        Objects.requireNonNull(fsyncPolicy, "fsyncPolicy");
        Objects.requireNonNull(fsyncInterval, "fsyncInterval");
        Objects.requireNonNull(checkpointInterval, "checkpointInterval");
        Objects.requireNonNull(clockMicros, "clockMicros");
        if (walSegmentBytes < 1 << 16) {
            throw new IllegalArgumentException("walSegmentBytes must be at least 64 KiB, got " + walSegmentBytes);
        }
        if (memoryLimitBytes <= 0) {
            throw new IllegalArgumentException("memoryLimitBytes must be positive, got " + memoryLimitBytes);
        }
    }

    /** The system clock for TTLs. */
    public DatabaseOptions(Path dataDir, FsyncPolicy fsyncPolicy, Duration fsyncInterval, Duration checkpointInterval,
            long walSegmentBytes, long memoryLimitBytes) {
        this(dataDir, fsyncPolicy, fsyncInterval, checkpointInterval, walSegmentBytes, memoryLimitBytes,
                KvOptions::systemMicros);
    }

    public static DatabaseOptions onDisk(Path dataDir) {
        return new DatabaseOptions(Objects.requireNonNull(dataDir, "dataDir"), FsyncPolicy.PER_COMMIT,
                Duration.ofMillis(10), Duration.ofSeconds(60), DEFAULT_SEGMENT_BYTES, DEFAULT_MEMORY_LIMIT);
    }

    public static DatabaseOptions inMemory() {
        return new DatabaseOptions(null, FsyncPolicy.OFF, Duration.ofMillis(10), Duration.ofSeconds(60),
                DEFAULT_SEGMENT_BYTES, DEFAULT_MEMORY_LIMIT);
    }

    public boolean isInMemory() {
        return dataDir == null;
    }

    public DatabaseOptions withFsyncPolicy(FsyncPolicy policy) {
        return new DatabaseOptions(dataDir, policy, fsyncInterval, checkpointInterval, walSegmentBytes, memoryLimitBytes,
                clockMicros);
    }

    public DatabaseOptions withFsyncInterval(Duration interval) {
        return new DatabaseOptions(dataDir, fsyncPolicy, interval, checkpointInterval, walSegmentBytes, memoryLimitBytes,
                clockMicros);
    }

    public DatabaseOptions withCheckpointInterval(Duration interval) {
        return new DatabaseOptions(dataDir, fsyncPolicy, fsyncInterval, interval, walSegmentBytes, memoryLimitBytes,
                clockMicros);
    }

    public DatabaseOptions withWalSegmentBytes(long bytes) {
        return new DatabaseOptions(dataDir, fsyncPolicy, fsyncInterval, checkpointInterval, bytes, memoryLimitBytes,
                clockMicros);
    }

    /** The clock TTLs are counted with (microseconds since the epoch); tests pass a settable one. */
    public DatabaseOptions withClock(LongSupplier micros) {
        return new DatabaseOptions(dataDir, fsyncPolicy, fsyncInterval, checkpointInterval, walSegmentBytes,
                memoryLimitBytes, micros);
    }

    public DatabaseOptions withMemoryLimitBytes(long bytes) {
        return new DatabaseOptions(dataDir, fsyncPolicy, fsyncInterval, checkpointInterval, walSegmentBytes, bytes,
                clockMicros);
    }
}
