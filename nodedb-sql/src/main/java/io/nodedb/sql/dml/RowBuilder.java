package io.nodedb.sql.dml;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;
import io.nodedb.sql.SqlErrors;
import io.nodedb.sql.exec.ExecContext;
import io.nodedb.sql.expr.Casts;
import io.nodedb.sql.expr.Eval;
import io.nodedb.sql.expr.UuidV7;
import io.nodedb.sql.parser.Parser;
import io.nodedb.sql.plan.ExprBinder;
import io.nodedb.sql.plan.PlanContext;
import io.nodedb.sql.plan.QueryPlanner;
import io.nodedb.sql.plan.Scope;
import io.nodedb.sql.storage.TableInfo;
import io.nodedb.sql.storage.WriteSet;

import java.util.List;
import java.util.Map;

/**
 * Builds the rows written to one collection: strict rows get DEFAULTs, assignment casts and NOT NULL checks here,
 * before any mutation exists; schemaless documents get their {@code id} (a UUIDv7 string when absent).
 */
public final class RowBuilder {
    private final TableInfo table;
    private final Eval[] defaults;
    private final List<Checks.Compiled> checks;
    private final List<ForeignKeys.Child> foreignKeys;
    private final List<ForeignKeys.Parent> referencedBy;
    /** The zone wall-clock text written to a TIMESTAMP column is read in (the plan's, which is the session's). */
    private final java.time.ZoneId zone;

    public RowBuilder(TableInfo table, PlanContext pc) {
        this.table = table;
        this.zone = pc.zone();
        this.checks = Checks.compile(table, pc);
        this.foreignKeys = table.strict() ? ForeignKeys.children(table, pc) : List.of();
        this.referencedBy = table.strict() ? ForeignKeys.parents(table, pc) : List.of();
        this.defaults = new Eval[table.columns().size()];
        ExprBinder binder = new ExprBinder(pc, new QueryPlanner(pc), Scope.empty(null), Map.of(), null, "DEFAULT");
        for (int i = 0; i < defaults.length; i++) {
            String sql = table.columns().get(i).defaultSql();
            if (sql != null) {
                defaults[i] = binder.bind(Parser.parseExpression(sql)).eval();
            }
        }
    }

    public TableInfo table() {
        return table;
    }

    /** A full row in table layout from named values; unnamed columns take their DEFAULT. */
    public Value[] fromFields(Map<String, Value> fields, ExecContext ctx) {
        Value[] row = new Value[table.width()];
        if (!table.strict()) {
            Value.Obj.Builder b = Value.Obj.builder();
            Value id = fields.get("id");
            if (id == null || id.isNull()) {
                id = new Value.Str(UuidV7.next().toString());
            }
            b.put("id", id);
            fields.forEach((k, v) -> {
                if (!k.equals("id")) {
                    b.put(k, v);
                }
            });
            row[0] = b.build();
            row[1] = checkId(id);
            return row;
        }
        for (String name : fields.keySet()) {
            if (table.columnIndex(name) < 0) {
                throw SqlErrors.undefinedColumn(name, 0);
            }
        }
        for (int i = 0; i < table.columns().size(); i++) {
            TableInfo.Column c = table.columns().get(i);
            Value v = fields.get(c.name());
            if (v == null) {
                v = defaults[i] == null ? Value.NULL : defaults[i].eval(new Value[0], ctx);
            }
            row[i] = Casts.assign(v, c.type(), c.name(), zone);
        }
        return finish(row);
    }

    /** Checks and keys a strict row after its columns changed (UPDATE, ON CONFLICT DO UPDATE, UPSERT). */
    public Value[] finish(Value[] row) {
        if (!table.strict()) {
            Value id = row[0] instanceof Value.Obj o ? o.get("id") : null;
            row[1] = checkId(id == null ? Value.NULL : id);
            return row;
        }
        for (int i = 0; i < table.columns().size(); i++) {
            TableInfo.Column c = table.columns().get(i);
            row[i] = Casts.assign(row[i], c.type(), c.name(), zone);
            if (row[i].isNull() && !c.nullable()) {
                throw new NodeDbException(SqlState.NOT_NULL_VIOLATION, "null value in column \"" + c.name()
                        + "\" of collection \"" + table.name() + "\" violates not-null constraint");
            }
        }
        int pk = table.pkIndex();
        if (table.compositeKey()) {
            row[row.length - 1] = compositeId(row);
        } else if (pk >= 0) {
            row[row.length - 1] = checkId(row[pk]);
        } else if (row[row.length - 1] == null) {
            row[row.length - 1] = new Value.Uuid(UuidV7.next());
        }
        return row;
    }

    /** The id of a finished row under a primary key of several columns (each NOT NULL, checked above). */
    private Value compositeId(Value[] row) {
        int[] keys = table.keyIndexes();
        List<Value> values = new java.util.ArrayList<>(keys.length);
        for (int k : keys) {
            values.add(row[k]);
        }
        return TableInfo.compositeId(values);
    }

    /**
     * Before a row is deleted ({@code after} null) or changed: 23503 when another row's foreign key still references
     * the values it gives up.
     */
    public void requireUnreferenced(Value[] before, Value[] after, ExecContext ctx, WriteSet writes) {
        if (!referencedBy.isEmpty()) {
            ForeignKeys.requireUnreferenced(referencedBy, before, after, ctx, table.name(), writes);
        }
    }

    private static Value checkId(Value id) {
        return switch (id) {
            case Value.Int i -> i;
            case Value.Str s -> s;
            case Value.Uuid u -> u;
            case Value.Bytes b -> b;
            case Value.Null n -> throw new NodeDbException(SqlState.NOT_NULL_VIOLATION, "the primary key must not "
                    + "be null");
            default -> throw new NodeDbException(SqlState.DATATYPE_MISMATCH, "a primary key must be BIGINT, TEXT, "
                    + "UUID or BYTES, got " + id.type());
        };
    }

    /** The stored document for a finished row, once it passes the collection's CHECK constraints. */
    public Value.Obj stored(Value[] row, ExecContext ctx, WriteSet writes) {
        return stored(row, false, ctx, writes);
    }

    /**
     * The stored document, once it passes the collection's CHECK constraints (23514 otherwise); for a KV row,
     * {@code keepTtl} makes the write keep the key's current expiry.
     */
    public Value.Obj stored(Value[] row, boolean keepTtl, ExecContext ctx, WriteSet writes) {
        for (Checks.Compiled c : checks) {
            c.require(row, ctx, table.name());
        }
        ForeignKeys.requireParents(foreignKeys, row, ctx, table.name(), writes);
        if (!table.strict()) {
            return (Value.Obj) row[0];
        }
        Value.Obj obj = table.encode(row);
        return keepTtl && table.kv() ? obj.with(io.nodedb.sql.storage.KvRows.KEEP_TTL, Value.TRUE) : obj;
    }
}
