package io.nodedb.sql.expr;

import static io.nodedb.core.value.DateTimeText.MICROS_PER_DAY;
import static io.nodedb.core.value.DateTimeText.MICROS_PER_HOUR;
import static io.nodedb.core.value.DateTimeText.MICROS_PER_MINUTE;
import static io.nodedb.core.value.DateTimeText.MICROS_PER_SECOND;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueType;
import io.nodedb.sql.SqlErrors;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.Locale;
import java.util.Map;

/**
 * The date and time functions: the current date and time (UTC, fixed for the statement), date_trunc, extract /
 * date_part on timestamps, dates, times and intervals, date_bin, age, the justify_* family, make_date, make_time
 * and make_interval.
 */
public final class DateTimeFunctions {
    /** Seconds in a year as extract(epoch FROM interval) counts it: 365.25 days, like PostgreSQL. */
    private static final long SECONDS_PER_YEAR = 31_557_600L;
    private static final long SECONDS_PER_MONTH = 30 * 86_400L;

    private DateTimeFunctions() {
    }

    static void register(Map<String, Functions.Def> defs) {
        def(defs, "current_date", 0, 0, ValueType.DATE, (a, c) -> new Value.Date(
                TimeZones.date(c.nowMicros(), c.zone())));
        def(defs, "current_time", 0, 0, ValueType.TIME, (a, c) -> new Value.Time(
                TimeZones.timeOfDay(c.nowMicros(), c.zone())));
        defs.put("localtime", defs.get("current_time"));
        def(defs, "extract", 2, 2, ValueType.DECIMAL, (a, c) -> extract(Functions.text(a[0]), a[1], c.zone()));
        defs.put("date_part", defs.get("extract"));
        def(defs, "age", 1, 2, ValueType.INTERVAL, (a, c) -> a.length == 2
                ? IntervalMath.age(instant(a[0], c.zone()), instant(a[1], c.zone()), c.zone())
                : IntervalMath.age(TimeZones.midnight(TimeZones.date(c.nowMicros(), c.zone()), c.zone()),
                        instant(a[0], c.zone()), c.zone()));
        def(defs, "justify_days", 1, 1, ValueType.INTERVAL, (a, c) -> IntervalMath.justifyDays(interval(a[0])));
        def(defs, "justify_hours", 1, 1, ValueType.INTERVAL, (a, c) -> IntervalMath.justifyHours(interval(a[0])));
        def(defs, "justify_interval", 1, 1, ValueType.INTERVAL,
                (a, c) -> IntervalMath.justifyInterval(interval(a[0])));
        def(defs, "make_date", 3, 3, ValueType.DATE, (a, c) -> {
            try {
                long year = integer(a[0]);
                if (year == 0) {
                    throw new ArithmeticException("there is no year 0");
                }
                // Negative years are BC, and 1 BC is the proleptic year 0.
                LocalDate d = LocalDate.of(Math.toIntExact(year < 0 ? year + 1 : year), Math.toIntExact(integer(a[1])),
                        Math.toIntExact(integer(a[2])));
                return new Value.Date(Math.toIntExact(d.toEpochDay()));
            } catch (DateTimeException | ArithmeticException | IllegalArgumentException e) {
                throw new NodeDbException(SqlState.DATETIME_FIELD_OVERFLOW, "date field value out of range: "
                        + SqlValues.display(a[0]) + "-" + SqlValues.display(a[1]) + "-"
                        + SqlValues.display(a[2]));
            }
        });
        def(defs, "date_bin", 3, 3, ValueType.TIMESTAMP, (a, c) -> dateBin(interval(a[0]), instant(a[1], c.zone()),
                instant(a[2], c.zone())));
        def(defs, "make_interval", 0, 7, ValueType.INTERVAL, (a, c) -> makeInterval(a));
        def(defs, "to_char", 2, 2, ValueType.TEXT, (a, c) -> toChar(a[0], Functions.text(a[1]), c.zone()));
        def(defs, "make_time", 3, 3, ValueType.TIME, (a, c) -> makeTime(a));
        def(defs, "to_date", 2, 2, ValueType.DATE, (a, c) -> new Value.Date(Math.toIntExact(Math.floorDiv(
                DateTimeParse.parse(Functions.text(a[0]), Functions.text(a[1]), ZoneOffset.UTC), MICROS_PER_DAY))));
        def(defs, "to_number", 2, 2, ValueType.DECIMAL, (a, c) -> NumberFormat.toNumber(Functions.text(a[0]),
                Functions.text(a[1])));
        def(defs, "to_timestamp", 1, 2, ValueType.TIMESTAMP, (a, c) -> {
            if (a.length == 2) {
                return new Value.Timestamp(DateTimeParse.parse(Functions.text(a[0]), Functions.text(a[1]), c.zone()));
            }
            if (!SqlValues.isNumeric(a[0])) {
                throw new NodeDbException(SqlState.DATATYPE_MISMATCH, "function to_timestamp does not accept "
                        + a[0].type());
            }
            return new Value.Timestamp(Math.round(SqlValues.toDouble(a[0]) * 1_000_000));
        });
    }

