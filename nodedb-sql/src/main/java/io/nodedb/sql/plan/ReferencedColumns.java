package io.nodedb.sql.plan;

import io.nodedb.sql.ast.Expr;
import io.nodedb.sql.ast.OrderItem;
import io.nodedb.sql.ast.Query;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The names a SELECT over one table can read columns by, found by walking its syntax, so that a scan decodes only
 * those columns. Every part of every name counts (a qualifier or a document field as well as a column: reading a
 * column too many costs time, one too few would be wrong), compared without case. The answer is "any column"
 * (null) whenever the syntax alone cannot tell: a star, or a subquery, whose correlated references reach the
 * table's row from a plan of its own.
 */
final class ReferencedColumns {
    private final Set<String> names = new HashSet<>();
    private boolean unknown;

    private ReferencedColumns() {
    }

    /** Lower-cased names the statement may read columns by, or null when it may read any column. */
    static Set<String> of(Query.Select s, List<OrderItem> orderBy) {
        ReferencedColumns r = new ReferencedColumns();
        for (Query.SelectItem item : s.items()) {
            r.walk(item.expr());
        }
        r.walk(s.where());
        s.groupBy().forEach(r::walk);
        if (s.groupingSets() != null) {
            s.groupingSets().forEach(set -> set.forEach(r::walk));
        }
        r.walk(s.having());
        orderBy.forEach(o -> r.walk(o.expr()));
        for (var w : s.windows()) {
            w.spec().partitionBy().forEach(r::walk);
            w.spec().orderBy().forEach(o -> r.walk(o.expr()));
        }
        return r.unknown ? null : r.names;
    }

    /** Whether the column's values can be left unread. */
    static boolean unused(Set<String> referenced, String column) {
        return referenced != null && !referenced.contains(column.toLowerCase(Locale.ROOT));
    }

    private void walk(Expr e) {
        if (e == null || unknown) {
            return;
        }
        switch (e) {
            case Expr.Literal l -> {
            }
            case Expr.Param p -> {
            }
            case Expr.Interval i -> {
            }
            case Expr.Name n -> n.parts().forEach(part -> names.add(part.toLowerCase(Locale.ROOT)));
            case Expr.Star s -> unknown = true;
            case Expr.InQuery q -> unknown = true;
            case Expr.Exists x -> unknown = true;
            case Expr.ScalarQuery q -> unknown = true;
            case Expr.Quantified q -> unknown = true;
            case Expr.Unary u -> walk(u.operand());
            case Expr.Binary b -> {
                walk(b.left());
                walk(b.right());
            }
            case Expr.Call c -> {
                c.args().forEach(this::walk);
                walk(c.filter());
                c.orderBy().forEach(o -> walk(o.expr()));
                if (c.over() != null) {
                    c.over().partitionBy().forEach(this::walk);
                    c.over().orderBy().forEach(o -> walk(o.expr()));
                }
            }
            case Expr.Case c -> {
                walk(c.operand());
                c.whens().forEach(this::walk);
                c.thens().forEach(this::walk);
                walk(c.otherwise());
            }
            case Expr.Cast c -> walk(c.operand());
            case Expr.InList i -> {
                walk(i.operand());
                i.items().forEach(this::walk);
            }
            case Expr.Between b -> {
                walk(b.operand());
                walk(b.low());
                walk(b.high());
            }
            case Expr.Like l -> {
                walk(l.operand());
                walk(l.pattern());
            }
            case Expr.Is i -> walk(i.operand());
            case Expr.IsDistinct d -> {
                walk(d.left());
                walk(d.right());
            }
            case Expr.ArrayLit a -> a.items().forEach(this::walk);
            case Expr.ObjectLit o -> o.values().forEach(this::walk);
            case Expr.Subscript s -> {
                walk(s.operand());
                walk(s.index());
            }
            // A kind of expression added later is not known to be free of column references.
            default -> unknown = true;
        }
    }
}
