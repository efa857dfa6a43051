package io.nodedb.sql.ast;

import java.util.List;

/** {@code OVER (PARTITION BY ... ORDER BY ... frame)}; frame is null for the default. */
public record WindowSpec(List<Expr> partitionBy, List<OrderItem> orderBy, Frame frame) {
    public WindowSpec {
        partitionBy = List.copyOf(partitionBy);
        orderBy = List.copyOf(orderBy);
    }

    /** A frame bound: kind is UNBOUNDED_PRECEDING, PRECEDING, CURRENT_ROW, FOLLOWING or UNBOUNDED_FOLLOWING. */
    public record Bound(String kind, long offset) {
    }

    public record Frame(boolean rows, Bound start, Bound end) {
    }
}
