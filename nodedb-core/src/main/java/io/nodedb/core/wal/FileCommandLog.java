package io.nodedb.core.wal;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.metrics.PrometheusWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32C;

/**
 * The segmented, file-backed command log with group commit. Appenders enqueue; one writer thread takes every
 * record waiting, assigns LSNs, writes them with as few system calls as it can and forces the file once for the
 * whole group. Under load a group grows while the previous fsync runs, so the device's fsync rate, not the number
 * of writers, bounds the commit rate. Committers that will wait anyway do the writer's work themselves, one of
 * them for all waiting ({@link #appendWaiting}); the {@link #writing} lock keeps both in one order.
 */
public final class FileCommandLog implements CommandLog {
    private static final Logger LOG = LoggerFactory.getLogger(FileCommandLog.class);
    private static final int WRITE_BUFFER = 1 << 20;
    private static final int MAX_GROUP = 4096;
    /**
     * How far ahead of the write position a segment is filled with zeros. Overwriting allocated blocks lets each
     * commit's fdatasync skip the file-size metadata update: about 97 us instead of 140 us per fsync on the
     * development machine's disk.
     */
    private static final int PREALLOCATE = 4 << 20;
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(64 << 10);
    private static final Entry STOP = new Entry((short) 0, new byte[0], null, true);
    /** Queued after an inline write left unforced data, so that the writer thread starts the fsync timer. */
    private static final Entry FORCE_DUE = new Entry((short) 0, new byte[0], null, true);

    private final LogOptions options;
    private final DurabilityListener listener;
    private final LinkedBlockingQueue<Entry> queue = new LinkedBlockingQueue<>();
    private final ConcurrentSkipListMap<Long, Path> segments = new ConcurrentSkipListMap<>();
    private final Thread writer;
    /** Held while records are written, forced and reported: by the writer thread or by an inline committer. */
    private final ReentrantLock writing = new ReentrantLock();
    private final CRC32C crc = new CRC32C();
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(WRITE_BUFFER).order(ByteOrder.LITTLE_ENDIAN);

    private FileChannel active;
    private long activeSize;
    /**
     * Where the next write to the active segment goes. Kept here, and written with positional writes, because asking
     * the channel for its position is a system call (lseek) of its own.
     */
    private long filePosition;
    /** Size of the active segment file: zeros beyond the write position were written ahead of time. */
    private long allocatedEnd;
    private long nextLsn;
    private long lastForceNanos = System.nanoTime();
    private long writtenLsn;
    private volatile long syncedLsn;
    private volatile long durableLsn;
    private volatile Throwable failure;
    private volatile boolean closed;
    /** Whether a {@link #FORCE_DUE} was queued and the force it asks for has not happened yet. */
    private boolean forceScheduled;
    /** Callers of {@link #appendWaiting} whose records are not written yet, oldest first. */
    private final ConcurrentLinkedQueue<Entry> waiting = new ConcurrentLinkedQueue<>();

    private final AtomicLong appendedRecords = new AtomicLong();
    private final AtomicLong appendedBytes = new AtomicLong();
    private final AtomicLong groups = new AtomicLong();
    private final AtomicLong callerGroups = new AtomicLong();
    private final AtomicLong unforcedRecords = new AtomicLong();
    private final AtomicLong fsyncs = new AtomicLong();
    private final AtomicLong fsyncNanos = new AtomicLong();
    private final AtomicLong segmentsDeleted = new AtomicLong();
    private volatile long truncatedOnOpen;

    private FileCommandLog(LogOptions options, DurabilityListener listener) {
        this.options = options;
        this.listener = listener;
        this.writer = Thread.ofPlatform().name("nodedb-log-writer").daemon().unstarted(this::writeLoop);
    }

