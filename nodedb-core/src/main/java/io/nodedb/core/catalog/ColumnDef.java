package io.nodedb.core.catalog;

import java.util.Objects;

/**
 * A declared column of a strict collection (or a typed field of another kind).
 *
 * @param type         the SQL type as written in DDL, normalised to upper case (e.g. {@code BIGINT}, {@code VECTOR(3)})
 * @param defaultSql   the DEFAULT expression as SQL text, evaluated when a row is written; null when none
 */
public record ColumnDef(String name, String type, boolean nullable, boolean primaryKey, String defaultSql) {
    public ColumnDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
