package io.nodedb.sql.plan;

import io.nodedb.core.catalog.CollectionDef;
import io.nodedb.core.catalog.CollectionKind;
import io.nodedb.core.db.Database;
import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.kv.KvOp;
import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueType;
import io.nodedb.sql.SqlErrors;
import io.nodedb.sql.ast.Expr;
import io.nodedb.sql.exec.ExecContext;
import io.nodedb.sql.expr.Casts;
import io.nodedb.sql.expr.Eval;
import io.nodedb.sql.expr.SqlValues;
import io.nodedb.sql.storage.KvRows;
import io.nodedb.sql.storage.TableInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * The KV atomics: {@code KV_INCR(coll, key, delta [, TTL => s])}, {@code KV_INCR_FLOAT}, {@code KV_CAS(coll, key,
 * expected, new [, TTL => s])} and {@code KV_GETSET(coll, key, value [, TTL => s])}. Each call is one KV batch,
 * written when the expression is evaluated (not deferred to COMMIT: the engine decides it atomically on its own).
 * A TTL given sets the key's expiry; without one a new key gets the collection's default and an existing key keeps
 * its expiry (KV_GETSET, like a plain write, gives it the default).
 */
final class KvCalls {
    static final String NAMED = "__named_";

    private KvCalls() {
    }

    static boolean handles(String name) {
        return name.equals("kv_incr") || name.equals("kv_incr_float") || name.equals("kv_cas")
                || name.equals("kv_getset");
    }

    static Bound bind(ExprBinder binder, Expr.Call c) {
        List<Expr> positional = new ArrayList<>();
        Expr ttl = null;
        for (Expr a : c.args()) {
            if (a instanceof Expr.Call n && n.name().startsWith(NAMED)) {
                if (!n.name().equals(NAMED + "ttl") || ttl != null) {
                    throw SqlErrors.syntax(c.name() + " takes one named argument, TTL => seconds", n.pos());
                }
                ttl = Expr.Interval.seconds(n.args().getFirst());
            } else {
                positional.add(a);
            }
        }
        int want = c.name().equals("kv_cas") ? 4 : 3;
        if (positional.size() != want) {
            throw new NodeDbException(SqlState.UNDEFINED_FUNCTION, "function " + c.name() + " takes " + want
                    + " arguments and an optional TTL => seconds, got " + positional.size(), c.pos(), null);
        }
        Eval[] args = binder.evals(positional).toArray(Eval[]::new);
        Eval ttlEval = ttl == null ? null : binder.bind(ttl).eval();
        String fn = c.name();
        int pos = c.pos();
        ValueType type = switch (fn) {
            case "kv_incr" -> ValueType.BIGINT;
            case "kv_incr_float" -> ValueType.DOUBLE;
            case "kv_cas" -> ValueType.BOOL;
            default -> null;
        };
        return new Bound((row, ctx) -> call(fn, pos, args, ttlEval, row, ctx), type);
    }

