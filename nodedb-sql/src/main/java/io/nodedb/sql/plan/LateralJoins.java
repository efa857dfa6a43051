package io.nodedb.sql.plan;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.sql.ast.Expr;
import io.nodedb.sql.ast.ExprPrinter;
import io.nodedb.sql.ast.FromItem;
import io.nodedb.sql.exec.JoinNode;
import io.nodedb.sql.exec.LateralJoinNode;
import io.nodedb.sql.expr.Eval;

import java.util.List;
import java.util.Map;

/**
 * LATERAL items: the item is planned with the columns to its left as its enclosing scope, so its references to them
 * bind like a correlated subquery's. One that turns out not to use them is an ordinary join, planned and run once.
 */
final class LateralJoins {
    private LateralJoins() {
    }

    /**
     * Joins {@code left} with a LATERAL item. kind is CROSS (a comma or CROSS JOIN), INNER or LEFT; condition is
     * the ON condition or null.
     */
    static PlannedQuery join(QueryPlanner planner, PlanContext pc, String kind, PlannedQuery left,
            FromItem.Lateral lateral, Expr condition, int pos) {
        if (!kind.equals("CROSS") && !kind.equals("INNER") && !kind.equals("LEFT")) {
            throw new NodeDbException(SqlState.INVALID_COLUMN_REFERENCE, "the combining JOIN type must be INNER or "
                    + "LEFT for a LATERAL reference", pos, null);
        }
        Scope leftScope = left.scope();
        int before = leftScope.innerUses();
        PlannedQuery right = planner.from(lateral.item(), leftScope, null, false);
        boolean correlated = leftScope.innerUses() != before;
        Scope combined = leftScope.concat(right.scope().withOuter(leftScope.outer()));
        Eval on = condition == null ? null
                : new ExprBinder(pc, planner, combined, Map.of(), null, "JOIN conditions").bind(condition).eval();
        String text = condition == null ? null : ExprPrinter.printTop(condition);
        if (!correlated) {
            return new PlannedQuery(new JoinNode(kind, left.root(), right.root(), leftScope.width(),
                    right.scope().width(), List.of(), List.of(), on, text), combined);
        }
        return new PlannedQuery(new LateralJoinNode(kind, left.root(), right.root(), right.scope().width(), on, text),
                combined);
    }
}
