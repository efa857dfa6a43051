package io.nodedb.core.catalog;

import java.util.Objects;

/**
 * A declared column of a strict collection (or a typed field of another kind).
 *
 * @param id           stable column id within the collection, assigned by the catalog (pass 0 for a new column;
 *                     keep the id of an existing column across ALTER, which is how a renamed column keeps its data)
 * @param type         the SQL type as written in DDL, normalised to upper case (e.g. {@code BIGINT}, {@code VECTOR(3)})
 * @param defaultSql   the DEFAULT expression as SQL text, evaluated when a row is written; null when none
 */
public record ColumnDef(int id, String name, String type, boolean nullable, boolean primaryKey, String defaultSql) {
    public ColumnDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    /** A new column; the catalog assigns its id. */
    public ColumnDef(String name, String type, boolean nullable, boolean primaryKey, String defaultSql) {
        this(0, name, type, nullable, primaryKey, defaultSql);
    }

    public ColumnDef withId(int newId) {
        return new ColumnDef(newId, name, type, nullable, primaryKey, defaultSql);
    }

    public ColumnDef withName(String newName) {
        return new ColumnDef(id, newName, type, nullable, primaryKey, defaultSql);
    }
}
