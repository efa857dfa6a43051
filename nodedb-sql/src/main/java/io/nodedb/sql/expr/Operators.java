package io.nodedb.sql.expr;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;
import io.nodedb.core.vector.Metric;
import io.nodedb.core.vector.VectorKernels;
import io.nodedb.core.vector.VectorValues;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Comparison, concatenation, document arrows and vector distance, with SQL NULL semantics. */
public final class Operators {
    private Operators() {
    }

    /**
     * Comparison. Values SQL cannot order against each other (text against a number in a schemaless field) are
     * unequal, and their ordering comparisons are NULL rather than an error, so one odd document does not fail a
     * whole query. A timestamp compares with a date as the date's midnight, and with text as the instant the text
     * names, both in {@code zone}.
     */
    public static Value compare(String op, Value a, Value b, ZoneId zone) {
        if (a.isNull() || b.isNull()) {
            return Value.NULL;
        }
        int c = SqlValues.compareOrIncomparable(a instanceof Value.Timestamp ? a : asInstant(a, b, zone),
                b instanceof Value.Timestamp ? b : asInstant(b, a, zone));
        if (c == Integer.MIN_VALUE) {
            return switch (op) {
                case "=" -> Value.FALSE;
                case "<>" -> Value.TRUE;
                default -> Value.NULL;
            };
        }
        return Value.Bool.of(switch (op) {
            case "=" -> c == 0;
            case "<>" -> c != 0;
            case "<" -> c < 0;
            case ">" -> c > 0;
            case "<=" -> c <= 0;
            default -> c >= 0;
        });
    }

    /** A date or text compared with a timestamp, as the timestamp it names in the zone; anything else as it is. */
    private static Value asInstant(Value v, Value other, ZoneId zone) {
        if (!(other instanceof Value.Timestamp)) {
            return v;
        }
        return switch (v) {
            case Value.Date d -> new Value.Timestamp(TimeZones.midnight(d.days(), zone));
            case Value.Str s -> new Value.Timestamp(TimeZones.parse(s.value(), zone));
            default -> v;
        };
    }

    /** {@code a || b}: arrays joined, anything else as text (a timestamp in the zone). */
    public static Value concat(Value a, Value b, ZoneId zone) {
        if (a.isNull() || b.isNull()) {
            return Value.NULL;
        }
        if (a instanceof Value.Array x && b instanceof Value.Array y) {
            List<Value> out = new ArrayList<>(x.elements());
            out.addAll(y.elements());
            return new Value.Array(out);
        }
        return new Value.Str(text(a, zone) + text(b, zone));
    }

    private static String text(Value v, ZoneId zone) {
        return v instanceof Value.Timestamp t ? TimeZones.format(t.micros(), zone) : SqlValues.display(v);
    }

    /** {@code doc -> 'key'} / {@code arr -> 0}; {@code ->>} returns the text form. */
    public static Value arrow(Value doc, Value key, boolean asText) {
        Value v = switch (doc) {
            case Value.Obj o when key instanceof Value.Str s -> o.get(s.value());
            case Value.Array a when key instanceof Value.Int i -> i.value() >= 0 && i.value() < a.size()
                    ? a.get((int) i.value()) : null;
            default -> null;
        };
        if (v == null || v.isNull()) {
            return Value.NULL;
        }
        return asText ? new Value.Str(SqlValues.display(v)) : v;
    }

    private static final VectorKernels KERNELS = VectorKernels.preferred();

    /**
     * The distance between two vectors (or arrays of numbers) by a vector index metric, computed by the same
     * kernels as the index so that sorting by it agrees with the index's order. L2 is reported as the Euclidean
     * distance (the index ranks by its square, which orders the same).
     */
    public static Value distance(Value a, Value b, Metric metric) {
        if (a.isNull() || b.isNull()) {
            return Value.NULL;
        }
        float[] x = vector(a);
        float[] y = vector(b);
        if (x.length != y.length) {
            throw new NodeDbException(SqlState.DATA_EXCEPTION, "different vector dimensions " + x.length + " and "
                    + y.length);
        }
        float d = KERNELS.distance(metric).distance(x, y);
        return new Value.Float(metric == Metric.L2 ? Math.sqrt(d) : d);
    }

    private static float[] vector(Value v) {
        float[] f = VectorValues.toFloats(v);
        if (f != null) {
            return f;
        }
        return ((Value.Vector) Casts.cast(v, io.nodedb.sql.parser.TypeNames.simple(io.nodedb.core.value.ValueType
                .VECTOR), ZoneOffset.UTC)).values();
    }
}
