package io.nodedb.sql.dml;

import io.nodedb.core.catalog.IndexDef;
import io.nodedb.core.document.Mutation.WriteMode;
import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueType;
import io.nodedb.sql.ColumnInfo;
import io.nodedb.sql.SqlErrors;
import io.nodedb.sql.StatementResult;
import io.nodedb.sql.ast.Expr;
import io.nodedb.sql.ast.Statement;
import io.nodedb.sql.exec.ExecContext;
import io.nodedb.sql.exec.Operator;
import io.nodedb.sql.expr.Eval;
import io.nodedb.sql.expr.SqlValues;
import io.nodedb.sql.plan.ExprBinder;
import io.nodedb.sql.plan.PlanContext;
import io.nodedb.sql.plan.PlannedQuery;
import io.nodedb.sql.plan.QueryPlanner;
import io.nodedb.sql.plan.Scope;
import io.nodedb.sql.session.Compiled;
import io.nodedb.sql.session.SessionState;
import io.nodedb.sql.storage.KvRows;
import io.nodedb.sql.storage.TableInfo;
import io.nodedb.sql.storage.WriteSet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * INSERT, UPSERT and INSERT ... ON CONFLICT. Every row is built and checked, conflicts resolved against the data
 * as this statement sees it (its own earlier rows included), and only then is the whole set written as one batch.
 */
public final class InsertCompiled implements Compiled {
    /** Rows a VALUES list may have for the insert to count as short ({@link #quickWrite}). */
    private static final int QUICK_ROWS = 8;

    private final Statement.Insert stmt;
    private final RowBuilder builder;
    private final TableInfo table;
    private final List<String> targets;
    private final List<List<Eval>> valueRows = new ArrayList<>();
    private final PlannedQuery source;
    private final List<Integer> updateSlots = new ArrayList<>();
    private final List<Eval> updateEvals = new ArrayList<>();
    private final Eval conflictWhere;
    /** The unique index ON CONFLICT names when its target is not the primary key, else null. */
    private final IndexDef conflictIndex;
    /** For ON CONFLICT DO NOTHING without a target: the unique indexes whose clashes are skipped too. */
    private final List<IndexDef> skippedIndexes;
    private final Returning returning;
    private final List<ValueType> paramTypes;
    private final boolean quickWrite;
    /**
     * A plain INSERT of VALUES (no ON CONFLICT, no UPSERT, no subqueries): every read it makes (the primary key, the
     * parents of foreign keys) is made again by the applier against the state it applies to, so it reads without a
     * snapshot (see {@link SessionState#rereadWriteContext}).
     */
    private final boolean rereadAtApply;

