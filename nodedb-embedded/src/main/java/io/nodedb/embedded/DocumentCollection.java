package io.nodedb.embedded;

import io.nodedb.core.db.Database;
import io.nodedb.core.document.Mutation;
import io.nodedb.core.value.Value;

import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Typed document access to one collection. Ids are strings, longs, UUIDs or byte arrays.
 */
public final class DocumentCollection {
    private final Database database;
    private final String name;

    DocumentCollection(Database database, String name) {
        this.database = database;
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Writes the document, replacing any with the same id. */
    public void put(Object id, Document document) {
        write(id, document, Mutation.WriteMode.UPSERT);
    }

    /** Writes a new document; fails with SQLSTATE 23505 if the id exists. */
    public void insert(Object id, Document document) {
        write(id, document, Mutation.WriteMode.INSERT);
    }

    private void write(Object id, Document document, Mutation.WriteMode mode) {
        database.submit(List.of(new Mutation.PutDocument(name, Value.of(id), document.value(), mode)));
    }

    public Optional<Document> get(Object id) {
        Value.Obj v = database.get(name, Value.of(id));
        return v == null ? Optional.empty() : Optional.of(new Document(v));
    }

    /** Deletes the document; returns false if there was none. */
    public boolean delete(Object id) {
        return database.submit(List.of(new Mutation.DeleteDocument(name, Value.of(id)))).affected().getFirst() > 0;
    }

    /** Visits every document in id order. */
    public void forEach(BiConsumer<Value, Document> visitor) {
        database.scan(name, (id, doc) -> visitor.accept(id, new Document(doc)));
    }

    public long count() {
        long[] n = {0};
        database.scan(name, (id, doc) -> n[0]++);
        return n[0];
    }
}
