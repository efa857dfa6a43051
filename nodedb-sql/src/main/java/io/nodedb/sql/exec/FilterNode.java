package io.nodedb.sql.exec;

import io.nodedb.core.value.Value;
import io.nodedb.sql.expr.Eval;
import io.nodedb.sql.expr.SqlValues;

import java.util.ArrayList;
import java.util.List;

/** Keeps the rows for which the condition is TRUE (not FALSE, not NULL). */
public record FilterNode(PlanNode input, Eval condition, String text) implements PlanNode {
    @Override
    public Operator open(ExecContext ctx) {
        return new Operator(this, ctx) {
            private final Operator in = input(input);

            @Override
            protected List<Value[]> produce() {
                for (List<Value[]> batch = in.next(); batch != null; batch = in.next()) {
                    List<Value[]> out = new ArrayList<>(batch.size());
                    for (Value[] row : batch) {
                        if (Boolean.TRUE.equals(SqlValues.truth(condition.eval(row, ctx)))) {
                            out.add(row);
                        }
                    }
                    if (!out.isEmpty()) {
                        return out;
                    }
                }
                return null;
            }
        };
    }

    @Override
    public String describe() {
        return "Filter (" + text + ")";
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of(input);
    }
}