    public InsertCompiled(Statement.Insert stmt, PlanContext pc) {
        this.stmt = stmt;
        this.table = pc.table(stmt.table(), stmt.pos());
        this.builder = new RowBuilder(table, pc);
        QueryPlanner planner = new QueryPlanner(pc);
        String qualifier = stmt.alias() != null ? stmt.alias() : stmt.table();
        Scope tableScope = QueryPlanner.tableScope(table, qualifier, null);
        boolean objects = stmt.rows() != null && !stmt.rows().isEmpty() && stmt.rows().getFirst().size() == 1
                && stmt.rows().getFirst().getFirst() instanceof Expr.ObjectLit;
        if (!stmt.columns().isEmpty()) {
            targets = stmt.columns();
        } else if (objects || (stmt.rows() != null && stmt.rows().getFirst().isEmpty())) {
            targets = List.of();
        } else if (table.kv() && stmt.rows() != null
                && stmt.rows().getFirst().size() == table.columns().size() - 1) {
            // A KV collection's VALUES may leave out the ttl column.
            targets = table.columns().stream().map(TableInfo.Column::name).filter(n -> !n.equals(KvRows.TTL))
                    .toList();
        } else if (table.strict()) {
            targets = table.columns().stream().map(TableInfo.Column::name).toList();
        } else if (stmt.source() != null) {
            targets = null;
        } else {
            throw SqlErrors.syntax("INSERT into schemaless collection \"" + table.name() + "\" needs a column list "
                    + "or an object literal", stmt.pos());
        }
        ExprBinder constants = new ExprBinder(pc, planner, Scope.empty(null), Map.of(), null, "VALUES");
        if (stmt.rows() != null) {
            for (List<Expr> row : stmt.rows()) {
                if (!objects && !row.isEmpty() && row.size() != targets.size()) {
                    throw SqlErrors.syntax("INSERT has " + (row.size() > targets.size() ? "more" : "fewer")
                            + " expressions than target columns", row.getFirst().pos());
                }
                List<Eval> evals = new ArrayList<>();
                for (int i = 0; i < row.size(); i++) {
                    Expr e = row.get(i);
                    if (table.kv()) {
                        e = objects ? ttlAsSeconds(e) : targets.get(i).equals(KvRows.TTL)
                                ? Expr.Interval.seconds(e) : e;
                    }
                    if (e instanceof Expr.Param p && !objects && table.strict()) {
                        pc.noteParam(p.index(), table.columns().get(table.columnIndex(targets.get(i)) < 0 ? 0
                                : table.columnIndex(targets.get(i))).type().base());
                    }
                    evals.add(constants.bind(e).eval());
                }
                valueRows.add(evals);
            }
            source = null;
        } else {
            source = planner.planQuery(stmt.source(), null);
            if (targets != null && visible(source.scope()) != targets.size()) {
                throw SqlErrors.syntax("INSERT has " + (visible(source.scope()) > targets.size() ? "more" : "fewer")
                        + " expressions than target columns", stmt.pos());
            }
        }
        conflictIndex = conflictIndex(stmt, table, pc);
        skippedIndexes = "NOTHING".equals(stmt.onConflict()) && stmt.conflictTarget().isEmpty() && !table.kv()
                ? pc.catalog().indexesOf(table.name()).stream().filter(IndexDef::unique).toList() : List.of();
        Scope both = tableScope.concat(QueryPlanner.tableScope(table, "excluded", null));
        ExprBinder updates = new ExprBinder(pc, planner, both, Map.of(), null, "ON CONFLICT DO UPDATE");
        for (Statement.Assignment a : stmt.updates()) {
            updateSlots.add(slotOf(a));
            updateEvals.add(updates.bind(a.value()).eval());
        }
        conflictWhere = stmt.conflictWhere() == null ? null : updates.bind(stmt.conflictWhere()).eval();
        returning = new Returning(stmt.returning(), tableScope, pc);
        paramTypes = pc.paramTypes();
        // Inserting into an HNSW graph costs up to milliseconds per row; that is not short.
        quickWrite = source == null && valueRows.size() <= QUICK_ROWS && !table.kv() && !pc.hasSubqueries()
                && (pc.vectors() == null || pc.vectors().indexesOn(table.name()).isEmpty());
        rereadAtApply = source == null && stmt.onConflict() == null && !stmt.upsert() && !pc.hasSubqueries()
                && !table.kv();
    }

    @Override
    public boolean quickWrite() {
        return quickWrite;
    }

    /**
     * The unique index an ON CONFLICT target other than the primary key names: one whose fields are exactly the
     * target's, in any order (42P10 otherwise, as PostgreSQL says when no constraint matches).
     */
    private static IndexDef conflictIndex(Statement.Insert stmt, TableInfo table, PlanContext pc) {
        if (stmt.onConflict() == null || stmt.conflictTarget().isEmpty()) {
            return null;
        }
        Set<String> key = new java.util.HashSet<>();
        if (!table.strict()) {
            key.add("id");
        }
        for (int k : table.keyIndexes()) {
            key.add(table.columns().get(k).name());
        }
        // The primary key, its columns named in any order (PostgreSQL infers the arbiter from the set).
        if (key.equals(new java.util.HashSet<>(stmt.conflictTarget()))) {
            return null;
        }
        if (table.kv()) {
            throw SqlErrors.notSupported("ON CONFLICT on columns other than the key of a KEY_VALUE collection",
                    stmt.pos());
        }
        Set<String> target = Set.copyOf(stmt.conflictTarget());
        for (IndexDef index : pc.catalog().indexesOf(table.name())) {
            if (index.unique() && index.fields().size() == stmt.conflictTarget().size()
                    && target.equals(Set.copyOf(index.fields()))) {
                return index;
            }
        }
        throw new NodeDbException(SqlState.INVALID_COLUMN_REFERENCE, "there is no unique constraint or index on ("
                + String.join(", ", stmt.conflictTarget()) + ") of collection \"" + table.name()
                + "\" matching the ON CONFLICT specification", stmt.pos(), null);
    }

