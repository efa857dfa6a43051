package io.nodedb.core.document;

import io.nodedb.core.catalog.CollectionDef;
import io.nodedb.core.catalog.ColumnDef;
import io.nodedb.core.value.Value;

import java.util.Arrays;
import java.util.List;

/**
 * Reads stored values of one strict collection into column arrays in its current schema's order (see
 * {@link RowCursor#next} for what lands in the array), keeping the tuple reader of the schema version met last:
 * rows of one version usually come together.
 */
final class TupleColumns {
    private final CollectionDef def;
    private final boolean[] wanted;
    private int readerVersion = -1;
    private RowTuples.ColumnReader reader;

    /** @param wanted per current column whether to read it; null for all */
    TupleColumns(CollectionDef def, boolean[] wanted) {
        this.def = def;
        this.wanted = wanted;
    }

    /** Reads the stored value in {@code stored[0..size)} into {@code row}. */
    void read(byte[] stored, int size, Value[] row) {
        if (size < StoredDocument.TUPLE_START || stored[0] != StoredDocument.TUPLE) {
            // A MessagePack document, or a value too damaged to be a tuple (which the full decoding reports).
            readDocument(StoredDocument.document(Arrays.copyOf(stored, size), def), row);
            return;
        }
        int version = StoredDocument.schemaVersion(stored);
        if (version != readerVersion) {
            reader = RowTuples.columnReader(StoredDocument.writtenSchema(stored, def), def.currentSchema());
            readerVersion = version;
        }
        reader.read(stored, StoredDocument.TUPLE_START, wanted, row);
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
}
