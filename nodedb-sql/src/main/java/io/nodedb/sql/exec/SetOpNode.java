package io.nodedb.sql.exec;

import io.nodedb.core.value.Value;
import io.nodedb.sql.expr.SqlValues;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** UNION, INTERSECT and EXCEPT, with or without ALL (multiset semantics), NULLs comparing equal. */
public record SetOpNode(String op, boolean all, PlanNode left, PlanNode right) implements PlanNode {
    @Override
    public Operator open(ExecContext ctx) {
        return new Operator(this, ctx) {
            private final Operator l = input(left);
            private final Operator r = input(right);
            private List<Value[]> result;
            private final int[] cursor = {0};

            @Override
            protected List<Value[]> produce() {
                if (result == null) {
                    result = compute(drain(l), drain(r));
                }
                return slice(result, cursor);
            }
        };
    }

    private List<Value[]> compute(List<Value[]> a, List<Value[]> b) {
        List<Value[]> out = new ArrayList<>();
        if (op.equals("UNION")) {
            if (all) {
                out.addAll(a);
                out.addAll(b);
                return out;
            }
            Map<SqlValues.Key, Value[]> seen = new LinkedHashMap<>();
            a.forEach(row -> seen.putIfAbsent(SqlValues.Key.of(row), row));
            b.forEach(row -> seen.putIfAbsent(SqlValues.Key.of(row), row));
            return new ArrayList<>(seen.values());
        }
        Map<SqlValues.Key, Integer> counts = new HashMap<>();
        b.forEach(row -> counts.merge(SqlValues.Key.of(row), 1, Integer::sum));
        Map<SqlValues.Key, Boolean> emitted = new HashMap<>();
        boolean intersect = op.equals("INTERSECT");
        for (Value[] row : a) {
            SqlValues.Key k = SqlValues.Key.of(row);
            int c = counts.getOrDefault(k, 0);
            if (all) {
                if (intersect == c > 0) {
                    out.add(row);
                }
                if (c > 0) {
                    counts.put(k, c - 1);
                }
            } else if (intersect == c > 0 && emitted.putIfAbsent(k, true) == null) {
                out.add(row);
            }
        }
        return out;
    }

    @Override
    public String describe() {
        return op.charAt(0) + op.substring(1).toLowerCase(java.util.Locale.ROOT) + (all ? " All" : "");
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of(left, right);
    }
}
