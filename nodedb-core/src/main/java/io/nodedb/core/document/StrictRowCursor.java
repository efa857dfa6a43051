package io.nodedb.core.document;

import io.nodedb.core.catalog.CollectionDef;
import io.nodedb.core.catalog.ColumnDef;
import io.nodedb.core.storage.StateStore;
import io.nodedb.core.value.Value;
import org.rocksdb.RocksIterator;

import java.util.List;

/**
 * A {@link RowCursor} over one collection's key range. The iterator is bounded by RocksDB at the collection's end,
 * and it is advanced lazily (at the start of the next call) so that {@link #id()} can still read the current key.
 */
final class StrictRowCursor implements RowCursor {
    private final RocksIterator it;
    private final CollectionDef def;
    private final boolean[] wanted;
    private final Runnable onClose;
    /** The reader of the schema version met last: rows of one version usually come together. */
    private int readerVersion = -1;
    private RowTuples.ColumnReader reader;
    private boolean started;

    StrictRowCursor(StateStore.BoundedIterator bounded, byte[] from, CollectionDef def, boolean[] wanted,
            Runnable onClose) {
        this.it = bounded.iterator();
        this.def = def;
        this.wanted = wanted;
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
        byte[] stored = it.value();
        if (StoredDocument.isTuple(stored)) {
            int version = StoredDocument.schemaVersion(stored);
            if (version != readerVersion) {
                reader = new RowTuples.ColumnReader(StoredDocument.writtenSchema(stored, def), def.currentSchema());
                readerVersion = version;
            }
            reader.read(stored, StoredDocument.TUPLE_START, wanted, row);
        } else {
            readDocument(StoredDocument.document(stored, def), row);
        }
        return true;
    }

    /** A strict collection holds tuples only, but a document written before it had a schema reads by name. */
    private void readDocument(Value.Obj document, Value[] row) {
        List<ColumnDef> cols = def.currentSchema().columns();
        for (int c = 0; c < cols.size(); c++) {
            if (wanted == null || wanted[c]) {
                row[c] = document.get(cols.get(c).name());
            }
        }
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
