package io.nodedb.sql.expr;

import static io.nodedb.core.value.DateTimeText.MICROS_PER_DAY;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueType;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The arithmetic operators on dates, times, timestamps and intervals, as PostgreSQL defines them: which operand
 * types combine, to what type, and how. Text with an interval is read as a timestamp, as it always was here.
 */
public final class DateTimeArith {
    private DateTimeArith() {
    }

    public static boolean isTemporal(ValueType t) {
        return t == ValueType.TIMESTAMP || t == ValueType.DATE || t == ValueType.TIME || t == ValueType.INTERVAL;
    }

    static boolean isTemporal(Value v) {
        return isTemporal(v.type());
    }

    /** The type of {@code a op b} where one side is temporal, or null when no such operator exists. */
    public static ValueType resultType(String op, ValueType a, ValueType b) {
        return switch (op) {
            case "+" -> {
                ValueType t = plusType(a, b);
                yield t != null ? t : plusType(b, a);
            }
            case "-" -> minusType(a, b);
            case "*" -> a == ValueType.INTERVAL && isNumber(b) || isNumber(a) && b == ValueType.INTERVAL
                    ? ValueType.INTERVAL : null;
            case "/" -> a == ValueType.INTERVAL && isNumber(b) ? ValueType.INTERVAL : null;
            default -> null;
        };
    }

    private static ValueType plusType(ValueType a, ValueType b) {
        if (b == ValueType.INTERVAL) {
            return switch (a) {
                case INTERVAL -> ValueType.INTERVAL;
                case TIMESTAMP, DATE, TEXT -> ValueType.TIMESTAMP;
                case TIME -> ValueType.TIME;
                default -> null;
            };
        }
        if (a == ValueType.DATE) {
            return b == ValueType.BIGINT ? ValueType.DATE : b == ValueType.TIME ? ValueType.TIMESTAMP : null;
        }
        return null;
    }

    private static ValueType minusType(ValueType a, ValueType b) {
        if (b == ValueType.INTERVAL) {
            return a == ValueType.INTERVAL ? ValueType.INTERVAL : plusType(a, b);
        }
        boolean instants = (a == ValueType.TIMESTAMP || a == ValueType.DATE)
                && (b == ValueType.TIMESTAMP || b == ValueType.DATE);
        if (a == ValueType.DATE && b == ValueType.DATE) {
            return ValueType.BIGINT;
        }
        if (instants || a == ValueType.TIME && b == ValueType.TIME) {
            return ValueType.INTERVAL;
        }
        return a == ValueType.DATE && b == ValueType.BIGINT ? ValueType.DATE : null;
    }

    private static boolean isNumber(ValueType t) {
        return t == ValueType.BIGINT || t == ValueType.DOUBLE || t == ValueType.DECIMAL;
    }

    /**
     * {@code a op b} for non-null operands of which at least one is temporal; dates and wall-clock text are
     * instants in {@code zone}, and days and months are added on its wall clock.
     */
    static Value apply(String op, Value a, Value b, ZoneId zone) {
        if (resultType(op, a.type(), b.type()) == null) {
            throw new NodeDbException(SqlState.DATATYPE_MISMATCH, "operator does not exist: " + a.type() + " " + op
                    + " " + b.type());
        }
        return switch (op) {
            case "+" -> a instanceof Value.Interval || a instanceof Value.Int || a instanceof Value.Time
                    && b instanceof Value.Date ? plus(b, a, zone) : plus(a, b, zone);
            case "-" -> minus(a, b, zone);
            case "*" -> a instanceof Value.Interval iv ? IntervalMath.multiply(iv, SqlValues.toDouble(b))
                    : IntervalMath.multiply((Value.Interval) b, SqlValues.toDouble(a));
            default -> IntervalMath.divide((Value.Interval) a, SqlValues.toDouble(b));
        };
    }

    /** {@code a + b}, with the interval, the day count or the time of day on the right. */
    private static Value plus(Value a, Value b, ZoneId zone) {
        return switch (b) {
            case Value.Interval iv -> switch (a) {
                case Value.Interval x -> IntervalMath.add(x, iv);
                case Value.Date d -> new Value.Timestamp(wallClockPlus(d, iv, zone));
                case Value.Time t -> new Value.Time(Math.floorMod(t.micros() + iv.micros() % MICROS_PER_DAY,
                        MICROS_PER_DAY));
                default -> new Value.Timestamp(IntervalMath.plus(instant(a, zone), iv, zone));
            };
            case Value.Int n -> date(((Value.Date) a).days() + n.value());
            default -> {
                try {
                    yield new Value.Timestamp(TimeZones.instant(LocalDate.ofEpochDay(((Value.Date) a).days())
                            .atStartOfDay().plusNanos(((Value.Time) b).micros() * 1000), zone));
                } catch (ArithmeticException | java.time.DateTimeException e) {
                    throw timestampOutOfRange();
                }
            }
        };
    }

    private static Value minus(Value a, Value b, ZoneId zone) {
        return switch (b) {
            case Value.Interval iv -> plus(a, IntervalMath.negate(iv), zone);
            case Value.Int n -> date(((Value.Date) a).days() - n.value());
            case Value.Time t -> IntervalMath.between(((Value.Time) a).micros(), t.micros());
            case Value.Date d when a instanceof Value.Date x -> new Value.Int((long) x.days() - d.days());
            default -> IntervalMath.between(instant(a, zone), instant(b, zone));
        };
    }

    /**
     * A date plus an interval, all of it on the wall clock (PostgreSQL computes it as a timestamp without time
     * zone), then placed in the zone: DATE '2024-03-31' + INTERVAL '3 hours' is 03:00 there even on a DST night.
     */
    private static long wallClockPlus(Value.Date d, Value.Interval iv, ZoneId zone) {
        try {
            return TimeZones.instant(LocalDate.ofEpochDay(d.days()).atStartOfDay().plusMonths(iv.months())
                    .plusDays(iv.days()).plusNanos(Math.multiplyExact(iv.micros(), 1000L)), zone);
        } catch (ArithmeticException | java.time.DateTimeException e) {
            throw timestampOutOfRange();
        }
    }

    /** A timestamp, a date (its midnight) or text read as a timestamp, in microseconds since the epoch. */
    static long instant(Value v, ZoneId zone) {
        return switch (v) {
            case Value.Timestamp t -> t.micros();
            case Value.Date d -> TimeZones.midnight(d.days(), zone);
            case Value.Str s -> TimeZones.parse(s.value(), zone);
            default -> throw new IllegalStateException("not an instant: " + v);
        };
    }

    /** The timestamp at the start of a date; dates reach further than timestamps, hence the check. */
    static long midnight(Value.Date d) {
        try {
            return Math.multiplyExact(d.days(), MICROS_PER_DAY);
        } catch (ArithmeticException e) {
            throw timestampOutOfRange();
        }
    }

    private static Value date(long days) {
        try {
            return new Value.Date(Math.toIntExact(days));
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new NodeDbException(SqlState.DATETIME_FIELD_OVERFLOW, "date out of range");
        }
    }

    static NodeDbException timestampOutOfRange() {
        return new NodeDbException(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp out of range");
    }
}
