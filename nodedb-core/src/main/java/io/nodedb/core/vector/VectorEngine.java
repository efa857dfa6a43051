package io.nodedb.core.vector;

import io.nodedb.core.engine.ApplyResult;
import io.nodedb.core.engine.Engine;
import io.nodedb.core.engine.RecordTypes;
import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.metrics.PrometheusWriter;
import io.nodedb.core.value.Value;
import io.nodedb.core.wal.LogRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The vector indexes, as one state machine over {@link RecordTypes#VECTOR_BATCH} records. A record's operations are
 * validated together first (against the state plus the record's own earlier operations), so a record with any bad
 * operation, such as a vector of the wrong dimension (SQLSTATE 22000), changes nothing.
 *
 * <p>Durability: with a directory, {@link #checkpoint()} writes each index changed since the last checkpoint to its
 * own file ({@link VectorIndexCheckpoint}) and then a {@link VectorManifest} naming the file of every index, all as
 * of one LSN. Opening loads the manifest's files without rebuilding any graph; {@link #recoveredLsn()} is the lowest
 * LSN those files cover (today all of them cover the manifest's LSN). Without a directory everything lives in
 * memory.
 *
 * <p>Threads: {@link #apply} runs on the applier, {@link #checkpoint()} on the checkpoint thread and searches on
 * session threads. Apply and the checkpoint's snapshot share a lock; the files are written outside it, so the
 * applier waits only for the snapshot (a copy of list references, not of vectors). Searches take no lock.
 *
 * <p>An index created on a collection that has rows is built on a thread of its own ({@link IndexBuild}): the
 * applier goes on applying writes, which the build folds in before it publishes the index. Until then a search of
 * it fails with 55000 (the SQL layer computes those queries exactly instead), and checkpoints keep the previous
 * manifest, so the log keeps the record that created the index and a restart builds it again.
 *
 * <p>Deletes leave tombstones; once an index's tombstones pass {@value #COMPACT_MIN_TOMBSTONES} and a fifth of its
 * live rows, the applier compacts it right after the record that crossed the line. Doing it at a point fixed by
 * the log keeps replicas and replays identical.
 */
public final class VectorEngine implements Engine {
    private static final Logger LOG = LoggerFactory.getLogger(VectorEngine.class);
    static final int COMPACT_MIN_TOMBSTONES = 64;

    private final Path dir;
    private final VectorKernels kernels;
    private final ReentrantLock lock = new ReentrantLock();
    private final Object checkpointMonitor = new Object();
    private final ConcurrentHashMap<String, VectorIndex> indexes = new ConcurrentHashMap<>();
    /** Indexes still being built, by name; changed under {@link #lock}, read by searches without it. */
    private final ConcurrentHashMap<String, IndexBuild> builds = new ConcurrentHashMap<>();
    /** LSN of the manifest on disk; guarded by {@link #checkpointMonitor}. */
    private long manifestLsn;
    /** LSN of the last change per index; guarded by {@link #lock}. */
    private final Map<String, Long> lastChange = new HashMap<>();
    /** The file and its LSN holding each index in the current manifest; guarded by {@link #checkpointMonitor}. */
    private final Map<String, String> files = new HashMap<>();
    private final Map<String, Long> fileLsn = new HashMap<>();
    /** Dropped while a checkpoint was writing them; closed when it finishes. Guarded by {@link #lock}. */
    private final List<VectorIndex> closeAfterCheckpoint = new ArrayList<>();
    private boolean checkpointWriting;
    private final long recoveredLsn;
    private volatile long appliedLsn;
    private final AtomicLong appliedRecords = new AtomicLong();
    private final AtomicLong rejectedRecords = new AtomicLong();
    private final AtomicLong upserts = new AtomicLong();
    private final AtomicLong deletes = new AtomicLong();
    private final AtomicLong compactions = new AtomicLong();
    private volatile boolean closed;
    private volatile DocumentSource documents = DocumentSource.NONE;
    /** Bumped by every index creation and drop, so planners know when cached plans may be stale. */
    private volatile long generation;

    /** An engine in memory, with the preferred kernels. */
    public VectorEngine() {
        this(null, VectorKernels.preferred());
    }

    /**
     * Opens the engine on {@code dir} (created if missing; null keeps everything in memory) and loads the last
     * checkpoint found there.
     */
    public VectorEngine(Path dir, VectorKernels kernels) {
        this.dir = dir;
        this.kernels = kernels;
        this.recoveredLsn = dir == null ? 0 : load(dir);
        this.manifestLsn = recoveredLsn;
        this.appliedLsn = recoveredLsn;
    }

    private long load(Path d) {
        try {
            Files.createDirectories(d);
        } catch (IOException e) {
            throw new NodeDbException(SqlState.IO_ERROR, "cannot create vector directory " + d + ": "
                    + e.getMessage(), e);
        }
        VectorManifest manifest = VectorManifest.read(d);
        long lsn = manifest == null ? 0 : manifest.lsn();
        try {
            if (manifest != null) {
                for (VectorManifest.Entry e : manifest.entries()) {
                    VectorIndexCheckpoint.Loaded loaded = VectorIndexCheckpoint.read(d.resolve(e.fileName()), kernels);
                    indexes.put(e.indexName(), loaded.index());
                    if (!loaded.index().definition().name().equals(e.indexName())) {
                        throw new NodeDbException(SqlState.DATA_CORRUPTED, "vector checkpoint " + e.fileName()
                                + " holds index '" + loaded.index().definition().name() + "', not '"
                                + e.indexName() + "'");
                    }
                    files.put(e.indexName(), e.fileName());
                    fileLsn.put(e.indexName(), loaded.lsn());
                    lastChange.put(e.indexName(), loaded.lsn());
                }
            }
            removeUnreferencedFiles(d);
        } catch (RuntimeException e) {
            indexes.values().forEach(VectorIndex::close);
            indexes.clear();
            throw e;
        }
        LOG.info("vector engine loaded {} index(es) from {} at LSN {}", indexes.size(), d, lsn);
        return lsn;
    }

    /** Leftovers of checkpoints that crashed before or after their manifest flip. */
    private void removeUnreferencedFiles(Path d) {
        Set<String> keep = new HashSet<>(files.values());
        keep.add(VectorManifest.FILE_NAME);
        try (DirectoryStream<Path> ls = Files.newDirectoryStream(d)) {
            for (Path p : ls) {
                String name = p.getFileName().toString();
                if (!keep.contains(name) && (name.endsWith(VectorManifest.INDEX_SUFFIX) || name.endsWith(".tmp"))) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new NodeDbException(SqlState.IO_ERROR, "cannot clean vector directory " + d + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public boolean handles(short recordType) {
        return recordType == RecordTypes.VECTOR_BATCH;
    }

    @Override
    public long recoveredLsn() {
        return recoveredLsn;
    }

    /** LSN of the last record applied (or passed with {@link #advanceTo}). */
    public long appliedLsn() {
        return appliedLsn;
    }

    /**
     * Tells the engine that every record up to {@code lsn} has been applied and none of them was its own. Without
     * this the engine's checkpoint can only claim its own last record, which holds back log trimming while no
     * vector writes arrive. Applier thread only.
     */
    public void advanceTo(long lsn) {
        lock.lock();
        try {
            appliedLsn = Math.max(appliedLsn, lsn);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public ApplyResult apply(LogRecord record) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("vector engine is closed");
            }
            long lsn = record.lsn();
            List<VectorOp> ops;
            try {
                ops = VectorOpCodec.decode(record.payload());
                validate(ops);
            } catch (NodeDbException e) {
                rejectedRecords.incrementAndGet();
                appliedLsn = Math.max(appliedLsn, lsn);
                return ApplyResult.failed(lsn, e);
            }
            List<Long> affected = new ArrayList<>(ops.size());
            Set<String> touched = new HashSet<>();
            for (VectorOp op : ops) {
                affected.add(applyOne(op, lsn, touched));
            }
            for (String name : touched) {
                maybeCompact(name, lsn);
            }
            appliedRecords.incrementAndGet();
            appliedLsn = Math.max(appliedLsn, lsn);
            return ApplyResult.ok(lsn, affected);
        } finally {
            lock.unlock();
        }
    }

    /** Checks the whole record against the current state as the record's own operations would change it. */
    private void validate(List<VectorOp> ops) {
        Map<String, Optional<IndexDefinition>> overlay = new HashMap<>();
        for (int i = 0; i < ops.size(); i++) {
            VectorOp op = ops.get(i);
            String where = ops.size() == 1 ? "" : " (operation " + (i + 1) + " of " + ops.size() + ")";
            switch (op) {
                case VectorOp.CreateIndex c -> {
                    String name = c.definition().name();
                    if (lookup(overlay, name) != null) {
                        throw new NodeDbException(SqlState.DUPLICATE_OBJECT, "vector index '" + name
                                + "' already exists" + where);
                    }
                    overlay.put(name, Optional.of(c.definition()));
                }
                case VectorOp.DropIndex d -> {
                    require(overlay, d.name(), where);
                    overlay.put(d.name(), Optional.empty());
                }
                case VectorOp.Upsert u -> {
                    IndexDefinition def = require(overlay, u.index(), where);
                    float[] v = u.raw();
                    if (v.length != def.dim()) {
                        throw new NodeDbException(SqlState.DATA_EXCEPTION, "vector index '" + def.name()
                                + "' expects " + def.dim() + " dimensions, got " + v.length + where);
                    }
                    for (int k = 0; k < v.length; k++) {
                        if (!Float.isFinite(v[k])) {
                            throw new NodeDbException(SqlState.DATA_EXCEPTION, "vector component " + k
                                    + " is not finite: " + v[k] + where);
                        }
                    }
                }
                case VectorOp.Delete d -> require(overlay, d.index(), where);
            }
        }
    }

    private IndexDefinition lookup(Map<String, Optional<IndexDefinition>> overlay, String name) {
        Optional<IndexDefinition> pending = overlay.get(name);
        if (pending != null) {
            return pending.orElse(null);
        }
        VectorIndex existing = indexes.get(name);
        return existing == null ? null : existing.definition();
    }

    private IndexDefinition require(Map<String, Optional<IndexDefinition>> overlay, String name, String where) {
        IndexDefinition def = lookup(overlay, name);
        if (def == null) {
            throw new NodeDbException(SqlState.UNDEFINED_OBJECT, "vector index '" + name + "' does not exist"
                    + where);
        }
        return def;
    }

    private long applyOne(VectorOp op, long lsn, Set<String> touched) {
        switch (op) {
            case VectorOp.CreateIndex c -> {
                IndexDefinition def = c.definition();
                VectorIndex index = new VectorIndex(def, def.hnswParams(), kernels,
                        VectorIndex.DEFAULT_SQ8_TRAINING_SIZE);
                indexes.put(def.name(), index);
                lastChange.put(def.name(), lsn);
                generation++;
                if (!def.collection().isEmpty() && documents.hasRows(def.collection())) {
                    startBuild(index, lsn);
                }
                return 0;
            }
            case VectorOp.DropIndex d -> {
                remove(d.name());
                touched.remove(d.name());
                return 0;
            }
            case VectorOp.Upsert u -> {
                IndexBuild build = builds.get(u.index());
                if (build != null) {
                    build.pending.put(u.id(), u.raw());
                    return 1;
                }
                indexes.get(u.index()).upsert(u.id(), u.raw());
                lastChange.put(u.index(), lsn);
                touched.add(u.index());
                upserts.incrementAndGet();
                return 1;
            }
            case VectorOp.Delete d -> {
                IndexBuild build = builds.get(d.index());
                if (build != null) {
                    boolean existed = build.pending.get(d.id()) != null || build.index.contains(d.id());
                    build.pending.put(d.id(), null);
                    return existed ? 1 : 0;
                }
                boolean existed = indexes.get(d.index()).delete(d.id());
                if (existed) {
                    lastChange.put(d.index(), lsn);
                    touched.add(d.index());
                    deletes.incrementAndGet();
                }
                return existed ? 1 : 0;
            }
        }
    }

    private void remove(String name) {
        VectorIndex removed = indexes.remove(name);
        lastChange.remove(name);
        generation++;
        IndexBuild build = builds.remove(name);
        if (build != null) {
            build.cancelled = true;
            build.done.completeExceptionally(new NodeDbException(SqlState.QUERY_CANCELED, "vector index '" + name
                    + "' was dropped before its build finished"));
            if (build.state == IndexBuild.State.FAILED) {
                removed.close(); // its builder has gone; otherwise the builder frees the index when it stops
            }
            return;
        }
        if (checkpointWriting) {
            closeAfterCheckpoint.add(removed);
        } else {
            removed.close();
        }
    }

    /** Starts building {@code index} from its collection's rows on a thread of its own. Under {@link #lock}. */
    private void startBuild(VectorIndex index, long lsn) {
        IndexBuild build = new IndexBuild(index, lsn);
        builds.put(index.definition().name(), build);
        build.thread = Thread.ofPlatform().daemon().name("nodedb-vector-build-" + index.definition().name())
                .start(() -> build.run(documents, lock, this::published));
    }

    /** The build's last step, under {@link #lock}: the index becomes searchable and the applier its writer. */
    private void published(IndexBuild build) {
        String name = build.index.definition().name();
        builds.remove(name);
        lastChange.put(name, Math.max(build.createLsn, appliedLsn));
        upserts.addAndGet(build.rowsIndexed.get());
    }

    /** Whether the index exists and is built (searchable). */
    public boolean isReady(String name) {
        return indexes.containsKey(name) && !builds.containsKey(name);
    }

    /**
     * Completes once the index is built: at once for a built index, exceptionally when its build fails or it is
     * dropped first.
     */
    public java.util.concurrent.CompletableFuture<Void> built(String name) {
        IndexBuild build = builds.get(name);
        return build == null ? java.util.concurrent.CompletableFuture.completedFuture(null) : build.done;
    }

    /** "ready", "building: N rows read" or "failed: why", for SHOW VECTOR INDEXES. */
    public String state(String name) {
        IndexBuild build = builds.get(name);
        return build == null ? "ready" : build.describe();
    }

    // ---- following document collections ----

    /**
     * Where indexes attached to a collection read its existing documents when they are created. The database
     * sets this once, before recovery.
     */
    public void readDocumentsFrom(DocumentSource source) {
        this.documents = java.util.Objects.requireNonNull(source, "source");
    }

    /** Whether any index is attached to this collection. */
    public boolean follows(String collection) {
        for (VectorIndex i : indexes.values()) {
            if (i.definition().collection().equals(collection)) {
                return true;
            }
        }
        return false;
    }

    /** Whether any index is attached to a collection at all (when none is, document records need no decoding). */
    public boolean followsAnyCollection() {
        for (VectorIndex i : indexes.values()) {
            if (!i.definition().collection().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Definitions of the indexes attached to a collection, by name. */
    public List<IndexDefinition> indexesOn(String collection) {
        List<IndexDefinition> out = new ArrayList<>();
        for (IndexDefinition d : definitions().values()) {
            if (d.collection().equals(collection)) {
                out.add(d);
            }
        }
        return out;
    }

    /** Changes on every index creation and drop. */
    public long generation() {
        return generation;
    }

    /**
     * Brings the indexes attached to the changed collections in line with the documents, for the document record at
     * {@code lsn}, and counts that record as applied. A document whose field holds no vector the index can take
     * (missing, null, other dimension) is not in the index. Applier thread only.
     */
    public void applyDocumentChanges(long lsn, List<DocumentChange> changes) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("vector engine is closed");
            }
            Set<String> touched = new HashSet<>();
            for (DocumentChange change : changes) {
                for (VectorIndex index : List.copyOf(indexes.values())) {
                    IndexBuild build = builds.get(index.definition().name());
                    if (build != null && change instanceof DocumentChange.Write w
                            && index.definition().collection().equals(w.collection())) {
                        build.pending.put(w.id(), VectorValues.indexable(w.current(), index.definition().field(),
                                index.definition().dim()));
                        continue;
                    }
                    IndexDefinition def = index.definition();
                    if (def.collection().equals(change.collection())) {
                        follow(index, change, lsn, touched);
                    }
                }
            }
            for (String name : touched) {
                maybeCompact(name, lsn);
            }
            appliedLsn = Math.max(appliedLsn, lsn);
        } finally {
            lock.unlock();
        }
    }

    private void follow(VectorIndex index, DocumentChange change, long lsn, Set<String> touched) {
        IndexDefinition def = index.definition();
        switch (change) {
            case DocumentChange.Write w -> {
                float[] v = VectorValues.indexable(w.current(), def.field(), def.dim());
                if (v == null) {
                    if (index.delete(w.id())) {
                        deletes.incrementAndGet();
                        touched.add(def.name());
                        lastChange.put(def.name(), lsn);
                    }
                } else if (!VectorValues.sameVector(v, index.vector(w.id()))) {
                    index.upsert(w.id(), v);
                    upserts.incrementAndGet();
                    touched.add(def.name());
                    lastChange.put(def.name(), lsn);
                }
            }
            case DocumentChange.Truncate t -> {
                remove(def.name());
                indexes.put(def.name(), new VectorIndex(def, def.hnswParams(), kernels,
                        VectorIndex.DEFAULT_SQ8_TRAINING_SIZE));
                lastChange.put(def.name(), lsn);
                touched.remove(def.name());
            }
            case DocumentChange.Drop d -> {
                remove(def.name());
                touched.remove(def.name());
            }
        }
    }

    private void maybeCompact(String name, long lsn) {
        VectorIndex index = indexes.get(name);
        if (index == null) {
            return;
        }
        int pending = index.pendingTombstones();
        if (pending >= COMPACT_MIN_TOMBSTONES && pending * 5L >= index.size()) {
            index.compact();
            lastChange.put(name, lsn);
            compactions.incrementAndGet();
        }
    }

    // ---- reads ----

    /** @throws NodeDbException {@link SqlState#UNDEFINED_OBJECT} if there is no such index */
    public VectorIndex index(String name) {
        VectorIndex index = indexes.get(name);
        if (index == null) {
            throw new NodeDbException(SqlState.UNDEFINED_OBJECT, "vector index '" + name + "' does not exist");
        }
        return index;
    }

    public Optional<VectorIndex> findIndex(String name) {
        return Optional.ofNullable(indexes.get(name));
    }

    /** Definitions of every index, by name. */
    public Map<String, IndexDefinition> definitions() {
        Map<String, IndexDefinition> out = new TreeMap<>();
        indexes.forEach((n, i) -> out.put(n, i.definition()));
        return out;
    }

    /**
     * Searches an index.
     *
     * @throws NodeDbException {@link SqlState#UNDEFINED_OBJECT} for an unknown index, {@link SqlState#DATA_EXCEPTION}
     *     for a query of the wrong dimension
     */
    public List<VectorHit> search(String indexName, SearchRequest request) {
        VectorIndex index = index(indexName);
        IndexBuild build = builds.get(indexName);
        if (build != null) {
            throw new NodeDbException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "vector index '" + indexName
                    + "' is not built yet (" + build.describe() + ")");
        }
        if (request.query().length != index.definition().dim()) {
            throw new NodeDbException(SqlState.DATA_EXCEPTION, "vector index '" + indexName + "' expects "
                    + index.definition().dim() + " dimensions, got a query of " + request.query().length);
        }
        return index.search(request);
    }

    /** Memory of every index, by name. */
    public Map<String, StorageStats> storageStats() {
        Map<String, StorageStats> out = new TreeMap<>();
        indexes.forEach((n, i) -> out.put(n, i.storageStats()));
        return out;
    }

    /** Memory summed per index type, for {@code SHOW STORAGE}'s bytes per vector by type. */
    public Map<IndexType, StorageStats> storageStatsByType() {
        Map<IndexType, StorageStats> out = new java.util.EnumMap<>(IndexType.class);
        indexes.values().forEach(i -> out.merge(i.definition().type(), i.storageStats(), StorageStats::plus));
        return out;
    }

    public StorageStats totalStorageStats() {
        StorageStats total = StorageStats.EMPTY;
        for (VectorIndex i : indexes.values()) {
            total = total.plus(i.storageStats());
        }
        return total;
    }

    // ---- checkpoints ----

    @Override
    public long checkpoint() {
        if (dir == null) {
            return appliedLsn;
        }
        synchronized (checkpointMonitor) {
            long lsn;
            List<VectorIndex.Snapshot> toWrite = new ArrayList<>();
            Map<String, String> nextFiles = new TreeMap<>();
            lock.lock();
            try {
                if (closed) {
                    throw new IllegalStateException("vector engine is closed");
                }
                if (!builds.isEmpty()) {
                    // A manifest without the index being built, at an LSN past its creation, would lose it.
                    return manifestLsn;
                }
                lsn = appliedLsn;
                for (Map.Entry<String, VectorIndex> e : indexes.entrySet()) {
                    String name = e.getKey();
                    Long written = fileLsn.get(name);
                    if (written != null && files.containsKey(name) && lastChange.getOrDefault(name, 0L) <= written) {
                        nextFiles.put(name, files.get(name));
                    } else {
                        toWrite.add(e.getValue().snapshot());
                        nextFiles.put(name, VectorManifest.fileName(name, lsn));
                    }
                }
                checkpointWriting = true;
            } finally {
                lock.unlock();
            }
            try {
                for (VectorIndex.Snapshot s : toWrite) {
                    String name = s.index().definition().name();
                    VectorIndexCheckpoint.write(s, lsn, dir.resolve(nextFiles.get(name)));
                }
                List<VectorManifest.Entry> entries = new ArrayList<>();
                nextFiles.forEach((n, f) -> entries.add(new VectorManifest.Entry(n, f)));
                new VectorManifest(lsn, entries).write(dir);
            } finally {
                finishCheckpointWrite();
            }
            for (VectorIndex.Snapshot s : toWrite) {
                fileLsn.put(s.index().definition().name(), lsn);
            }
            fileLsn.keySet().retainAll(nextFiles.keySet());
            files.clear();
            files.putAll(nextFiles);
            manifestLsn = lsn;
            removeUnreferencedFiles(dir);
            return lsn;
        }
    }

    private void finishCheckpointWrite() {
        lock.lock();
        try {
            checkpointWriting = false;
            closeAfterCheckpoint.forEach(VectorIndex::close);
            closeAfterCheckpoint.clear();
        } finally {
            lock.unlock();
        }
    }

    /** Cancels every build and waits for its thread, which frees its index; the store must outlive its scan. */
    private void stopBuilds() {
        List<IndexBuild> stopping;
        lock.lock();
        try {
            stopping = List.copyOf(builds.values());
            for (IndexBuild b : stopping) {
                b.cancelled = true;
                indexes.remove(b.index.definition().name());
                if (b.state == IndexBuild.State.FAILED) {
                    b.index.close();
                }
            }
            builds.clear();
        } finally {
            lock.unlock();
        }
        for (IndexBuild b : stopping) {
            try {
                b.thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            b.done.completeExceptionally(new NodeDbException(SqlState.QUERY_CANCELED, "the database closed before "
                    + "vector index '" + b.index.definition().name() + "' was built"));
        }
    }

    @Override
    public void writeMetrics(PrometheusWriter out) {
        out.gauge("nodedb_vector_indexes", "Vector indexes", indexes.size());
        out.gauge("nodedb_vector_index_builds", "Vector indexes being built", builds.size());
        out.counter("nodedb_vector_records_applied_total", "Vector batches applied", appliedRecords.get());
        out.counter("nodedb_vector_records_rejected_total", "Vector batches rejected as a whole",
                rejectedRecords.get());
        out.counter("nodedb_vector_upserts_total", "Vectors inserted or replaced", upserts.get());
        out.counter("nodedb_vector_deletes_total", "Vectors deleted", deletes.get());
        out.counter("nodedb_vector_compactions_total", "Tombstone compactions run", compactions.get());
        Map<String, StorageStats> stats = storageStats();
        out.header("nodedb_vector_live_vectors", "gauge", "Vectors a search can return, per index");
        stats.forEach((n, s) -> out.sample("nodedb_vector_live_vectors", "index", n, s.liveVectors()));
        out.header("nodedb_vector_deleted_vectors", "gauge", "Tombstoned vector slots, per index");
        stats.forEach((n, s) -> out.sample("nodedb_vector_deleted_vectors", "index", n, s.deletedVectors()));
        out.header("nodedb_vector_memory_bytes", "gauge",
                "Memory of an index: native vectors and codes plus estimated heap for graph and ids");
        stats.forEach((n, s) -> out.sample("nodedb_vector_memory_bytes", "index", n, s.totalBytes()));
        out.header("nodedb_vector_bytes_per_vector", "gauge", "Memory per stored vector slot, per index");
        stats.forEach((n, s) -> out.sample("nodedb_vector_bytes_per_vector", "index", n, s.bytesPerVector()));
    }

    /** Frees every index's memory; waits for a running checkpoint, which still reads it. */
    @Override
    public void close() {
        stopBuilds();
        synchronized (checkpointMonitor) {
            lock.lock();
            try {
                if (closed) {
                    return;
                }
                closed = true;
                indexes.values().forEach(VectorIndex::close);
                indexes.clear();
                closeAfterCheckpoint.forEach(VectorIndex::close);
                closeAfterCheckpoint.clear();
            } finally {
                lock.unlock();
            }
        }
    }
}
