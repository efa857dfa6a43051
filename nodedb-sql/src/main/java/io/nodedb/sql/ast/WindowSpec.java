package io.nodedb.sql.ast;

import java.util.List;

/**
 * {@code OVER (PARTITION BY ... ORDER BY ... frame)}; frame is null for the default. {@code ref} names a window of
 * the query's WINDOW clause this one starts from (null when none): {@code OVER w} ({@code bare}) uses it as it is,
 * {@code OVER (w ORDER BY ... frame)} refines it. {@code pos} is where the reference is, for its errors.
 */
public record WindowSpec(List<Expr> partitionBy, List<OrderItem> orderBy, Frame frame, String ref, boolean bare,
        int pos) {
    public WindowSpec {
        partitionBy = List.copyOf(partitionBy);
        orderBy = List.copyOf(orderBy);
    }

    public WindowSpec(List<Expr> partitionBy, List<OrderItem> orderBy, Frame frame) {
        this(partitionBy, orderBy, frame, null, false, 0);
    }

    /** A frame bound: kind is UNBOUNDED_PRECEDING, PRECEDING, CURRENT_ROW, FOLLOWING or UNBOUNDED_FOLLOWING. */
    public record Bound(String kind, long offset) {
    }

    public record Frame(boolean rows, Bound start, Bound end) {
    }

    /** A {@code WINDOW name AS (spec)} definition. */
    public record Named(String name, WindowSpec spec, int pos) {
    }
}
