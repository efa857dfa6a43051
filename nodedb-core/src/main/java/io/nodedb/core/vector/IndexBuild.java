package io.nodedb.core.vector;

import io.nodedb.core.value.Value;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A vector index being built from the rows its collection held when it was created, on a thread of its own, while
 * the applier goes on applying writes.
 *
 * <p>Until the build publishes the index, its builder thread is the index's only writer. The applier does not
 * touch the index: it records what each later write does to a row in {@link #pending} (the row's new vector, or
 * null for "not in the index"), under the engine's lock. Once the collection is read, the builder drains
 * {@code pending} into the index, batch after batch outside the lock, and the last (small) batch under it; then the
 * index is published and the applier becomes its writer. A row written after the build began therefore ends with
 * the vector of its last write whether the build read it before or after that write, since pending changes are
 * applied after the rows read.
 */
final class IndexBuild {
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
                : String.format(java.util.Locale.ROOT, "building: %,d rows read", rowsRead.get());
    }

    /** Thrown inside the collection scan to stop it when the build is cancelled. */
    static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("vector index build cancelled", null, false, false);
        }
    }
}
