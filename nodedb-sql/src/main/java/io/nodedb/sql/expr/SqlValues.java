package io.nodedb.sql.expr;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueType;
import io.nodedb.core.value.ValueJson;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * SQL semantics over {@link Value}s: comparison across numeric types, the total order ORDER BY uses, grouping keys
 * under which 1, 1.0 and 1.00 are one group, and the text form of every value.
 */
public final class SqlValues {
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private SqlValues() {
    }

    public static boolean isNumeric(Value v) {
        return v instanceof Value.Int || v instanceof Value.Float || v instanceof Value.Decimal;
    }

    /**
     * Compares two non-null values, or returns {@link Integer#MIN_VALUE} when SQL gives them no order (such as text
     * against a number). Text compared with a timestamp, date, time, interval or UUID is read as one; a date
     * compares with a timestamp as its midnight; intervals compare by length (1 day = 24 hours, 1 month = 30 days).
     */
    public static int compareOrIncomparable(Value a, Value b) {
        if (isNumeric(a) && isNumeric(b)) {
            return compareNumbers(a, b);
        }
        return switch (a) {
            case Value.Str s when b instanceof Value.Str t -> Integer.signum(s.value().compareTo(t.value()));
            case Value.Bool x when b instanceof Value.Bool y -> Boolean.compare(x.value(), y.value());
            case Value.Timestamp x when b instanceof Value.Timestamp y -> Long.compare(x.micros(), y.micros());
            case Value.Timestamp x when b instanceof Value.Str s -> Long.compare(x.micros(), TimeZones.parse(
                    s.value(), ZoneOffset.UTC));
            case Value.Str s when b instanceof Value.Timestamp y -> Long.compare(TimeZones.parse(s.value(),
                    ZoneOffset.UTC), y.micros());
            case Value.Date x when b instanceof Value.Date y -> Integer.compare(x.days(), y.days());
            case Value.Date x when b instanceof Value.Timestamp y -> Long.compare(DateTimeArith.midnight(x),
                    y.micros());
            case Value.Timestamp x when b instanceof Value.Date y -> Long.compare(x.micros(),
                    DateTimeArith.midnight(y));
            case Value.Date x when b instanceof Value.Str s -> Integer.compare(x.days(), Casts.parseDate(s.value()));
            case Value.Str s when b instanceof Value.Date y -> Integer.compare(Casts.parseDate(s.value()), y.days());
            case Value.Time x when b instanceof Value.Time y -> Long.compare(x.micros(), y.micros());
            case Value.Time x when b instanceof Value.Str s -> Long.compare(x.micros(), Casts.parseTime(s.value()));
            case Value.Str s when b instanceof Value.Time y -> Long.compare(Casts.parseTime(s.value()), y.micros());
            case Value.Interval x when b instanceof Value.Interval y -> IntervalMath.compare(x, y);
            case Value.Interval x when b instanceof Value.Str s -> IntervalMath.compare(x,
                    Casts.parseInterval(s.value()));
            case Value.Str s when b instanceof Value.Interval y -> IntervalMath.compare(Casts.parseInterval(
                    s.value()), y);
            case Value.Uuid x when b instanceof Value.Uuid y -> compareUuid(x.value(), y.value());
            case Value.Uuid x when b instanceof Value.Str s -> compareUuid(x.value(), Casts.parseUuid(s.value()));
            case Value.Str s when b instanceof Value.Uuid y -> compareUuid(Casts.parseUuid(s.value()), y.value());
            case Value.Bytes x when b instanceof Value.Bytes y -> Integer.signum(Arrays.compareUnsigned(x.value(),
                    y.value()));
            case Value.Array x when b instanceof Value.Array y -> compareLists(x.elements(), y.elements());
            default -> a.equals(b) ? 0 : Integer.MIN_VALUE;
        };
    }

    /** SQL {@code =}: null when either side is NULL. */
    public static Value.Bool equal(Value a, Value b) {
        if (a.isNull() || b.isNull()) {
            return null;
        }
        return Value.Bool.of(compareOrIncomparable(a, b) == 0);
    }

    /** Values are "not distinct" (IS NOT DISTINCT FROM, DISTINCT, GROUP BY, set operations). */
    public static boolean notDistinct(Value a, Value b) {
        if (a.isNull() || b.isNull()) {
            return a.isNull() && b.isNull();
        }
        return compareOrIncomparable(a, b) == 0;
    }

    /**
     * The total order of ORDER BY, MIN and MAX over stored values: NULL sorts high; numbers compare with numbers,
     * dates with timestamps, other values with their own type; values of different kinds sort by kind. Text is never
     * read as a timestamp here (as {@link #coercingCompare} does): in a schemaless field holding both, reading some
     * texts as times and others not would make the order cyclic, and text that is no time would fail the sort.
     */
    public static int sortCompare(Value a, Value b) {
        if (a.isNull() || b.isNull()) {
            return Boolean.compare(a.isNull(), b.isNull());
        }
        int byKind = Integer.compare(kindRank(a), kindRank(b));
        if (byKind != 0) {
            return byKind;
        }
        int c = compareOrIncomparable(a, b);
        return c != Integer.MIN_VALUE ? c : Integer.signum(display(a).compareTo(display(b)));
    }

    /**
     * GREATEST and LEAST: as {@link #sortCompare}, except that text compared with a timestamp, date, time, interval
     * or UUID is read as one, as PostgreSQL reads an untyped literal among typed arguments.
     */
    public static int coercingCompare(Value a, Value b) {
        if (a.isNull() || b.isNull()) {
            return Boolean.compare(a.isNull(), b.isNull());
        }
        int c = compareOrIncomparable(a, b);
        return c != Integer.MIN_VALUE ? c : sortCompare(a, b);
    }

