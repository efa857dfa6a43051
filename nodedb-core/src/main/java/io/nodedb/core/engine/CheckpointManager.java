package io.nodedb.core.engine;

import io.nodedb.core.metrics.PrometheusWriter;
import io.nodedb.core.wal.CommandLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Checkpoints every engine on a schedule and then trims the command log below the lowest LSN all of them cover.
 * A checkpoint never blocks writers: each engine persists its state while the applier keeps going, and reports an
 * LSN that is a safe lower bound.
 */
public final class CheckpointManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointManager.class);

    private final List<Engine> engines;
    private final CommandLog log;
    private final ScheduledExecutorService scheduler;
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong segmentsTrimmed = new AtomicLong();
    private volatile long lastCheckpointLsn;
    private volatile long lastDurationNanos;

    public CheckpointManager(List<Engine> engines, CommandLog log, Duration interval) {
        this.engines = List.copyOf(engines);
        this.log = log;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("nodedb-checkpoint").daemon().factory());
        long ms = Math.max(1, interval.toMillis());
        scheduler.scheduleWithFixedDelay(this::checkpointQuietly, ms, ms, TimeUnit.MILLISECONDS);
    }

    private void checkpointQuietly() {
        try {
            checkpoint();
        } catch (RuntimeException e) {
            failed.incrementAndGet();
            LOG.error("checkpoint failed; the log is kept until one succeeds", e);
        }
    }

    /** Checkpoints every engine now and trims the log; returns the LSN every engine covers. */
    public synchronized long checkpoint() {
        long start = System.nanoTime();
        long covered = Long.MAX_VALUE;
        for (Engine e : engines) {
            covered = Math.min(covered, e.checkpoint());
        }
        if (covered == Long.MAX_VALUE) {
            covered = log.durableLsn();
        }
        int trimmed = log.truncateBefore(covered + 1);
        segmentsTrimmed.addAndGet(trimmed);
        lastCheckpointLsn = covered;
        lastDurationNanos = System.nanoTime() - start;
        completed.incrementAndGet();
        LOG.debug("checkpoint at LSN {} took {} ms, {} log segment(s) removed", covered,
                lastDurationNanos / 1_000_000, trimmed);
        return covered;
    }

    public void writeMetrics(PrometheusWriter out) {
        out.counter("nodedb_checkpoints_total", "Checkpoints completed", completed.get());
        out.counter("nodedb_checkpoints_failed_total", "Checkpoints that failed", failed.get());
        out.gauge("nodedb_checkpoint_lsn", "LSN covered by the last checkpoint of every engine", lastCheckpointLsn);
        out.gauge("nodedb_checkpoint_last_duration_seconds", "Duration of the last checkpoint",
                lastDurationNanos / 1e9);
        out.counter("nodedb_checkpoint_log_segments_trimmed_total", "Log segments removed after checkpoints",
                segmentsTrimmed.get());
    }

    /** Stops the schedule; the database takes a final checkpoint itself. */
    @Override
    public void close() {
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("a checkpoint was still running after 30 s at shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
