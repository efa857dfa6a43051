package io.nodedb.core.catalog;

import io.nodedb.core.value.Value;

import java.util.List;

/**
 * A collection as the catalog knows it.
 *
 * @param id         stable internal id, used as the key prefix of the collection's rows; never reused
 * @param schemas    schema versions, oldest first; empty for schemaless collections
 * @param options    the {@code WITH (...)} options as given
 * @param createdLsn LSN of the record that created it
 */
public record CollectionDef(long id, String name, CollectionKind kind, List<SchemaVersion> schemas,
        Value.Obj options, long createdLsn) {

    public CollectionDef {
        schemas = List.copyOf(schemas);
    }

    /** The current schema, or null for a schemaless collection. */
    public SchemaVersion currentSchema() {
        return schemas.isEmpty() ? null : schemas.getLast();
    }
}
