package io.nodedb.sql.ast;

import io.nodedb.core.value.Value;
import io.nodedb.sql.expr.SqlValues;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Canonical SQL text of an expression, without positions. Two expressions that print the same are the same
 * expression, which is how GROUP BY items are matched in the select list; EXPLAIN shows conditions this way.
 */
public final class ExprPrinter {
    private ExprPrinter() {
    }

    public static String print(Expr e) {
        return switch (e) {
            case Expr.Literal l -> literal(l.value());
            case Expr.Param p -> "$" + p.index();
            case Expr.Name n -> String.join(".", n.parts());
            case Expr.Star s -> s.qualifier() == null ? "*" : s.qualifier() + ".*";
            case Expr.Unary u -> u.op().equals("NOT") ? "NOT " + print(u.operand()) : u.op() + print(u.operand());
            case Expr.Binary b -> "(" + print(b.left()) + " " + b.op() + " " + print(b.right()) + ")";
            case Expr.Call c -> c.name() + "(" + (c.distinct() ? "DISTINCT " : "") + (c.star() ? "*" : list(c.args()))
                    + (c.orderBy().isEmpty() ? "" : " ORDER BY " + orderList(c.orderBy())) + ")"
                    + (c.filter() == null ? "" : " FILTER (WHERE " + print(c.filter()) + ")")
                    + (c.over() == null ? "" : c.over().bare() ? " OVER " + c.over().ref()
                            : " OVER (" + window(c.over()) + ")");
            case Expr.Case c -> {
                StringBuilder b = new StringBuilder("CASE");
                if (c.operand() != null) {
                    b.append(' ').append(print(c.operand()));
                }
                for (int i = 0; i < c.whens().size(); i++) {
                    b.append(" WHEN ").append(print(c.whens().get(i))).append(" THEN ").append(print(c.thens().get(i)));
                }
                if (c.otherwise() != null) {
                    b.append(" ELSE ").append(print(c.otherwise()));
                }
                yield b.append(" END").toString();
            }
            case Expr.Cast c -> "CAST(" + print(c.operand()) + " AS " + c.type().name() + ")";
            case Expr.InList i -> print(i.operand()) + (i.negated() ? " NOT IN (" : " IN (") + list(i.items()) + ")";
            case Expr.InQuery i -> print(i.operand()) + (i.negated() ? " NOT IN (subquery)" : " IN (subquery)");
            case Expr.Exists x -> "EXISTS (subquery)";
            case Expr.ScalarQuery q -> "(subquery)";
            case Expr.Quantified q -> print(q.operand()) + " " + q.op() + (q.all() ? " ALL" : " ANY") + " (subquery)";
            case Expr.Between b -> print(b.operand()) + (b.negated() ? " NOT BETWEEN " : " BETWEEN ")
                    + print(b.low()) + " AND " + print(b.high());
            case Expr.Like l -> print(l.operand()) + (l.negated() ? " NOT" : "") + (l.caseInsensitive() ? " ILIKE "
                    : " LIKE ") + print(l.pattern());
            case Expr.Is i -> print(i.operand()) + " IS " + (i.negated() ? "NOT " : "") + i.what();
            case Expr.IsDistinct d -> print(d.left()) + " IS " + (d.negated() ? "NOT " : "") + "DISTINCT FROM "
                    + print(d.right());
            case Expr.ArrayLit a -> "[" + list(a.items()) + "]";
            case Expr.ObjectLit o -> {
                StringBuilder b = new StringBuilder("{");
                for (int i = 0; i < o.keys().size(); i++) {
                    b.append(i == 0 ? "" : ", ").append(o.keys().get(i)).append(": ").append(print(o.values().get(i)));
                }
                yield b.append('}').toString();
            }
            case Expr.Subscript s -> print(s.operand()) + "[" + print(s.index()) + "]";
            case Expr.Interval i -> "INTERVAL '" + i.value().toText() + "'";
        };
    }

    /** Like {@link #print} without the parentheses around a top-level operator, for EXPLAIN. */
    public static String printTop(Expr e) {
        String s = print(e);
        return e instanceof Expr.Binary && s.startsWith("(") && s.endsWith(")") ? s.substring(1, s.length() - 1) : s;
    }

    private static String literal(Value v) {
        return switch (v) {
            case Value.Str s -> "'" + s.value().replace("'", "''") + "'";
            case Value.Null n -> "NULL";
            default -> SqlValues.display(v);
        };
    }

    private static String list(List<Expr> items) {
        return items.stream().map(ExprPrinter::print).collect(Collectors.joining(", "));
    }

    private static String orderList(List<OrderItem> items) {
        return items.stream().map(o -> print(o.expr()) + (o.descending() ? " DESC" : "")
                + (o.nullsFirst() == null ? "" : o.nullsFirst() ? " NULLS FIRST" : " NULLS LAST"))
                .collect(Collectors.joining(", "));
    }

    private static String window(WindowSpec w) {
        String p = w.partitionBy().isEmpty() ? "" : "PARTITION BY " + list(w.partitionBy());
        String o = w.orderBy().isEmpty() ? "" : "ORDER BY " + orderList(w.orderBy());
        String f = w.frame() == null ? "" : (w.frame().rows() ? "ROWS " : "RANGE ") + w.frame().start() + " "
                + w.frame().end();
        String r = w.ref() == null ? "" : w.ref();
        return String.join(" ", List.of(r, p, o, f).stream().filter(s -> !s.isEmpty()).toList());
    }
}
