package io.nodedb.core.kv;

import io.nodedb.core.engine.ApplyResult;
import io.nodedb.core.engine.Engine;
import io.nodedb.core.engine.RecordTypes;
import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.metrics.PrometheusWriter;
import io.nodedb.core.storage.DurableFiles;
import io.nodedb.core.value.Value;
import io.nodedb.core.wal.LogRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The key-value engine: in-memory collections (see {@link KvStore}) kept durable by the command log and by
 * checkpoints to one snapshot file per collection.
 *
 * <p><b>Threads.</b> {@link #apply} runs on the database's applier thread; {@link #reap()} on the engine's reaper
 * thread (or the caller's); {@link #checkpoint()} on the checkpoint thread; reads on session threads. The first
 * three serialise on one mutation lock. Reads take only the read lock of the collection they touch, which the
 * applier holds for writing for the length of one batch; see {@link KvCollection}.
 *
 * <p><b>Checkpoints</b> copy, under the mutation lock, the slot arrays of every collection changed since its last
 * file (keys and inline values are shared, never modified in place) and pin its slab so no slot is reused; apply
 * then continues while the copies are written out. The pause is an array copy, not a serialisation. All files of a
 * checkpoint are exact for one LSN, and the {@link KvManifest} naming them is renamed into place last, so recovery
 * starts from one consistent cut: a batch that spans collections is either in every file or in none, which
 * per-collection LSNs could not guarantee for a batch that was rejected as a whole.
 *
 * <p><b>Expiry.</b> Expiry times are absolute, so a restart never extends a TTL. Whether a key is live is a pure
 * function of its stored expiry and "now": for apply, the record's own time (kept monotonic as the engine's
 * log time); for a reader, its clock. The reaper deletes only keys expired as of both its clock and the log time,
 * so it never removes a key a later record could still see as live, and on replay (where the clock is far ahead
 * of the records) it waits for the log time to catch up. A reaped key is exactly as absent as an expired one, so
 * reaping never changes a result.
 */
public final class KvEngine implements Engine {
    private static final Logger LOG = LoggerFactory.getLogger(KvEngine.class);
    private static final String SNAPSHOT_SUFFIX = ".kvs";

    private final Path dir;
    private final KvOptions options;
    private final Map<String, KvCollection> collections = new ConcurrentHashMap<>();
    private final ReentrantLock mutation = new ReentrantLock();
    private final Object checkpointMonitor = new Object();
    private final SplittableRandom seeds;
    private final long recoveredLsn;
    private final ScheduledExecutorService reaper;
    private final AtomicBoolean reaperStarted = new AtomicBoolean();
    private final AtomicLong recordsApplied = new AtomicLong();
    private final AtomicLong recordsRejected = new AtomicLong();
    private final AtomicLong budgetRejections = new AtomicLong();
    private final AtomicLong keysReaped = new AtomicLong();
    private volatile long appliedLsn;
    private long logTime;
    private KvManifest.Contents manifest = KvManifest.Contents.EMPTY;
    private int reapCursor;
    private volatile boolean closed;

    /**
     * Opens the engine, loading the last checkpoint from {@code snapshotDir} (created if missing).
     *
     * @param snapshotDir {@code <data>/kv}, or null for an in-memory database (checkpoints do nothing)
     * @throws NodeDbException DATA_CORRUPTED if a snapshot file is damaged, IO_ERROR if the directory is unusable
     */
    public KvEngine(Path snapshotDir, KvOptions options) {
        this.dir = snapshotDir;
        this.options = options;
        this.seeds = new SplittableRandom(options.hashSeed() != 0 ? options.hashSeed() : new SecureRandom().nextLong());
        this.logTime = Long.MIN_VALUE;
        if (snapshotDir != null) {
            load();
        }
        this.recoveredLsn = manifest.lsn();
        this.appliedLsn = recoveredLsn;
        reaper = options.reaperInterval().isZero() ? null : Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("nodedb-kv-reaper").daemon().factory());
        startReaperOnceCollectionsExist();
    }

    /**
     * Starts the reaper's ticks (and with the first one its thread) once there is a collection to reap. A server
     * without key-value collections then has no thread waking every interval: on a virtual machine each such
     * wake-up cost milliseconds of CPU, spent touching memory that had gone cold while it slept.
     */
    private void startReaperOnceCollectionsExist() {
        if (reaper == null || collections.isEmpty() || reaperStarted.get() || !reaperStarted.compareAndSet(false, true)) {
            return;
        }
        long ms = Math.max(1, options.reaperInterval().toMillis());
        try {
            reaper.scheduleWithFixedDelay(this::reapQuietly, ms, ms, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            // close() shut the reaper down while this batch was applied: nothing more to reap
        }
    }

    private long nextSeed() {
        long s = seeds.nextLong();
        return options.hashSeed() != 0 ? options.hashSeed() : s;
    }

    // ---- recovery and checkpoints ----

    private void load() {
        try {
            Files.createDirectories(dir);
            manifest = KvManifest.read(dir);
            List<KvCollection> loaded = new ArrayList<>();
            try {
                for (KvManifest.Entry e : manifest.entries()) {
                    long wheelStart = manifest.logTime();
                    KvSnapshotFile.Loaded l = KvSnapshotFile.read(dir.resolve(e.file()),
                            n -> new KvStore(Math.max(options.initialCapacity(), n), nextSeed(), wheelStart));
                    if (!l.name().equals(e.collection()) || l.lsn() != e.lsn()) {
                        l.store().close();
                        throw new NodeDbException(SqlState.DATA_CORRUPTED, "key-value snapshot " + e.file() + " holds \""
                                + l.name() + "\" at LSN " + l.lsn() + " but the manifest expects \"" + e.collection()
                                + "\" at LSN " + e.lsn());
                    }
                    KvCollection c = new KvCollection(l.name(), l.defaultTtlMicros(), l.memoryBudgetBytes(), l.store(),
                            l.lsn());
                    loaded.add(c);
                    collections.put(c.name, c);
                }
            } catch (IOException | RuntimeException ex) {
                loaded.forEach(c -> c.store().close());
                collections.clear();
                throw ex;
            }
            logTime = manifest.logTime();
            removeUnreferencedFiles();
            LOG.info("key-value engine loaded {} collection(s) from the checkpoint at LSN {}", loaded.size(),
                    manifest.lsn());
        } catch (IOException e) {
            throw new NodeDbException(SqlState.IO_ERROR, "cannot load key-value snapshots from " + dir + ": " + e, e);
        }
    }

    /** Deletes snapshot files the manifest does not name: leftovers of a checkpoint cut short, or superseded. */
    private void removeUnreferencedFiles() throws IOException {
        List<Path> stale = new ArrayList<>();
        try (var files = Files.list(dir)) {
            files.forEach(p -> {
                String n = p.getFileName().toString();
                boolean ours = n.endsWith(SNAPSHOT_SUFFIX) || n.endsWith(".tmp");
                boolean named = manifest.entries().stream().anyMatch(e -> e.file().equals(n));
                if (ours && !named) {
                    stale.add(p);
                }
            });
        }
        for (Path p : stale) {
            Files.deleteIfExists(p);
        }
        if (!stale.isEmpty()) {
            DurableFiles.syncDirectory(dir);
        }
    }

    @Override
    public long recoveredLsn() {
        return recoveredLsn;
    }

    /**
     * Writes every collection changed since the last checkpoint to a new file, then a manifest naming all of them,
     * then deletes files no longer named. Returns the LSN the checkpoint covers.
     */
    @Override
    public long checkpoint() {
        if (dir == null) {
            return appliedLsn;
        }
        synchronized (checkpointMonitor) {
            List<KvSnapshotFile.Frozen> toWrite = new ArrayList<>();
            List<KvManifest.Entry> kept = new ArrayList<>();
            long lsn;
            long time;
            mutation.lock();
            try {
                checkOpen();
                lsn = appliedLsn;
                time = logTime;
                for (KvCollection c : collections.values()) {
                    KvManifest.Entry previous = manifest.entry(c.name);
                    if (previous != null && previous.lsn() >= c.lastWriteLsn) {
                        kept.add(previous);
                    } else {
                        KvStore s = c.store();
                        toWrite.add(new KvSnapshotFile.Frozen(c.name, c.defaultTtlMicros, c.memoryBudgetBytes,
                                List.copyOf(s.indexes()), s, s.freeze()));
                    }
                }
            } finally {
                mutation.unlock();
            }
            try {
                List<KvManifest.Entry> entries = new ArrayList<>(kept);
                int n = 0;
                for (KvSnapshotFile.Frozen f : toWrite) {
                    String file = "c-" + lsn + "-" + n++ + SNAPSHOT_SUFFIX;
                    KvSnapshotFile.write(dir.resolve(file), f, lsn, time);
                    entries.add(new KvManifest.Entry(f.name(), file, lsn));
                }
                entries.sort(Comparator.comparing(KvManifest.Entry::collection));
                KvManifest.Contents next = new KvManifest.Contents(lsn, time, entries);
                KvManifest.write(dir, next);
                mutation.lock();
                try {
                    manifest = next;
                } finally {
                    mutation.unlock();
                }
                removeUnreferencedFiles();
                return lsn;
            } catch (IOException e) {
                throw new NodeDbException(SqlState.IO_ERROR, "key-value checkpoint to " + dir + " failed: " + e, e);
            } finally {
                mutation.lock();
                try {
                    toWrite.forEach(f -> f.store().thaw());
                } finally {
                    mutation.unlock();
                }
            }
        }
    }

    // ---- applying records ----

    @Override
    public String name() {
        return "kv";
    }

    @Override
    public boolean handles(short recordType) {
        return recordType == RecordTypes.KV_BATCH;
    }

    @Override
    public ApplyResult apply(LogRecord record) {
        return applyBatch(record);
    }

    /**
     * Applies a record and returns, besides the affected counts, what each operation returned (the new value of
     * an INCR, the old value of a GETSET, whether a CAS swapped). A record at or below the LSN already applied
     * (or loaded from the checkpoint) is skipped, so replay may safely start early.
     *
     * @throws NodeDbException DATA_CORRUPTED if the payload cannot be decoded: that is not the batch's fault but
     *                         the log's, and must stop the applier
     */
    public ApplyResult applyBatch(LogRecord record) {
        KvBatch batch = KvOpCodec.decode(record.payload());
        mutation.lock();
        try {
            checkOpen();
            if (record.lsn() <= appliedLsn) {
                return ApplyResult.ok(record.lsn(), List.of(), List.of());
            }
            long now = Math.max(logTime, batch.nowMicros());
            ApplyResult r = new KvBatchApplier(collections, options, this::nextSeed, record.lsn(), now)
                    .apply(batch.ops());
            logTime = now;
            appliedLsn = record.lsn();
            startReaperOnceCollectionsExist();
            if (r.isOk()) {
                recordsApplied.incrementAndGet();
            } else {
                recordsRejected.incrementAndGet();
                if (r.error().state() == SqlState.OUT_OF_MEMORY) {
                    budgetRejections.incrementAndGet();
                }
            }
            return r;
        } finally {
            mutation.unlock();
        }
    }

    /**
     * Tells the engine that every record up to {@code lsn} has been applied, including records of other engines,
     * so its checkpoint can cover them and the log can be trimmed while no key-value writes arrive. Call from the
     * applier thread, in LSN order.
     */
    public void advanceTo(long lsn) {
        mutation.lock();
        try {
            if (lsn > appliedLsn) {
                appliedLsn = lsn;
            }
        } finally {
            mutation.unlock();
        }
    }

    /** LSN of the last record applied (or covered by {@link #advanceTo}). */
    public long appliedLsn() {
        return appliedLsn;
    }

    // ---- expiry ----

    private void reapQuietly() {
        try {
            reap();
        } catch (RuntimeException e) {
            LOG.error("key-value reaper tick failed", e);
        }
    }

    /**
     * One reaper tick: deletes keys the expiry wheels say are due, at most {@link KvOptions#reapBudget()} wheel
     * entries over all collections, taking collections in turn so none starves. Returns the keys deleted.
     */
    public int reap() {
        mutation.lock();
        try {
            if (closed) {
                return 0;
            }
            long limit = Math.min(options.clockMicros().getAsLong(), logTime);
            List<KvCollection> list = new ArrayList<>(collections.values());
            if (list.isEmpty() || limit == Long.MIN_VALUE) {
                return 0;
            }
            int budget = options.reapBudget();
            long[] reaped = new long[1];
            for (int i = 0; i < list.size() && budget > 0; i++) {
                KvCollection c = list.get((reapCursor + i) % list.size());
                long stamp = c.lock.writeLock();
                try {
                    budget -= c.store().reap(limit, budget, reaped);
                } finally {
                    c.lock.unlockWrite(stamp);
                }
            }
            reapCursor = (reapCursor + 1) % list.size();
            keysReaped.addAndGet(reaped[0]);
            return (int) reaped[0];
        } finally {
            mutation.unlock();
        }
    }

    // ---- reads ----

    /** A reader's view of one collection's store, run under its read lock. */
    private interface Read<T> {
        T run(KvStore store, long now);
    }

    private <T> T read(String collection, Read<T> body) {
        long now = options.clockMicros().getAsLong();
        while (true) {
            KvCollection c = collections.get(collection);
            if (c == null) {
                throw missing(collection);
            }
            long stamp = c.lock.readLock();
            try {
                if (!c.dropped) {
                    return body.run(c.store(), now);
                }
            } finally {
                c.lock.unlockRead(stamp);
            }
            // dropped by the batch that just released the lock; look the name up again (it may be re-created)
        }
    }

    private static NodeDbException missing(String collection) {
        return new NodeDbException(SqlState.UNDEFINED_TABLE, "kv collection \"" + collection + "\" does not exist");
    }

    /** The live value of {@code key} as of the reader's clock, or null. */
    public KvValue get(String collection, byte[] key) {
        return read(collection, (s, now) -> {
            int pos = s.findLive(key, s.hash(key), now);
            return pos < 0 ? null : KvValue.of(s.valueAt(pos), s.expireAt(pos), now);
        });
    }

    public boolean exists(String collection) {
        KvCollection c = collections.get(collection);
        return c != null && !c.dropped;
    }

    /**
     * One page of a scan: start with cursor 0 and pass each page's {@link KvScanPage#nextCursor()} until it is 0.
     *
     * @param match a Redis glob over keys, or null for all
     * @param count how many keys to examine (not return) in this page, at least 1
     */
    public KvScanPage scan(String collection, long cursor, String match, int count) {
        if (count < 1) {
            throw new NodeDbException(SqlState.INVALID_PARAMETER_VALUE, "SCAN COUNT must be at least 1, got " + count);
        }
        KvGlob glob = match == null || match.equals("*") ? null : new KvGlob(match);
        return read(collection, (s, now) -> {
            KvHashTable table = s.table();
            KvHashTable.ScanHits hits = table.scan(cursor, count);
            List<KvEntry> out = new ArrayList<>(hits.count);
            for (int i = 0; i < hits.count; i++) {
                int pos = hits.positions[i];
                long expire = table.expireAt(pos);
                byte[] key = table.keyAt(pos);
                if (KvStore.live(expire, now) && (glob == null || glob.matches(key))) {
                    out.add(new KvEntry(key.clone(), s.valueAt(pos), expire));
                }
            }
            long last = hits.count == 0 ? -1 : hits.hashes[hits.count - 1];
            long next = hits.exhausted || last == -1 ? 0 : last + 1;
            return new KvScanPage(next, out);
        });
    }

    /** Keys stored, counting expired keys the reaper has not removed yet (as Redis's DBSIZE does). */
    public long size(String collection) {
        return read(collection, (s, now) -> (long) s.size());
    }

    /** Live entries whose value has {@code fieldValue} at the index's path. */
    public List<KvEntry> lookup(String collection, String index, Value fieldValue) {
        return read(collection, (s, now) -> {
            KvIndex i = s.index(index);
            if (i == null) {
                throw new NodeDbException(SqlState.UNDEFINED_OBJECT, "kv collection \"" + collection
                        + "\" has no index \"" + index + "\"");
            }
            List<KvEntry> out = new ArrayList<>();
            for (byte[] key : i.lookup(fieldValue)) {
                int pos = s.findLive(key, s.hash(key), now);
                if (pos >= 0) {
                    out.add(new KvEntry(key.clone(), s.valueAt(pos), s.expireAt(pos)));
                }
            }
            return out;
        });
    }

    /** Per collection, by name: settings, sizes and slab occupancy, for {@code SHOW STORAGE}. */
    public List<KvCollectionStats> stats() {
        List<String> names = new ArrayList<>(collections.keySet());
        names.sort(null);
        List<KvCollectionStats> out = new ArrayList<>(names.size());
        for (String name : names) {
            KvCollection c = collections.get(name);
            if (c == null) {
                continue;
            }
            long stamp = c.lock.readLock();
            try {
                if (c.dropped) {
                    continue;
                }
                KvStore s = c.store();
                List<String> indexes = s.indexes().stream().map(KvIndex::name).toList();
                out.add(new KvCollectionStats(c.name, c.defaultTtlMicros, c.memoryBudgetBytes, s.size(),
                        s.usedBytes(), s.table().capacity(), s.table().arrayBytes(), s.wheelSize(), indexes,
                        s.slab().stats()));
            } finally {
                c.lock.unlockRead(stamp);
            }
        }
        return out;
    }

    @Override
    public void writeMetrics(PrometheusWriter out) {
        List<KvCollectionStats> stats = stats();
        out.gauge("nodedb_kv_collections", "Key-value collections", stats.size());
        out.counter("nodedb_kv_records_applied_total", "Key-value batches applied", recordsApplied.get());
        out.counter("nodedb_kv_records_rejected_total", "Key-value batches rejected as a whole", recordsRejected.get());
        out.counter("nodedb_kv_budget_rejections_total", "Key-value batches rejected for a memory budget (53200)",
                budgetRejections.get());
        out.counter("nodedb_kv_keys_reaped_total", "Expired keys deleted by the reaper", keysReaped.get());
        out.gauge("nodedb_kv_checkpoint_lsn", "LSN covered by the last key-value checkpoint", manifestLsn());
        out.header("nodedb_kv_keys", "gauge", "Keys stored per collection, expired keys not yet reaped included");
        stats.forEach(s -> out.sample("nodedb_kv_keys", "collection", s.name(), s.keys()));
        out.header("nodedb_kv_used_bytes", "gauge", "Bytes charged against each collection's memory budget");
        stats.forEach(s -> out.sample("nodedb_kv_used_bytes", "collection", s.name(), s.usedBytes()));
        Map<String, SlabClassStats> byClass = new LinkedHashMap<>();
        for (KvCollectionStats s : stats) {
            for (SlabClassStats c : s.slab()) {
                byClass.merge(c.sizeClass(), c, SlabClassStats::plus);
            }
        }
        slabMetric(out, byClass, "nodedb_kv_slab_slots", "Slab slots reserved per size class", SlabClassStats::slots);
        slabMetric(out, byClass, "nodedb_kv_slab_occupied_slots", "Slab slots holding a value per size class",
                SlabClassStats::occupied);
        slabMetric(out, byClass, "nodedb_kv_slab_bytes", "Native bytes reserved per slab size class",
                SlabClassStats::capacityBytes);
        slabMetric(out, byClass, "nodedb_kv_slab_fragmentation_ratio",
                "Reserved bytes per occupied byte per slab size class (1 = no free slots)",
                SlabClassStats::fragmentationRatio);
    }

    private interface Figure {
        double of(SlabClassStats s);
    }

    private static void slabMetric(PrometheusWriter out, Map<String, SlabClassStats> byClass, String name,
                                   String help, Figure figure) {
        out.header(name, "gauge", help);
        byClass.forEach((cls, s) -> out.sample(name, "class", cls, figure.of(s)));
    }

    private long manifestLsn() {
        mutation.lock();
        try {
            return manifest.lsn();
        } finally {
            mutation.unlock();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the key-value engine is closed");
        }
    }

    /** Stops the reaper and returns every collection's native memory. Takes no checkpoint. */
    @Override
    public void close() {
        if (reaper != null) {
            reaper.shutdown();
            try {
                if (!reaper.awaitTermination(10, TimeUnit.SECONDS)) {
                    LOG.warn("key-value reaper still running 10 s after close");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (checkpointMonitor) {
            mutation.lock();
            try {
                if (closed) {
                    return;
                }
                closed = true;
                List<KvCollection> all = new ArrayList<>(collections.values());
                collections.clear(); // first, so readers that find a collection dropped do not look it up again
                for (KvCollection c : all) {
                    long stamp = c.lock.writeLock();
                    try {
                        c.dropped = true;
                        c.store().close();
                    } finally {
                        c.lock.unlockWrite(stamp);
                    }
                }
            } finally {
                mutation.unlock();
            }
        }
    }
}
