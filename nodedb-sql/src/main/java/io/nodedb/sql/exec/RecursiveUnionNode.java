package io.nodedb.sql.exec;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;
import io.nodedb.sql.expr.SqlValues;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * WITH RECURSIVE: runs the anchor, then the recursive term over the previous iteration's rows until it yields
 * nothing new. UNION (without ALL) drops rows already produced, which is what ends most graph walks.
 */
public record RecursiveUnionNode(PlanNode anchor, PlanNode recursive, Object workKey, boolean all)
        implements PlanNode {
    private static final int MAX_ITERATIONS = 1_000_000;

    @Override
    public Operator open(ExecContext ctx) {
        return new Operator(this, ctx) {
            private List<Value[]> result;
            private final int[] cursor = {0};

            @Override
            protected List<Value[]> produce() {
                if (result == null) {
                    result = new ArrayList<>();
                    Set<SqlValues.Key> seen = new HashSet<>();
                    List<Value[]> work = keepNew(drain(input(anchor)), seen);
                    int iterations = 0;
                    while (!work.isEmpty()) {
                        result.addAll(work);
                        if (++iterations > MAX_ITERATIONS) {
                            throw new NodeDbException(SqlState.CONFIGURATION_LIMIT_EXCEEDED,
                                    "recursive query did not finish after " + MAX_ITERATIONS + " iterations");
                        }
                        ctx.materialized().put(workKey, work);
                        work = keepNew(drain(recursive.open(ctx)), seen);
                    }
                }
                return slice(result, cursor);
            }

            private List<Value[]> keepNew(List<Value[]> rows, Set<SqlValues.Key> seen) {
                if (all) {
                    return rows;
                }
                List<Value[]> out = new ArrayList<>();
                for (Value[] row : rows) {
                    if (seen.add(SqlValues.Key.of(row))) {
                        out.add(row);
                    }
                }
                return out;
            }
        };
    }

    @Override
    public String describe() {
        return "Recursive Union" + (all ? " All" : "");
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of(anchor, recursive);
    }
}
