package io.nodedb.sql.system;

import io.nodedb.core.value.Value;
import io.nodedb.sql.exec.ExecContext;
import io.nodedb.sql.exec.Operator;
import io.nodedb.sql.exec.PlanNode;

import java.util.List;

/** Scans a system table: computes its rows from the statement's catalog snapshot, then hands them out in batches. */
public record SystemScanNode(SystemTable table) implements PlanNode {
    @Override
    public Operator open(ExecContext ctx) {
        return new Operator(this, ctx) {
            private List<Value[]> rows;
            private int at;

            @Override
            protected List<Value[]> produce() {
                if (rows == null) {
                    rows = table.rows().apply(new SystemContext(ctx.data().catalog(), ctx.session()));
                }
                if (at >= rows.size()) {
                    return null;
                }
                int end = Math.min(rows.size(), at + BATCH);
                List<Value[]> batch = new java.util.ArrayList<>(rows.subList(at, end));
                at = end;
                return batch;
            }
        };
    }

    @Override
    public String describe() {
        return "System Scan on " + table.qualifiedName();
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of();
    }
}
