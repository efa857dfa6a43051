package io.nodedb.core.document;

import io.nodedb.core.catalog.CollectionDef;
import io.nodedb.core.storage.StateStore;
import io.nodedb.core.value.Value;
import org.rocksdb.RocksIterator;

/**
 * A {@link RowCursor} over one collection's key range. The iterator is bounded by RocksDB at the collection's end,
 * and it is advanced lazily (at the start of the next call) so that {@link #id()} can still read the current key.
 */
final class StrictRowCursor implements RowCursor {
    private final RocksIterator it;
    private final TupleColumns columns;
    private final Runnable onClose;
    private boolean started;
    /**
     * Values are copied into this buffer rather than returned as new arrays, which native code would allocate on
     * the JVM's slow path; decoding copies what it keeps, so the next row can overwrite it.
     */
    private byte[] buffer = new byte[256];

    StrictRowCursor(StateStore.BoundedIterator bounded, byte[] from, CollectionDef def, boolean[] wanted,
            Runnable onClose) {
        this.it = bounded.iterator();
        this.columns = new TupleColumns(def, wanted);
        this.onClose = onClose;
        it.seek(from);
    }

    @Override
    public boolean next(Value[] row) {
        if (started) {
            it.next();
        }
        started = true;
        if (!it.isValid()) {
            return false;
        }
        int size = it.value(buffer);
        if (size > buffer.length) {
            buffer = new byte[Math.max(size, 2 * buffer.length)];
            it.value(buffer);
        }
        columns.read(buffer, size, row);
        return true;
    }

    @Override
    public Value id() {
        return DocumentKeys.id(it.key());
    }

    @Override
    public void close() {
        onClose.run();
    }
}
