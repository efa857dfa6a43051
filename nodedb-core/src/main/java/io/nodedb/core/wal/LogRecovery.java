package io.nodedb.core.wal;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Validates every segment on open. A record that fails validation in the last segment is a write torn by a
 * crash when no valid record after it proves it had been forced (none follows, or those that follow were written
 * while it was still unforced, as after a machine crash that wrote back the unforced tail out of order): it is cut
 * with everything after it, and the cut is logged. Nothing cut was acknowledged as forced. Anything else that
 * fails validation is corruption: recovery stops with the segment and offset, and nothing is dropped.
 */
final class LogRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(LogRecovery.class);

    /** What open found: the segments in LSN order, the last LSN, and where the active segment ends. */
    record Result(TreeMap<Long, Path> segments, long lastLsn, long activeEnd, long truncatedBytes) {
    }

    private LogRecovery() {
    }

    static Result recover(Path dir) throws IOException {
        TreeMap<Long, Path> segments = listSegments(dir);
        long lastLsn = 0;
        long activeEnd = 0;
        long truncated = 0;
        List<Long> firsts = new ArrayList<>(segments.keySet());
        for (int i = 0; i < firsts.size(); i++) {
            long first = firsts.get(i);
            Path path = segments.get(first);
            boolean last = i == firsts.size() - 1;
            if (last && Files.size(path) < RecordFormat.SEGMENT_HEADER_SIZE) {
                // Crash while creating the segment: no record can have been acknowledged from it.
                LOG.warn("command log: removing incomplete segment {} ({} bytes, shorter than its header)",
                        path.getFileName(), Files.size(path));
                truncated += Files.size(path);
                Files.delete(path);
                segments.remove(first);
                if (lastLsn == 0) {
                    lastLsn = first - 1;
                }
                break;
            }
            try (SegmentReader reader = openReader(path)) {
                if (reader.firstLsn() != first) {
                    throw corrupt(path, 0, "header says first LSN " + reader.firstLsn() + " but the file name says "
                            + first);
                }
                if (i > 0 && reader.previousLastLsn() != lastLsn) {
                    throw corrupt(path, 0, "segment follows LSN " + reader.previousLastLsn()
                            + " but the previous segment ends at LSN " + lastLsn + " (a segment is missing)");
                }
                long expected = first;
                while (true) {
                    try {
                        LogRecord r = reader.next(expected);
                        if (r == null) {
                            break;
                        }
                        expected++;
                    } catch (SegmentReader.BadRecordException bad) {
                        if (!last || reader.forcedLsnProvenAfter(bad.offset) >= expected) {
                            throw corrupt(path, bad.offset, bad.getMessage());
                        }
                        long size = Files.size(path);
                        LOG.warn("command log: cut torn tail of segment {} at offset {} ({} bytes discarded: {})",
                                path.getFileName(), bad.offset, size - bad.offset, bad.getMessage());
                        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
                            ch.truncate(bad.offset);
                            ch.force(true);
                        }
                        truncated += size - bad.offset;
                        break;
                    }
                }
                lastLsn = expected - 1;
                activeEnd = reader.position();
            }
        }
        return new Result(segments, lastLsn, activeEnd, truncated);
    }

    private static SegmentReader openReader(Path path) throws IOException {
        try {
            return new SegmentReader(path);
        } catch (SegmentReader.BadRecordException bad) {
            throw corrupt(path, bad.offset, bad.getMessage());
        }
    }

    static TreeMap<Long, Path> listSegments(Path dir) throws IOException {
        TreeMap<Long, Path> segments = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(p -> {
                long first = RecordFormat.parseSegmentName(p.getFileName().toString());
                if (first >= 0) {
                    segments.put(first, p);
                }
            });
        }
        return segments;
    }

    static NodeDbException corrupt(Path segment, long offset, String reason) {
        return new NodeDbException(SqlState.DATA_CORRUPTED, "command log is corrupted: segment " + segment
                + " at offset " + offset + ": " + reason + "; recovery stopped and nothing was dropped");
    }
}
