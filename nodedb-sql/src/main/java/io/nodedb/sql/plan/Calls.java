package io.nodedb.sql.plan;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueType;
import io.nodedb.core.vector.Metric;
import io.nodedb.sql.SqlErrors;
import io.nodedb.sql.ast.Expr;
import io.nodedb.sql.exec.ExecContext;
import io.nodedb.sql.expr.DateTimeFunctions;
import io.nodedb.sql.expr.Eval;
import io.nodedb.sql.expr.Functions;
import io.nodedb.sql.expr.Operators;
import io.nodedb.sql.expr.SqlValues;

import java.time.ZoneId;
import java.util.List;

/** Function calls: the lazy conditionals, then the scalar function library. */
final class Calls {
    private Calls() {
    }

    static Bound bind(ExprBinder binder, Expr.Call c) {
        if (ExprBinder.isAggregate(c)) {
            throw SqlErrors.grouping("aggregate functions are not allowed in " + binder.clause(), c.pos());
        }
        if (c.over() != null) {
            throw SqlErrors.grouping("window functions are not allowed in " + binder.clause(), c.pos());
        }
        if (c.distinct() || c.star() || !c.orderBy().isEmpty() || c.filter() != null) {
            throw SqlErrors.syntax("DISTINCT, *, ORDER BY and FILTER are only allowed in aggregate calls", c.pos());
        }
        if (KvCalls.handles(c.name())) {
            return KvCalls.bind(binder, c);
        }
        for (Expr a : c.args()) {
            if (a instanceof Expr.Call n && n.name().startsWith(KvCalls.NAMED)) {
                throw SqlErrors.syntax("function " + c.name() + " takes no named arguments", n.pos());
            }
        }
        switch (c.name()) {
            case "vector_distance" -> {
                arity(c, 2, 3);
                Eval a = binder.bind(c.args().get(0)).eval();
                Eval b = binder.bind(c.args().get(1)).eval();
                Metric metric;
                if (c.args().size() == 3) {
                    if (!(c.args().get(2) instanceof Expr.Literal l && l.value() instanceof Value.Str name)) {
                        throw SqlErrors.syntax("the metric of vector_distance must be a string literal",
                                c.args().get(2).pos());
                    }
                    try {
                        metric = Metric.parse(name.value());
                    } catch (IllegalArgumentException e) {
                        throw new NodeDbException(SqlState.INVALID_PARAMETER_VALUE, e.getMessage(),
                                c.args().get(2).pos(), null);
                    }
                } else {
                    metric = binder.distanceMetric(c.args().get(0), c.args().get(1));
                }
                return new Bound((row, ctx) -> Operators.distance(a.eval(row, ctx), b.eval(row, ctx), metric),
                        ValueType.DOUBLE);
            }
            case "coalesce" -> {
                Eval[] args = binder.evals(c.args()).toArray(Eval[]::new);
                ValueType type = binder.bind(c.args().getFirst()).type();
                return new Bound((row, ctx) -> {
                    for (Eval a : args) {
                        Value v = a.eval(row, ctx);
                        if (!v.isNull()) {
                            return v;
                        }
                    }
                    return Value.NULL;
                }, type);
            }
            case "nullif" -> {
                arity(c, 2, 2);
                Bound first = binder.bind(c.args().get(0));
                Eval a = first.eval();
                Eval b = binder.coerceLiteral(binder.bind(c.args().get(1)), c.args().get(1), first.type()).eval();
                return new Bound((row, ctx) -> {
                    Value x = a.eval(row, ctx);
                    return Value.TRUE.equals(Operators.compare("=", x, b.eval(row, ctx), ctx.zone())) ? Value.NULL
                            : x;
                }, first.type());
            }
            case "date_trunc" -> {
                arity(c, 2, 3);
                Eval unit = binder.bind(c.args().get(0)).eval();
                Bound source = binder.bind(c.args().get(1));
                Eval x = source.eval();
                ZoneEval zone = c.args().size() == 3 ? zone(binder, c.args().get(2)) : (row, ctx) -> ctx.zone();
                // Truncating an interval gives an interval, anything else a timestamp; unknown stays unknown.
                ValueType type = source.type() == null ? null
                        : source.type() == ValueType.INTERVAL ? ValueType.INTERVAL : ValueType.TIMESTAMP;
                return new Bound((row, ctx) -> {
                    ZoneId z = zone.eval(row, ctx);
                    return z == null ? Value.NULL : DateTimeFunctions.dateTrunc(unit.eval(row, ctx),
                            x.eval(row, ctx), z);
                }, type);
            }
            case "timezone" -> {
                arity(c, 2, 2);
                ZoneEval zone = zone(binder, c.args().get(0));
                Expr source = c.args().get(1);
                Eval x = binder.coerceLiteral(binder.bind(source), source, ValueType.TIMESTAMP).eval();
                return new Bound((row, ctx) -> {
                    ZoneId z = zone.eval(row, ctx);
                    return z == null ? Value.NULL : DateTimeFunctions.atTimeZone(z, x.eval(row, ctx), ctx.zone());
                }, ValueType.TEXT);
            }
            case "greatest", "least" -> {
                Eval[] args = binder.evals(c.args()).toArray(Eval[]::new);
                boolean greatest = c.name().equals("greatest");
                return new Bound((row, ctx) -> {
                    Value best = Value.NULL;
                    for (Eval a : args) {
                        Value v = a.eval(row, ctx);
                        if (!v.isNull() && (best.isNull() || (SqlValues.coercingCompare(v, best) > 0) == greatest
                                && SqlValues.coercingCompare(v, best) != 0)) {
                            best = v;
                        }
                    }
                    return best;
                }, binder.bind(c.args().getFirst()).type());
            }
            case "__any_array", "__all_array" -> {
                // x op ANY (array) / x op ALL (array), as the parser rewrites them.
                Eval x = binder.bind(c.args().get(0)).eval();
                Eval arr = binder.bind(c.args().get(1)).eval();
                String op = ((Value.Str) ((Expr.Literal) c.args().get(2)).value()).value();
                boolean all = c.name().equals("__all_array");
                return new Bound((row, ctx) -> {
                    Value v = x.eval(row, ctx);
                    Value a = arr.eval(row, ctx);
                    if (a.isNull()) {
                        return Value.NULL;
                    }
                    if (!(a instanceof Value.Array array)) {
                        throw SqlErrors.invalidParameter("op ANY/ALL (array) needs an array, got " + a.type());
                    }
                    boolean sawNull = false;
                    for (Value e : array.elements()) {
                        Value r = io.nodedb.sql.expr.Operators.compare(op, v, e, ctx.zone());
                        Boolean t = SqlValues.truth(r);
                        if (t == null) {
                            sawNull = true;
                        } else if (t != all) {
                            return Value.Bool.of(t);
                        }
                    }
                    return sawNull ? Value.NULL : Value.Bool.of(all);
                }, ValueType.BOOL);
            }
            case "__row" -> throw SqlErrors.notSupported("row values other than in = and <> comparisons", c.pos());
            case "array_agg_subquery" -> {
                return Subqueries.array(binder, (Expr.ScalarQuery) c.args().getFirst());
            }
            default -> {
            }
        }
        Functions.Def def = Functions.lookup(c.name());
        if (def == null) {
            throw SqlErrors.undefinedFunction(c.name() + "(" + "?,".repeat(c.args().size()).replaceAll(",$", "")
                    + ")", c.pos());
        }
        arity(c, def.minArgs(), def.maxArgs());
        List<Eval> argList = binder.evals(c.args());
        Eval[] args = argList.toArray(Eval[]::new);
        Functions.Impl impl = def.impl();
        boolean nullOnNull = def.nullOnNull();
        ValueType type = def.result() != null ? def.result()
                : args.length > 0 ? binder.bind(c.args().getFirst()).type() : null;
        return new Bound((row, ctx) -> {
            Value[] values = new Value[args.length];
            for (int i = 0; i < args.length; i++) {
                values[i] = args[i].eval(row, ctx);
                if (nullOnNull && values[i].isNull()) {
                    return Value.NULL;
                }
            }
            return impl.apply(values, ctx);
        }, type);
    }

