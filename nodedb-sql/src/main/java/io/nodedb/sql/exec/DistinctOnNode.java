package io.nodedb.sql.exec;

import io.nodedb.core.value.Value;
import io.nodedb.sql.expr.SqlValues;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code DISTINCT ON (...)} over rows sorted so that equal keys are adjacent: keeps the first row of each run of
 * rows whose key columns are equal (NULLs equal, as DISTINCT compares), streaming.
 */
public record DistinctOnNode(PlanNode input, int[] keySlots, String keyText) implements PlanNode {
    @Override
    public Operator open(ExecContext ctx) {
        return new Operator(this, ctx) {
            private final Operator in = input(input);
            private Value[] previous;

            @Override
            protected List<Value[]> produce() {
                for (List<Value[]> batch = in.next(); batch != null; batch = in.next()) {
                    List<Value[]> out = new ArrayList<>();
                    for (Value[] row : batch) {
                        if (previous == null || !sameKey(previous, row)) {
                            out.add(row);
                        }
                        previous = row;
                    }
                    if (!out.isEmpty()) {
                        return out;
                    }
                }
                return null;
            }
        };
    }

    private boolean sameKey(Value[] a, Value[] b) {
        for (int slot : keySlots) {
            if (!SqlValues.notDistinct(a[slot], b[slot])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String describe() {
        return "Distinct On (" + keyText + ")";
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of(input);
    }
}
