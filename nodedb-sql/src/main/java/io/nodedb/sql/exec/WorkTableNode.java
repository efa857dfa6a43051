package io.nodedb.sql.exec;

import io.nodedb.core.value.Value;

import java.util.List;

/** The previous iteration's rows, read by the recursive term of WITH RECURSIVE. */
public record WorkTableNode(String name, Object key) implements PlanNode {
    @Override
    public Operator open(ExecContext ctx) {
        return new Operator(this, ctx) {
            private final int[] cursor = {0};

            @Override
            protected List<Value[]> produce() {
                return slice(ctx.materialized().getOrDefault(key, List.of()), cursor);
            }
        };
    }

    @Override
    public String describe() {
        return "WorkTable Scan on " + name;
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of();
    }
}
