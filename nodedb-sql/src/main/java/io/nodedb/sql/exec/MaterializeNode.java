package io.nodedb.sql.exec;

import io.nodedb.core.value.Value;

import java.util.List;

/** A CTE: its query runs once per execution and every reference reads the same rows. */
public record MaterializeNode(String name, Object key, PlanNode body) implements PlanNode {
    @Override
    public Operator open(ExecContext ctx) {
        return Operator.materializing(this, ctx, op -> {
            List<Value[]> rows = ctx.materialized().get(key);
            if (rows == null) {
                rows = Operator.drain(op.input(body));
                ctx.materialized().put(key, rows);
            }
            return rows;
        });
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
