package io.nodedb.core.document;

import io.nodedb.core.catalog.Catalog;
import io.nodedb.core.catalog.CollectionDef;
import io.nodedb.core.catalog.CollectionKind;
import io.nodedb.core.catalog.IndexDef;
import io.nodedb.core.catalog.SchemaVersion;
import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.storage.StateStore;
import io.nodedb.core.storage.StateStore.Family;
import io.nodedb.core.value.Value;
import org.rocksdb.RocksIterator;

import java.util.Arrays;
import java.util.List;

/**
 * Reads of documents and secondary indexes at one snapshot: every read through a view sees the state as of
 * {@link #lsn()}, whatever the applier does meanwhile. A transaction holds one view from BEGIN to COMMIT.
 */
public final class DocumentReadView implements AutoCloseable {
    private final StateStore.View view;
    private final Catalog catalog;
    /** The catalog the stored state was written under: the same as {@link #catalog} unless {@link #withCatalog}. */
    private final Catalog storedCatalog;
    /** Iterators of cursors not closed yet; closing the view closes them (a query stopped by LIMIT leaves one). */
    private final java.util.Set<StateStore.BoundedIterator> openIterators;

    /**
     * For a view without a snapshot: whether the catalog has changed since the view was made. Such a view reads
     * whatever is committed when each read runs, possibly a row a later record wrote under a schema this view's
     * catalog does not have; its reads then fail with 40001, which an autocommit statement retries.
     */
    private final java.util.function.BooleanSupplier catalogMoved;
    /**
     * Where single reads land, allocated on first use (most views never read a row this way); a view is used by
     * one thread at a time (see {@link StateStore.View}).
     */
    private byte[] readBuffer;
    /** See {@link #appliedLsnAtOpen}; -1 when unknown. */
    private final long appliedLsnAtOpen;
    /** Answers reads of keys beyond every stored row without RocksDB. */
    private final RowKeyBounds bounds;

    /**
     * @param catalogMoved     null for a snapshot view; see {@link #catalogMoved}
     * @param appliedLsnAtOpen the store's applied LSN read before the view's snapshot was taken (or, without one,
     *                         before any read through it)
     */
    DocumentReadView(StateStore.View view, Catalog catalog, java.util.function.BooleanSupplier catalogMoved,
            long appliedLsnAtOpen, RowKeyBounds bounds) {
        this(view, catalog, catalog,
                java.util.Collections.newSetFromMap(new java.util.concurrent.ConcurrentHashMap<>()), catalogMoved,
                appliedLsnAtOpen, bounds);
    }

    private DocumentReadView(StateStore.View view, Catalog catalog, Catalog storedCatalog,
            java.util.Set<StateStore.BoundedIterator> openIterators, java.util.function.BooleanSupplier catalogMoved,
            long appliedLsnAtOpen, RowKeyBounds bounds) {
        this.bounds = bounds;
        this.view = view;
        this.catalog = catalog;
        this.storedCatalog = storedCatalog;
        this.openIterators = openIterators;
        this.catalogMoved = catalogMoved;
        this.appliedLsnAtOpen = appliedLsnAtOpen;
    }

    /**
     * The store's applied LSN when this view was opened, read before any of its reads: each read sees at least the
     * state as of that LSN. A writer passes it on with the ids it found absent ({@link KnownAbsent}); -1 for a view
     * read through a catalog other than the stored one ({@link #withCatalog}), whose collection ids the store may
     * not know.
     */
    public long appliedLsnAtOpen() {
        return appliedLsnAtOpen;
    }

    private void requireCatalogUnmoved() {
        if (catalogMoved != null && catalogMoved.getAsBoolean()) {
            throw new NodeDbException(SqlState.SERIALIZATION_FAILURE,
                    "the catalog changed while the row was read; the statement can be retried");
        }
    }

    /**
     * The same snapshot read through another catalog: a transaction's own DDL, not yet committed. A collection is
     * read under the id that catalog gives it, so one created (or truncated, under a fresh id) there reads empty,
     * and rows are decoded by its schema. The view shares this one's cursors: closing this view closes both,
     * and the returned one needs no closing of its own.
     */
    public DocumentReadView withCatalog(Catalog other) {
        return new DocumentReadView(view, other, storedCatalog, openIterators, catalogMoved,
                other == storedCatalog ? appliedLsnAtOpen : -1, bounds);
    }

    /**
     * Whether the index has its entries in this snapshot: false for one the {@link #withCatalog} catalog added,
     * which reads would find empty.
     */
    public boolean hasEntries(String indexName) {
        IndexDef stored = storedCatalog.findIndex(indexName);
        IndexDef current = catalog.findIndex(indexName);
        return stored != null && current != null && stored.id() == current.id();
    }

