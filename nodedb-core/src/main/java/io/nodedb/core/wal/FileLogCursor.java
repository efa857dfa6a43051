package io.nodedb.core.wal;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads durable records from the segment files, following the writer across segment boundaries. Each cursor has
 * its own file handles, so readers (recovery, change feeds, sync) never contend with the writer.
 */
final class FileLogCursor implements LogCursor {
    private final FileCommandLog log;
    private long nextLsn;
    private SegmentReader reader;
    private long readerFirstLsn = -1;
    /** The LSN the open segment's next record must carry. */
    private long readerExpected;

    FileLogCursor(FileCommandLog log, long fromLsn) {
        this.log = log;
        this.nextLsn = Math.max(1, fromLsn);
    }

    @Override
    public LogRecord next() {
        if (nextLsn > log.durableLsn()) {
            return null;
        }
        try {
            while (true) {
                if (reader == null && !openSegmentFor(nextLsn)) {
                    return null;
                }
                LogRecord r;
                try {
                    r = reader.next(readerExpected);
                } catch (SegmentReader.BadRecordException bad) {
                    throw LogRecovery.corrupt(reader.path(), bad.offset, bad.getMessage());
                }
                if (r == null) {
                    // End of this segment: continue in the next one, if the writer has started it.
                    Map.Entry<Long, Path> next = log.segments().higherEntry(readerFirstLsn);
                    if (next == null) {
                        return null;
                    }
                    closeReader();
                    openSegment(next);
                    continue;
                }
                readerExpected++;
                if (r.lsn() < nextLsn) {
                    continue;
                }
                nextLsn = r.lsn() + 1;
                return r;
            }
        } catch (NoSuchFileException e) {
            throw notRetained();
        } catch (IOException e) {
            throw new NodeDbException(SqlState.IO_ERROR, "cannot read the command log: " + e.getMessage(), e);
        }
    }

    private boolean openSegmentFor(long lsn) throws IOException {
        Map.Entry<Long, Path> seg = log.segments().floorEntry(lsn);
        if (seg == null) {
            if (log.segments().isEmpty()) {
                return false;
            }
            throw notRetained();
        }
        openSegment(seg);
        return true;
    }

    private void openSegment(Map.Entry<Long, Path> seg) throws IOException {
        try {
            reader = new SegmentReader(seg.getValue());
        } catch (SegmentReader.BadRecordException bad) {
            throw LogRecovery.corrupt(seg.getValue(), bad.offset, bad.getMessage());
        }
        readerFirstLsn = seg.getKey();
        readerExpected = readerFirstLsn;
    }

    private NodeDbException notRetained() {
        return new NodeDbException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "LSN " + nextLsn
                + " is no longer in the command log (the oldest retained LSN is " + log.firstRetainedLsn() + ")");
    }

    private void closeReader() throws IOException {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }

    @Override
    public void close() {
        try {
            closeReader();
        } catch (IOException ignored) {
            // read-only handle; nothing to lose
        }
    }
}
