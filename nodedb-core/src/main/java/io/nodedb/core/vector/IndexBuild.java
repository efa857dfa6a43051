package io.nodedb.core.vector;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A vector index being built from the rows its collection held when it was created, on a thread of its own, while
 * the applier goes on applying writes.
 *
 * <p>Until the build publishes the index, its builder thread is the index's only writer. The applier does not
 * touch the index: it records what each later write does to a row in {@link #pending} (the row's new vector, or
 * null for "not in the index"), under the engine's lock. Once the collection is read, the builder drains
 * {@code pending} into the index, batch after batch outside the lock, and the last batch under it (small, or
 * whatever arrived during the last of {@link #CATCH_UP_ROUNDS} rounds); then the index is published and the applier
 * becomes its writer. A row written after the build began therefore ends with
 * the vector of its last write whether the build read it before or after that write, since pending changes are
 * applied after the rows read.
 *
 * <p>Whoever cancels a build (a drop, a truncate, closing the engine) sets {@link #cancelled} under the engine's
 * lock; the builder notices between rows or batches and frees the index itself, since it may still be writing it.
 */
final class IndexBuild {
    private static final Logger LOG = LoggerFactory.getLogger(IndexBuild.class);
    /** Rows linked into the graph at once (on every core, for plain HNSW). */
    static final int BATCH = 10_000;
    /** Pending writes folded in while holding the engine's lock, which stalls the applier meanwhile. */
    static final int CATCH_UP_UNDER_LOCK = 1_000;
    /**
     * Rounds of folding in pending writes outside the lock before the rest is folded in under it whatever its size.
     * Writes that arrive faster than the index takes them would otherwise keep the build from ever finishing; this
     * way the applier stalls at most for what arrived during the last round.
     */
    static final int CATCH_UP_ROUNDS = 4;
    /** Below this many rows a batch is linked in order on one thread, which keeps small indexes reproducible. */
    private static final int CONCURRENT_MIN = 1_000;

    enum State { BUILDING, FAILED }

    final VectorIndex index;
    /** LSN of the record that created the index. */
    final long createLsn;
    /** Changes the applier made while the build ran, by row; guarded by the engine's lock. */
    final Map<Value, float[]> pending = new LinkedHashMap<>();
    final CompletableFuture<Void> done = new CompletableFuture<>();
    final AtomicLong rowsRead = new AtomicLong();
    final AtomicLong rowsIndexed = new AtomicLong();
    volatile boolean cancelled;
    volatile State state = State.BUILDING;
    volatile String failure;
    Thread thread;

    IndexBuild(VectorIndex index, long createLsn) {
        this.index = index;
        this.createLsn = createLsn;
    }

    /** For SHOW VECTOR INDEXES: "building: N rows read", or why the build failed. */
    String describe() {
        return state == State.FAILED ? "failed: " + failure
                : String.format(Locale.ROOT, "building: %,d rows read", rowsRead.get());
    }

    /**
     * The builder thread's work: reads the collection, folds in pending writes and, under {@code lock}, hands the
     * index to {@code publish} (which makes it searchable) before completing {@link #done}.
     */
    void run(DocumentSource documents, ReentrantLock lock, Consumer<IndexBuild> publish) {
        IndexDefinition def = index.definition();
        long start = System.nanoTime();
        try {
            readCollection(documents, def);
            catchUp(lock, publish);
            LOG.info("vector index '{}' built from {} of {} row(s) of '{}' in {} ms", def.name(), rowsIndexed.get(),
                    rowsRead.get(), def.collection(), (System.nanoTime() - start) / 1_000_000);
        } catch (Cancelled e) {
            LOG.info("vector index '{}': build stopped after {} row(s)", def.name(), rowsRead.get());
        } catch (RuntimeException | Error e) {
            fail(lock, e);
        } finally {
            // A failed build's index stays registered until dropped, and whoever drops it frees it.
            if (cancelled && state != State.FAILED) {
                index.close();
            }
        }
    }

    private void readCollection(DocumentSource documents, IndexDefinition def) {
        List<Value> ids = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        documents.forEach(def.collection(), (id, doc) -> {
            if (cancelled) {
                throw new Cancelled();
            }
            float[] v = VectorValues.indexable(doc, def.field(), def.dim());
            if (v != null) {
                ids.add(id);
                vectors.add(v);
                if (ids.size() == BATCH) {
                    insertBatch(ids, vectors, threads);
                }
            }
            if (rowsRead.incrementAndGet() % 100_000 == 0) {
                LOG.info("vector index '{}': {} row(s) of '{}' read so far", def.name(), rowsRead.get(),
                        def.collection());
            }
        });
        insertBatch(ids, vectors, threads);
    }

    private void insertBatch(List<Value> ids, List<float[]> vectors, int threads) {
        if (cancelled) {
            throw new Cancelled();
        }
        index.insertAll(ids, vectors, ids.size() < CONCURRENT_MIN ? 1 : threads);
        rowsIndexed.addAndGet(ids.size());
        ids.clear();
        vectors.clear();
    }

    private void catchUp(ReentrantLock lock, Consumer<IndexBuild> publish) {
        for (int round = 1; ; round++) {
            Map<Value, float[]> batch;
            lock.lock();
            try {
                if (cancelled) {
                    throw new Cancelled();
                }
                if (pending.size() <= CATCH_UP_UNDER_LOCK || round > CATCH_UP_ROUNDS) {
                    applyPending(pending);
                    pending.clear();
                    publish.accept(this);
                    done.complete(null);
                    return;
                }
                batch = new LinkedHashMap<>(pending);
                pending.clear();
            } finally {
                lock.unlock();
            }
            applyPending(batch);
        }
    }

    private void applyPending(Map<Value, float[]> changes) {
        for (Map.Entry<Value, float[]> e : changes.entrySet()) {
            if (e.getValue() == null) {
                index.delete(e.getKey());
            } else if (!VectorValues.sameVector(e.getValue(), index.vector(e.getKey()))) {
                index.upsert(e.getKey(), e.getValue());
            }
        }
    }

    /**
     * A build that failed leaves its index registered, unsearchable and out of checkpoints (so the log keeps its
     * creation and a restart tries again); DROP VECTOR INDEX removes it.
     */
    private void fail(ReentrantLock lock, Throwable e) {
        String name = index.definition().name();
        LOG.error("vector index '{}': build failed after {} row(s)", name, rowsRead.get(), e);
        lock.lock();
        try {
            failure = String.valueOf(e.getMessage());
            state = State.FAILED;
            done.completeExceptionally(new NodeDbException(SqlState.INTERNAL_ERROR, "building vector index '" + name
                    + "' failed: " + e.getMessage(), e));
        } finally {
            lock.unlock();
        }
    }

    /** Thrown inside the collection scan to stop it when the build is cancelled. */
    static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("vector index build cancelled", null, false, false);
        }
    }
}