    /** LSN of the last record this view sees. */
    public long lsn() {
        return view.lsn();
    }

    public Catalog catalog() {
        return catalog;
    }

    /** The document with this id, or null. */
    public VersionedDocument get(String collection, Value id) {
        CollectionDef def = DocumentEngine.requireDocumentCollection(catalog, collection);
        byte[] key = DocumentKeys.key(def.id(), id);
        byte[] stored = bounds.beyond(def.id(), key) ? null : view.get(Family.DOCUMENTS, key);
        requireCatalogUnmoved();
        return stored == null ? null
                : new VersionedDocument(id, StoredDocument.document(stored, def), StoredDocument.version(stored));
    }

    /**
     * Whether the collection is strict and its current schema in this view is {@code expected}: then its rows can
     * be read column by column ({@link #getRow}, {@link #scanRows}) into arrays laid out by that schema.
     */
    public boolean readsRowsAs(String collection, SchemaVersion expected) {
        CollectionDef def = catalog.find(collection);
        if (def == null || def.kind() != CollectionKind.STRICT || def.currentSchema() == null) {
            return false;
        }
        // The catalog hands out the same instances until the schema changes, so identity mostly decides.
        return def.currentSchema() == expected || def.currentSchema().equals(expected);
    }

    /**
     * Reads the row with this id into {@code row} as {@link RowCursor#next} does, every column; false if there is
     * none. Only for a collection that {@link #readsRowsAs} the caller's schema.
     */
    public boolean getRow(String collection, Value id, Value[] row) {
        CollectionDef def = DocumentEngine.requireDocumentCollection(catalog, collection);
        byte[] key = DocumentKeys.key(def.id(), id);
        if (bounds.beyond(def.id(), key)) {
            requireCatalogUnmoved();
            return false;
        }
        if (readBuffer == null) {
            readBuffer = new byte[256];
        }
        int size = view.get(Family.DOCUMENTS, key, readBuffer);
        // Without a snapshot the value may change between reads, so grow until the last read fit.
        while (size > readBuffer.length) {
            readBuffer = new byte[size];
            size = view.get(Family.DOCUMENTS, key, readBuffer);
        }
        requireCatalogUnmoved();
        if (size < 0) {
            return false;
        }
        new TupleColumns(def, null).read(readBuffer, size, row);
        return true;
    }

    /** Every document of the collection, in id order. */
    public DocumentCursor scan(String collection) {
        CollectionDef def = DocumentEngine.requireDocumentCollection(catalog, collection);
        StateStore.BoundedIterator bounded = track(view.iterator(Family.DOCUMENTS,
                DocumentKeys.prefixEnd(def.id())));
        RocksIterator it = bounded.iterator();
        it.seek(DocumentKeys.prefix(def.id()));
        return new DocumentCursor() {
            @Override
            public VersionedDocument next() {
                if (!it.isValid()) {
                    return null;
                }
                byte[] key = it.key();
                byte[] stored = it.value();
                it.next();
                return new VersionedDocument(DocumentKeys.id(key), StoredDocument.document(stored, def),
                        StoredDocument.version(stored));
            }

            @Override
            public void close() {
                release(bounded);
            }
        };
    }

    /**
     * The rows of a strict collection, in id order, decoded straight from their tuples ({@link RowCursor}); only the
     * columns with {@code wanted[c]} set (null: all) are read. Null when the collection's current schema in this
     * view is not {@code expected}, the schema the caller laid its rows out by: it must then read documents.
     */
    public RowCursor scanRows(String collection, SchemaVersion expected, boolean[] wanted) {
        if (!readsRowsAs(collection, expected)) {
            return null;
        }
        CollectionDef def = catalog.require(collection);
        StateStore.BoundedIterator bounded = track(view.iterator(Family.DOCUMENTS,
                DocumentKeys.prefixEnd(def.id())));
        return new StrictRowCursor(bounded, DocumentKeys.prefix(def.id()), def, wanted, () -> release(bounded));
    }

    /**
     * {@link #scanRows} over the rows whose ids are BYTES values from {@code from} (inclusive) to {@code to}
     * (exclusive; null: no end), in byte order. Under a primary key of several columns (ids that are the key
     * columns' {@link IndexKeys#tuple}) that is the rows whose leading key columns lie in a range, in key order.
     */
    public RowCursor scanRowsInIdRange(String collection, SchemaVersion expected, boolean[] wanted, byte[] from,
            byte[] to) {
        if (!readsRowsAs(collection, expected)) {
            return null;
        }
        CollectionDef def = catalog.require(collection);
        StateStore.BoundedIterator bounded = track(view.iterator(Family.DOCUMENTS,
                to != null ? DocumentKeys.key(def.id(), new Value.Bytes(to)) : DocumentKeys.prefixEnd(def.id())));
        return new StrictRowCursor(bounded, DocumentKeys.key(def.id(), new Value.Bytes(from)), def, wanted,
                () -> release(bounded));
    }