    /** A zone argument's zone for a row, or null when the argument is NULL. */
    @FunctionalInterface
    private interface ZoneEval {
        ZoneId eval(Value[] row, ExecContext ctx);
    }

    /**
     * A zone argument; a constant one is resolved once at plan time (a bad one is 22023 with its position), so that
     * rows do not look the name up.
     */
    private static ZoneEval zone(ExprBinder binder, Expr e) {
        if (e instanceof Expr.Literal l && !l.value().isNull()) {
            try {
                ZoneId zone = DateTimeFunctions.zoneOf(l.value());
                return (row, ctx) -> zone;
            } catch (NodeDbException ex) {
                throw new NodeDbException(ex.state(), ex.getMessage(), l.pos(), null);
            }
        }
        Eval zone = binder.bind(e).eval();
        return (row, ctx) -> {
            Value z = zone.eval(row, ctx);
            return z.isNull() ? null : DateTimeFunctions.zoneOf(z);
        };
    }

    static void arity(Expr.Call c, int min, int max) {
        int n = c.args().size();
        if (n < min || n > max) {
            throw new NodeDbException(SqlState.UNDEFINED_FUNCTION, "function " + c.name() + " takes "
                    + (min == max ? String.valueOf(min) : min + " to " + max) + " arguments, got " + n, c.pos(), null);
        }
    }
}
