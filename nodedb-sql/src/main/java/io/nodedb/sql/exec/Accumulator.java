package io.nodedb.sql.exec;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;
import io.nodedb.sql.expr.Arith;
import io.nodedb.sql.expr.IntervalMath;
import io.nodedb.sql.expr.SqlValues;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The running state of one aggregate over one group. NULL inputs are skipped, as SQL requires. */
public abstract class Accumulator {
    public static final Set<String> NAMES = Set.of("count", "sum", "avg", "min", "max", "string_agg", "array_agg",
            "bool_and", "bool_or", "every");

    /** args holds the evaluated arguments; for COUNT(*) it is empty. */
    public abstract void add(Value[] args);

    public abstract Value result();

    public static Accumulator create(String name, boolean star) {
        return switch (name) {
            case "count" -> star ? new CountStar() : new Count();
            case "sum" -> new Sum(false);
            case "avg" -> new Sum(true);
            case "min" -> new Extreme(false);
            case "max" -> new Extreme(true);
            case "string_agg" -> new StringAgg();
            case "array_agg" -> new ArrayAgg();
            case "bool_and", "every" -> new BoolAgg(true);
            case "bool_or" -> new BoolAgg(false);
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static final class CountStar extends Accumulator {
        private long n;

        @Override
        public void add(Value[] args) {
            n++;
        }

        @Override
        public Value result() {
            return new Value.Int(n);
        }
    }

    private static final class Count extends Accumulator {
        private long n;

        @Override
        public void add(Value[] args) {
            if (!args[0].isNull()) {
                n++;
            }
        }

        @Override
        public Value result() {
            return new Value.Int(n);
        }
    }

    /**
     * SUM and AVG: BIGINT sums stay exact and widen to DECIMAL instead of overflowing. The running total is kept as
     * a primitive while the inputs are all BIGINT or involve DOUBLE (the common cases, no object per row), and as a
     * value once a DECIMAL or an overflow makes it one; each step computes what {@link Arith} computes.
     */
    private static final class Sum extends Accumulator {
        private enum Total { NONE, LONG, DOUBLE, VALUE }

        private final boolean average;
        private Total kind = Total.NONE;
        private long longTotal;
        private double doubleTotal;
        private Value valueTotal;
        private long count;

        Sum(boolean average) {
            this.average = average;
        }

        @Override
        public void add(Value[] args) {
            Value v = args[0];
            if (v.isNull()) {
                return;
            }
            boolean interval = v instanceof Value.Interval;
            if (!SqlValues.isNumeric(v) && !interval
                    || kind != Total.NONE && interval != valueTotal instanceof Value.Interval) {
                throw new NodeDbException(SqlState.DATATYPE_MISMATCH, "function " + (average ? "avg" : "sum")
                        + " does not accept " + v.type() + (kind == Total.NONE ? "" : " after " + total().type()
                        + " values"));
            }
            count++;
            if (interval) {
                kind = Total.VALUE;
                valueTotal = valueTotal == null ? v : IntervalMath.add((Value.Interval) valueTotal,
                        (Value.Interval) v);
                return;
            }
            switch (kind) {
                case NONE -> start(v);
                case LONG -> addToLong(v);
                case DOUBLE -> addToDouble(v);
                case VALUE -> valueTotal = Arith.apply("+", valueTotal, v);
            }
        }

        private void start(Value v) {
            switch (v) {
                case Value.Int i -> {
                    kind = Total.LONG;
                    longTotal = i.value();
                }
                case Value.Float f -> {
                    kind = Total.DOUBLE;
                    doubleTotal = f.value();
                }
                default -> {
                    kind = Total.VALUE;
                    valueTotal = v;
                }
            }
        }

        private void addToLong(Value v) {
            if (v instanceof Value.Int b) {
                long a = longTotal;
                long r = a + b.value();
                if (((a ^ r) & (b.value() ^ r)) < 0) {
                    kind = Total.VALUE;
                    valueTotal = new Value.Decimal(BigDecimal.valueOf(a).add(BigDecimal.valueOf(b.value())));
                } else {
                    longTotal = r;
                }
            } else {
                start(Arith.apply("+", new Value.Int(longTotal), v));
            }
        }

        private void addToDouble(Value v) {
            if (v instanceof Value.Float || v instanceof Value.Int) {
                double b = SqlValues.toDouble(v);
                double r = doubleTotal + b;
                if (Double.isInfinite(r) && Double.isFinite(doubleTotal) && Double.isFinite(b)) {
                    // Arith reports the overflow; let it, with the same message.
                    Arith.apply("+", new Value.Float(doubleTotal), v);
                }
                doubleTotal = r;
            } else {
                start(Arith.apply("+", new Value.Float(doubleTotal), v));
            }
        }

        private Value total() {
            return switch (kind) {
                case NONE -> Value.NULL;
                case LONG -> new Value.Int(longTotal);
                case DOUBLE -> new Value.Float(doubleTotal);
                case VALUE -> valueTotal;
            };
        }

        @Override
        public Value result() {
            Value total = total();
            if (!average || total.isNull()) {
                return total;
            }
            if (total instanceof Value.Interval iv) {
                return IntervalMath.divide(iv, count);
            }
            Value dividend = total instanceof Value.Int i ? new Value.Decimal(BigDecimal.valueOf(i.value())) : total;
            return Arith.apply("/", dividend, dividend instanceof Value.Float ? new Value.Float(count)
                    : new Value.Decimal(BigDecimal.valueOf(count)));
        }
    }

    private static final class Extreme extends Accumulator {
        private final boolean max;
        private Value best = Value.NULL;

        Extreme(boolean max) {
            this.max = max;
        }

        @Override
        public void add(Value[] args) {
            Value v = args[0];
            if (v.isNull()) {
                return;
            }
            if (best.isNull()) {
                best = v;
                return;
            }
            int c = SqlValues.sortCompare(v, best);
            if (max ? c > 0 : c < 0) {
                best = v;
            }
        }

        @Override
        public Value result() {
            return best;
        }
    }

    private static final class StringAgg extends Accumulator {
        private StringBuilder text;

        @Override
        public void add(Value[] args) {
            if (args[0].isNull()) {
                return;
            }
            if (text == null) {
                text = new StringBuilder();
            } else if (args.length > 1 && !args[1].isNull()) {
                text.append(SqlValues.display(args[1]));
            }
            text.append(SqlValues.display(args[0]));
        }

        @Override
        public Value result() {
            return text == null ? Value.NULL : new Value.Str(text.toString());
        }
    }

    /** ARRAY_AGG keeps NULL elements, like PostgreSQL. */
    private static final class ArrayAgg extends Accumulator {
        private List<Value> items;

        @Override
        public void add(Value[] args) {
            if (items == null) {
                items = new ArrayList<>();
            }
            items.add(args[0]);
        }

        @Override
        public Value result() {
            return items == null ? Value.NULL : new Value.Array(items);
        }
    }

    private static final class BoolAgg extends Accumulator {
        private final boolean and;
        private Boolean state;

        BoolAgg(boolean and) {
            this.and = and;
        }

        @Override
        public void add(Value[] args) {
            Boolean b = SqlValues.truth(args[0]);
            if (b != null) {
                state = state == null ? b : and ? state && b : state || b;
            }
        }

        @Override
        public Value result() {
            return state == null ? Value.NULL : Value.Bool.of(state);
        }
    }
}
