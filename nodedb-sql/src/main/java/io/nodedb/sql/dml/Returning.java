package io.nodedb.sql.dml;

import io.nodedb.core.value.Value;
import io.nodedb.sql.ColumnInfo;
import io.nodedb.sql.StatementResult;
import io.nodedb.sql.ast.Expr;
import io.nodedb.sql.ast.Query;
import io.nodedb.sql.exec.ExecContext;
import io.nodedb.sql.expr.Eval;
import io.nodedb.sql.plan.Bound;
import io.nodedb.sql.plan.ExprBinder;
import io.nodedb.sql.plan.PlanContext;
import io.nodedb.sql.plan.QueryPlanner;
import io.nodedb.sql.plan.Scope;
import io.nodedb.sql.session.Results;
import io.nodedb.sql.session.SessionState;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A RETURNING list, evaluated on rows in the target collection's layout. */
final class Returning {
    private final List<Eval> evals = new ArrayList<>();
    private final Scope output;

    Returning(List<Query.SelectItem> items, Scope tableScope, PlanContext pc) {
        ExprBinder binder = new ExprBinder(pc, new QueryPlanner(pc), tableScope, Map.of(), null, "RETURNING");
        List<Scope.Col> cols = new ArrayList<>();
        for (Query.SelectItem item : items) {
            if (item.expr() instanceof Expr.Star) {
                for (int i = 0; i < tableScope.width(); i++) {
                    Scope.Col c = tableScope.columns().get(i);
                    if (!c.hidden()) {
                        int k = i;
                        evals.add((row, ctx) -> row[k]);
                        cols.add(new Scope.Col(null, c.name(), c.type(), c.open(), false, c.source()));
                    }
                }
                continue;
            }
            Bound b = binder.bind(item.expr());
            evals.add(b.eval());
            String name = item.alias() != null ? item.alias() : item.expr() instanceof Expr.Name n ? n.last()
                    : item.expr() instanceof Expr.Call c ? c.name() : "?column?";
            cols.add(Scope.Col.of(null, name, b.type()));
        }
        output = new Scope(cols, null);
    }

    boolean isEmpty() {
        return evals.isEmpty();
    }

    Value[] project(Value[] row, ExecContext ctx) {
        Value[] out = new Value[evals.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = evals.get(i).eval(row, ctx);
        }
        return out;
    }

    List<ColumnInfo> columns() {
        return Results.declared(output);
    }

    List<ColumnInfo> described(SessionState session) {
        return Results.sampled(output, session.db());
    }

    StatementResult result(String tag, List<Value[]> rows, long affected) {
        if (isEmpty()) {
            return new StatementResult(tag, List.of(), List.of(), affected);
        }
        List<ColumnInfo> cols = new ArrayList<>();
        List<Value[]> out = new ArrayList<>();
        Results.expand(output, rows, cols, out);
        return new StatementResult(tag, cols, out, affected);
    }
}