    /** Opens the log in {@code options.dir()}, creating it if needed, validating and repairing a torn tail. */
    public static FileCommandLog open(LogOptions options, DurabilityListener listener) {
        FileCommandLog log = new FileCommandLog(options, listener);
        try {
            log.recoverAndStart();
        } catch (IOException e) {
            log.closeQuietly();
            throw new NodeDbException(SqlState.IO_ERROR, "cannot open the command log in " + options.dir() + ": "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            log.closeQuietly();
            throw e;
        }
        return log;
    }

    private void recoverAndStart() throws IOException {
        Files.createDirectories(options.dir());
        LogRecovery.Result found = LogRecovery.recover(options.dir());
        truncatedOnOpen = found.truncatedBytes();
        segments.putAll(found.segments());
        long last = found.lastLsn();
        nextLsn = Math.max(last + 1, options.minNextLsn());
        writtenLsn = nextLsn - 1;
        syncedLsn = writtenLsn;
        durableLsn = writtenLsn;
        if (segments.isEmpty() || nextLsn != last + 1) {
            // A fresh log, or LSNs the engines already used must be skipped: start a segment at nextLsn.
            startSegment(nextLsn, last);
        } else {
            Map.Entry<Long, Path> tail = segments.lastEntry();
            active = FileChannel.open(tail.getValue(), StandardOpenOption.WRITE);
            activeSize = found.activeEnd();
            filePosition = activeSize;
            allocatedEnd = active.size();
        }
        writer.start();
    }

    @Override
    public CompletableFuture<Long> append(short type, byte[] payload, Object context) {
        return enqueue(new Entry(type, payload, context, true));
    }

    private CompletableFuture<Long> enqueue(Entry e) {
        if (acceptable(e)) {
            queue.add(e);
        }
        return e.future;
    }

    @Override
    public boolean idle() {
        return waiting.isEmpty() && queue.isEmpty() && !writing.isLocked();
    }

    /**
     * Leader and followers, as PostgreSQL's backends flush the WAL: the caller joins {@link #waiting}; whoever of
     * the waiting callers holds {@link #writing} next takes every record waiting at that moment, writes them and
     * forces once for all, reports them, and completes their futures; the others sleep until their record is
     * done or the lock comes free. Unlocking wakes the oldest waiter (see {@link #unlockWriting}), so when the
     * leader finishes, the records that queued during its fsync are written by one of their own callers at once.
     * A lone committer is a group of one, with no thread hand-off at all; under contention a group still fills
     * while the previous fsync runs, and no record waits for a thread that is not one of the waiting callers.
     */
    @Override
    public CompletableFuture<Long> appendWaiting(short type, byte[] payload, Object context, boolean force) {
        Entry e = new Entry(type, payload, context, force);
        if (!acceptable(e)) {
            return e.future;
        }
        if (!force) {
            unforcedRecords.incrementAndGet();
        }
        e.waiter = Thread.currentThread();
        waiting.add(e);
        boolean interrupted = false;
        while (!e.future.isDone()) {
            if (writing.tryLock()) {
                List<Entry> group = new ArrayList<>();
                boolean written = false;
                try {
                    for (Entry w = waiting.poll(); w != null; w = group.size() < MAX_GROUP ? waiting.poll() : null) {
                        group.add(w);
                    }
                    written = writeForCallers(group);
                } finally {
                    unlockWriting();
                }
                // Written or failed, every caller in the group has its answer now.
                for (Entry w : group) {
                    if (written) {
                        w.future.complete(w.lsn);
                    }
                    if (w.waiter != Thread.currentThread()) {
                        LockSupport.unpark(w.waiter);
                    }
                }
                if (group.isEmpty() && !e.future.isDone()) {
                    // Another leader took this record and is answering its group: it unparks this thread.
                    LockSupport.park(this);
                    interrupted |= Thread.interrupted();
                }
            } else {
                LockSupport.park(this);
                interrupted |= Thread.interrupted();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return e.future;
    }

    /** Writes a group taken from {@link #waiting}; with the lock held. False when it failed them instead. */
    private boolean writeForCallers(List<Entry> group) {
        if (group.isEmpty()) {
            return false;
        }
        Throwable failed = failure;
        if (failed != null || closed) {
            failAll(group, failed != null ? failedLog(failed)
                    : new NodeDbException(SqlState.ADMIN_SHUTDOWN, "the command log is closed"));
            return false;
        }
        try {
            callerGroups.incrementAndGet();
            writeGroup(group);
            if (syncedLsn < writtenLsn && options.fsyncPolicy() != FsyncPolicy.OFF && !forceScheduled) {
                // The writer thread may be parked without a timeout; it owns the timer that forces this.
                forceScheduled = true;
                queue.add(FORCE_DUE);
            }
            return true;
        } catch (Throwable t) {
            LOG.error("command log: write failed; the log refuses further writes", t);
            failure = t;
            failAll(group, t);
            return false;
        }
    }

    /** Releases {@link #writing} and wakes the oldest caller waiting to be written, which may now lead. */
    private void unlockWriting() {
        writing.unlock();
        Entry next = waiting.peek();
        if (next != null) {
            LockSupport.unpark(next.waiter);
        }
    }

    /** False, with the entry's future failed, when the log cannot take it. */
    private boolean acceptable(Entry e) {
        if (e.payload.length > RecordFormat.MAX_PAYLOAD) {
            throw new NodeDbException(SqlState.CONFIGURATION_LIMIT_EXCEEDED, "log record of " + e.payload.length
                    + " bytes exceeds the limit of " + RecordFormat.MAX_PAYLOAD + " bytes");
        }
        Throwable failed = failure;
        if (failed != null) {
            e.future.completeExceptionally(failedLog(failed));
            return false;
        }
        if (closed) {
            e.future.completeExceptionally(new NodeDbException(SqlState.ADMIN_SHUTDOWN, "the command log is closed"));
            return false;
        }
        return true;
    }

    private void writeLoop() {
        List<Entry> group = new ArrayList<>();
        boolean stop = false;
        while (!stop) {
            try {
                // While something written is not yet forced (the INTERVAL policy, or commits that did not wait
                // for their fsync), wait at most until the next fsync is due; with nothing to force the remaining
                // time is 0 and a timed poll would spin.
                Entry first = options.fsyncPolicy() != FsyncPolicy.OFF && syncedLsn < writtenLsn
                        ? queue.poll(intervalRemainingNanos(), TimeUnit.NANOSECONDS)
                        : queue.take();
                boolean written = false;
                writing.lock();
                try {
                    if (first == null) {
                        forceIfIntervalElapsed();
                        continue;
                    }
                    group.add(first);
                    queue.drainTo(group, MAX_GROUP - 1);
                    stop = group.remove(STOP);
                    group.removeIf(e -> e == FORCE_DUE);
                    if (group.isEmpty()) {
                        forceIfIntervalElapsed();
                    }
                    if (failure != null) {
                        failAll(group, failure);
                    } else if (!group.isEmpty()) {
                        writeGroup(group);
                        written = true;
                    }
                } finally {
                    unlockWriting();
                }
                if (written) {
                    // After the unlock: a waiter woken here may commit its next record inline at once.
                    for (Entry e : group) {
                        e.future.complete(e.lsn);
                    }
                }
            } catch (InterruptedException ie) {
                stop = true;
            } catch (Throwable t) {
                LOG.error("command log: write failed; the log refuses further writes", t);
                failure = t;
                failAll(group, t);
            }
            group.clear();
        }
        List<Entry> rest = new ArrayList<>();
        queue.drainTo(rest);
        rest.remove(STOP);
        failAll(rest, new NodeDbException(SqlState.ADMIN_SHUTDOWN, "the command log is closed"));
    }

    private void writeGroup(List<Entry> group) throws IOException {
        for (Entry e : group) {
            int size = RecordFormat.recordSize(e.payload.length);
            if (activeSize + size > options.segmentBytes() && activeSize > RecordFormat.SEGMENT_HEADER_SIZE) {
                flushBuffer();
                sealAndRoll(nextLsn);
            }
            e.lsn = nextLsn++;
            if (size > buffer.remaining()) {
                flushBuffer();
            }
            if (size > buffer.capacity()) {
                ByteBuffer big = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
                RecordFormat.writeRecord(big, crc, e.lsn, e.type, 0, 0, syncedLsn, e.payload);
                writeFully(big.flip());
            } else {
                RecordFormat.writeRecord(buffer, crc, e.lsn, e.type, 0, 0, syncedLsn, e.payload);
            }
            activeSize += size;
            appendedBytes.addAndGet(size);
        }
        flushBuffer();
        writtenLsn = group.getLast().lsn;
        // Counted before the fsync so that a reader of the metrics never sees more fsyncs than groups written.
        appendedRecords.addAndGet(group.size());
        groups.incrementAndGet();
        switch (options.fsyncPolicy()) {
            case PER_COMMIT -> {
                if (anyForced(group)) {
                    force();
                } else {
                    forceIfIntervalElapsed();
                }
            }
            case INTERVAL -> forceIfIntervalElapsed();
            case OFF -> {
            }
        }
        durableLsn = writtenLsn;
        for (Entry e : group) {
            if (listener != null) {
                try {
                    listener.onDurable(new LogRecord(e.lsn, e.type, e.payload), e.context);
                } catch (RuntimeException ex) {
                    LOG.error("command log: durability listener failed at LSN {}", e.lsn, ex);
                }
            }
        }
    }

    private static boolean anyForced(List<Entry> group) {
        for (Entry e : group) {
            if (e.force) {
                return true;
            }
        }
        return false;
    }

    private void flushBuffer() throws IOException {
        buffer.flip();
        writeFully(buffer);
        buffer.clear();
    }

    private void writeFully(ByteBuffer b) throws IOException {
        ensureAllocated(filePosition + b.remaining());
        while (b.hasRemaining()) {
            filePosition += active.write(b, filePosition);
        }
    }

    /** Extends the zero-filled part of the segment so that the next writes land in allocated blocks. */
    private void ensureAllocated(long end) throws IOException {
        if (end <= allocatedEnd) {
            return;
        }
        long target = Math.max(end, Math.min(allocatedEnd + PREALLOCATE, Math.max(end, options.segmentBytes())));
        for (long pos = allocatedEnd; pos < target; ) {
            ByteBuffer z = ZEROS.duplicate().limit((int) Math.min(ZEROS.capacity(), target - pos));
            pos += active.write(z, pos);
        }
        active.force(true);
        allocatedEnd = target;
    }

    /** Cuts the zeros beyond the last record, so that sealed segments end at their last record. */
    private void trimAllocation() throws IOException {
        long end = filePosition;
        if (allocatedEnd > end) {
            active.truncate(end);
            active.force(true);
            allocatedEnd = end;
        }
    }

    private void force() throws IOException {
        long start = System.nanoTime();
        active.force(false);
        long end = System.nanoTime();
        fsyncs.incrementAndGet();
        fsyncNanos.addAndGet(end - start);
        lastForceNanos = end;
        syncedLsn = writtenLsn;
        forceScheduled = false;
    }

    private long intervalRemainingNanos() {
        long interval = options.fsyncInterval().toNanos();
        return Math.max(1, interval - (System.nanoTime() - lastForceNanos));
    }

    private void forceIfIntervalElapsed() throws IOException {
        if (syncedLsn < writtenLsn && System.nanoTime() - lastForceNanos >= options.fsyncInterval().toNanos()) {
            force();
        }
    }

    private void sealAndRoll(long firstLsn) throws IOException {
        force();
        trimAllocation();
        active.close();
        startSegment(firstLsn, firstLsn - 1);
    }

    private void startSegment(long firstLsn, long previousLastLsn) throws IOException {
        Path path = options.dir().resolve(RecordFormat.segmentName(firstLsn));
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        ByteBuffer header = RecordFormat.segmentHeader(firstLsn, previousLastLsn);
        while (header.hasRemaining()) {
            ch.write(header);
        }
        ch.force(true);
        forceDirectory(options.dir());
        active = ch;
        filePosition = RecordFormat.SEGMENT_HEADER_SIZE;
        activeSize = RecordFormat.SEGMENT_HEADER_SIZE;
        allocatedEnd = RecordFormat.SEGMENT_HEADER_SIZE;
        segments.put(firstLsn, path);
    }

    static void forceDirectory(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    private static void failAll(List<Entry> entries, Throwable cause) {
        for (Entry e : entries) {
            if (e != STOP) {
                e.future.completeExceptionally(cause instanceof NodeDbException ? cause : failedLog(cause));
            }
        }
    }

    private static NodeDbException failedLog(Throwable cause) {
        return new NodeDbException(SqlState.IO_ERROR, "the command log failed and accepts no more writes: "
                + cause.getMessage(), cause);
    }

    @Override
    public long durableLsn() {
        return durableLsn;
    }

    /**
     * LSN up to which records are known to be on the device: {@link #durableLsn()} under the per-commit policy,
     * except for records appended with {@code force = false}, which are reported once written.
     */
    public long syncedLsn() {
        return syncedLsn;
    }

    @Override
    public LogCursor read(long fromLsn) {
        return new FileLogCursor(this, fromLsn);
    }

    ConcurrentSkipListMap<Long, Path> segments() {
        return segments;
    }

    @Override
    public long firstRetainedLsn() {
        Map.Entry<Long, Path> first = segments.firstEntry();
        return first == null ? nextLsnSnapshot() : first.getKey();
    }

    private long nextLsnSnapshot() {
        return durableLsn + 1;
    }

    @Override
    public int truncateBefore(long lsn) {
        int deleted = 0;
        while (true) {
            Map.Entry<Long, Path> first = segments.firstEntry();
            Map.Entry<Long, Path> second = first == null ? null : segments.higherEntry(first.getKey());
            // The first segment holds LSNs [first, second.first); it may go once all of them are below lsn.
            if (second == null || second.getKey() > lsn) {
                break;
            }
            try {
                segments.remove(first.getKey());
                Files.deleteIfExists(first.getValue());
                deleted++;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete log segment " + first.getValue(), e);
            }
        }
        if (deleted > 0) {
            try {
                forceDirectory(options.dir());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            segmentsDeleted.addAndGet(deleted);
            LOG.debug("command log: deleted {} segment(s) below LSN {}", deleted, lsn);
        }
        return deleted;
    }

    @Override
    public void writeMetrics(PrometheusWriter out) {
        out.counter("nodedb_wal_records_total", "Records appended to the command log", appendedRecords.get());
        out.counter("nodedb_wal_bytes_total", "Bytes appended to the command log", appendedBytes.get());
        out.counter("nodedb_wal_groups_total", "Group commits (one write and at most one fsync each)", groups.get());
        out.counter("nodedb_wal_caller_groups_total", "Groups written and forced by one of their committers' own "
                + "threads rather than the log's writer thread", callerGroups.get());
        out.counter("nodedb_wal_unforced_records_total", "Records acknowledged before their fsync "
                + "(synchronous_commit = off)", unforcedRecords.get());
        out.counter("nodedb_wal_fsyncs_total", "fsync calls on log segments", fsyncs.get());
        out.counter("nodedb_wal_fsync_seconds_total", "Time spent in fsync on log segments",
                fsyncNanos.get() / 1e9);
        out.gauge("nodedb_wal_durable_lsn", "LSN of the last durable record", durableLsn);
        out.gauge("nodedb_wal_first_retained_lsn", "Lowest LSN still held in log segments", firstRetainedLsn());
        out.gauge("nodedb_wal_segments", "Log segment files on disk", segments.size());
        out.counter("nodedb_wal_segments_deleted_total", "Log segments removed after checkpoints",
                segmentsDeleted.get());
        out.counter("nodedb_wal_torn_tail_bytes_truncated", "Bytes of torn tail cut when the log was opened",
                truncatedOnOpen);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.add(STOP);
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly();
    }

    private void closeQuietly() {
        closed = true;
        writing.lock(); // lets a group in progress finish; later ones see `closed`
        try {
            closeActiveSegment();
        } finally {
            unlockWriting();
        }
    }

    private void closeActiveSegment() {
        FileChannel ch = active;
        if (ch != null && ch.isOpen()) {
            try {
                if (failure == null) {
                    ch.force(false);
                    trimAllocation();
                }
            } catch (IOException e) {
                LOG.warn("command log: final fsync failed", e);
            }
            try {
                ch.close();
            } catch (IOException e) {
                LOG.warn("command log: close failed", e);
            }
        }
    }

    /** A pending append. The LSN is set by the writer thread. */
    private static final class Entry {
        final short type;
        final byte[] payload;
        final Object context;
        /** False when the appender is answered once the record is written, before it is forced. */
        final boolean force;
        final CompletableFuture<Long> future = new CompletableFuture<>();
        long lsn;
        /** The thread of an {@link #appendWaiting} caller, woken when its record is done or it may lead. */
        Thread waiter;

        Entry(short type, byte[] payload, Object context, boolean force) {
            this.type = type;
            this.payload = payload;
            this.context = context;
            this.force = force;
        }
    }
}
