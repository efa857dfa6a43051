package io.nodedb.sql;

import io.nodedb.core.value.ValueType;

/**
 * A result column. The type is {@link ValueType#NULL} when it is not fixed: a schemaless field whose documents
 * disagree, or an expression whose type depends on the data.
 */
public record ColumnInfo(String name, ValueType type) {
}