    /**
     * date_bin(stride, source, origin): the start of the stride-long bin, counted from origin, that holds source
     * (earlier bins for sources before the origin).
     */
    private static Value dateBin(Value.Interval stride, long source, long origin) {
        if (stride.months() != 0) {
            throw new NodeDbException(SqlState.FEATURE_NOT_SUPPORTED, "timestamps cannot be binned into intervals "
                    + "containing months or years");
        }
        try {
            long strideMicros = Math.addExact(Math.multiplyExact(stride.days(), MICROS_PER_DAY), stride.micros());
            if (strideMicros <= 0) {
                throw SqlErrors.invalidParameter("stride must be greater than zero");
            }
            long offset = Math.subtractExact(source, origin);
            return new Value.Timestamp(Math.addExact(origin, offset - Math.floorMod(offset, strideMicros)));
        } catch (ArithmeticException e) {
            throw DateTimeArith.timestampOutOfRange();
        }
    }

    /** make_interval(years, months, weeks, days, hours, mins, secs), each optional from the right. */
    private static Value makeInterval(Value[] a) {
        long[] whole = new long[6];
        for (int i = 0; i < Math.min(a.length, 6); i++) {
            whole[i] = integer(a[i]);
        }
        try {
            int months = Math.toIntExact(Math.addExact(Math.multiplyExact(whole[0], 12), whole[1]));
            int days = Math.toIntExact(Math.addExact(Math.multiplyExact(whole[2], 7), whole[3]));
            long micros = Math.addExact(Math.addExact(Math.multiplyExact(whole[4], MICROS_PER_HOUR),
                    Math.multiplyExact(whole[5], MICROS_PER_MINUTE)), a.length > 6 ? secondsMicros(a[6]) : 0);
            return new Value.Interval(months, days, micros);
        } catch (ArithmeticException e) {
            throw IntervalMath.outOfRange();
        }
    }

    private static Value makeTime(Value[] a) {
        long hours = integer(a[0]);
        long minutes = integer(a[1]);
        long seconds = secondsMicros(a[2]);
        if (hours < 0 || hours > 24 || minutes < 0 || minutes > 59 || seconds < 0 || seconds >= 60 * MICROS_PER_SECOND
                || hours * MICROS_PER_HOUR + minutes * MICROS_PER_MINUTE + seconds > MICROS_PER_DAY) {
            throw new NodeDbException(SqlState.DATETIME_FIELD_OVERFLOW, "time field value out of range: "
                    + SqlValues.display(a[0]) + ":" + SqlValues.display(a[1]) + ":" + SqlValues.display(a[2]));
        }
        return new Value.Time(hours * MICROS_PER_HOUR + minutes * MICROS_PER_MINUTE + seconds);
    }

    /** A number of seconds (any numeric type) in microseconds, rounded. */
    private static long secondsMicros(Value v) {
        if (!SqlValues.isNumeric(v)) {
            throw new NodeDbException(SqlState.DATATYPE_MISMATCH, "expected a number of seconds, got " + v.type());
        }
        try {
            return SqlValues.toDecimal(v).movePointRight(6).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        } catch (ArithmeticException e) {
            throw IntervalMath.outOfRange();
        }
    }

    private static void def(Map<String, Functions.Def> defs, String name, int min, int max, ValueType result,
            Functions.Impl impl) {
        defs.put(name, new Functions.Def(name, min, max, true, false, result, impl));
    }

    private static long integer(Value v) {
        if (v instanceof Value.Int i) {
            return i.value();
        }
        throw new NodeDbException(SqlState.DATATYPE_MISMATCH, "expected BIGINT, got " + v.type());
    }

    private static Value.Interval interval(Value v) {
        return switch (v) {
            case Value.Interval i -> i;
            case Value.Str s -> Casts.parseInterval(s.value());
            default -> throw new NodeDbException(SqlState.DATATYPE_MISMATCH, "expected INTERVAL, got " + v.type());
        };
    }

