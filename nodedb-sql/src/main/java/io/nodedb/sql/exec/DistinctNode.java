package io.nodedb.sql.exec;

import io.nodedb.core.value.Value;
import io.nodedb.sql.expr.SqlValues;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Drops rows equal (NULLs equal, 1 = 1.0) to an earlier one, keeping the first. */
public record DistinctNode(PlanNode input) implements PlanNode {
    @Override
    public Operator open(ExecContext ctx) {
        return new Operator(this, ctx) {
            private final Operator in = input(input);
            private final Set<SqlValues.Key> seen = new HashSet<>();

            @Override
            protected List<Value[]> produce() {
                for (List<Value[]> batch = in.next(); batch != null; batch = in.next()) {
                    List<Value[]> out = new ArrayList<>();
                    for (Value[] row : batch) {
                        if (seen.add(SqlValues.Key.of(row))) {
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
        return "Distinct";
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of(input);
    }
}