    /**
     * Documents whose leading index fields equal {@code values} (fewer values than fields is a prefix match), in
     * index order.
     */
    public DocumentCursor indexScan(String indexName, List<Value> values) {
        IndexDef index = requireIndex(indexName);
        byte[] prefix = IndexKeys.prefix(index.id(), values);
        return indexRange(index, track(indexIterator(prefix)), prefix, IndexKeys.prefixEnd(prefix));
    }

    /** An iterator for the entries starting with {@code prefix}, using the prefix filter when it covers it. */
    private StateStore.BoundedIterator indexIterator(byte[] prefix) {
        return StateStore.filtersPrefix(Family.INDEXES, prefix)
                ? view.prefixIterator(Family.INDEXES, prefix) : view.iterator(Family.INDEXES, null);
    }

    /**
     * The rows whose leading index fields equal {@code values}, as {@link #indexScan} finds them, decoded by column
     * into arrays as {@link RowCursor#next} does (every column). Null when the collection does not
     * {@link #readsRowsAs} {@code expected}.
     */
    public RowCursor indexRows(String indexName, List<Value> values, SchemaVersion expected) {
        IndexDef index = requireIndex(indexName);
        if (!readsRowsAs(index.collection(), expected)) {
            return null;
        }
        byte[] prefix = IndexKeys.prefix(index.id(), values);
        StateStore.BoundedIterator bounded = track(indexIterator(prefix));
        return new IndexRowCursor(bounded, prefix, IndexKeys.prefixEnd(prefix), view,
                catalog.require(index.collection()), () -> release(bounded));
    }

    /**
     * Documents whose first index field lies between {@code low} and {@code high} (null = unbounded), in index
     * order. Bounds compare by the index encoding, so give them the field's type.
     */
    public DocumentCursor indexRange(String indexName, Value low, boolean lowInclusive, Value high,
            boolean highInclusive) {
        IndexDef index = requireIndex(indexName);
        byte[] all = StateStore.encodeLong(index.id());
        byte[] from = low == null ? all : IndexKeys.prefix(index.id(), List.of(low));
        if (low != null && !lowInclusive) {
            from = IndexKeys.prefixEnd(from);
        }
        byte[] to;
        if (high == null) {
            to = IndexKeys.prefixEnd(all);
        } else {
            byte[] h = IndexKeys.prefix(index.id(), List.of(high));
            to = highInclusive ? IndexKeys.prefixEnd(h) : h;
        }
        return indexRange(index, track(view.iterator(Family.INDEXES, null)), from, to);
    }

    private DocumentCursor indexRange(IndexDef index, StateStore.BoundedIterator bounded, byte[] from, byte[] to) {
        CollectionDef def = DocumentEngine.requireDocumentCollection(catalog, index.collection());
        byte[] docPrefix = DocumentKeys.prefix(def.id());
        RocksIterator it = bounded.iterator();
        it.seek(from);
        return new DocumentCursor() {
            @Override
            public VersionedDocument next() {
                while (it.isValid()) {
                    if (to != null && Arrays.compareUnsigned(it.key(), to) >= 0) {
                        return null;
                    }
                    byte[] idSuffix = it.value();
                    it.next();
                    byte[] key = new byte[8 + idSuffix.length];
                    System.arraycopy(docPrefix, 0, key, 0, 8);
                    System.arraycopy(idSuffix, 0, key, 8, idSuffix.length);
                    byte[] stored = view.get(Family.DOCUMENTS, key);
                    if (stored != null) {
                        return new VersionedDocument(DocumentKeys.id(key), StoredDocument.document(stored, def),
                                StoredDocument.version(stored));
                    }
                }
                return null;
            }

            @Override
            public void close() {
                release(bounded);
            }
        };
    }

    private IndexDef requireIndex(String name) {
        IndexDef index = catalog.findIndex(name);
        if (index == null) {
            throw new NodeDbException(SqlState.UNDEFINED_OBJECT, "index \"" + name + "\" does not exist");
        }
        return index;
    }

    private StateStore.BoundedIterator track(StateStore.BoundedIterator it) {
        openIterators.add(it);
        return it;
    }

    private void release(StateStore.BoundedIterator it) {
        if (openIterators.remove(it)) {
            it.close();
        }
    }

    @Override
    public void close() {
        for (StateStore.BoundedIterator it : List.copyOf(openIterators)) {
            release(it);
        }
        view.close();
    }
}