    /** The row whose values in {@code index} equal the new row's, or null (NULLs never conflict). */
    private Value[] conflictingRow(IndexDef index, Value[] row, ExecContext ctx) {
        List<Value> values = new ArrayList<>();
        for (String field : index.fields()) {
            Value v = fieldOf(row, field);
            if (v.isNull()) {
                return null;
            }
            values.add(v);
        }
        for (Value[] candidate : ctx.data().indexRows(table, index.name(), values)) {
            boolean same = true;
            for (int i = 0; i < values.size() && same; i++) {
                same = SqlValues.notDistinct(fieldOf(candidate, index.fields().get(i)), values.get(i));
            }
            if (same) {
                return candidate;
            }
        }
        return null;
    }

    private boolean clashesWithAUniqueIndex(Value[] row, ExecContext ctx) {
        for (IndexDef index : skippedIndexes) {
            if (conflictingRow(index, row, ctx) != null) {
                return true;
            }
        }
        return false;
    }

    private Value fieldOf(Value[] row, String field) {
        Value v = table.strict() ? row[table.columnIndex(field)]
                : row[0] instanceof Value.Obj o ? o.get(field) : null;
        return v == null ? Value.NULL : v;
    }

    /** An object literal's {@code ttl: INTERVAL '...'} as seconds. */
    private static Expr ttlAsSeconds(Expr e) {
        if (!(e instanceof Expr.ObjectLit o) || !o.keys().contains(KvRows.TTL)) {
            return e;
        }
        List<Expr> values = new ArrayList<>(o.values());
        int i = o.keys().indexOf(KvRows.TTL);
        values.set(i, Expr.Interval.seconds(values.get(i)));
        return new Expr.ObjectLit(o.keys(), values, o.pos());
    }

    private int slotOf(Statement.Assignment a) {
        if (!table.strict()) {
            return -1;
        }
        int i = table.columnIndex(a.column());
        if (i < 0) {
            throw SqlErrors.undefinedColumn(a.column(), a.pos());
        }
        if (table.isKeyColumn(i)) {
            throw SqlErrors.notSupported("changing the primary key in ON CONFLICT DO UPDATE", a.pos());
        }
        return i;
    }

    private static int visible(Scope s) {
        return (int) s.columns().stream().filter(c -> !c.hidden()).count();
    }

    @Override
    public StatementResult execute(SessionState session, Value[] params) {
        WriteSet writes = new WriteSet();
        ExecContext ctx = rereadAtApply ? session.rereadWriteContext(params, writes)
                : session.context(params, writes);
        List<Value[]> returned = new ArrayList<>();
        long count = 0;
        for (Map<String, Value> fields : sourceRows(ctx)) {
            Value[] row = builder.fromFields(fields, ctx);
            Value id = row[row.length - 1];
            Value[] existing;
            long absentAsOf = -1;
            if (conflictIndex != null) {
                // The arbiter is the named unique index; a clash on the primary key stays an error.
                existing = conflictingRow(conflictIndex, row, ctx);
                if (existing != null) {
                    id = existing[existing.length - 1];
                } else if (ctx.data().get(table.name(), id) != null) {
                    throw DuplicateKey.error(table, row, id);
                }
            } else {
                Value.Obj stored = ctx.data().get(table.name(), id);
                existing = stored == null ? null : table.decode(id, stored);
                if (stored == null) {
                    absentAsOf = ctx.data().absentAsOf(table.name(), id);
                }
                if (existing == null && clashesWithAUniqueIndex(row, ctx)) {
                    continue;
                }
            }
            Value[] written = row;
            boolean keepTtl = false;
            WriteMode mode = WriteMode.INSERT;
            long expected = io.nodedb.core.document.Mutation.ANY_VERSION;
            if (existing != null) {
                if (stmt.upsert()) {
                    Value[] before = existing.clone();
                    written = merge(existing, fields, row);
                    builder.requireUnreferenced(before, written, ctx, writes);
                    keepTtl = !fields.containsKey(KvRows.TTL);
                    mode = WriteMode.UPSERT;
                } else if ("NOTHING".equals(stmt.onConflict())) {
                    continue;
                } else if ("UPDATE".equals(stmt.onConflict())) {
                    written = conflictUpdate(existing, row, ctx);
                    if (written == null) {
                        continue;
                    }
                    builder.requireUnreferenced(existing, written, ctx, writes);
                    keepTtl = stmt.updates().stream().noneMatch(a -> a.column().equals(KvRows.TTL));
                    mode = WriteMode.UPSERT;
                } else {
                    throw DuplicateKey.error(table, row, id);
                }
            } else if (conflictIndex != null) {
                mode = WriteMode.INSERT;
            } else if ("NOTHING".equals(stmt.onConflict())) {
                mode = WriteMode.INSERT_IF_ABSENT;
            } else if (stmt.upsert() || stmt.onConflict() != null) {
                mode = WriteMode.UPSERT;
            }
            if (mode == WriteMode.UPSERT) {
                expected = ctx.data().expectedVersion(table.name(), id);
            }
            Value.Obj stored = builder.stored(written, keepTtl, ctx, writes);
            if (existing == null) {
                writes.putAbsent(table.name(), id, stored, mode, expected, absentAsOf);
            } else {
                writes.put(table.name(), id, stored, mode, expected);
            }
            count++;
            if (!returning.isEmpty()) {
                returned.add(returning.project(written, ctx));
            }
        }
        session.apply(writes);
        return returning.result("INSERT 0 " + count, returned, count);
    }

