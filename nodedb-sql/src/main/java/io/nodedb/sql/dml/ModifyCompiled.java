package io.nodedb.sql.dml;

import io.nodedb.core.document.Mutation.WriteMode;
import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueType;
import io.nodedb.sql.ColumnInfo;
import io.nodedb.sql.SqlErrors;
import io.nodedb.sql.StatementResult;
import io.nodedb.sql.ast.Expr;
import io.nodedb.sql.ast.FromItem;
import io.nodedb.sql.ast.Statement;
import io.nodedb.sql.exec.ExecContext;
import io.nodedb.sql.exec.Operator;
import io.nodedb.sql.exec.PlanNode;
import io.nodedb.sql.expr.Eval;
import io.nodedb.sql.expr.SqlValues;
import io.nodedb.sql.plan.ExprBinder;
import io.nodedb.sql.plan.PlanContext;
import io.nodedb.sql.plan.PlannedQuery;
import io.nodedb.sql.plan.QueryPlanner;
import io.nodedb.sql.plan.Scope;
import io.nodedb.sql.session.Compiled;
import io.nodedb.sql.session.Explain;
import io.nodedb.sql.session.SessionState;
import io.nodedb.sql.storage.TableInfo;
import io.nodedb.sql.storage.WriteSet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;

/**
 * UPDATE and DELETE: the matching rows are read first (through the same access path choice as SELECT), then the
 * new images are built and checked, and the whole set is written as one batch.
 */
public final class ModifyCompiled implements Compiled {
    private final boolean delete;
    private final TableInfo table;
    private final RowBuilder builder;
    private final PlanNode read;
    private final List<String> fields = new ArrayList<>();
    private final List<Integer> slots = new ArrayList<>();
    private final List<Eval> values = new ArrayList<>();
    private final Returning returning;
    private final List<ValueType> paramTypes;
    private final boolean explain;
    /** Whether rows come joined with FROM / USING tables, the target's columns first. */
    private final boolean joined;

    public ModifyCompiled(Statement stmt, PlanContext pc, boolean explain) {
        this.explain = explain;
        String name;
        String alias;
        Expr where;
        List<io.nodedb.sql.ast.Query.SelectItem> ret;
        List<FromItem> others;
        int pos;
        if (stmt instanceof Statement.Update u) {
            delete = false;
            name = u.table();
            alias = u.alias();
            where = u.where();
            ret = u.returning();
            others = u.from();
            pos = u.pos();
        } else {
            Statement.Delete d = (Statement.Delete) stmt;
            delete = true;
            name = d.table();
            alias = d.alias();
            where = d.where();
            ret = d.returning();
            others = d.using();
            pos = d.pos();
        }
        table = pc.table(name, pos);
        builder = new RowBuilder(table, pc);
        String qualifier = alias != null ? alias : name;
        QueryPlanner planner = new QueryPlanner(pc);
        FromItem target = new FromItem.Table(name, alias, pos);
        Scope scope = QueryPlanner.tableScope(table, qualifier, null);
        Scope valueScope = scope;
        if (others.isEmpty()) {
            PlannedQuery rows = planner.planQuery(new io.nodedb.sql.ast.Query.Select(false,
                    List.of(new io.nodedb.sql.ast.Query.SelectItem(new Expr.Star(null, pos), null)),
                    List.of(target), where, List.of(), null, pos), null);
            // The projection of SELECT * hides the key slot, so read below it: the access path node.
            read = accessPath(rows.root());
        } else {
            // UPDATE ... FROM / DELETE ... USING: the target's columns come first in each joined row.
            List<FromItem> from = new ArrayList<>();
            from.add(target);
            from.addAll(others);
            PlannedQuery rows = planner.rowsOf(from, where, pos);
            read = rows.root();
            valueScope = rows.scope();
        }
        joined = !others.isEmpty();
        if (stmt instanceof Statement.Update u) {
            ExprBinder binder = new ExprBinder(pc, planner, valueScope, Map.of(), null, "UPDATE");
            for (Statement.Assignment a : u.assignments()) {
                if (table.strict()) {
                    int i = table.columnIndex(a.column());
                    if (i < 0) {
                        throw SqlErrors.undefinedColumn(a.column(), a.pos());
                    }
                    slots.add(i);
                    if (a.value() instanceof Expr.Param p) {
                        pc.noteParam(p.index(), table.columns().get(i).type().base());
                    }
                }
                fields.add(a.column());
                boolean ttl = table.kv() && a.column().equals(io.nodedb.sql.storage.KvRows.TTL);
                values.add(binder.bind(ttl ? Expr.Interval.seconds(a.value()) : a.value()).eval());
            }
        }
        returning = new Returning(ret, scope, pc);
        paramTypes = pc.paramTypes();
    }