    private static Value call(String fn, int pos, Eval[] args, Eval ttlEval, Value[] row, ExecContext ctx) {
        Value collection = args[0].eval(row, ctx);
        Value key = args[1].eval(row, ctx);
        if (collection.isNull() || key.isNull()) {
            return Value.NULL;
        }
        Database db = ctx.data().database();
        CollectionDef def = ctx.data().catalog().find(SqlValues.display(collection));
        if (def == null) {
            throw SqlErrors.undefinedTable(SqlValues.display(collection), pos);
        }
        if (def.kind() != CollectionKind.KEY_VALUE || db == null) {
            throw new NodeDbException(SqlState.WRONG_OBJECT_TYPE, "\"" + def.name() + "\" is not a KEY_VALUE "
                    + "collection", pos, null);
        }
        TableInfo table = new TableInfo(def);
        TableInfo.Column keyCol = table.columns().get(table.pkIndex());
        byte[] k = KvRows.keyBytes(Casts.assign(key, keyCol.type(), keyCol.name(), ctx.zone()));
        long now = db.clockMicros();
        long expire = KvOp.TTL_DEFAULT;
        if (ttlEval != null) {
            Value t = ttlEval.eval(row, ctx);
            if (!t.isNull()) {
                expire = now + KvRows.ttlMicros(t, def.name());
            }
        }
        String name = def.name();
        requireCounterColumn(fn, table, pos);
        KvOp op = switch (fn) {
            case "kv_incr" -> new KvOp.Incr(name, k, integer(args[2].eval(row, ctx), fn), expire == KvOp.TTL_DEFAULT
                    ? KvOp.TTL_KEEP : expire);
            case "kv_incr_float" -> new KvOp.IncrFloat(name, k, number(args[2].eval(row, ctx), fn),
                    expire == KvOp.TTL_DEFAULT ? KvOp.TTL_KEEP : expire);
            case "kv_cas" -> {
                Value expected = args[2].eval(row, ctx);
                yield new KvOp.Cas(name, k, expected.isNull() ? null : encode(table, expected, ctx.zone()),
                        encode(table, args[3].eval(row, ctx), ctx.zone()),
                        expire == KvOp.TTL_DEFAULT ? KvOp.TTL_KEEP : expire);
            }
            default -> new KvOp.GetSet(name, k, encode(table, args[2].eval(row, ctx), ctx.zone()), expire);
        };
        List<KvOp> ops = db.kv().exists(name) ? List.of(op) : List.of(KvRows.createOp(def, true), op);
        Value result = db.submitKv(now, ops).returned().getLast();
        if (result instanceof Value.Bytes previous) {
            Value.Obj fields = KvRows.valueFields(table, previous.value());
            return KvRows.valueColumns(table).size() == 1 ? fields.get(KvRows.valueColumns(table).getFirst().name())
                    : fields;
        }
        return result;
    }

    /**
     * KV_INCR_FLOAT stores a float, which a BIGINT value column cannot hold (42804; use KV_INCR there). Text value
     * columns (the beta {@code storage = 'kv'} form, and RESP's strings) take both counters, as Redis strings do.
     */
    private static void requireCounterColumn(String fn, TableInfo table, int pos) {
        List<TableInfo.Column> cols = KvRows.valueColumns(table);
        if (fn.equals("kv_incr_float") && cols.size() == 1 && cols.getFirst().type().base() == ValueType.BIGINT) {
            throw new NodeDbException(SqlState.DATATYPE_MISMATCH, "KV_INCR_FLOAT stores a float, which value column \""
                    + cols.getFirst().name() + "\" of \"" + table.name() + "\" (BIGINT) cannot hold; use KV_INCR",
                    pos, null);
        }
    }

    /** A value argument as the stored bytes: cast to the single value column, or an object of the columns. */
    private static byte[] encode(TableInfo table, Value v, java.time.ZoneId zone) {
        List<TableInfo.Column> cols = KvRows.valueColumns(table);
        Value.Obj.Builder image = Value.Obj.builder();
        if (cols.size() == 1) {
            image.put(cols.getFirst().name(), Casts.assign(v, cols.getFirst().type(), cols.getFirst().name(), zone));
        } else if (v instanceof Value.Obj o) {
            for (String f : o.fields().keySet()) {
                if (table.columnIndex(f) < 0) {
                    throw SqlErrors.undefinedColumn(f, 0);
                }
            }
            for (TableInfo.Column c : cols) {
                Value f = o.get(c.name());
                image.put(c.name(), Casts.assign(f == null ? Value.NULL : f, c.type(), c.name(), zone));
            }
        } else {
            throw new NodeDbException(SqlState.DATATYPE_MISMATCH, "collection \"" + table.name() + "\" has "
                    + cols.size() + " value columns: pass an object literal, not " + SqlValues.display(v));
        }
        return KvRows.valueBytes(table, image.build());
    }

    private static long integer(Value v, String fn) {
        if (v instanceof Value.Int i) {
            return i.value();
        }
        throw new NodeDbException(SqlState.DATATYPE_MISMATCH, fn + " needs an integer delta, got "
                + SqlValues.display(v));
    }

    private static double number(Value v, String fn) {
        return switch (v) {
            case Value.Int i -> i.value();
            case Value.Float f -> f.value();
            case Value.Decimal d -> d.value().doubleValue();
            default -> throw new NodeDbException(SqlState.DATATYPE_MISMATCH, fn + " needs a numeric delta, got "
                    + SqlValues.display(v));
        };
    }
}
