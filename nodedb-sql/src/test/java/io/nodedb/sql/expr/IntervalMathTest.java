package io.nodedb.sql.expr;

import static java.time.ZoneOffset.UTC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.testing.Seeds;
import io.nodedb.core.value.Value;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/** Interval arithmetic against results PostgreSQL gives, and the algebra it must keep. */
@ExtendWith(Seeds.class)
class IntervalMathTest {
    private static final long HOUR = 3_600_000_000L;
    private static final long DAY = 24 * HOUR;

    private static Value.Interval iv(String text) {
        return Value.Interval.parse(text);
    }

    @Test
    void scalingSpillsFractionsLikePostgres() {
        assertThat(IntervalMath.multiply(iv("1 mon"), 1.5)).isEqualTo(iv("1 mon 15 days"));
        assertThat(IntervalMath.multiply(iv("1 day"), 1.5)).isEqualTo(iv("1 day 12:00:00"));
        assertThat(IntervalMath.multiply(iv("1 mon 1 day 01:00"), -2)).isEqualTo(iv("-2 mons -2 days -02:00:00"));
        assertThat(IntervalMath.divide(iv("1 mon"), 4)).isEqualTo(iv("7 days 12:00:00"));
        assertThat(IntervalMath.divide(iv("1 day"), 3)).isEqualTo(iv("08:00:00"));
        assertThat(IntervalMath.divide(iv("3 mons"), 2)).isEqualTo(iv("1 mon 15 days"));
        assertThatThrownBy(() -> IntervalMath.divide(iv("1 day"), 0)).isInstanceOfSatisfying(NodeDbException.class,
                e -> assertThat(e.state()).isEqualTo(SqlState.DIVISION_BY_ZERO));
        assertThatThrownBy(() -> IntervalMath.multiply(iv("1000000 years"), 1e6))
                .isInstanceOfSatisfying(NodeDbException.class,
                        e -> assertThat(e.state()).isEqualTo(SqlState.DATETIME_FIELD_OVERFLOW));
    }

    @Test
    void timestampsMoveByCalendarMonthsThenDaysThenTime() {
        long jan31 = Value.Timestamp.parse("2024-01-31T00:00:00Z").micros();
        assertThat(IntervalMath.plus(jan31, iv("1 mon"), UTC)).isEqualTo(Value.Timestamp.parse("2024-02-29T00:00:00Z")
                .micros());
        assertThat(IntervalMath.plus(jan31, iv("1 mon 1 day 01:00"), UTC)).isEqualTo(Value.Timestamp.parse(
                "2024-03-01T01:00:00Z").micros());
        assertThat(IntervalMath.between(jan31, jan31 + 25 * HOUR)).isEqualTo(iv("-1 days -01:00:00"));
        assertThat(IntervalMath.age(Value.Timestamp.parse("2024-03-31T00:00:00Z").micros(),
                Value.Timestamp.parse("2024-02-29T00:00:00Z").micros(), UTC)).isEqualTo(iv("1 mon 2 days"));
        assertThatThrownBy(() -> IntervalMath.plus(Long.MAX_VALUE - 1, iv("1 day"), UTC))
                .isInstanceOfSatisfying(NodeDbException.class,
                        e -> assertThat(e.state()).isEqualTo(SqlState.DATETIME_FIELD_OVERFLOW));
    }

    @Test
    void justifyMatchesPostgres() {
        assertThat(IntervalMath.justifyDays(iv("35 days"))).isEqualTo(iv("1 mon 5 days"));
        assertThat(IntervalMath.justifyDays(iv("1 mon -35 days"))).isEqualTo(iv("-5 days"));
        assertThat(IntervalMath.justifyHours(iv("27 hours"))).isEqualTo(iv("1 day 03:00:00"));
        assertThat(IntervalMath.justifyHours(iv("1 day -1 hour"))).isEqualTo(iv("23:00:00"));
        assertThat(IntervalMath.justifyInterval(iv("1 mon -1 hour"))).isEqualTo(iv("29 days 23:00:00"));
        assertThat(IntervalMath.justifyInterval(iv("-1 mon 1 day 50 hours"))).isEqualTo(iv("-26 days -22:00:00"));
    }

    /** Property: addition and negation are exact, scaling by one is the identity, and order agrees with length. */
    @Test
    void arithmeticKeepsItsAlgebra(TestInfo info) {
        SplittableRandom r = Seeds.random(info);
        for (int i = 0; i < 20_000; i++) {
            Value.Interval a = new Value.Interval(r.nextInt(-1200, 1200), r.nextInt(-40_000, 40_000),
                    r.nextLong(-1000 * DAY, 1000 * DAY));
            Value.Interval b = new Value.Interval(r.nextInt(-1200, 1200), r.nextInt(-40_000, 40_000),
                    r.nextLong(-1000 * DAY, 1000 * DAY));
            assertThat(IntervalMath.add(IntervalMath.add(a, b), IntervalMath.negate(b))).isEqualTo(a);
            assertThat(IntervalMath.negate(IntervalMath.negate(a))).isEqualTo(a);
            assertThat(IntervalMath.multiply(a, 1)).isEqualTo(a);
            assertThat(IntervalMath.divide(a, 1)).isEqualTo(a);
            assertThat(IntervalMath.compare(a, b)).isEqualTo(-IntervalMath.compare(b, a));
            double lengthA = (a.months() * 30.0 + a.days()) * DAY + a.micros();
            double lengthB = (b.months() * 30.0 + b.days()) * DAY + b.micros();
            assertThat(IntervalMath.compare(a, b)).isEqualTo((int) Math.signum(lengthA - lengthB));
            assertThat(IntervalMath.compare(IntervalMath.justifyInterval(a), a)).isZero();
        }
    }
}
