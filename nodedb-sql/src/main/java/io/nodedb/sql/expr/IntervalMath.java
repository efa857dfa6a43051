package io.nodedb.sql.expr;

import static io.nodedb.core.value.DateTimeText.MICROS_PER_DAY;
import static io.nodedb.core.value.DateTimeText.MICROS_PER_SECOND;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;
import io.nodedb.sql.SqlErrors;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.DoubleUnaryOperator;

/**
 * Interval arithmetic with PostgreSQL's semantics: months, days and microseconds stay apart until a calendar (a
 * timestamp) gives them a length; comparisons count a month as 30 days and a day as 24 hours.
 */
public final class IntervalMath {
    private static final int DAYS_PER_MONTH = 30;
    private static final double SECONDS_PER_DAY = 86_400;

    private IntervalMath() {
    }

    /**
     * The order (and equality) of SQL comparison: 1 day equals 24 hours, 1 month 30 days. Whole days and the
     * remaining microseconds, so that no multiplication can overflow.
     */
    public record SortKey(long days, long micros) implements Comparable<SortKey> {
        public static SortKey of(Value.Interval iv) {
            return new SortKey(iv.months() * (long) DAYS_PER_MONTH + iv.days() + Math.floorDiv(iv.micros(),
                    MICROS_PER_DAY), Math.floorMod(iv.micros(), MICROS_PER_DAY));
        }

        @Override
        public int compareTo(SortKey o) {
            int c = Long.compare(days, o.days);
            return c != 0 ? c : Long.compare(micros, o.micros);
        }
    }

    public static int compare(Value.Interval a, Value.Interval b) {
        return Integer.signum(SortKey.of(a).compareTo(SortKey.of(b)));
    }

    public static Value.Interval add(Value.Interval a, Value.Interval b) {
        try {
            return new Value.Interval(Math.addExact(a.months(), b.months()), Math.addExact(a.days(), b.days()),
                    Math.addExact(a.micros(), b.micros()));
        } catch (ArithmeticException e) {
            throw outOfRange();
        }
    }

    public static Value.Interval negate(Value.Interval a) {
        try {
            return new Value.Interval(Math.negateExact(a.months()), Math.negateExact(a.days()),
                    Math.negateExact(a.micros()));
        } catch (ArithmeticException e) {
            throw outOfRange();
        }
    }

    public static Value.Interval multiply(Value.Interval a, double factor) {
        return scale(a, x -> x * factor);
    }

    public static Value.Interval divide(Value.Interval a, double divisor) {
        if (divisor == 0) {
            throw SqlErrors.divisionByZero();
        }
        return scale(a, x -> x / divisor);
    }

    /**
     * PostgreSQL's interval_mul: whole months and days scale as such, and the fraction they leave spills into the
     * next smaller field (a month as 30 days, a day as 24 hours), rounded to the microsecond.
     */
    private static Value.Interval scale(Value.Interval a, DoubleUnaryOperator by) {
        double months = by.applyAsDouble(a.months());
        double days = by.applyAsDouble(a.days());
        if (!fitsInt(months) || !fitsInt(days)) {
            throw outOfRange();
        }
        int wholeMonths = (int) months;
        int wholeDays = (int) days;
        double monthRemainderDays = roundToMicro((months - wholeMonths) * DAYS_PER_MONTH);
        double secondRemainder = roundToMicro((days - wholeDays + monthRemainderDays - (int) monthRemainderDays)
                * SECONDS_PER_DAY);
        long extraDays = (long) (secondRemainder / SECONDS_PER_DAY);
        secondRemainder -= extraDays * SECONDS_PER_DAY;
        long resultDays = (long) wholeDays + extraDays + (int) monthRemainderDays;
        double micros = Math.rint(by.applyAsDouble(a.micros()) + secondRemainder * MICROS_PER_SECOND);
        if (resultDays != (int) resultDays || Double.isNaN(micros) || micros < -0x1p63 || micros >= 0x1p63) {
            throw outOfRange();
        }
        return new Value.Interval(wholeMonths, (int) resultDays, (long) micros);
    }

    private static boolean fitsInt(double d) {
        return !Double.isNaN(d) && d > Integer.MIN_VALUE - 1.0 && d < Integer.MAX_VALUE + 1.0;
    }

    private static double roundToMicro(double d) {
        return Math.rint(d * MICROS_PER_SECOND) / MICROS_PER_SECOND;
    }

