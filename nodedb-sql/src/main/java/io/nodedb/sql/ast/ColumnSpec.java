package io.nodedb.sql.ast;

/**
 * A column in CREATE or ALTER ADD COLUMN. The DEFAULT is kept both parsed and as its source text, which is what
 * the catalog stores.
 */
public record ColumnSpec(String name, TypeName type, boolean notNull, boolean primaryKey, Expr defaultExpr,
        String defaultSql, int pos) {
}