    /**
     * to_char of a number, timestamp (on the zone's wall clock), date or time; other types are 42883, as PostgreSQL
     * has no such overload.
     */
    private static Value toChar(Value v, String template, ZoneId zone) {
        java.math.BigDecimal number = switch (v) {
            case Value.Int i -> java.math.BigDecimal.valueOf(i.value());
            case Value.Decimal d -> d.value();
            case Value.Float f when Double.isFinite(f.value()) -> java.math.BigDecimal.valueOf(f.value());
            default -> null;
        };
        if (number != null) {
            return new Value.Str(NumberFormat.toChar(number, template));
        }
        if (v instanceof Value.Timestamp t) {
            return new Value.Str(DateTimeFormat.format(TimeZones.local(t.micros(), zone), Math.floorMod(t.micros(),
                    MICROS_PER_SECOND), template, TimeZones.abbreviation(t.micros(), zone),
                    TimeZones.offsetText(t.micros(), zone)));
        }
        long micros = switch (v) {
            case Value.Date d -> DateTimeArith.midnight(d);
            case Value.Time t -> t.micros();
            default -> throw new NodeDbException(SqlState.UNDEFINED_FUNCTION, "function to_char(" + v.type()
                    + ", TEXT) does not exist (numbers, dates, times and timestamps only)");
        };
        return new Value.Str(DateTimeFormat.format(TimeZones.local(micros, ZoneOffset.UTC), Math.floorMod(micros,
                MICROS_PER_SECOND), template, "UTC", "+00"));
    }

    private static long instant(Value v, ZoneId zone) {
        if (v instanceof Value.Timestamp || v instanceof Value.Date || v instanceof Value.Str) {
            return DateTimeArith.instant(v, zone);
        }
        throw new NodeDbException(SqlState.DATATYPE_MISMATCH, "expected TIMESTAMP, got " + v.type());
    }

    /**
     * date_trunc(unit, x): a timestamp (or a date, or timestamp text) truncated to a timestamp, or an interval to an
     * interval. Bound by the planner rather than registered, because its result type follows its second argument.
     * A timestamp is truncated on the wall clock of {@code zone} (the session's, or a third argument's).
     */
    public static Value dateTrunc(Value unit, Value x, ZoneId zone) {
        if (unit.isNull() || x.isNull()) {
            return Value.NULL;
        }
        String u = Functions.text(unit);
        return x instanceof Value.Interval iv ? truncate(iv, u) : truncate(u, instant(x, zone), zone);
    }

    /**
     * {@code ts AT TIME ZONE zone}: the wall-clock time of the instant in that zone, as text
     * ({@code 2024-03-01 21:00:00}), for want of a timestamp type without a zone. A date counts as its midnight in
     * the session zone. Text (such as another AT TIME ZONE's result) is refused: PostgreSQL would read it as a
     * wall-clock time to place in the zone, which needs that missing type.
     */
    public static Value atTimeZone(ZoneId zone, Value x, ZoneId session) {
        if (x.isNull()) {
            return Value.NULL;
        }
        long micros = switch (x) {
            case Value.Timestamp t -> t.micros();
            case Value.Date d -> TimeZones.midnight(d.days(), session);
            default -> throw new NodeDbException(SqlState.FEATURE_NOT_SUPPORTED, "AT TIME ZONE of " + x.type()
                    + " is not supported (only of TIMESTAMP: there is no timestamp without time zone)");
        };
        return new Value.Str(TimeZones.wallClock(micros, zone));
    }

    /** The zone a non-null zone argument names: text (a zone name or POSIX offset) or an interval (hours east). */
    public static ZoneId zoneOf(Value zone) {
        return switch (zone) {
            case Value.Str name -> TimeZones.named(name.value());
            case Value.Interval iv -> {
                if (iv.months() != 0 || iv.days() != 0 || iv.micros() % MICROS_PER_SECOND != 0
                        || Math.abs(iv.micros()) > 18 * MICROS_PER_HOUR) {
                    throw SqlErrors.invalidParameter("interval time zone \"" + iv.toText() + "\" must be whole "
                            + "seconds within 18 hours");
                }
                yield ZoneOffset.ofTotalSeconds((int) (iv.micros() / MICROS_PER_SECOND));
            }
            default -> throw new NodeDbException(SqlState.DATATYPE_MISMATCH, "a time zone must be text or an "
                    + "interval, not " + zone.type());
        };
    }

