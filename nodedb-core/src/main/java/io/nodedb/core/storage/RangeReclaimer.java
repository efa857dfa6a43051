package io.nodedb.core.storage;

import io.nodedb.core.storage.StateStore.Family;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Deletes, in the background, the keys of ranges nothing reads any more: a dropped or truncated collection's rows
 * and a dropped index's entries. A drop or truncate only retires the range (its collection or index gets a fresh
 * id, which is never reused), so the statement costs the same whatever the size of the data.
 *
 * <p>Why not RocksDB's DeleteRange: it is refused while the row cache is on, since a row cached from an older file
 * would survive the range tombstone (RocksDB issue 4122).
 *
 * <p>A retired range is a key in the META family, written in the same batch as the change that retired it (so a
 * crash keeps the two together): {@code "retired/"}, the family's ordinal (one byte) and the range's first key,
 * with the key that ends the range (exclusive) as its value. The reclaimer deletes the range's keys in batches and
 * then the marker; these writes carry no LSN, and whatever of them a crash loses is redone from the marker, which
 * is deleted last. Readers with an older snapshot still see the deleted keys, as RocksDB keeps them for the
 * snapshot.
 */
final class RangeReclaimer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RangeReclaimer.class.getName());
    private static final byte[] MARKER_PREFIX = "retired/".getBytes(StandardCharsets.US_ASCII);
    private static final int KEYS_PER_BATCH = 4096;

    private final RocksDB db;
    private final Map<Family, ColumnFamilyHandle> handles;
    private final WriteOptions writeOptions;
    private final Thread thread;
    private boolean signalled;
    private volatile boolean closed;
    private volatile long reclaimedKeys;

    RangeReclaimer(RocksDB db, Map<Family, ColumnFamilyHandle> handles, WriteOptions writeOptions) {
        this.db = db;
        this.handles = handles;
        this.writeOptions = writeOptions;
        this.thread = Thread.ofPlatform().name("nodedb-range-reclaimer").daemon().unstarted(this::run);
        this.signalled = true; // markers left by an earlier run are reclaimed at start
        thread.start();
    }

    static void retire(WriteBatch batch, ColumnFamilyHandle meta, Family family, byte[] from, byte[] to)
            throws RocksDBException {
        byte[] marker = Arrays.copyOf(MARKER_PREFIX, MARKER_PREFIX.length + 1 + from.length);
        marker[MARKER_PREFIX.length] = (byte) family.ordinal();
        System.arraycopy(from, 0, marker, MARKER_PREFIX.length + 1, from.length);
        batch.put(meta, marker, to);
    }

    /** Wakes the reclaimer after a write that may have retired a range. */
    synchronized void signal() {
        signalled = true;
        notifyAll();
    }

    /** Keys deleted since the store opened. */
    long reclaimedKeys() {
        return reclaimedKeys;
    }

    /** Waits until no marker is left or the timeout passes; true if none is left. For tests and benchmarks. */
    boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (pendingMarker() != null) {
            if (System.currentTimeMillis() > end) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    private void run() {
        while (true) {
            synchronized (this) {
                while (!signalled && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                signalled = false;
            }
            if (closed) {
                return;
            }
            try {
                for (byte[][] m = pendingMarker(); m != null && !closed; m = pendingMarker()) {
                    reclaim(m[0], m[1]);
                }
            } catch (RocksDBException | RuntimeException e) {
                // The marker stays; the next signal (or the next open) tries again.
                LOG.log(System.Logger.Level.WARNING, "reclaiming a retired key range failed", e);
            }
        }
    }

    /** The first marker's key and value, or null. */
    private byte[][] pendingMarker() {
        try (RocksIterator it = db.newIterator(handles.get(Family.META))) {
            it.seek(MARKER_PREFIX);
            if (it.isValid() && startsWith(it.key(), MARKER_PREFIX)) {
                return new byte[][] {it.key(), it.value()};
            }
            return null;
        }
    }

    private void reclaim(byte[] marker, byte[] to) throws RocksDBException {
        Family family = Family.values()[marker[MARKER_PREFIX.length]];
        byte[] from = Arrays.copyOfRange(marker, MARKER_PREFIX.length + 1, marker.length);
        ColumnFamilyHandle handle = handles.get(family);
        try (Slice upper = new Slice(to);
                ReadOptions ro = new ReadOptions().setTotalOrderSeek(true).setIterateUpperBound(upper);
                RocksIterator it = db.newIterator(handle, ro);
                WriteBatch batch = new WriteBatch()) {
            int inBatch = 0;
            for (it.seek(from); it.isValid(); it.next()) {
                batch.delete(handle, it.key());
                if (++inBatch == KEYS_PER_BATCH) {
                    db.write(writeOptions, batch);
                    batch.clear();
                    reclaimedKeys += inBatch;
                    inBatch = 0;
                    if (closed) {
                        return;
                    }
                }
            }
            batch.delete(handles.get(Family.META), marker);
            db.write(writeOptions, batch);
            reclaimedKeys += inBatch;
        }
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** Stops the thread, leaving unfinished ranges to the next open. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
