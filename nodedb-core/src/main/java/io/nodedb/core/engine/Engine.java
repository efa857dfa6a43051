package io.nodedb.core.engine;

import io.nodedb.core.metrics.PrometheusWriter;
import io.nodedb.core.wal.LogRecord;

/**
 * An engine is a deterministic state machine over the command log: the same records applied in LSN order always
 * give the same state. It persists that state with the LSN it covers ({@link #checkpoint()}); after a restart,
 * {@link #recoveredLsn()} tells the database where to resume replaying the log.
 *
 * <p>{@link #apply} runs on the database's single applier thread; reads run concurrently on session threads, and
 * {@link #checkpoint()} runs on the checkpoint thread, so an engine makes its state safe for both.
 */
public interface Engine extends AutoCloseable {

    /** Short lowercase name used in logs and metrics. */
    String name();

    /** Whether records of this type are this engine's to apply. */
    boolean handles(short recordType);

    /** LSN of the last record whose effects were in the durable state this engine loaded on open. */
    long recoveredLsn();

    /**
     * Applies one record. Errors caused by the record's content (a duplicate key, a missing collection) are
     * returned, not thrown, and leave the state as it was; the same record then fails the same way on replay.
     */
    ApplyResult apply(LogRecord record);

    /**
     * Told, in LSN order, of every record this engine does not handle, so that its checkpoint can cover them
     * too; otherwise an engine without writes would hold back log trimming for all.
     */
    void advanceTo(long lsn);

    /** Makes the state durable and returns an LSN such that every record at or below it is covered. */
    long checkpoint();

    void writeMetrics(PrometheusWriter out);

    @Override
    void close();
}
