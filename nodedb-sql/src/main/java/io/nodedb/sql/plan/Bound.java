package io.nodedb.sql.plan;

import io.nodedb.core.value.ValueType;
import io.nodedb.sql.expr.Eval;

/** A compiled expression and its static type; type is null when only known at run time (schemaless fields). */
public record Bound(Eval eval, ValueType type) {
}
