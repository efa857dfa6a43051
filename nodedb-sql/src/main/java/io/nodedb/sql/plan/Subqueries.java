package io.nodedb.sql.plan;

import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueType;
import io.nodedb.sql.SqlErrors;
import io.nodedb.sql.ast.Expr;
import io.nodedb.sql.ast.Query;
import io.nodedb.sql.exec.ExecContext;
import io.nodedb.sql.exec.Operator;
import io.nodedb.sql.expr.Operators;
import io.nodedb.sql.expr.SqlValues;

import java.util.ArrayList;
import java.util.List;

/**
 * Subqueries in expressions. Each is planned once; a correlated one runs again for every outer row (with that row
 * pushed for its outer references), an uncorrelated one runs once per execution and its result is reused.
 */
final class Subqueries {
    private Subqueries() {
    }

    /** A planned subquery and how to get its rows for the current outer row. */
    private record Sub(PlannedQuery plan, boolean correlated, Object key) {
        List<Value[]> rows(Value[] outerRow, ExecContext ctx) {
            if (!correlated) {
                List<Value[]> cached = ctx.materialized().get(key);
                if (cached != null) {
                    return cached;
                }
            }
            ctx.pushOuter(outerRow);
            List<Value[]> rows;
            try {
                rows = Operator.drain(plan.root().open(ctx));
            } finally {
                ctx.popOuter();
            }
            if (!correlated) {
                ctx.materialized().put(key, rows);
            }
            return rows;
        }
    }

    private static Sub plan(ExprBinder binder, Query q, int pos, boolean singleColumn) {
        binder.planContext().noteSubquery();
        Scope outer = binder.scope();
        int before = usage(outer);
        PlannedQuery pq = binder.planner().planQuery(q, outer);
        if (singleColumn && visibleWidth(pq.scope()) != 1) {
            throw SqlErrors.syntax("subquery must return only one column", pos);
        }
        return new Sub(pq, usage(outer) != before, new Object());
    }

    private static int usage(Scope s) {
        int n = 0;
        for (Scope x = s; x != null; x = x.outer()) {
            n += x.innerUses();
        }
        return n;
    }

    static int visibleWidth(Scope s) {
        int n = 0;
        for (Scope.Col c : s.columns()) {
            if (!c.hidden()) {
                n++;
            }
        }
        return n;
    }

    static Bound scalar(ExprBinder binder, Expr.ScalarQuery q) {
        Sub sub = plan(binder, q.query(), q.pos(), true);
        return new Bound((row, ctx) -> {
            List<Value[]> rows = sub.rows(row, ctx);
            if (rows.size() > 1) {
                throw SqlErrors.cardinality("more than one row returned by a subquery used as an expression");
            }
            return rows.isEmpty() ? Value.NULL : rows.getFirst()[0];
        }, sub.plan().scope().columns().getFirst().type());
    }

    static Bound array(ExprBinder binder, Expr.ScalarQuery q) {
        Sub sub = plan(binder, q.query(), q.pos(), true);
        return new Bound((row, ctx) -> {
            List<Value> out = new ArrayList<>();
            for (Value[] r : sub.rows(row, ctx)) {
                out.add(r[0]);
            }
            return new Value.Array(out);
        }, ValueType.ARRAY);
    }

    static Bound exists(ExprBinder binder, Expr.Exists x) {
        Sub sub = plan(binder, x.query(), x.pos(), false);
        return new Bound((row, ctx) -> Value.Bool.of(!sub.rows(row, ctx).isEmpty()), ValueType.BOOL);
    }

    static Bound in(ExprBinder binder, Expr.InQuery in) {
        Query q = in.query() instanceof Query.Search s ? VectorSearch.desugar(s, binder.planContext(), true)
                : in.query();
        Sub sub = plan(binder, q, in.pos(), true);
        var subject = binder.bind(in.operand()).eval();
        boolean negated = in.negated();
        return new Bound((row, ctx) -> {
            Value v = subject.eval(row, ctx);
            if (v.isNull()) {
                return Value.NULL;
            }
            boolean sawNull = false;
            for (Value[] r : sub.rows(row, ctx)) {
                Value eq = Operators.compare("=", v, r[0], ctx.zone());
                if (eq.isNull()) {
                    sawNull = true;
                } else if (Value.TRUE.equals(eq)) {
                    return Value.Bool.of(!negated);
                }
            }
            return sawNull ? Value.NULL : Value.Bool.of(negated);
        }, ValueType.BOOL);
    }

    static Bound quantified(ExprBinder binder, Expr.Quantified q) {
        Sub sub = plan(binder, q.query(), q.pos(), true);
        var subject = binder.bind(q.operand()).eval();
        boolean all = q.all();
        String op = q.op();
        return new Bound((row, ctx) -> {
            Value v = subject.eval(row, ctx);
            boolean sawNull = false;
            for (Value[] r : sub.rows(row, ctx)) {
                Boolean t = SqlValues.truth(Operators.compare(op, v, r[0], ctx.zone()));
                if (t == null) {
                    sawNull = true;
                } else if (t != all) {
                    return Value.Bool.of(!all);
                }
            }
            return sawNull ? Value.NULL : Value.Bool.of(all);
        }, ValueType.BOOL);
    }
}
