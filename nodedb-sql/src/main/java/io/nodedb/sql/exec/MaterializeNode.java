package io.nodedb.sql.exec;

import io.nodedb.core.value.Value;

import java.util.List;

/** A CTE: its query runs once per execution and every reference reads the same rows. */
public record MaterializeNode(String name, Object key, PlanNode body) implements PlanNode {
    @Override
    public Operator open(ExecContext ctx) {
        return new Operator(this, ctx) {
            private List<Value[]> rows;
            private final int[] cursor = {0};

            @Override
            protected List<Value[]> produce() {
                if (rows == null) {
                    rows = ctx.materialized().get(key);
                    if (rows == null) {
                        rows = drain(input(body));
                        ctx.materialized().put(key, rows);
                    }
                }
                return slice(rows, cursor);
            }
        };
    }

    @Override
    public String describe() {
        return "CTE Scan on " + name;
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of(body);
    }
}
