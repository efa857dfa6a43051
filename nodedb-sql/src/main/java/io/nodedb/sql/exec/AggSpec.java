package io.nodedb.sql.exec;

import io.nodedb.sql.expr.Eval;

import java.util.List;

/**
 * One aggregate call: function name, argument evaluators over the input row, DISTINCT, FILTER and an ORDER BY
 * inside the call (for STRING_AGG / ARRAY_AGG).
 */
public record AggSpec(String name, List<Eval> args, boolean distinct, boolean star, Eval filter,
        List<Eval> orderKeys, boolean[] descending, boolean[] nullsFirst) {
    public AggSpec {
        args = List.copyOf(args);
        orderKeys = List.copyOf(orderKeys);
    }
}
