package io.nodedb.sql.expr;

import io.nodedb.core.value.Value;
import io.nodedb.sql.exec.ExecContext;

/**
 * A compiled expression: built once per plan by the binder, then called per row with no parsing, lookup or
 * reflection. Implementations are small lambdas that capture their already-compiled operands.
 */
@FunctionalInterface
public interface Eval {
    Value eval(Value[] row, ExecContext ctx);
}
