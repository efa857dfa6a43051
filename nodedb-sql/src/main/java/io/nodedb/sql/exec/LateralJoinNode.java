package io.nodedb.sql.exec;

import io.nodedb.core.value.Value;
import io.nodedb.sql.expr.Eval;
import io.nodedb.sql.expr.SqlValues;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A join whose right input is a LATERAL subquery or function that reads the left row: the right plan runs again for
 * every left row, with that row pushed as its enclosing row. kind is CROSS, INNER or LEFT (a LEFT join keeps a left
 * row the right side gives no row for, padded with NULLs); {@code condition} (null: none) is checked on each pair.
 */
public record LateralJoinNode(String kind, PlanNode left, PlanNode right, int rightWidth, Eval condition,
        String text) implements PlanNode {
    @Override
    public Operator open(ExecContext ctx) {
        return new Operator(this, ctx) {
            private final Operator l = input(left);

            @Override
            protected List<Value[]> produce() {
                for (List<Value[]> batch = l.next(); batch != null; batch = l.next()) {
                    List<Value[]> out = new ArrayList<>();
                    for (Value[] lrow : batch) {
                        join(lrow, out);
                    }
                    if (!out.isEmpty()) {
                        return out;
                    }
                }
                return null;
            }

            private void join(Value[] lrow, List<Value[]> out) {
                List<Value[]> rows;
                ctx.pushOuter(lrow);
                try {
                    rows = drain(right.open(ctx));
                } finally {
                    ctx.popOuter();
                }
                boolean matched = false;
                for (Value[] rrow : rows) {
                    Value[] row = combine(lrow, rrow);
                    if (condition == null || Boolean.TRUE.equals(SqlValues.truth(condition.eval(row, ctx)))) {
                        out.add(row);
                        matched = true;
                    }
                }
                if (!matched && kind.equals("LEFT")) {
                    Value[] nulls = new Value[rightWidth];
                    Arrays.fill(nulls, Value.NULL);
                    out.add(combine(lrow, nulls));
                }
            }
        };
    }

    private static Value[] combine(Value[] a, Value[] b) {
        Value[] row = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, row, a.length, b.length);
        return row;
    }

    @Override
    public String describe() {
        return "Nested Loop " + (kind.equals("LEFT") ? "Left " : "") + "Lateral Join"
                + (text == null ? "" : " (" + text + ")");
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of(left, right);
    }
}