    /** UPSERT keeps the existing row's other columns (fields) and overwrites the given ones. */
    private Value[] merge(Value[] existing, Map<String, Value> fields, Value[] proposed) {
        if (!table.strict()) {
            Value.Obj doc = (Value.Obj) existing[0];
            for (Map.Entry<String, Value> e : ((Value.Obj) proposed[0]).fields().entrySet()) {
                doc = doc.with(e.getKey(), e.getValue());
            }
            existing[0] = doc;
            return builder.finish(existing);
        }
        for (String name : fields.keySet()) {
            int i = table.columnIndex(name);
            existing[i] = proposed[i];
        }
        return builder.finish(existing);
    }

    private Value[] conflictUpdate(Value[] existing, Value[] excluded, ExecContext ctx) {
        Value[] both = new Value[existing.length + excluded.length];
        System.arraycopy(existing, 0, both, 0, existing.length);
        System.arraycopy(excluded, 0, both, existing.length, excluded.length);
        if (conflictWhere != null && !Boolean.TRUE.equals(SqlValues.truth(conflictWhere.eval(both, ctx)))) {
            return null;
        }
        Value[] updated = existing.clone();
        for (int i = 0; i < updateEvals.size(); i++) {
            Value v = updateEvals.get(i).eval(both, ctx);
            if (table.strict()) {
                updated[updateSlots.get(i)] = v;
            } else {
                String field = stmt.updates().get(i).column();
                if (field.equals("id")) {
                    throw SqlErrors.notSupported("changing the primary key in ON CONFLICT DO UPDATE");
                }
                updated[0] = ((Value.Obj) updated[0]).with(field, v);
            }
        }
        return builder.finish(updated);
    }

    private List<Map<String, Value>> sourceRows(ExecContext ctx) {
        List<Map<String, Value>> out = new ArrayList<>();
        Value[] none = new Value[0];
        if (source == null) {
            for (List<Eval> row : valueRows) {
                Map<String, Value> fields = new LinkedHashMap<>();
                if (targets.isEmpty() && row.size() == 1) {
                    Value v = row.getFirst().eval(none, ctx);
                    ((Value.Obj) v).fields().forEach(fields::put);
                } else {
                    for (int i = 0; i < row.size(); i++) {
                        put(fields, targets.get(i), row.get(i).eval(none, ctx));
                    }
                }
                out.add(fields);
            }
            return out;
        }
        List<Scope.Col> cols = source.scope().columns();
        for (Value[] r : Operator.drain(source.root().open(ctx))) {
            Map<String, Value> fields = new LinkedHashMap<>();
            int t = 0;
            for (int i = 0; i < cols.size(); i++) {
                Scope.Col c = cols.get(i);
                if (c.hidden()) {
                    continue;
                }
                if (targets != null) {
                    put(fields, targets.get(t++), r[i]);
                } else if (c.open() && r[i] instanceof Value.Obj o) {
                    o.fields().forEach(fields::put);
                } else if (!c.open()) {
                    fields.put(c.name(), r[i]);
                }
            }
            out.add(fields);
        }
        return out;
    }

    private static void put(Map<String, Value> fields, String name, Value v) {
        if (fields.put(name, v) != null) {
            throw SqlErrors.syntax("column \"" + name + "\" specified more than once", 0);
        }
    }

    @Override
    public List<ColumnInfo> columns() {
        return returning.columns();
    }

    @Override
    public List<ColumnInfo> describe(SessionState session) {
        return returning.described(session);
    }

    @Override
    public List<ValueType> paramTypes() {
        return paramTypes;
    }
}
