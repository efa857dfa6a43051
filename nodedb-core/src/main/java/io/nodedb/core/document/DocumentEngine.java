package io.nodedb.core.document;

import io.nodedb.core.catalog.Catalog;
import io.nodedb.core.catalog.CatalogCodec;
import io.nodedb.core.catalog.CollectionDef;
import io.nodedb.core.catalog.CollectionKind;
import io.nodedb.core.catalog.IndexDef;
import io.nodedb.core.catalog.UserDef;
import io.nodedb.core.engine.ApplyResult;
import io.nodedb.core.engine.Engine;
import io.nodedb.core.engine.RecordTypes;
import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.metrics.PrometheusWriter;
import io.nodedb.core.storage.StateStore;
import io.nodedb.core.storage.StateStore.Family;
import io.nodedb.core.wal.LogRecord;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The catalog and the document collections, as one state machine over RocksDB. A record's mutations are applied
 * into one write batch together with its LSN: the whole record takes effect, or, if any mutation is rejected,
 * none of it does.
 */
public final class DocumentEngine implements Engine {
    private static final byte[] NEXT_ID_KEY = "next_id".getBytes(StandardCharsets.US_ASCII);

    private final StateStore store;
    private final RowKeyBounds rowKeyBounds;
    private final long recoveredLsn;
    private volatile Catalog catalog;
    /**
     * True from just before a record that changes the catalog is written to the store until its catalog is
     * published. A reader whose snapshot may hold that record's data must not pair it with the catalog before it
     * (rows of a new schema version, or of a table the record created) nor take the catalog after it with a
     * snapshot from before (an index whose backfilled entries it cannot see); see {@link #readView}.
     */
    private volatile boolean catalogInFlight;
    /** Every record at or below this LSN was applied to the store or was not this engine's. */
    private volatile long processedThrough;
    private final AtomicLong appliedRecords = new AtomicLong();
    private final AtomicLong rejectedRecords = new AtomicLong();
    private final AtomicLong documentsWritten = new AtomicLong();
    private final AtomicLong readsSkipped = new AtomicLong();
    /**
     * The write batch every record is built in, cleared after each: records are applied one at a time (see
     * {@link #apply(long, List, KnownAbsent)}), and creating and freeing a native batch per record cost about a
     * microsecond of a single-row INSERT. Replaced after a large record so its buffer is not kept.
     */
    private WriteBatch writeBatch = new WriteBatch();
    private static final long LARGEST_KEPT_BATCH_BYTES = 1 << 20;

    public DocumentEngine(StateStore store) {
        this.store = store;
        this.rowKeyBounds = new RowKeyBounds(store);
        this.recoveredLsn = store.appliedLsn();
        this.processedThrough = recoveredLsn;
        this.catalog = loadCatalog(store);
    }

