package io.nodedb.sql.dml;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;
import io.nodedb.sql.ast.Expr;
import io.nodedb.sql.exec.ExecContext;
import io.nodedb.sql.expr.Eval;
import io.nodedb.sql.parser.Parser;
import io.nodedb.sql.plan.ExprBinder;
import io.nodedb.sql.plan.PlanContext;
import io.nodedb.sql.plan.QueryPlanner;
import io.nodedb.sql.storage.TableInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CHECK constraints: a condition over one row that every written row must not make FALSE (NULL passes, as in
 * SQL). Conditions may use the row's columns (fields, on a schemaless collection), operators and scalar
 * functions; subqueries and aggregates are refused when the constraint is defined.
 */
public final class Checks {
    private Checks() {
    }

    /** A constraint ready to evaluate against rows in the table's layout. */
    public record Compiled(String name, Eval condition) {
        /** @throws NodeDbException 23514 when the row makes the condition FALSE */
        public void require(Value[] row, ExecContext ctx, String collection) {
            if (condition.eval(row, ctx) instanceof Value.Bool b && !b.value()) {
                throw new NodeDbException(SqlState.CHECK_VIOLATION, "new row for collection \"" + collection
                        + "\" violates check constraint \"" + name + "\"");
            }
        }

        /** Whether the row passes (TRUE or NULL). */
        public boolean passes(Value[] row, ExecContext ctx) {
            return !(condition.eval(row, ctx) instanceof Value.Bool b && !b.value());
        }
    }

    /** The table's stored constraints, compiled. */
    public static List<Compiled> compile(TableInfo table, PlanContext pc) {
        List<Compiled> out = new ArrayList<>();
        for (TableInfo.Check c : table.checks()) {
            out.add(new Compiled(c.name(), bind(table, Parser.parseExpression(c.sql()), pc)));
        }
        return out;
    }

    /**
     * Binds a condition against the table's row layout.
     *
     * @throws NodeDbException 42703 for an unknown column, 42803 for an aggregate, 0A000 for a subquery
     */
    public static Eval bind(TableInfo table, Expr condition, PlanContext outer) {
        PlanContext pc = new PlanContext(outer.catalog(), def -> new TableInfo(def));
        ExprBinder binder = new ExprBinder(pc, new QueryPlanner(pc), QueryPlanner.tableScope(table, table.name(),
                null), Map.of(), null, "check constraints");
        Eval eval = binder.bind(condition).eval();
        if (pc.hasSubqueries()) {
            throw new NodeDbException(SqlState.FEATURE_NOT_SUPPORTED, "cannot use subquery in check constraint",
                    condition.pos(), null);
        }
        return eval;
    }
}
