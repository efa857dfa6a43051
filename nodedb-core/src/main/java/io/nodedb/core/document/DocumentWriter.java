package io.nodedb.core.document;

import io.nodedb.core.catalog.CollectionDef;
import io.nodedb.core.catalog.IndexDef;
import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.storage.StateStore;
import io.nodedb.core.storage.StateStore.Family;
import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueJson;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Writes the documents of one log record, with their secondary-index entries, into one write batch. Keeps what
 * the record wrote so far so that later mutations of the same record see earlier ones (a batch INSERT with a
 * duplicate id, a unique value written twice).
 */
final class DocumentWriter {
    private static final byte[] DELETED = new byte[0];

    private final StateStore store;
    private final RowKeyBounds bounds;
    private final WriteBatch batch;
    private final long lsn;
    private final Map<ByteKey, byte[]> documents = new HashMap<>();
    private final TreeMap<byte[], byte[]> indexEntries = new TreeMap<>(Arrays::compareUnsigned);

    DocumentWriter(StateStore store, RowKeyBounds bounds, WriteBatch batch, long lsn) {
        this.store = store;
        this.bounds = bounds;
        this.batch = batch;
        this.lsn = lsn;
    }

    /**
     * @param knownAbsent the id is known to be absent from the store (see {@link KnownAbsent}); the record's own
     *                    earlier writes still count
     */
    long put(CollectionDef def, List<IndexDef> indexes, Mutation.PutDocument put, boolean knownAbsent)
            throws RocksDBException {
        byte[] key = DocumentKeys.key(def.id(), put.id());
        byte[] old = current(key, knownAbsent || bounds.beyond(def.id(), key));
        checkVersion(def, put.id(), old, put.expectedVersion());
        switch (put.mode()) {
            case INSERT -> {
                if (old != null) {
                    throw new NodeDbException(SqlState.UNIQUE_VIOLATION, "duplicate key: collection \"" + def.name()
                            + "\" already has a document with id " + put.id());
                }
            }
            case INSERT_IF_ABSENT -> {
                if (old != null) {
                    return 0;
                }
            }
            case UPDATE -> {
                if (old == null) {
                    return 0;
                }
            }
            case UPSERT -> {
            }
        }
        Value.Obj oldDoc = old == null ? null : StoredDocument.document(old, def);
        for (IndexDef index : indexes) {
            updateIndex(index, key, oldDoc, put.document());
        }
        byte[] stored = StoredDocument.encode(lsn, def, put.document());
        bounds.raise(def.id(), key);
        store.putRow(batch, key, stored);
        documents.put(new ByteKey(key), stored);
        return 1;
    }

    long delete(CollectionDef def, List<IndexDef> indexes, Mutation.DeleteDocument del) throws RocksDBException {
        byte[] key = DocumentKeys.key(def.id(), del.id());
        byte[] old = current(key, false);
        checkVersion(def, del.id(), old, del.expectedVersion());
        if (old == null) {
            return 0;
        }
        Value.Obj oldDoc = StoredDocument.document(old, def);
        for (IndexDef index : indexes) {
            updateIndex(index, key, oldDoc, null);
        }
        store.deleteRow(batch, key);
        documents.put(new ByteKey(key), DELETED);
        return 1;
    }

    /**
     * Hands the rows of a dropped or truncated collection, and the entries of its indexes, to the background
     * deletion: the catalog no longer names these ids, and never will again.
     */
    void retire(CollectionDef def, List<IndexDef> indexes) {
        for (IndexDef index : indexes) {
            retire(index);
        }
        store.retire(batch, Family.DOCUMENTS, DocumentKeys.prefix(def.id()), DocumentKeys.prefixEnd(def.id()));
        bounds.forget(def.id());
        documents.keySet().removeIf(k -> k.collectionId() == def.id());
    }

    /** As {@link #retire(CollectionDef, List)}, the entries of a dropped index. */
    void retire(IndexDef index) {
        byte[] prefix = StateStore.encodeLong(index.id());
        store.retire(batch, Family.INDEXES, prefix, DocumentKeys.prefixEnd(index.id()));
        indexEntries.subMap(prefix, DocumentKeys.prefixEnd(index.id())).clear();
    }

    /** Writes the entries of a new index for every existing document, checking uniqueness as it goes. */
    void backfill(CollectionDef def, IndexDef index) throws RocksDBException {
        byte[] end = DocumentKeys.prefixEnd(def.id());
        try (RocksIterator it = store.iterator(Family.DOCUMENTS)) {
            for (it.seek(DocumentKeys.prefix(def.id())); it.isValid(); it.next()) {
                byte[] key = it.key();
                if (Arrays.compareUnsigned(key, end) >= 0) {
                    break;
                }
                if (!documents.containsKey(new ByteKey(key))) {
                    updateIndex(index, key, null, StoredDocument.document(it.value(), def));
                }
            }
        }
        for (Map.Entry<ByteKey, byte[]> e : documents.entrySet()) {
            if (e.getKey().collectionId() == def.id() && e.getValue() != DELETED) {
                updateIndex(index, e.getKey().bytes(), null, StoredDocument.document(e.getValue(), def));
            }
        }
    }

