package io.nodedb.core.wal;

import java.nio.file.Path;
import java.time.Duration;

/**
 * @param dir            directory holding the segment files
 * @param fsyncPolicy    when appended records are forced to the device
 * @param fsyncInterval  how often the {@link FsyncPolicy#INTERVAL} policy forces
 * @param segmentBytes   a segment is sealed and a new one started once it would grow past this size
 * @param minNextLsn     the next LSN must be at least this (engines may have applied records a lost unsynced tail
 *                       held, under fsync off; their LSNs are never reused)
 */
public record LogOptions(Path dir, FsyncPolicy fsyncPolicy, Duration fsyncInterval, long segmentBytes,
        long minNextLsn) {

    public static LogOptions defaults(Path dir) {
        return new LogOptions(dir, FsyncPolicy.PER_COMMIT, Duration.ofMillis(10), 64L << 20, 1);
    }

    public LogOptions withFsyncPolicy(FsyncPolicy policy) {
        return new LogOptions(dir, policy, fsyncInterval, segmentBytes, minNextLsn);
    }

    public LogOptions withSegmentBytes(long bytes) {
        return new LogOptions(dir, fsyncPolicy, fsyncInterval, bytes, minNextLsn);
    }

    public LogOptions withMinNextLsn(long lsn) {
        return new LogOptions(dir, fsyncPolicy, fsyncInterval, segmentBytes, lsn);
    }
}
