package io.nodedb.core.document;

import io.nodedb.core.catalog.CollectionDef;
import io.nodedb.core.storage.StateStore;
import io.nodedb.core.storage.StateStore.Family;
import io.nodedb.core.value.Value;
import org.rocksdb.RocksIterator;

import java.util.Arrays;

/**
 * A {@link RowCursor} over the entries of a secondary index between two keys: each entry names a document, which
 * is read and decoded by column. Keys, entries and documents are copied into buffers the cursor reuses, since an
 * array returned by native code is allocated on the JVM's slow path and a lookup makes several such reads.
 */
final class IndexRowCursor implements RowCursor {
    private final RocksIterator it;
    private final byte[] to;
    private final byte[] documentPrefix;
    private final StateStore.View view;
    private final TupleColumns columns;
    private final Runnable onClose;
    private byte[] keyBuffer = new byte[64];
    private byte[] idBuffer = new byte[32];
    private byte[] rowBuffer = new byte[256];
    private byte[] documentKey;

    /** @param to the first index key past the range (exclusive), or null for none */
    IndexRowCursor(StateStore.BoundedIterator bounded, byte[] from, byte[] to, StateStore.View view,
            CollectionDef def, Runnable onClose) {
        this.it = bounded.iterator();
        this.to = to;
        this.documentPrefix = DocumentKeys.prefix(def.id());
        this.view = view;
        this.columns = new TupleColumns(def, null);
        this.onClose = onClose;
        it.seek(from);
    }

    @Override
    public boolean next(Value[] row) {
        while (it.isValid()) {
            int keySize = it.key(keyBuffer);
            if (keySize > keyBuffer.length) {
                keyBuffer = new byte[keySize];
                it.key(keyBuffer);
            }
            if (to != null && Arrays.compareUnsigned(keyBuffer, 0, keySize, to, 0, to.length) >= 0) {
                return false;
            }
            int idSize = it.value(idBuffer);
            if (idSize > idBuffer.length) {
                idBuffer = new byte[idSize];
                it.value(idBuffer);
            }
            it.next();
            documentKey = new byte[documentPrefix.length + idSize];
            System.arraycopy(documentPrefix, 0, documentKey, 0, documentPrefix.length);
            System.arraycopy(idBuffer, 0, documentKey, documentPrefix.length, idSize);
            int size = view.get(Family.DOCUMENTS, documentKey, rowBuffer);
            // Without a snapshot the value may change between reads, so grow until the last read fit.
            while (size > rowBuffer.length) {
                rowBuffer = new byte[size];
                size = view.get(Family.DOCUMENTS, documentKey, rowBuffer);
            }
            // An entry whose document is gone is skipped, as the document reads do.
            if (size >= 0) {
                columns.read(rowBuffer, size, row);
                return true;
            }
        }
        return false;
    }

    @Override
    public Value id() {
        return DocumentKeys.id(documentKey);
    }

    @Override
    public void close() {
        onClose.run();
    }
}
