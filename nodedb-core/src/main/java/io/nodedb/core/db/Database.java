package io.nodedb.core.db;

import io.nodedb.core.catalog.Catalog;
import io.nodedb.core.document.DocumentCursor;
import io.nodedb.core.document.DocumentEngine;
import io.nodedb.core.document.DocumentReadView;
import io.nodedb.core.document.KnownAbsent;
import io.nodedb.core.document.VersionedDocument;
import io.nodedb.core.document.Mutation;
import io.nodedb.core.document.MutationCodec;
import io.nodedb.core.engine.ApplyResult;
import io.nodedb.core.engine.CheckpointManager;
import io.nodedb.core.engine.Engine;
import io.nodedb.core.engine.RecordTypes;
import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.kv.KvBatch;
import io.nodedb.core.kv.KvEngine;
import io.nodedb.core.kv.KvOp;
import io.nodedb.core.kv.KvOpCodec;
import io.nodedb.core.kv.KvOptions;
import io.nodedb.core.vector.DocumentChange;
import io.nodedb.core.vector.VectorEngine;
import io.nodedb.core.vector.VectorKernels;
import io.nodedb.core.vector.VectorOp;
import io.nodedb.core.vector.VectorOpCodec;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.metrics.PrometheusWriter;
import io.nodedb.core.storage.DataDirectory;
import io.nodedb.core.storage.StateStore;
import io.nodedb.core.value.Value;
import io.nodedb.core.wal.CommandLog;
import io.nodedb.core.wal.FileCommandLog;
import io.nodedb.core.wal.LogCursor;
import io.nodedb.core.wal.LogOptions;
import io.nodedb.core.wal.LogRecord;
import io.nodedb.core.wal.MemoryCommandLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * One open database: the command log, the engines that are state machines over it, the applier that feeds them
 * and the checkpoint manager that lets the log be trimmed. Both editions (embedded and server) run exactly this.
 *
 * <p>A write is a batch of resolved {@link Mutation}s. It is appended to the log, made durable with its group,
 * applied in LSN order, and only then acknowledged. The applier thread applies records in the order the log reports
 * them; a waiting caller whose record became durable while the applier had nothing to do applies it on its own
 * thread instead (see {@link WaitingWrite}), which keeps one order because the log never reports two records at once.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final DatabaseOptions options;
    private final DataDirectory dataDir;
    private final StateStore store;
    private final DocumentEngine documents;
    private final KvEngine kv;
    private final VectorEngine vectors;
    private final List<Engine> engines;
    private final LinkedBlockingQueue<Applying> applyQueue = new LinkedBlockingQueue<>();
    private final Thread applier;
    /** Records handed to the applier thread and not yet applied; a record may be applied elsewhere only at 0. */
    private final AtomicLong applyBacklog = new AtomicLong();
    private CommandLog log;
    private CheckpointManager checkpoints;
    private volatile boolean ready;
    private volatile boolean closed;
    private volatile Throwable fatal;
    private final AtomicLong writesAcknowledged = new AtomicLong();
    private final AtomicLong writesRejected = new AtomicLong();
    private final AtomicLong appliedFromWriter = new AtomicLong();
    private long replayedRecords;

    /** A durable record for the applier; {@code batch} and {@code known} as in {@link WaitingWrite}. */
    private record Applying(LogRecord record, CompletableFuture<ApplyResult> result, List<Mutation> batch,
            KnownAbsent known) {
    }

    private static final Applying STOP = new Applying(null, null, null, null);

    /**
     * The log context of a write whose caller blocks until it is applied. The log reports such records on the
     * thread of one of the waiting callers (see {@link CommandLog#appendWaiting}); when that is the record's own
     * caller and the applier is idle, it applies the record at once instead of waking the applier.
     */
    private record WaitingWrite(CompletableFuture<ApplyResult> result, Thread caller, List<Mutation> batch,
            KnownAbsent known) {
    }

    private Database(DatabaseOptions options, DataDirectory dataDir, StateStore store) {
        this.options = options;
        this.dataDir = dataDir;
        this.store = store;
        this.documents = new DocumentEngine(store);
        this.kv = new KvEngine(dataDir == null ? null : dataDir.kvDir(),
                KvOptions.defaults().withMemoryBudget(options.memoryLimitBytes())
                        .withClock(options.clockMicros()));
        try {
            this.vectors = new VectorEngine(dataDir == null ? null : dataDir.vectorDir(), VectorKernels.preferred());
        } catch (RuntimeException e) {
            kv.close();
            throw e;
        }
        this.engines = List.of(documents, kv, vectors);
        vectors.readDocumentsFrom(new io.nodedb.core.vector.DocumentSource() {
            @Override
            public boolean hasRows(String collection) {
                if (documents.catalog().find(collection) == null) {
                    return false;
                }
                try (DocumentReadView view = documents.readView(); DocumentCursor c = view.scan(collection)) {
                    return c.next() != null;
                }
            }

            @Override
            public void forEach(String collection, BiConsumer<Value, Value.Obj> visitor) {
                scanIfExists(collection, visitor);
            }
        });
        this.applier = Thread.ofPlatform().name("nodedb-applier").daemon().unstarted(this::applyLoop);
    }

    /**
     * Opens the database, creating it if needed: locks the data directory, loads each engine's checkpoint, replays
     * the log after it, and starts accepting writes.
     *
     * @throws NodeDbException LOCK_NOT_AVAILABLE ("data directory DIR is locked by pid N") when another process has
     *                         it open; other codes for an unusable directory, a newer format or a corrupted log
     */
    public static Database open(DatabaseOptions options) {
        long start = System.nanoTime();
        DataDirectory dir = options.isInMemory() ? null : DataDirectory.open(options.dataDir());
        StateStore store = null;
        Database db = null;
        try {
            long cacheBytes = Math.max(8L << 20, Math.min(options.memoryLimitBytes() / 4, 512L << 20));
            // The row cache lives in the Java heap: at most a quarter of it, whatever the memory limit allows.
            long rowCacheBytes = Math.min(Math.min(options.memoryLimitBytes() / 4, 512L << 20),
                    Runtime.getRuntime().maxMemory() / 4);
            store = StateStore.open(dir == null ? null : dir.rocksDir(), cacheBytes, rowCacheBytes);
            db = new Database(options, dir, store);
            db.recover();
            LOG.info("database open in {} ms: {}, {} record(s) replayed, next LSN {}",
                    (System.nanoTime() - start) / 1_000_000,
                    dir == null ? "in memory" : dir.root().toString(), db.replayedRecords, db.log.durableLsn() + 1);
            return db;
        } catch (RuntimeException e) {
            if (db != null) {
                db.closeAfterFailedOpen();
            } else {
                if (store != null) {
                    store.close();
                }
                if (dir != null) {
                    dir.close();
                }
            }
            throw e;
        }
    }

    private void recover() {
        long resumeAfter = Long.MAX_VALUE;
        long highestApplied = 0;
        for (Engine e : engines) {
            resumeAfter = Math.min(resumeAfter, e.recoveredLsn());
            highestApplied = Math.max(highestApplied, e.recoveredLsn());
        }
        CommandLog.DurabilityListener listener = (record, context) -> {
            if (context instanceof WaitingWrite w) {
                // Reported on the thread of a group's leader (see CommandLog#appendWaiting). Its own record is
                // applied there when nothing is waiting to be applied before it; the others' go to the applier,
                // which applies them while the next group is written and forced rather than holding up that fsync.
                if (w.caller() == Thread.currentThread() && applyBacklog.get() == 0) {
                    apply(record, w.result(), w.batch(), w.known());
                } else {
                    handToApplier(record, w.result(), w.batch(), w.known());
                }
            } else {
                @SuppressWarnings("unchecked")
                CompletableFuture<ApplyResult> f = (CompletableFuture<ApplyResult>) context;
                handToApplier(record, f, null, null);
            }
        };
        if (options.isInMemory()) {
            log = new MemoryCommandLog(highestApplied + 1, listener);
        } else {
            log = FileCommandLog.open(new LogOptions(dataDir.walDir(), options.fsyncPolicy(), options.fsyncInterval(),
                    options.walSegmentBytes(), highestApplied + 1), listener);
        }
        replay(resumeAfter);
        applier.start();
        checkpoints = new CheckpointManager(engines, log, options.checkpointInterval());
        ready = true;
    }

    private void replay(long resumeAfter) {
        if (resumeAfter >= log.durableLsn()) {
            return;
        }
        long from = Math.max(resumeAfter + 1, log.firstRetainedLsn());
        if (from > resumeAfter + 1) {
            throw new NodeDbException(SqlState.DATA_CORRUPTED, "the engines' state ends at LSN " + resumeAfter
                    + " but the command log starts at LSN " + from + "; records in between are missing");
        }
        try (LogCursor cursor = log.read(from)) {
            for (LogRecord r = cursor.next(); r != null; r = cursor.next()) {
                boolean known = false;
                for (Engine e : engines) {
                    if (e.handles(r.type())) {
                        known = true;
                        if (r.lsn() > e.recoveredLsn()) {
                            e.apply(r);
                        }
                    } else if (e == vectors && r.type() == RecordTypes.DOCUMENT_BATCH) {
                        if (r.lsn() > e.recoveredLsn()) {
                            followDocuments(r, null);
                        }
                    } else {
                        e.advanceTo(r.lsn());
                    }
                }
                if (!known && r.isRequired()) {
                    throw new NodeDbException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "log record at LSN " + r.lsn()
                            + " has type 0x" + Integer.toHexString(r.type() & 0xFFFF)
                            + ", which this build does not know; upgrade NodeDB to open this data directory");
                }
                replayedRecords++;
            }
        }
    }

    private void applyLoop() {
        while (true) {
            Applying a;
            try {
                a = applyQueue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (a == STOP) {
                return;
            }
            try {
                apply(a.record, a.result, a.batch, a.known);
            } finally {
                applyBacklog.decrementAndGet();
            }
        }
    }

    private void handToApplier(LogRecord record, CompletableFuture<ApplyResult> result, List<Mutation> batch,
            KnownAbsent known) {
        applyBacklog.incrementAndGet();
        applyQueue.add(new Applying(record, result, batch, known));
    }

    /**
     * Applies one durable record to every engine; runs for one record at a time, in LSN order. {@code batch}, when
     * not null, is what the document record's payload decodes to, held by its writer: applying it saves decoding
     * the payload (replay decodes it and reaches the same state).
     */
    private void apply(LogRecord record, CompletableFuture<ApplyResult> pending, List<Mutation> batch,
            KnownAbsent known) {
        if (fatal != null) {
            pending.completeExceptionally(fatalError());
            return;
        }
        try {
            ApplyResult result = null;
            for (Engine e : engines) {
                if (e.handles(record.type())) {
                    if (e == documents && batch != null) {
                        result = documents.apply(record.lsn(), batch, known);
                        appliedFromWriter.incrementAndGet();
                    } else {
                        result = e.apply(record);
                    }
                } else if (e == vectors && record.type() == RecordTypes.DOCUMENT_BATCH
                        && result != null && result.isOk()) {
                    followDocuments(record, batch);
                } else {
                    e.advanceTo(record.lsn());
                }
            }
            if (result == null) {
                result = ApplyResult.ok(record.lsn(), List.of());
            }
            pending.complete(result);
        } catch (Throwable t) {
            // An engine that cannot apply a durable record must not apply later ones out of order.
            LOG.error("applying LSN {} failed; the database stops accepting writes", record.lsn(), t);
            fatal = t;
            pending.completeExceptionally(fatalError());
        }
    }

    /**
     * Tells the vector engine what a document record changed in collections its indexes follow. It reads the
     * documents as they are now, so it must run after the document engine has applied (or, in replay, already
     * had) the record. The engine list puts documents first.
     */
    private void followDocuments(LogRecord record, List<Mutation> batch) {
        if (!vectors.followsAnyCollection()) {
            vectors.advanceTo(record.lsn());
            return;
        }
        List<DocumentChange> changes = new ArrayList<>();
        try (DocumentReadView view = documents.readView()) {
            for (Mutation m : batch != null ? batch : MutationCodec.decode(record.payload())) {
                switch (m) {
                    case Mutation.PutDocument p when vectors.follows(p.collection()) ->
                            changes.add(new DocumentChange.Write(p.collection(), p.id(), current(view, p.collection(),
                                    p.id())));
                    case Mutation.DeleteDocument d when vectors.follows(d.collection()) ->
                            changes.add(new DocumentChange.Write(d.collection(), d.id(), current(view,
                                    d.collection(), d.id())));
                    case Mutation.TruncateCollection t when vectors.follows(t.name()) ->
                            changes.add(new DocumentChange.Truncate(t.name()));
                    case Mutation.DropCollection d when vectors.follows(d.name())
                            && view.catalog().find(d.name()) == null -> changes.add(new DocumentChange.Drop(d.name()));
                    default -> {
                    }
                }
            }
        }
        vectors.applyDocumentChanges(record.lsn(), changes);
    }

    private static Value.Obj current(DocumentReadView view, String collection, Value id) {
        if (view.catalog().find(collection) == null) {
            return null;
        }
        VersionedDocument d = view.get(collection, id);
        return d == null ? null : d.document();
    }

    private void scanIfExists(String collection, BiConsumer<Value, Value.Obj> visitor) {
        if (documents.catalog().find(collection) != null) {
            scan(collection, visitor);
        }
    }

    private NodeDbException fatalError() {
        return new NodeDbException(SqlState.IO_ERROR, "the database stopped accepting writes after an internal "
                + "failure: " + fatal.getMessage(), fatal);
    }

    /** Appends a batch of document and catalog mutations; the future completes once it is durable and applied. */
    public CompletableFuture<ApplyResult> submitAsync(List<Mutation> batch) {
        return submitAsync(RecordTypes.DOCUMENT_BATCH, MutationCodec.encode(batch));
    }

    /** Appends any engine's record; the future completes once it is durable and applied. */
    public CompletableFuture<ApplyResult> submitAsync(short recordType, byte[] payload) {
        return submit(recordType, payload, false, true);
    }

    private CompletableFuture<ApplyResult> submit(short recordType, byte[] payload, boolean callerWaits,
            boolean force) {
        return submit(recordType, payload, callerWaits, force, null, null);
    }

    private CompletableFuture<ApplyResult> submit(short recordType, byte[] payload, boolean callerWaits,
            boolean force, List<Mutation> batch, KnownAbsent known) {
        if (closed) {
            return CompletableFuture.failedFuture(new NodeDbException(SqlState.ADMIN_SHUTDOWN, "the database is closed"));
        }
        if (fatal != null) {
            return CompletableFuture.failedFuture(fatalError());
        }
        CompletableFuture<ApplyResult> result = new CompletableFuture<>();
        CompletableFuture<Long> logged = callerWaits
                ? log.appendWaiting(recordType, payload, new WaitingWrite(result, Thread.currentThread(), batch, known),
                        force)
                : log.append(recordType, payload, result);
        logged.whenComplete((lsn, err) -> {
            if (err != null) {
                result.completeExceptionally(err);
            }
        });
        return result;
    }

    /**
     * Whether a write submitted now would most likely commit on the caller's own thread, with no hand-off to the
     * log writer or the applier: nothing else is being written or waiting to be applied. A hint for front ends
     * choosing where to run a short write; it may be stale at once.
     */
    public boolean commitsIdle() {
        return ready && log.idle() && applyBacklog.get() == 0;
    }

    /**
     * Writes a batch and waits until it is durable and applied.
     *
     * @throws NodeDbException the batch's error (nothing of it was applied), or why it could not be logged
     */
    public ApplyResult submit(List<Mutation> batch) {
        return submit(batch, true);
    }

    /**
     * Like {@link #submit(List)}; with {@code waitForFsync} false the batch is acknowledged once it is written to
     * the log file and applied, before the log forces it to the device (PostgreSQL's {@code synchronous_commit =
     * off}): a crash of the process loses nothing acknowledged, a crash of the machine may lose the last
     * acknowledged batches (those of the last fsync interval at most), never part of one.
     */
    public ApplyResult submit(List<Mutation> batch, boolean waitForFsync) {
        return submit(batch, waitForFsync, null);
    }

    /**
     * Like {@link #submit(List, boolean)}, with what the caller already knows about the store (may be null; see
     * {@link KnownAbsent}). Row writes and checks are applied from {@code batch} itself rather than from the decoded
     * payload when the payload decodes to exactly them; DDL always goes through the payload, so the catalog never
     * holds an object its caller also holds.
     */
    public ApplyResult submit(List<Mutation> batch, boolean waitForFsync, KnownAbsent known) {
        MutationCodec.Encoded encoded = MutationCodec.encodeChecked(batch);
        List<Mutation> held = encoded.exact() && rowsOnly(batch) ? List.copyOf(batch) : null;
        return await(submit(RecordTypes.DOCUMENT_BATCH, encoded.payload(), true, waitForFsync, held,
                held == null ? null : known));
    }

    /** Whether the batch only writes, deletes and checks documents (no DDL). */
    private static boolean rowsOnly(List<Mutation> batch) {
        for (Mutation m : batch) {
            if (!(m instanceof Mutation.PutDocument || m instanceof Mutation.DeleteDocument
                    || m instanceof Mutation.RequireDocument || m instanceof Mutation.RequireIndexEntry
                    || m instanceof Mutation.RequireCollection)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes key-value operations as one atomic batch, stamped with the current time (the engine decides every
     * expiry against that stamp, so replay decides the same).
     */
    public ApplyResult submitKv(List<KvOp> ops) {
        return submitKv(clockMicros(), ops);
    }

    /**
     * Like {@link #submitKv(List)} with the batch's time given: a caller that turned relative TTLs into absolute
     * expiries passes the time it used, so the engine decides against the same "now".
     */
    public ApplyResult submitKv(long nowMicros, List<KvOp> ops) {
        return submitKv(nowMicros, ops, true);
    }

    /** Like {@link #submitKv(long, List)}; {@code waitForFsync} as in {@link #submit(List, boolean)}. */
    public ApplyResult submitKv(long nowMicros, List<KvOp> ops, boolean waitForFsync) {
        return await(submit(RecordTypes.KV_BATCH, KvOpCodec.encode(new KvBatch(nowMicros, ops)), true,
                waitForFsync));
    }

    /**
     * Like {@link #submitKv(List)} without waiting: the future completes, on the applier's thread, with the result
     * (an error result if the batch was rejected, nothing of it applied) or exceptionally if it could not be logged.
     */
    public CompletableFuture<ApplyResult> submitKvAsync(List<KvOp> ops) {
        return submitAsync(RecordTypes.KV_BATCH, KvOpCodec.encode(new KvBatch(clockMicros(), ops)))
                .whenComplete((r, e) -> (r != null && r.isOk() ? writesAcknowledged : writesRejected)
                        .incrementAndGet());
    }

    /** Writes vector index operations as one atomic batch. */
    public ApplyResult submitVectors(List<VectorOp> ops) {
        return await(submit(RecordTypes.VECTOR_BATCH, VectorOpCodec.encode(ops), true, true));
    }

    private ApplyResult await(CompletableFuture<ApplyResult> pending) {
        try {
            ApplyResult r = pending.join();
            if (r.isOk()) {
                writesAcknowledged.incrementAndGet();
            } else {
                writesRejected.incrementAndGet();
            }
            return r.orThrow();
        } catch (CompletionException e) {
            writesRejected.incrementAndGet();
            if (e.getCause() instanceof NodeDbException n) {
                throw new NodeDbException(n.state(), n.getMessage(), n.position(), n);
            }
            throw new NodeDbException(SqlState.INTERNAL_ERROR, "write failed: " + e.getCause(), e.getCause());
        }
    }

    public Catalog catalog() {
        return documents.catalog();
    }

    /** The document with this id as of now, or null. */
    public Value.Obj get(String collection, Value id) {
        try (DocumentReadView view = documents.readView()) {
            VersionedDocument d = view.get(collection, id);
            return d == null ? null : d.document();
        }
    }

    /** Visits every document of a collection in id order, as of one snapshot. */
    public void scan(String collection, BiConsumer<Value, Value.Obj> visitor) {
        try (DocumentReadView view = documents.readView(); DocumentCursor c = view.scan(collection)) {
            for (VersionedDocument d = c.next(); d != null; d = c.next()) {
                visitor.accept(d.id(), d.document());
            }
        }
    }

    /**
     * A consistent snapshot for reads (documents and indexes) that stays valid until closed. Its {@code lsn()} is
     * the snapshot LSN of a transaction; versions read through it go back in mutations' expected versions.
     */
    public DocumentReadView readView() {
        return documents.readView();
    }

    /**
     * A view that reads whatever is committed at each read, without a snapshot: only for a statement that reads a
     * single document, where that is the same as a snapshot and cheaper.
     */
    public DocumentReadView singleReadView() {
        return documents.singleReadView();
    }

    /** The clock KV batches are stamped with and TTLs counted by (microseconds since the epoch). */
    public long clockMicros() {
        return options.clockMicros().getAsLong();
    }

        /** The key-value engine, for reads (gets, scans, TTLs) by the SQL and RESP layers. */
    public KvEngine kv() {
        return kv;
    }

    /** The vector engine, for searches by the SQL layer. */
    public VectorEngine vectors() {
        return vectors;
    }

    /** Checkpoints every engine now and trims the log. Returns the LSN they all cover. */
    public long checkpoint() {
        return checkpoints.checkpoint();
    }

    /**
     * Waits until the rows and index entries of dropped and truncated collections and indexes are deleted (that
     * runs in the background); false if it takes longer than the timeout.
     */
    public boolean awaitReclaimed(long timeoutMillis) throws InterruptedException {
        return store.awaitReclaimed(timeoutMillis);
    }

    /**
     * Makes the store read-optimized after a bulk load: checkpoints (which flushes RocksDB's memtables), waits until
     * RocksDB's background compactions are done, then compacts the rows and index entries into the last level, so
     * a read searches one level. False if the background compactions take longer than the timeout (the final
     * compaction is then skipped). Takes time in proportion to the data: about a second for a million small rows.
     */
    public boolean settle(long timeoutMillis) throws InterruptedException {
        checkpoint();
        if (!store.awaitCompactions(timeoutMillis)) {
            return false;
        }
        store.compactToLastLevel();
        return true;
    }

    /** The command log, for readers of the change feed (CDC, live queries, sync). */
    public CommandLog log() {
        return log;
    }

    public DatabaseOptions options() {
        return options;
    }

    /** True once recovery has finished and until close begins. */
    public boolean isReady() {
        return ready && !closed && fatal == null;
    }

    /** Appends Prometheus text for the log, checkpoints and engines. */
    public void writeMetrics(PrometheusWriter out) {
        out.gauge("nodedb_ready", "1 when the database accepts reads and writes", isReady() ? 1 : 0);
        out.counter("nodedb_writes_acknowledged_total", "Write batches durable, applied and acknowledged",
                writesAcknowledged.get());
        out.counter("nodedb_writes_rejected_total", "Write batches rejected", writesRejected.get());
        out.gauge("nodedb_apply_queue_length", "Durable records waiting to be applied", applyQueue.size());
        out.counter("nodedb_apply_from_writer_total", "Document records applied from the mutations their writer "
                + "held, without decoding the payload", appliedFromWriter.get());
        log.writeMetrics(out);
        checkpoints.writeMetrics(out);
        for (Engine e : engines) {
            e.writeMetrics(out);
        }
    }

    /** Drains in-flight writes, checkpoints every engine, and releases the data directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        ready = false;
        checkpoints.close();
        log.close(); // every appended record is now durable and queued for the applier
        applyQueue.add(STOP);
        joinApplier();
        if (fatal == null) {
            try {
                checkpoints.checkpoint();
            } catch (RuntimeException e) {
                LOG.error("final checkpoint failed; the log will be replayed on next open", e);
            }
        }
        engines.forEach(Engine::close);
        store.close();
        if (dataDir != null) {
            dataDir.close();
        }
    }

    private void closeAfterFailedOpen() {
        closed = true;
        if (log != null) {
            log.close();
        }
        applyQueue.add(STOP);
        if (applier.isAlive()) {
            joinApplier();
        }
        if (checkpoints != null) {
            checkpoints.close();
        }
        engines.forEach(Engine::close);
        store.close();
        if (dataDir != null) {
            dataDir.close();
        }
    }

    private void joinApplier() {
        try {
            applier.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
