package io.nodedb.core.wal;

import io.nodedb.core.metrics.PrometheusWriter;

import java.util.concurrent.CompletableFuture;

/**
 * The command log: the source of truth every engine is a state machine over. Appends are assigned consecutive
 * LSNs in the order the log receives them; once a record is durable (per the {@link FsyncPolicy}) the
 * {@link DurabilityListener} sees it, in LSN order, and the append's future completes with its LSN.
 */
public interface CommandLog extends AutoCloseable {

    /**
     * Called in LSN order, once each record is durable, on the thread that made it durable: the log's writer, or
     * the caller of {@link #appendWaiting}. Calls never overlap. Must not block for long.
     */
    @FunctionalInterface
    interface DurabilityListener {
        void onDurable(LogRecord record, Object context);
    }

    /** Appends a record. {@code context} is handed back to the durability listener with the record. */
    CompletableFuture<Long> append(short type, byte[] payload, Object context);

    /**
     * Like {@link #append}, for a caller that blocks until the record is reported anyway: when nothing else is
     * being written, the calling thread writes (and forces) the record and runs the listener itself, which saves
     * the two thread wake-ups (to the writer and back) that dominate a lone commit's latency after the fsync. Under
     * contention it is {@link #append}.
     *
     * @param force false to report the record once it is written, before it is forced to the device (PostgreSQL's
     *              {@code synchronous_commit = off}): it survives a crash of the process, and is forced with the
     *              next forced record or within the fsync interval. Under the {@code interval} and {@code off}
     *              policies nothing waits for a force anyway.
     */
    default CompletableFuture<Long> appendWaiting(short type, byte[] payload, Object context, boolean force) {
        return append(type, payload, context);
    }

    /**
     * Whether an {@link #appendWaiting} made now would most likely write the record on the caller's thread: nothing
     * queued or being written, and commits not arriving together. A hint, true or false a moment later.
     */
    default boolean idle() {
        return false;
    }

    default CompletableFuture<Long> append(short type, byte[] payload) {
        return append(type, payload, null);
    }

    /** LSN of the last record that is durable (0 when the log is empty). */
    long durableLsn();

    /** A cursor over durable records with LSN >= {@code fromLsn}, in order. */
    LogCursor read(long fromLsn);

    /** Lowest LSN the log still holds (records below it were trimmed after checkpoints). */
    long firstRetainedLsn();

    /** Removes whole segments whose records all have LSN < {@code lsn}. Never removes the segment being written. */
    int truncateBefore(long lsn);

    void writeMetrics(PrometheusWriter out);

    @Override
    void close();
}