    private static Catalog loadCatalog(StateStore store) {
        List<CollectionDef> collections = new ArrayList<>();
        List<IndexDef> indexes = new ArrayList<>();
        List<UserDef> users = new ArrayList<>();
        try (RocksIterator it = store.iterator(Family.CATALOG)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                String key = new String(it.key(), StandardCharsets.UTF_8);
                if (key.startsWith("c/")) {
                    collections.add(CatalogCodec.decodeCollection(it.value()));
                } else if (key.startsWith("i/")) {
                    indexes.add(CatalogCodec.decodeIndex(it.value()));
                } else if (key.startsWith("u/")) {
                    users.add(CatalogCodec.decodeUser(it.value()));
                }
            }
        }
        byte[] next = store.get(Family.CATALOG, NEXT_ID_KEY);
        return Catalog.of(collections, indexes, users, next == null ? 1 : StateStore.decodeLong(next));
    }

    @Override
    public String name() {
        return "document";
    }

    @Override
    public boolean handles(short recordType) {
        return recordType == RecordTypes.DOCUMENT_BATCH;
    }

    @Override
    public long recoveredLsn() {
        return recoveredLsn;
    }

    /** The current catalog snapshot. */
    public Catalog catalog() {
        return catalog;
    }

    @Override
    public ApplyResult apply(LogRecord record) {
        return apply(record.lsn(), MutationCodec.decode(record.payload()), null);
    }

    /**
     * Applies the record at {@code lsn} whose payload encodes {@code batch}: for a writer that still holds the
     * mutations it logged, which saves decoding the payload it has just encoded. The caller guarantees that the
     * payload decodes to exactly these mutations ({@link MutationCodec#encodeChecked}), so the state is the one
     * replaying the record produces. {@code known} (may be null) saves rereading ids the writer found absent, when
     * that still holds (see {@link KnownAbsent}).
     */
    public ApplyResult apply(long lsn, List<Mutation> batch, KnownAbsent known) {
        // Read by the thread that applies, after every earlier record was applied: the store is at this LSN now.
        boolean useKnown = known != null && known.appliedLsn() == store.appliedLsn();
        WriteBatch wb = writeBatch;
        try {
            Pending p = new Pending(catalog, new DocumentWriter(store, rowKeyBounds, wb, lsn));
            List<Long> affected = new ArrayList<>(batch.size());
            NodeDbException rejected = null;
            try {
                for (int i = 0; i < batch.size(); i++) {
                    Mutation m = batch.get(i);
                    boolean absent = useKnown && m instanceof Mutation.PutDocument && known.at(i);
                    if (absent) {
                        readsSkipped.incrementAndGet();
                    }
                    affected.add(applyOne(m, lsn, p, wb, absent));
                }
            } catch (NodeDbException e) {
                rejected = e;
                wb.clear();
            }
            boolean catalogChanges = rejected == null && p.catalog != catalog;
            if (catalogChanges) {
                wb.put(store.handle(Family.CATALOG), NEXT_ID_KEY, StateStore.encodeLong(p.catalog.nextId()));
                catalogInFlight = true;
            }
            try {
                // Even a rejected record advances the applied LSN, so the checkpoint (and log trimming) can pass it.
                store.write(wb, lsn);
                if (catalogChanges) {
                    catalog = p.catalog;
                }
            } finally {
                if (catalogChanges) {
                    catalogInFlight = false;
                }
            }
            if (rejected != null) {
                processedThrough = lsn;
                rejectedRecords.incrementAndGet();
                return ApplyResult.failed(lsn, rejected);
            }
            processedThrough = lsn;
            appliedRecords.incrementAndGet();
            return ApplyResult.ok(lsn, affected);
        } catch (RocksDBException e) {
            throw new NodeDbException(SqlState.IO_ERROR, "write batch failed: " + e.getMessage(), e);
        } finally {
            recycle(wb);
        }
    }

    private void recycle(WriteBatch wb) {
        if (wb.getDataSize() > LARGEST_KEPT_BATCH_BYTES) {
            wb.close();
            writeBatch = new WriteBatch();
        } else {
            wb.clear();
        }
    }

    /** The catalog as changed by the record so far, and the writer that tracks the record's documents. */
    private static final class Pending {
        Catalog catalog;
        final DocumentWriter documents;

        Pending(Catalog catalog, DocumentWriter documents) {
            this.catalog = catalog;
            this.documents = documents;
        }
    }

    /** @param knownAbsent the mutation is a document write whose id is known to be absent from the store */
    private long applyOne(Mutation m, long lsn, Pending p, WriteBatch wb, boolean knownAbsent)
            throws RocksDBException {
        return switch (m) {
            case Mutation.CreateCollection c -> {
                Catalog next = CatalogChanges.apply(p.catalog, c, lsn);
                yield next == p.catalog ? 0 : putCollection(p, wb, next.find(c.name()));
            }
            case Mutation.DropCollection d -> {
                CollectionDef def = p.catalog.find(d.name());
                Catalog next = CatalogChanges.apply(p.catalog, d, lsn);
                if (next == p.catalog) {
                    yield 0;
                }
                for (IndexDef idx : p.catalog.indexesOf(d.name())) {
                    wb.delete(store.handle(Family.CATALOG), catalogKey("i/", idx.name()));
                }
                p.documents.retire(def, p.catalog.indexesOf(d.name()));
                wb.delete(store.handle(Family.CATALOG), catalogKey("c/", d.name()));
                p.catalog = next;
                yield 1;
            }
            case Mutation.AlterSchema a -> putCollection(p, wb, CatalogChanges.apply(p.catalog, a, lsn).find(a.name()));
            case Mutation.SetOptions o -> putCollection(p, wb, CatalogChanges.apply(p.catalog, o, lsn).find(o.name()));
            case Mutation.TruncateCollection t -> {
                CollectionDef def = p.catalog.find(t.name());
                List<IndexDef> indexes = p.catalog.indexesOf(t.name());
                Catalog next = CatalogChanges.apply(p.catalog, t, lsn);
                p.documents.retire(def, indexes);
                wb.put(store.handle(Family.CATALOG), catalogKey("c/", t.name()),
                        CatalogCodec.encode(next.find(t.name())));
                for (IndexDef index : next.indexesOf(t.name())) {
                    wb.put(store.handle(Family.CATALOG), catalogKey("i/", index.name()), CatalogCodec.encode(index));
                }
                p.catalog = next;
                yield 1;
            }
            case Mutation.CreateIndex c -> {
                Catalog next = CatalogChanges.apply(p.catalog, c, lsn);
                if (next == p.catalog) {
                    yield 0;
                }
                IndexDef index = next.findIndex(c.name());
                p.catalog = next;
                wb.put(store.handle(Family.CATALOG), catalogKey("i/", c.name()), CatalogCodec.encode(index));
                CollectionDef def = next.require(c.collection());
                if (def.kind() != CollectionKind.KEY_VALUE) {
                    p.documents.backfill(def, index);
                }
                yield 1;
            }
            case Mutation.DropIndex d -> {
                IndexDef index = p.catalog.findIndex(d.name());
                Catalog next = CatalogChanges.apply(p.catalog, d, lsn);
                if (next == p.catalog) {
                    yield 0;
                }
                wb.delete(store.handle(Family.CATALOG), catalogKey("i/", d.name()));
                p.documents.retire(index);
                p.catalog = next;
                yield 1;
            }
            case Mutation.CreateUser u -> {
                if (p.catalog.findUser(u.name()) != null) {
                    throw new NodeDbException(SqlState.DUPLICATE_OBJECT, "role \"" + u.name() + "\" already exists");
                }
                yield putUser(p, wb, new UserDef(u.name(), u.verifier(), u.role(), lsn));
            }
            case Mutation.AlterUser u -> {
                UserDef old = p.catalog.findUser(u.name());
                if (old == null) {
                    throw new NodeDbException(SqlState.UNDEFINED_OBJECT, "role \"" + u.name() + "\" does not exist");
                }
                yield putUser(p, wb, new UserDef(old.name(), u.verifier() != null ? u.verifier() : old.verifier(),
                        u.role() != null ? u.role() : old.role(), old.createdLsn()));
            }
            case Mutation.DropUser d -> {
                if (p.catalog.findUser(d.name()) == null) {
                    if (d.ifExists()) {
                        yield 0;
                    }
                    throw new NodeDbException(SqlState.UNDEFINED_OBJECT, "role \"" + d.name() + "\" does not exist");
                }
                wb.delete(store.handle(Family.CATALOG), catalogKey("u/", d.name()));
                p.catalog = p.catalog.withoutUser(d.name());
                yield 1;
            }
            case Mutation.PutDocument put -> {
                CollectionDef def = requireDocumentCollection(p.catalog, put.collection());
                long n = p.documents.put(def, p.catalog.indexesOf(def.name()), put, knownAbsent);
                documentsWritten.addAndGet(n);
                yield n;
            }
            case Mutation.DeleteDocument del -> {
                CollectionDef def = requireDocumentCollection(p.catalog, del.collection());
                yield p.documents.delete(def, p.catalog.indexesOf(def.name()), del);
            }
            case Mutation.RequireDocument r -> {
                CollectionDef def = requireDocumentCollection(p.catalog, r.collection());
                if (!p.documents.exists(def, r.id())) {
                    throw new NodeDbException(SqlState.FOREIGN_KEY_VIOLATION, r.message());
                }
                yield 0;
            }
            case Mutation.RequireCollection r -> {
                if (!CatalogChanges.unchanged(p.catalog, r)) {
                    throw new NodeDbException(SqlState.SERIALIZATION_FAILURE, "could not serialize access due to "
                            + "concurrent DDL: collection \"" + r.name() + "\" was dropped or changed after this "
                            + "transaction's snapshot");
                }
                yield 0;
            }
            case Mutation.RequireIndexEntry r -> {
                IndexDef index = p.catalog.findIndex(r.index());
                if (index == null) {
                    throw new NodeDbException(SqlState.UNDEFINED_OBJECT, "index \"" + r.index() + "\" does not exist");
                }
                if (p.documents.hasIndexEntry(index, r.values()) != r.present()) {
                    throw new NodeDbException(SqlState.FOREIGN_KEY_VIOLATION, r.message());
                }
                yield 0;
            }
        };
    }

    private long putCollection(Pending p, WriteBatch wb, CollectionDef def) throws RocksDBException {
        p.catalog = p.catalog.withCollection(def);
        wb.put(store.handle(Family.CATALOG), catalogKey("c/", def.name()), CatalogCodec.encode(def));
        return 1;
    }

    private long putUser(Pending p, WriteBatch wb, UserDef user) throws RocksDBException {
        p.catalog = p.catalog.withUser(user);
        wb.put(store.handle(Family.CATALOG), catalogKey("u/", user.name()), CatalogCodec.encode(user));
        return 1;
    }

    static CollectionDef requireDocumentCollection(Catalog catalog, String name) {
        CollectionDef def = catalog.require(name);
        if (def.kind() != CollectionKind.DOCUMENT && def.kind() != CollectionKind.STRICT) {
            throw new NodeDbException(SqlState.FEATURE_NOT_SUPPORTED, "collection \"" + name + "\" is of kind "
                    + def.kind().storedName() + "; documents can only be written to document collections");
        }
        return def;
    }

    private static byte[] catalogKey(String prefix, String name) {
        return (prefix + name).getBytes(StandardCharsets.UTF_8);
    }

    /** A read view at the current state; close it when done. */
    public DocumentReadView readView() {
        while (true) {
            Catalog c = catalog;
            long applied = store.appliedLsn();
            StateStore.View snapshot = store.snapshot();
            // The catalog was read first, so the snapshot holds every record up to the one that published it; if
            // no catalog change was in flight meanwhile and none was published, the pair describes one state.
            if (!catalogInFlight && catalog == c) {
                return new DocumentReadView(snapshot, c, null, applied, rowKeyBounds);
            }
            snapshot.close();
            // A change in flight lasts one RocksDB write, which for an index backfill can be long
            java.util.concurrent.locks.LockSupport.parkNanos(20_000);
        }
    }

    /** A view without a snapshot, for a statement that reads one document (see {@code StateStore#latest}). */
    public DocumentReadView singleReadView() {
        Catalog c = catalog;
        long applied = store.appliedLsn();
        return new DocumentReadView(store.latest(), c, () -> catalogInFlight || catalog != c, applied,
                rowKeyBounds);
    }

    @Override
    public void advanceTo(long lsn) {
        processedThrough = Math.max(processedThrough, lsn);
    }

    /**
     * Flushes RocksDB. The covered LSN is read before the flush starts: every record of this engine at or below
     * it was written to RocksDB before then, so the flush holds it.
     */
    @Override
    public long checkpoint() {
        long covered = processedThrough;
        store.flush();
        return covered;
    }

    @Override
    public void writeMetrics(PrometheusWriter out) {
        out.counter("nodedb_document_records_applied_total", "Document batches applied", appliedRecords.get());
        out.counter("nodedb_document_records_rejected_total", "Document batches rejected as a whole",
                rejectedRecords.get());
        out.counter("nodedb_document_writes_total", "Documents written", documentsWritten.get());
        out.counter("nodedb_document_id_reads_skipped_total", "Document writes applied without rereading an id "
                + "their writer had found absent (see KnownAbsent)", readsSkipped.get());
        out.counter("nodedb_document_reads_beyond_last_key_total", "Reads of a document id answered as absent "
                + "without RocksDB, because its key lies beyond the collection's largest", rowKeyBounds.answered());
        out.gauge("nodedb_catalog_collections", "Collections in the catalog", catalog.collections().size());
        out.gauge("nodedb_catalog_indexes", "Secondary indexes in the catalog", catalog.indexes().size());
        store.writeMetrics(out);
    }

    @Override
    public void close() {
        // the store is owned by the database, which closes it after every engine
        writeBatch.close();
    }
}
