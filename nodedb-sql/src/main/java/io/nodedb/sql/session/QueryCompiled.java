package io.nodedb.sql.session;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueType;
import io.nodedb.sql.ColumnInfo;
import io.nodedb.sql.StatementResult;
import io.nodedb.sql.exec.ExecContext;
import io.nodedb.sql.exec.Operator;
import io.nodedb.sql.plan.PlannedQuery;
import io.nodedb.sql.plan.Scope;

import java.util.ArrayList;
import java.util.List;

/**
 * A planned query; with explain set it returns the plan instead (and runs it first for ANALYZE). {@code singleRead}
 * marks a plan that reads exactly one document (a point get by one key), which needs no snapshot.
 */
record QueryCompiled(PlannedQuery plan, List<ValueType> paramTypes, boolean explain, boolean analyze,
        boolean quickRead, boolean singleRead) implements Compiled {
    @Override
    public StatementResult execute(SessionState session, Value[] params) {
        if (explain && !analyze) {
            return Explain.plan(null, plan.root());
        }
        ExecContext ctx = session.context(params, null, singleRead);
        if (analyze) {
            ctx.timeOperators();
        }
        long start = System.nanoTime();
        Operator root = plan.root().open(ctx);
        List<Value[]> rows = Operator.drain(root);
        if (analyze) {
            return Explain.analyzed(root, System.nanoTime() - start);
        }
        List<ColumnInfo> columns = new ArrayList<>();
        List<Value[]> out = new ArrayList<>(rows.size());
        Results.expand(plan.scope(), rows, columns, out);
        return new StatementResult("SELECT " + out.size(), columns, out, out.size());
    }

    @Override
    public OpenQuery open(SessionState session, Value[] params, boolean fieldsKnown) {
        List<Scope.Col> cols = plan.scope().columns();
        if (explain || (cols.stream().anyMatch(Scope.Col::open) && !(fieldsKnown && cols.size() == 1))) {
            return null;
        }
        return new OpenQuery(plan.root().open(session.context(params, null, singleRead)), plan.scope());
    }

    /**
     * A query without parameters is run to describe it, so its columns are the fields its result really has, as
     * when it is described after binding; one with parameters learns them from a sample of its collections. The
     * run keeps only the fields it has seen, not the rows, so describing a large result needs no room for it.
     */
    @Override
    public List<ColumnInfo> describe(SessionState session) {
        if (explain || plan.scope().columns().stream().noneMatch(Scope.Col::open)) {
            return columns();
        }
        if (paramTypes.isEmpty()) {
            Operator root = null;
            try {
                root = plan.root().open(session.context(new Value[0], null, singleRead));
                Results.Columns columns = new Results.Columns(plan.scope());
                for (List<Value[]> b = root.next(); b != null; b = root.next()) {
                    columns.add(b);
                }
                return columns.columns();
            } catch (NodeDbException e) {
                // the error belongs to Execute, where the client expects it
            } finally {
                if (root != null) {
                    root.close();
                }
            }
        }
        return Results.sampled(plan.scope(), session.db());
    }

    @Override
    public List<ColumnInfo> columns() {
        return explain ? List.of(new ColumnInfo("QUERY PLAN", ValueType.TEXT)) : Results.declared(plan.scope());
    }
}
