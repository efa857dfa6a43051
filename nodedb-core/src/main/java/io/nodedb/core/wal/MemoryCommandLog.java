package io.nodedb.core.wal;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.metrics.PrometheusWriter;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The command log of an in-memory database: LSNs and ordering as on disk, records held in memory until the
 * checkpoint manager trims them, nothing written anywhere.
 */
public final class MemoryCommandLog implements CommandLog {
    private final DurabilityListener listener;
    private final ConcurrentSkipListMap<Long, LogRecord> records = new ConcurrentSkipListMap<>();
    private long nextLsn;
    private volatile long durableLsn;
    private volatile boolean closed;

    public MemoryCommandLog(long firstLsn, DurabilityListener listener) {
        this.nextLsn = firstLsn;
        this.durableLsn = firstLsn - 1;
        this.listener = listener;
    }

    @Override
    public synchronized CompletableFuture<Long> append(short type, byte[] payload, Object context) {
        if (closed) {
            return CompletableFuture.failedFuture(
                    new NodeDbException(SqlState.ADMIN_SHUTDOWN, "the command log is closed"));
        }
        // Synchronized so that LSN order and listener order are the same, as with the file log's writer thread.
        LogRecord r = new LogRecord(nextLsn++, type, payload);
        records.put(r.lsn(), r);
        durableLsn = r.lsn();
        if (listener != null) {
            listener.onDurable(r, context);
        }
        return CompletableFuture.completedFuture(r.lsn());
    }

    @Override
    public long durableLsn() {
        return durableLsn;
    }

    @Override
    public LogCursor read(long fromLsn) {
        return new LogCursor() {
            private long next = fromLsn;

            @Override
            public LogRecord next() {
                var e = records.ceilingEntry(next);
                if (e == null) {
                    return null;
                }
                next = e.getKey() + 1;
                return e.getValue();
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public long firstRetainedLsn() {
        var first = records.firstEntry();
        return first == null ? durableLsn + 1 : first.getKey();
    }

    @Override
    public int truncateBefore(long lsn) {
        var head = records.headMap(lsn);
        int n = head.size();
        head.clear();
        return n;
    }

    @Override
    public void writeMetrics(PrometheusWriter out) {
        out.gauge("nodedb_wal_durable_lsn", "LSN of the last durable record", durableLsn);
        out.gauge("nodedb_wal_first_retained_lsn", "Lowest LSN still held in the log", firstRetainedLsn());
        out.gauge("nodedb_wal_segments", "Log segment files on disk", 0);
    }

    @Override
    public void close() {
        closed = true;
    }
}