    private void updateIndex(IndexDef index, byte[] docKey, Value.Obj oldDoc, Value.Obj newDoc)
            throws RocksDBException {
        List<Value> oldValues = oldDoc == null ? null : IndexKeys.fieldValues(index, oldDoc);
        List<Value> newValues = newDoc == null ? null : IndexKeys.fieldValues(index, newDoc);
        if (oldValues != null && oldValues.equals(newValues)) {
            return;
        }
        byte[] idSuffix = Arrays.copyOfRange(docKey, 8, docKey.length);
        if (oldValues != null) {
            byte[] entry = IndexKeys.entry(index.id(), oldValues, docKey);
            batch.delete(store.handle(Family.INDEXES), entry);
            indexEntries.put(entry, DELETED);
        }
        if (newValues != null) {
            if (index.unique() && !newValues.contains(Value.NULL)) {
                checkUnique(index, newValues, idSuffix);
            }
            byte[] entry = IndexKeys.entry(index.id(), newValues, docKey);
            batch.put(store.handle(Family.INDEXES), entry, idSuffix);
            indexEntries.put(entry, idSuffix);
        }
    }

    /** Whether the collection has the document once the record's mutations so far are applied. */
    boolean exists(CollectionDef def, Value id) {
        return current(DocumentKeys.key(def.id(), id), false) != null;
    }

    /** Whether the index has an entry starting with {@code values} once the record's mutations so far are applied. */
    boolean hasIndexEntry(IndexDef index, List<Value> values) {
        return hasEntry(index, values, owner -> true);
    }

    private void checkUnique(IndexDef index, List<Value> values, byte[] idSuffix) {
        if (hasEntry(index, values, owner -> !Arrays.equals(owner, idSuffix))) {
            throw uniqueViolation(index, values);
        }
    }

    /**
     * Whether, once the record's mutations so far are applied, the index has an entry starting with {@code values}
     * whose owner (the document key suffix the entry holds) passes {@code ownerTest}.
     */
    private boolean hasEntry(IndexDef index, List<Value> values, Predicate<byte[]> ownerTest) {
        byte[] prefix = IndexKeys.prefix(index.id(), values);
        byte[] end = IndexKeys.prefixEnd(prefix);
        for (byte[] owner : indexEntries.subMap(prefix, end).values()) {
            if (owner != DELETED && ownerTest.test(owner)) {
                return true;
            }
        }
        // The applier reads the latest state; equality lookups share the store's pool of prefix iterators.
        StateStore.View latest = store.latest();
        try (StateStore.BoundedIterator bounded = StateStore.filtersPrefix(Family.INDEXES, prefix)
                ? latest.prefixIterator(Family.INDEXES, prefix) : latest.iterator(Family.INDEXES, null)) {
            RocksIterator it = bounded.iterator();
            for (it.seek(prefix); it.isValid() && Arrays.compareUnsigned(it.key(), end) < 0; it.next()) {
                if (indexEntries.get(it.key()) != DELETED && ownerTest.test(it.value())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static NodeDbException uniqueViolation(IndexDef index, List<Value> values) {
        // PostgreSQL's detail form: Key (a, b)=(1, x) already exists.
        List<String> shown = values.stream().map(v -> v instanceof Value.Str s ? s.value()
                : ValueJson.toJson(v)).toList();
        return new NodeDbException(SqlState.UNIQUE_VIOLATION, "duplicate key value violates unique index \""
                + index.name() + "\": key (" + String.join(", ", index.fields()) + ")=(" + String.join(", ", shown)
                + ") already exists");
    }

    private void checkVersion(CollectionDef def, Value id, byte[] current, long expected) {
        if (expected == Mutation.ANY_VERSION) {
            return;
        }
        long actual = current == null ? Mutation.ABSENT : StoredDocument.version(current);
        if (actual != expected) {
            throw new NodeDbException(SqlState.SERIALIZATION_FAILURE, "could not serialize access due to concurrent "
                    + "update: document " + id + " of \"" + def.name() + "\" changed after this transaction's snapshot");
        }
    }

    /**
     * The stored bytes of a document as this record sees it, or null if absent; {@code storeAbsent} says the store
     * is known not to have it, so only the record's own writes are looked at.
     */
    private byte[] current(byte[] key, boolean storeAbsent) {
        if (!documents.isEmpty()) {
            byte[] pending = documents.get(new ByteKey(key));
            if (pending != null) {
                return pending == DELETED ? null : pending;
            }
        }
        if (storeAbsent) {
            return null;
        }
        return store.get(Family.DOCUMENTS, key);
    }

    /** A document key usable as a hash key. */
    private record ByteKey(byte[] bytes) {
        long collectionId() {
            return java.nio.ByteBuffer.wrap(bytes, 0, 8).getLong();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ByteKey k && Arrays.equals(k.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }
}