    /**
     * A timestamp plus an interval: months (clamped to the month's last day), then days, both on the wall clock of
     * {@code zone} (so a day across a daylight-saving change keeps the local time), then the exact time.
     */
    public static long plus(long timestampMicros, Value.Interval iv, ZoneId zone) {
        try {
            long micros = timestampMicros;
            if (iv.months() != 0 || iv.days() != 0) {
                LocalDateTime t = TimeZones.local(micros, zone).plusMonths(iv.months()).plusDays(iv.days());
                micros = TimeZones.instant(t, zone);
            }
            return Math.addExact(micros, iv.micros());
        } catch (ArithmeticException | DateTimeException | IllegalArgumentException e) {
            throw DateTimeArith.timestampOutOfRange();
        }
    }

    /** {@code a - b} of timestamps: days and the time within a day, as PostgreSQL's justify_hours leaves them. */
    public static Value.Interval between(long a, long b) {
        long diff;
        try {
            diff = Math.subtractExact(a, b);
        } catch (ArithmeticException e) {
            throw outOfRange();
        }
        long days = diff / MICROS_PER_DAY;
        return new Value.Interval(0, (int) days, diff % MICROS_PER_DAY);
    }

    /** justify_days: every 30 days become a month, the signs of months and days made to agree. */
    public static Value.Interval justifyDays(Value.Interval iv) {
        long[] carried = carry(iv.months(), iv.days(), DAYS_PER_MONTH);
        return interval(carried[0], carried[1], iv.micros());
    }

    /** justify_hours: every 24 hours become a day, the signs of days and time made to agree. */
    public static Value.Interval justifyHours(Value.Interval iv) {
        long[] carried = carry(iv.days(), iv.micros(), MICROS_PER_DAY);
        return interval(iv.months(), carried[0], carried[1]);
    }

    /**
     * Moves whole {@code unit}s of {@code small} into {@code big} and makes the two signs agree: returns
     * {big, small} afterwards.
     */
    private static long[] carry(long big, long small, long unit) {
        big += small / unit;
        small %= unit;
        if (big > 0 && small < 0) {
            small += unit;
            big--;
        } else if (big < 0 && small > 0) {
            small -= unit;
            big++;
        }
        return new long[] {big, small};
    }

    /** justify_interval: both of the above, with all three signs made to agree. */
    public static Value.Interval justifyInterval(Value.Interval iv) {
        long months = iv.months();
        long days = iv.days() + iv.micros() / MICROS_PER_DAY;
        long micros = iv.micros() % MICROS_PER_DAY;
        months += days / DAYS_PER_MONTH;
        days %= DAYS_PER_MONTH;
        if (months > 0 && (days < 0 || days == 0 && micros < 0)) {
            days += DAYS_PER_MONTH;
            months--;
        } else if (months < 0 && (days > 0 || days == 0 && micros > 0)) {
            days -= DAYS_PER_MONTH;
            months++;
        }
        if (days > 0 && micros < 0) {
            micros += MICROS_PER_DAY;
            days--;
        } else if (days < 0 && micros > 0) {
            micros -= MICROS_PER_DAY;
            days++;
        }
        return interval(months, days, micros);
    }

    /**
     * age(a, b): the difference in calendar fields (years, months, days, then time), borrowing from the next larger
     * field as PostgreSQL does, so age('2024-03-31', '2024-02-29') is 1 mon 2 days rather than 31 days.
     */
    public static Value.Interval age(long a, long b, ZoneId zone) {
        LocalDateTime t1 = TimeZones.local(a, zone);
        LocalDateTime t2 = TimeZones.local(b, zone);
        int sign = a < b ? -1 : 1;
        long micros = sign * (micros(t1) - micros(t2));
        long days = sign * (t1.getDayOfMonth() - t2.getDayOfMonth());
        long months = sign * (t1.getMonthValue() - t2.getMonthValue());
        long years = sign * ((long) t1.getYear() - t2.getYear());
        if (micros < 0) {
            micros += MICROS_PER_DAY;
            days--;
        }
        LocalDateTime borrowFrom = a < b ? t1 : t2;
        while (days < 0) {
            days += borrowFrom.toLocalDate().lengthOfMonth();
            months--;
        }
        while (months < 0) {
            months += 12;
            years--;
        }
        return interval(sign * (years * 12 + months), sign * days, sign * micros);
    }

    private static long micros(LocalDateTime t) {
        return t.toLocalTime().toNanoOfDay() / 1000;
    }

    private static Value.Interval interval(long months, long days, long micros) {
        if (months != (int) months || days != (int) days) {
            throw outOfRange();
        }
        return new Value.Interval((int) months, (int) days, micros);
    }

    static NodeDbException outOfRange() {
        return new NodeDbException(SqlState.DATETIME_FIELD_OVERFLOW, "interval out of range");
    }
}