    /**
     * A target row joined with several FROM rows is changed once, by the first of them (PostgreSQL leaves which
     * one unspecified too).
     */
    private List<Value[]> onePerTarget(List<Value[]> rows) {
        Set<Value> seen = new HashSet<>();
        List<Value[]> out = new ArrayList<>(rows.size());
        for (Value[] r : rows) {
            if (seen.add(r[table.width() - 1])) {
                out.add(r);
            }
        }
        return out;
    }

    private static PlanNode accessPath(PlanNode projected) {
        return projected.inputs().getFirst();
    }

    @Override
    public StatementResult execute(SessionState session, Value[] params) {
        String verb = delete ? "Delete on " : "Update on ";
        if (explain) {
            return Explain.plan(verb + table.name(), read);
        }
        WriteSet writes = new WriteSet();
        ExecContext ctx = session.context(params, writes);
        List<Value[]> matched = Operator.drain(read.open(ctx));
        if (joined) {
            matched = onePerTarget(matched);
        }
        List<Value[]> returned = new ArrayList<>();
        for (Value[] joinedRow : matched) {
            // With FROM the assignments read the joined row; the written row is the target's part of it.
            Value[] row = joined ? Arrays.copyOf(joinedRow, table.width()) : joinedRow;
            Value id = row[row.length - 1];
            long expected = ctx.data().expectedVersion(table.name(), id);
            if (delete) {
                builder.requireUnreferenced(row, null, ctx, writes);
                writes.delete(table.name(), id, expected);
                if (!returning.isEmpty()) {
                    returned.add(returning.project(row, ctx));
                }
                continue;
            }
            Value[] updated = row.clone();
            for (int i = 0; i < values.size(); i++) {
                Value v = values.get(i).eval(joinedRow, ctx);
                if (table.strict()) {
                    updated[slots.get(i)] = v;
                } else {
                    updated[0] = ((Value.Obj) updated[0]).with(fields.get(i), v);
                }
            }
            updated = builder.finish(updated);
            builder.requireUnreferenced(row, updated, ctx, writes);
            Value newId = updated[updated.length - 1];
            if (SqlValues.notDistinct(newId, id) && newId.type() == id.type()) {
                writes.put(table.name(), id, builder.stored(updated, !fields.contains(
                        io.nodedb.sql.storage.KvRows.TTL), ctx, writes), WriteMode.UPDATE, expected);
            } else {
                if (ctx.data().get(table.name(), newId) != null) {
                    throw DuplicateKey.error(table, updated, newId);
                }
                writes.delete(table.name(), id, expected);
                writes.put(table.name(), newId, builder.stored(updated, ctx, writes), WriteMode.INSERT,
                        io.nodedb.core.document.Mutation.ANY_VERSION);
            }
            if (!returning.isEmpty()) {
                returned.add(returning.project(updated, ctx));
            }
        }
        session.apply(writes);
        return returning.result((delete ? "DELETE " : "UPDATE ") + matched.size(), returned, matched.size());
    }

    @Override
    public List<ColumnInfo> columns() {
        if (explain) {
            return List.of(new ColumnInfo("QUERY PLAN", io.nodedb.core.value.ValueType.TEXT));
        }
        return returning.columns();
    }

    @Override
    public List<ColumnInfo> describe(SessionState session) {
        return explain ? columns() : returning.described(session);
    }

    @Override
    public List<ValueType> paramTypes() {
        return paramTypes;
    }
}
