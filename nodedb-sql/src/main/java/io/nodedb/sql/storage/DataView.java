package io.nodedb.sql.storage;

import io.nodedb.core.catalog.Catalog;
import io.nodedb.core.catalog.CollectionDef;
import io.nodedb.core.catalog.CollectionKind;
import io.nodedb.core.kv.KvEngine;
import io.nodedb.core.kv.KvEntry;
import io.nodedb.core.kv.KvScanPage;
import io.nodedb.core.kv.KvValue;
import io.nodedb.core.document.DocumentCursor;
import io.nodedb.core.document.DocumentReadView;
import io.nodedb.core.document.Mutation;
import io.nodedb.core.document.RowCursor;
import io.nodedb.core.document.VersionedDocument;
import io.nodedb.core.value.Value;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a statement reads: the committed documents as of one snapshot, with the transaction's and then the
 * statement's own pending writes laid over them. An index a transaction created has no entries in the snapshot
 * yet, so reads through it scan the collection instead (every index read's caller re-checks its condition).
 */
public final class DataView {
    private final DocumentReadView snapshot;
    private final List<WriteSet> overlays;
    private final io.nodedb.core.db.Database db;
    private final KvEngine kv;
    /** The time KV reads count remaining TTLs from: the database clock at the view's first KV read. */
    private long kvNowMicros;
    private boolean kvClockRead;
    private final Map<String, TableInfo> kvTables = new HashMap<>();

    public DataView(DocumentReadView snapshot, List<WriteSet> overlays) {
        this(snapshot, overlays, null);
    }

    /**
     * @param db where KEY_VALUE collections are read and atomics written (null: they read as empty)
     */
    public DataView(DocumentReadView snapshot, List<WriteSet> overlays, io.nodedb.core.db.Database db) {
        this.snapshot = snapshot;
        this.overlays = List.copyOf(overlays);
        this.db = db;
        this.kv = db == null ? null : db.kv();
    }

    /** Read once per view, and only by views that read KV collections (most statements never do). */
    private long kvNowMicros() {
        if (!kvClockRead) {
            kvNowMicros = db.clockMicros();
            kvClockRead = true;
        }
        return kvNowMicros;
    }

    /** The database, for the KV atomics (which write at once, outside any transaction); null in tests. */
    public io.nodedb.core.db.Database database() {
        return db;
    }

    /** The KV collection's table, or null if the collection is not a KV collection. */
    private TableInfo kvTable(String collection) {
        TableInfo t = kvTables.get(collection);
        if (t == null) {
            CollectionDef def = snapshot.catalog().find(collection);
            if (def == null || def.kind() != CollectionKind.KEY_VALUE) {
                return null;
            }
            t = new TableInfo(def);
            kvTables.put(collection, t);
        }
        return t;
    }

    private Value.Obj kvGet(TableInfo t, Value id) {
        if (kv == null || !kv.exists(t.name())) {
            return null;
        }
        KvValue v = kv.get(t.name(), KvRows.keyBytes(id));
        return v == null ? null : KvRows.readForm(t, id, v.value(), v.expireAtMicros(), kvNowMicros());
    }

    /** Entries whose indexed field equals the value; every entry if the engine lacks the index (see Ddl). */
    private List<Map.Entry<Value, Value.Obj>> kvLookup(TableInfo t, String index, Value value) {
        if (kv == null || !kv.exists(t.name())) {
            return new ArrayList<>();
        }
        List<KvEntry> hits;
        try {
            hits = kv.lookup(t.name(), index, value);
        } catch (io.nodedb.core.error.NodeDbException e) {
            if (e.state() != io.nodedb.core.error.SqlState.UNDEFINED_OBJECT) {
                throw e;
            }
            return kvScan(t);
        }
        io.nodedb.core.value.ValueType keyType = t.columns().get(t.pkIndex()).type().base();
        List<Map.Entry<Value, Value.Obj>> out = new ArrayList<>(hits.size());
        for (KvEntry e : hits) {
            Value id = KvRows.keyValue(e.key(), keyType);
            if (id != null) {
                out.add(Map.entry(id, KvRows.readForm(t, id, e.value(), e.expireAtMicros(), kvNowMicros())));
            }
        }
        return out;
    }

    /**
     * Every live entry of a KV collection, in hash order (a KV collection has no key order). Each read of a page is
     * atomic; a scan running next to writes sees every key present throughout it exactly once.
     */
    private List<Map.Entry<Value, Value.Obj>> kvScan(TableInfo t) {
        List<Map.Entry<Value, Value.Obj>> out = new ArrayList<>();
        if (kv == null || !kv.exists(t.name())) {
            return out;
        }
        io.nodedb.core.value.ValueType keyType = t.columns().get(t.pkIndex()).type().base();
        long cursor = 0;
        do {
            KvScanPage page = kv.scan(t.name(), cursor, null, 1024);
            for (KvEntry e : page.entries()) {
                Value id = KvRows.keyValue(e.key(), keyType);
                if (id != null) {
                    out.add(Map.entry(id, KvRows.readForm(t, id, e.value(), e.expireAtMicros(), kvNowMicros())));
                }
            }
            cursor = page.nextCursor();
        } while (cursor != 0);
        return out;
    }

    public Catalog catalog() {
        return snapshot.catalog();
    }

    /** The stored document with this id, or null. */
    public Value.Obj get(String collection, Value id) {
        for (int i = overlays.size() - 1; i >= 0; i--) {
            TreeMap<Value, Value.Obj> images = overlays.get(i).images(collection);
            if (images != null && images.containsKey(id)) {
                return images.get(id);
            }
        }
        TableInfo t = kvTable(collection);
        if (t != null) {
            return kvGet(t, id);
        }
        VersionedDocument d = snapshot.get(collection, id);
        return d == null ? null : d.document();
    }

    /**
     * For an id {@link #get} just found in no document: the store's applied LSN as of which the committed state
     * lacked it (see {@link io.nodedb.core.document.KnownAbsent}), or -1 when that is not known (the answer came
     * from pending writes, a key-value collection, or a view read through a transaction's own catalog).
     */
    public long absentAsOf(String collection, Value id) {
        for (WriteSet w : overlays) {
            TreeMap<Value, Value.Obj> images = w.images(collection);
            if (images != null && images.containsKey(id)) {
                return -1;
            }
        }
        return kvTable(collection) != null ? -1 : snapshot.appliedLsnAtOpen();
    }

    /**
     * The row of the table with this id, or null: decoded straight from its tuple when nothing is pending over the
     * table and the schema is the one it was planned with, else from its document.
     */
    public Value[] getRow(TableInfo table, Value id) {
        if (table.strict() && !table.kv() && !hasPendingWrites(table.name())
                && snapshot.readsRowsAs(table.name(), table.def().currentSchema())) {
            Value[] row = new Value[table.width()];
            return snapshot.getRow(table.name(), id, row) ? table.complete(row, id) : null;
        }
        Value.Obj doc = get(table.name(), id);
        return doc == null ? null : table.decode(id, doc);
    }

    /**
     * The version a write of this id must find at commit for no concurrent writer to have intervened: the snapshot's
     * version (or {@link Mutation#ABSENT}); {@link Mutation#ANY_VERSION} once this transaction wrote the id itself,
     * because the check then already rides on that earlier write.
     */
    public long expectedVersion(String collection, Value id) {
        for (WriteSet w : overlays) {
            TreeMap<Value, Value.Obj> images = w.images(collection);
            if (images != null && images.containsKey(id)) {
                return Mutation.ANY_VERSION;
            }
        }
        if (kvTable(collection) != null) {
            // The KV engine keeps no versions: its writes are last-writer-wins.
            return Mutation.ANY_VERSION;
        }
        VersionedDocument d = snapshot.get(collection, id);
        return d == null ? Mutation.ABSENT : d.version();
    }

    /** Whether the transaction or the statement has writes to the collection not yet committed. */
    public boolean hasPendingWrites(String collection) {
        for (WriteSet w : overlays) {
            if (w.images(collection) != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * Every document of the collection in id order, read as the caller pulls: straight from the snapshot when
     * nothing is pending, else from {@link #scan}. Close it when stopping early; the statement's end closes it too.
     */
    public DocumentCursor cursor(String collection) {
        if (!hasPendingWrites(collection) && kvTable(collection) == null) {
            return snapshot.scan(collection);
        }
        var entries = scan(collection).iterator();
        return new DocumentCursor() {
            @Override
            public VersionedDocument next() {
                if (!entries.hasNext()) {
                    return null;
                }
                Map.Entry<Value, Value.Obj> e = entries.next();
                return new VersionedDocument(e.getKey(), e.getValue(), Mutation.ANY_VERSION);
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * The rows of a strict collection decoded column by column (see {@link RowCursor}), or null when they cannot be
     * read that way: pending writes to lay over, a key-value collection, or a schema that changed since the table
     * was planned. Close it when stopping early; the statement's end closes it too.
     */
    public RowCursor rows(TableInfo table, boolean[] wanted) {
        if (!table.strict() || table.kv() || hasPendingWrites(table.name())) {
            return null;
        }
        return snapshot.scanRows(table.name(), table.def().currentSchema(), wanted);
    }

    /**
     * {@link #rows} limited to the rows of a composite primary key whose encoded keys (see
     * {@link TableInfo#compositeId}) lie from {@code from} (inclusive) to {@code to} (exclusive; null: no end);
     * null when {@link #rows} would be.
     */
    public RowCursor rowsInKeyRange(TableInfo table, boolean[] wanted, byte[] from, byte[] to) {
        if (!table.strict() || table.kv() || hasPendingWrites(table.name())) {
            return null;
        }
        return snapshot.scanRowsInIdRange(table.name(), table.def().currentSchema(), wanted, from, to);
    }

    /** Every document of the collection in id order, as (id, document) entries. */
    public List<Map.Entry<Value, Value.Obj>> scan(String collection) {
        TableInfo t = kvTable(collection);
        if (t != null) {
            return overlaid(collection, kvScan(t));
        }
        List<Map.Entry<Value, Value.Obj>> out = new ArrayList<>();
        try (DocumentCursor c = snapshot.scan(collection)) {
            for (VersionedDocument d = c.next(); d != null; d = c.next()) {
                out.add(Map.entry(d.id(), d.document()));
            }
        }
        return overlaid(collection, out);
    }

    /**
     * Rows of the table whose index fields equal the values, plus every pending row (callers re-check the
     * condition); decoded straight from their tuples when nothing is pending and the schema is the planned one.
     */
    public List<Value[]> indexRows(TableInfo table, String index, List<Value> values) {
        RowCursor cursor = table.strict() && !table.kv() && !hasPendingWrites(table.name())
                && snapshot.hasEntries(index) ? snapshot.indexRows(index, values, table.def().currentSchema()) : null;
        List<Value[]> out = new ArrayList<>();
        if (cursor == null) {
            for (Map.Entry<Value, Value.Obj> e : indexScan(table.name(), index, values)) {
                out.add(table.decode(e.getKey(), e.getValue()));
            }
            return out;
        }
        try (cursor) {
            for (Value[] row = new Value[table.width()]; cursor.next(row); row = new Value[table.width()]) {
                out.add(table.complete(row, cursor.id()));
            }
        }
        return out;
    }

    /** Documents whose index fields equal the values, plus every pending document (callers re-check the condition). */
    public List<Map.Entry<Value, Value.Obj>> indexScan(String collection, String index, List<Value> values) {
        TableInfo t = kvTable(collection);
        if (t != null) {
            return overlaid(collection, kvLookup(t, index, values.getFirst()));
        }
        if (!snapshot.hasEntries(index)) {
            return scan(collection);
        }
        List<Map.Entry<Value, Value.Obj>> out = new ArrayList<>();
        try (DocumentCursor c = snapshot.indexScan(index, values)) {
            for (VersionedDocument d = c.next(); d != null; d = c.next()) {
                out.add(Map.entry(d.id(), d.document()));
            }
        }
        return overlaid(collection, out);
    }

    /**
     * Documents whose first index field lies between the bounds (null = open), plus every pending document
     * (callers re-check the condition).
     */
    public List<Map.Entry<Value, Value.Obj>> indexRange(String collection, String index, Value low,
            boolean lowInclusive, Value high, boolean highInclusive) {
        if (!snapshot.hasEntries(index)) {
            return scan(collection);
        }
        List<Map.Entry<Value, Value.Obj>> out = new ArrayList<>();
        try (DocumentCursor c = snapshot.indexRange(index, low, lowInclusive, high, highInclusive)) {
            for (VersionedDocument d = c.next(); d != null; d = c.next()) {
                out.add(Map.entry(d.id(), d.document()));
            }
        }
        return overlaid(collection, out);
    }

    private List<Map.Entry<Value, Value.Obj>> overlaid(String collection, List<Map.Entry<Value, Value.Obj>> base) {
        if (!hasPendingWrites(collection)) {
            return base;
        }
        TreeMap<Value, Value.Obj> merged = new TreeMap<>(IdOrder.INSTANCE);
        for (Map.Entry<Value, Value.Obj> e : base) {
            merged.put(e.getKey(), e.getValue());
        }
        for (WriteSet w : overlays) {
            TreeMap<Value, Value.Obj> images = w.images(collection);
            if (images != null) {
                for (Map.Entry<Value, Value.Obj> e : images.entrySet()) {
                    if (e.getValue() == null) {
                        merged.remove(e.getKey());
                    } else {
                        merged.put(e.getKey(), e.getValue());
                    }
                }
            }
        }
        List<Map.Entry<Value, Value.Obj>> out = new ArrayList<>(merged.size());
        merged.forEach((k, v) -> out.add(Map.entry(k, v)));
        return out;
    }
}