    private static Value truncate(Value.Interval iv, String unit) {
        int months = iv.months();
        long micros = iv.micros();
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "microsecond", "microseconds" -> iv;
            case "millisecond", "milliseconds" -> new Value.Interval(months, iv.days(), micros / 1000 * 1000);
            case "second", "seconds" -> new Value.Interval(months, iv.days(), micros / MICROS_PER_SECOND
                    * MICROS_PER_SECOND);
            case "minute", "minutes" -> new Value.Interval(months, iv.days(), micros / MICROS_PER_MINUTE
                    * MICROS_PER_MINUTE);
            case "hour", "hours" -> new Value.Interval(months, iv.days(), micros / MICROS_PER_HOUR * MICROS_PER_HOUR);
            case "day", "days" -> new Value.Interval(months, iv.days(), 0);
            case "month", "months" -> new Value.Interval(months, 0, 0);
            case "quarter" -> new Value.Interval(months / 12 * 12 + months % 12 / 3 * 3, 0, 0);
            case "year", "years" -> new Value.Interval(months / 12 * 12, 0, 0);
            case "decade", "decades" -> new Value.Interval(months / 120 * 120, 0, 0);
            case "century", "centuries" -> new Value.Interval(months / 1200 * 1200, 0, 0);
            case "millennium", "millennia" -> new Value.Interval(months / 12000 * 12000, 0, 0);
            case "week", "weeks" -> throw unsupported(unit, "INTERVAL");
            default -> throw SqlErrors.invalidParameter("unit \"" + unit + "\" not recognized for date_trunc");
        };
    }

    private static Value truncate(String unit, long micros, ZoneId zone) {
        LocalDateTime t = TimeZones.local(micros, zone);
        String u = unit.toLowerCase(Locale.ROOT);
        LocalDateTime r = switch (u) {
            case "microsecond", "microseconds" -> t;
            case "millisecond", "milliseconds" -> t.truncatedTo(ChronoUnit.MILLIS);
            case "second", "seconds" -> t.truncatedTo(ChronoUnit.SECONDS);
            case "minute", "minutes" -> t.truncatedTo(ChronoUnit.MINUTES);
            case "hour", "hours" -> t.truncatedTo(ChronoUnit.HOURS);
            case "day", "days" -> t.truncatedTo(ChronoUnit.DAYS);
            case "week", "weeks" -> t.truncatedTo(ChronoUnit.DAYS).minusDays(t.getDayOfWeek().getValue() - 1);
            case "month", "months" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
            case "quarter" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1)
                    .withMonth((t.getMonthValue() - 1) / 3 * 3 + 1);
            case "year", "years" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
            default -> throw SqlErrors.invalidParameter("unit \"" + unit + "\" not recognized for date_trunc");
        };
        // Below a day PostgreSQL keeps the instant's own offset, so a truncation stays within a repeated hour.
        boolean keepOffset = switch (u) {
            case "microsecond", "microseconds", "millisecond", "milliseconds", "second", "seconds", "minute",
                    "minutes", "hour", "hours" -> true;
            default -> false;
        };
        try {
            return new Value.Timestamp(keepOffset ? Math.addExact(Math.multiplyExact(r.toEpochSecond(
                    ZoneOffset.ofTotalSeconds(TimeZones.offsetSeconds(micros, zone))), MICROS_PER_SECOND),
                    r.getNano() / 1000) : TimeZones.instant(r, zone));
        } catch (ArithmeticException e) {
            throw DateTimeArith.timestampOutOfRange();
        }
    }

    private static Value extract(String field, Value source, ZoneId zone) {
        String f = field.toLowerCase(Locale.ROOT);
        return switch (source) {
            case Value.Timestamp t -> extractInstant(f, t.micros(), zone, "TIMESTAMP");
            case Value.Str s -> extractInstant(f, TimeZones.parse(s.value(), zone), zone, "TIMESTAMP");
            case Value.Date d -> switch (f) {
                case "hour", "minute", "second", "millisecond", "milliseconds", "microsecond", "microseconds",
                        "timezone", "timezone_hour", "timezone_minute" -> throw unsupported(field, "DATE");
                default -> extractInstant(f, DateTimeArith.midnight(d), ZoneOffset.UTC, "DATE");
            };
            case Value.Time t -> extractTime(f, field, t.micros());
            case Value.Interval i -> extractInterval(f, field, i);
            default -> throw new NodeDbException(SqlState.DATATYPE_MISMATCH, "function extract does not accept "
                    + source.type());
        };
    }

    /** A field of the instant on the wall clock of the zone (dates come with UTC, which leaves them as they are). */
    private static Value extractInstant(String f, long micros, ZoneId zone, String type) {
        LocalDateTime t = TimeZones.local(micros, zone);
        long secondMicros = t.getSecond() * MICROS_PER_SECOND + t.getNano() / 1000;
        return switch (f) {
            case "year" -> number(t.getYear());
            case "month" -> number(t.getMonthValue());
            case "day" -> number(t.getDayOfMonth());
            case "hour" -> number(t.getHour());
            case "minute" -> number(t.getMinute());
            case "second" -> micros(secondMicros, 6);
            case "millisecond", "milliseconds" -> micros(secondMicros, 3);
            case "microsecond", "microseconds" -> number(secondMicros);
            case "dow" -> number(t.getDayOfWeek().getValue() % 7);
            case "isodow" -> number(t.getDayOfWeek().getValue());
            case "doy" -> number(t.getDayOfYear());
            case "week" -> number(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case "quarter" -> number((t.getMonthValue() - 1) / 3 + 1);
            case "decade" -> number(Math.floorDiv(t.getYear(), 10));
            case "century" -> number(t.getYear() > 0 ? (t.getYear() + 99) / 100 : -((99 - (t.getYear() - 1)) / 100));
            case "millennium" -> number(t.getYear() > 0 ? (t.getYear() + 999) / 1000
                    : -((999 - (t.getYear() - 1)) / 1000));
            case "epoch" -> micros(micros, 6);
            case "timezone" -> number(TimeZones.offsetSeconds(micros, zone));
            case "timezone_hour" -> number(TimeZones.offsetSeconds(micros, zone) / 3600);
            case "timezone_minute" -> number(TimeZones.offsetSeconds(micros, zone) / 60 % 60);
            default -> throw unrecognized(f, type);
        };
    }

    private static Value extractTime(String f, String field, long micros) {
        long secondMicros = micros % MICROS_PER_MINUTE;
        return switch (f) {
            case "hour" -> number(micros / MICROS_PER_HOUR);
            case "minute" -> number(micros / MICROS_PER_MINUTE % 60);
            case "second" -> micros(secondMicros, 6);
            case "millisecond", "milliseconds" -> micros(secondMicros, 3);
            case "microsecond", "microseconds" -> number(secondMicros);
            case "epoch" -> micros(micros, 6);
            case "year", "month", "day", "dow", "isodow", "doy", "week", "quarter", "decade", "century",
                    "millennium" -> throw unsupported(field, "TIME");
            default -> throw unrecognized(field, "TIME");
        };
    }

    /** Fields of an interval keep its signs: extract(hour FROM INTERVAL '-90 minutes') is -1. */
    private static Value extractInterval(String f, String field, Value.Interval iv) {
        long secondMicros = iv.micros() % MICROS_PER_MINUTE;
        int years = iv.months() / 12;
        return switch (f) {
            case "microsecond", "microseconds" -> number(secondMicros);
            case "millisecond", "milliseconds" -> micros(secondMicros, 3);
            case "second" -> micros(secondMicros, 6);
            case "minute" -> number(iv.micros() / MICROS_PER_MINUTE % 60);
            case "hour" -> number(iv.micros() / MICROS_PER_HOUR);
            case "day" -> number(iv.days());
            case "month" -> number(iv.months() % 12);
            case "quarter" -> number(iv.months() % 12 / 3 + 1);
            case "year" -> number(years);
            case "decade" -> number(years / 10);
            case "century" -> number(years / 100);
            case "millennium" -> number(years / 1000);
            case "epoch" -> {
                BigDecimal seconds = BigDecimal.valueOf(SECONDS_PER_YEAR * years
                        + SECONDS_PER_MONTH * (iv.months() % 12) + 86_400L * iv.days());
                yield decimal(seconds.add(BigDecimal.valueOf(iv.micros(), 6)));
            }
            case "dow", "isodow", "doy", "week" -> throw unsupported(field, "INTERVAL");
            default -> throw unrecognized(field, "INTERVAL");
        };
    }

    private static NodeDbException unsupported(String field, String type) {
        return new NodeDbException(SqlState.FEATURE_NOT_SUPPORTED, "unit \"" + field + "\" not supported for type "
                + type);
    }

    private static NodeDbException unrecognized(String field, String type) {
        return SqlErrors.invalidParameter("unit \"" + field + "\" not recognized for type " + type);
    }

    private static Value number(long n) {
        return new Value.Decimal(BigDecimal.valueOf(n));
    }

    /** {@code micros} microseconds in units of 10^-scale seconds (6: seconds, 3: milliseconds), trailing zeros cut. */
    private static Value micros(long micros, int scale) {
        return decimal(BigDecimal.valueOf(micros, scale));
    }

    private static Value decimal(BigDecimal d) {
        BigDecimal stripped = d.stripTrailingZeros();
        return new Value.Decimal(stripped.scale() < 0 ? stripped.setScale(0) : stripped);
    }
}
