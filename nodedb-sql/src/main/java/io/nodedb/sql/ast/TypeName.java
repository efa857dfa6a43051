package io.nodedb.sql.ast;

import io.nodedb.core.value.ValueType;

/** A SQL type as written; {@code name} is normalised (BIGINT, TEXT, VECTOR(3), ...). */
public record TypeName(ValueType base, String name, int dimension) {
}
