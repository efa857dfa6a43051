package io.nodedb.sql.plan;

import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueType;
import io.nodedb.sql.SqlErrors;
import io.nodedb.sql.ast.FromItem;
import io.nodedb.sql.ast.TypeName;
import io.nodedb.sql.exec.ExecContext;
import io.nodedb.sql.exec.Operator;
import io.nodedb.sql.exec.PlanNode;
import io.nodedb.sql.expr.Casts;
import io.nodedb.sql.expr.Eval;
import io.nodedb.sql.expr.IntervalMath;
import io.nodedb.sql.parser.TypeNames;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Set-returning functions in FROM: {@code generate_series(start, stop[, step])} over integers, or over timestamps
 * with an interval step, and {@code unnest(array)}. Their arguments may refer to enclosing queries (psql's catalog queries do), so they are
 * evaluated when the node opens, once per outer row.
 */
final class TableFunctions {
    private static final long MAX_ROWS = 10_000_000;

    private TableFunctions() {
    }

    static PlannedQuery plan(QueryPlanner planner, PlanContext pc, FromItem.Function f, Scope outer) {
        ExprBinder binder = new ExprBinder(pc, planner, Scope.empty(outer), Map.of(), null, "FROM");
        List<Eval> args = binder.evals(f.args());
        ValueType type;
        switch (f.name()) {
            case "generate_series" -> {
                Calls.arity(callOf(f), 2, 3);
                type = f.args().size() == 3 && binder.bind(f.args().get(2)).type() == ValueType.INTERVAL
                        ? ValueType.TIMESTAMP : ValueType.BIGINT;
            }
            case "unnest" -> {
                Calls.arity(callOf(f), 1, 1);
                type = null;
            }
            case ExpandArrays.NAME -> {
                Calls.arity(callOf(f), 1, 1);
                type = ValueType.OBJECT;
            }
            default -> throw SqlErrors.undefinedFunction(f.name() + "(...) in FROM", f.pos());
        }
        String qualifier = f.alias() != null ? f.alias() : f.name();
        String column = !f.columns().isEmpty() ? f.columns().getFirst() : qualifier;
        Scope scope = new Scope(List.of(Scope.Col.of(qualifier, column, type)), outer);
        return new PlannedQuery(new Node(f.name(), args), scope);
    }

    private static io.nodedb.sql.ast.Expr.Call callOf(FromItem.Function f) {
        return new io.nodedb.sql.ast.Expr.Call(f.name(), f.args(), false, false, List.of(), null, null, f.pos());
    }

    record Node(String name, List<Eval> args) implements PlanNode {
        @Override
        public Operator open(ExecContext ctx) {
            if (name.equals("generate_series")) {
                return series(ctx);
            }
            return Operator.materializing(this, ctx, op -> Node.this.compute(ctx));
        }

        /**
         * An integer series is produced one batch at a time, so a consumer that streams (a client reading a large
         * series, or a LIMIT) never holds it whole; a timestamp series is computed at once.
         */
        private Operator series(ExecContext ctx) {
            return new Operator(this, ctx) {
                private List<Value[]> timestamps;
                private final int[] cursor = {0};
                private boolean started;
                private long next;
                private long step;
                private long remaining;
                private boolean done;

                @Override
                protected List<Value[]> produce() {
                    if (!started) {
                        started = true;
                        start();
                    }
                    if (timestamps != null) {
                        return slice(timestamps, cursor);
                    }
                    if (done) {
                        return null;
                    }
                    List<Value[]> batch = new ArrayList<>(BATCH);
                    while (batch.size() < BATCH && remaining > 0) {
                        batch.add(new Value[] {new Value.Int(next)});
                        if (--remaining > 0) {
                            next += step;
                        }
                    }
                    done = remaining == 0;
                    return batch.isEmpty() ? null : batch;
                }

                private void start() {
                    Value[] none = new Value[0];
                    List<Value> values = new ArrayList<>();
                    for (Eval a : args) {
                        values.add(a.eval(none, ctx));
                    }
                    if (values.stream().anyMatch(Value::isNull)) {
                        done = true;
                        return;
                    }
                    if (values.size() == 3 && values.get(2) instanceof Value.Interval interval) {
                        timestamps = timestamps(values.get(0), values.get(1), interval, ctx.zone());
                        return;
                    }
                    next = toLong(values.get(0));
                    long stop = toLong(values.get(1));
                    step = values.size() > 2 ? toLong(values.get(2)) : 1;
                    if (step == 0) {
                        throw SqlErrors.invalidParameter("step size cannot equal zero");
                    }
                    if (step > 0 ? next > stop : next < stop) {
                        done = true;
                        return;
                    }
                    // counted before the first row (in BigInteger: stop - start may overflow a long), so a series
                    // over the limit fails as it did when it was computed whole
                    java.math.BigInteger steps = java.math.BigInteger.valueOf(stop)
                            .subtract(java.math.BigInteger.valueOf(next)).divide(java.math.BigInteger.valueOf(step));
                    if (steps.compareTo(java.math.BigInteger.valueOf(MAX_ROWS)) >= 0) {
                        throw SqlErrors.invalidParameter("generate_series would return more than " + MAX_ROWS
                                + " rows");
                    }
                    remaining = steps.longValueExact() + 1;
                }
            };
        }

        private List<Value[]> compute(ExecContext ctx) {
            Value[] none = new Value[0];
            List<Value> values = new ArrayList<>();
            for (Eval a : args) {
                values.add(a.eval(none, ctx));
            }
            List<Value[]> out = new ArrayList<>();
            if (values.stream().anyMatch(Value::isNull)) {
                return out;
            }
            if (name.equals(ExpandArrays.NAME)) {
                List<Value> elements = values.getFirst() instanceof Value.Array a ? a.elements() : List.of();
                for (int i = 0; i < elements.size(); i++) {
                    out.add(new Value[] {Value.Obj.of("x", elements.get(i), "n", new Value.Int(i + 1))});
                }
                return out;
            }
            if (!(values.getFirst() instanceof Value.Array a)) {
                throw SqlErrors.invalidParameter("unnest needs an array, got " + values.getFirst().type());
            }
            a.elements().forEach(e -> out.add(new Value[] {e}));
            return out;
        }

        /** Timestamps from start to stop, each the previous plus the step (so months stay on the calendar). */
        private static List<Value[]> timestamps(Value startValue, Value stopValue, Value.Interval step,
                java.time.ZoneId zone) {
            int direction = IntervalMath.compare(step, Value.Interval.ZERO);
            if (direction == 0) {
                throw SqlErrors.invalidParameter("step size cannot equal zero");
            }
            TypeName timestamp = TypeNames.simple(ValueType.TIMESTAMP);
            long stop = ((Value.Timestamp) Casts.cast(stopValue, timestamp, zone)).micros();
            List<Value[]> out = new ArrayList<>();
            for (long v = ((Value.Timestamp) Casts.cast(startValue, timestamp, zone)).micros();
                    direction > 0 ? v <= stop : v >= stop; v = IntervalMath.plus(v, step, zone)) {
                if (out.size() >= MAX_ROWS) {
                    throw SqlErrors.invalidParameter("generate_series would return more than " + MAX_ROWS + " rows");
                }
                out.add(new Value[] {new Value.Timestamp(v)});
            }
            return out;
        }

        private static long toLong(Value v) {
            return ((Value.Int) Casts.cast(v, TypeNames.simple(ValueType.BIGINT), java.time.ZoneOffset.UTC)).value();
        }

        @Override
        public String describe() {
            return "Function Scan on " + name;
        }

        @Override
        public List<PlanNode> inputs() {
            return List.of();
        }
    }
}