    /** Values of one kind compare with each other: numbers of every type, and dates with timestamps. */
    private static int kindRank(Value v) {
        if (isNumeric(v)) {
            return 2;
        }
        return (v instanceof Value.Date ? ValueType.TIMESTAMP : v.type()).ordinal() * 10;
    }

    private static int compareUuid(UUID a, UUID b) {
        int c = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return c != 0 ? Integer.signum(c) : Integer.signum(Long.compareUnsigned(a.getLeastSignificantBits(),
                b.getLeastSignificantBits()));
    }

    private static int compareLists(List<Value> a, List<Value> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = sortCompare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    static int compareNumbers(Value a, Value b) {
        if (a instanceof Value.Int x && b instanceof Value.Int y) {
            return Long.compare(x.value(), y.value());
        }
        if (a instanceof Value.Float || b instanceof Value.Float) {
            return Double.compare(toDouble(a), toDouble(b));
        }
        return toDecimal(a).compareTo(toDecimal(b));
    }

    public static double toDouble(Value v) {
        return switch (v) {
            case Value.Int i -> i.value();
            case Value.Float f -> f.value();
            case Value.Decimal d -> d.value().doubleValue();
            default -> throw new IllegalArgumentException("not a number: " + v);
        };
    }

    public static BigDecimal toDecimal(Value v) {
        return switch (v) {
            case Value.Int i -> BigDecimal.valueOf(i.value());
            case Value.Float f -> {
                if (!Double.isFinite(f.value())) {
                    throw new NodeDbException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "cannot convert " + f.value()
                            + " to DECIMAL");
                }
                yield BigDecimal.valueOf(f.value());
            }
            case Value.Decimal d -> d.value();
            default -> throw new IllegalArgumentException("not a number: " + v);
        };
    }

    /** The exact long of an integral decimal, or null when it has a fraction or does not fit. */
    static Long exactLong(BigDecimal d) {
        if (d.compareTo(LONG_MIN) < 0 || d.compareTo(LONG_MAX) > 0) {
            return null;
        }
        try {
            return d.longValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    /**
     * A stand-in with the equality SQL grouping needs: equal numbers of any type map to one key, and so do intervals
     * of equal length.
     */
    public static Object groupKey(Value v) {
        return switch (v) {
            case Value.Float f -> {
                double d = f.value();
                if (d == Math.rint(d) && Math.abs(d) < 9.0e18) {
                    yield new Value.Int((long) d);
                }
                yield d == 0.0 ? new Value.Int(0) : f;
            }
            case Value.Decimal d -> {
                Long exact = exactLong(d.value());
                if (exact != null) {
                    yield new Value.Int(exact);
                }
                yield new Value.Float(d.value().doubleValue());
            }
            case Value.Interval iv -> IntervalMath.SortKey.of(iv);
            default -> v;
        };
    }

    /** A composite grouping key. */
    public record Key(Object[] parts) {
        public static Key of(Value[] values) {
            Object[] parts = new Object[values.length];
            for (int i = 0; i < values.length; i++) {
                parts[i] = groupKey(values[i]);
            }
            return new Key(parts);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(parts, k.parts);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(parts);
        }
    }

    /** The text form of a value: what CAST(x AS TEXT), string concatenation and result rendering show. */
    public static String display(Value v) {
        return switch (v) {
            case Value.Null n -> "NULL";
            case Value.Str s -> s.value();
            case Value.Int i -> Long.toString(i.value());
            case Value.Float f -> formatDouble(f.value());
            case Value.Decimal d -> d.value().toPlainString();
            case Value.Bool b -> b.value() ? "true" : "false";
            case Value.Timestamp t -> t.toIsoString();
            case Value.Date d -> d.toText();
            case Value.Time t -> t.toText();
            case Value.Interval i -> i.toText();
            case Value.Uuid u -> u.value().toString();
            case Value.Bytes b -> "\\x" + HexFormat.of().formatHex(b.value());
            case Value.Vector vec -> {
                StringBuilder sb = new StringBuilder("[");
                for (int i = 0; i < vec.dimensions(); i++) {
                    sb.append(i == 0 ? "" : ",").append(formatDouble(vec.get(i)));
                }
                yield sb.append(']').toString();
            }
            case Value.Geometry g -> g.toWkt();
            case Value.Array a -> ValueJson.toJson(a);
            case Value.Obj o -> ValueJson.toJson(o);
        };
    }

    /** Shortest round-trip digits, without a trailing ".0" and with PostgreSQL's spelling of specials. */
    public static String formatDouble(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return (d == 0 && 1 / d < 0 ? "-" : "") + Long.toString((long) d);
        }
        String s = Double.toString(d);
        int e = s.indexOf('E');
        if (e < 0) {
            return s;
        }
        String mantissa = s.substring(0, e);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        String exp = s.substring(e + 1);
        return mantissa + "e" + (exp.startsWith("-") ? exp : "+" + exp);
    }

    /** Three-valued truth of a condition result: null for NULL; anything but a BOOL is a type error. */
    public static Boolean truth(Value v) {
        return switch (v) {
            case Value.Bool b -> b.value();
            case Value.Null n -> null;
            default -> throw new NodeDbException(SqlState.DATATYPE_MISMATCH, "argument of a condition must be "
                    + "BOOL, not " + v.type());
        };
    }
}
