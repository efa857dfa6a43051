package io.nodedb.core.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nodedb.core.testing.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/** DATE, TIME and INTERVAL values: PostgreSQL's text forms both ways, and their binary encoding. */
@ExtendWith(Seeds.class)
class DateTimeValuesTest {

    private static Value.Interval iv(int months, int days, long micros) {
        return new Value.Interval(months, days, micros);
    }

    @Test
    void intervalsPrintInPostgresStyle() {
        long hour = DateTimeText.MICROS_PER_HOUR;
        assertThat(iv(0, 1, 2 * hour).toText()).isEqualTo("1 day 02:00:00");
        assertThat(iv(3, 0, 0).toText()).isEqualTo("3 mons");
        assertThat(iv(0, 0, -5_000_000).toText()).isEqualTo("-00:00:05");
        assertThat(iv(0, 0, 0).toText()).isEqualTo("00:00:00");
        assertThat(iv(14, 3, 4 * hour + 5 * 60_000_000L + 6_500_000).toText())
                .isEqualTo("1 year 2 mons 3 days 04:05:06.5");
        assertThat(iv(-14, 3, 0).toText()).isEqualTo("-1 years -2 mons +3 days");
        assertThat(iv(0, -1, 2 * hour).toText()).isEqualTo("-1 days +02:00:00");
        assertThat(iv(0, 1, -2 * hour).toText()).isEqualTo("1 day -02:00:00");
        assertThat(iv(12, 0, 0).toText()).isEqualTo("1 year");
        assertThat(iv(0, 0, 100 * hour + 1).toText()).isEqualTo("100:00:00.000001");
        assertThat(iv(0, 0, Long.MIN_VALUE).toText()).isEqualTo("-2562047788:00:54.775808");
        assertThat(iv(Integer.MIN_VALUE, 0, 0).toText()).isEqualTo("-178956970 years -8 mons");
    }

    @Test
    void intervalInputFollowsPostgres() {
        long hour = DateTimeText.MICROS_PER_HOUR;
        assertThat(Value.Interval.parse("1 day 2 hours")).isEqualTo(iv(0, 1, 2 * hour));
        assertThat(Value.Interval.parse("  1 DAY  02:00  ")).isEqualTo(iv(0, 1, 2 * hour));
        assertThat(Value.Interval.parse("5m")).isEqualTo(iv(0, 0, 300_000_000));
        assertThat(Value.Interval.parse("1h30m")).isEqualTo(iv(0, 0, 90 * 60_000_000L));
        assertThat(Value.Interval.parse("PT5M")).isEqualTo(iv(0, 0, 300_000_000));
        assertThat(Value.Interval.parse("P1Y2M3W4DT5H6M7.5S"))
                .isEqualTo(iv(14, 25, 5 * hour + 6 * 60_000_000L + 7_500_000));
        assertThat(Value.Interval.parse("1.5 months")).isEqualTo(iv(1, 15, 0));
        assertThat(Value.Interval.parse("1.5 years")).isEqualTo(iv(18, 0, 0));
        assertThat(Value.Interval.parse("0.5 days")).isEqualTo(iv(0, 0, 12 * hour));
        assertThat(Value.Interval.parse("2 decades 1 century")).isEqualTo(iv(1440, 0, 0));
        assertThat(Value.Interval.parse("1 day 2 hours ago")).isEqualTo(iv(0, -1, -2 * hour));
        assertThat(Value.Interval.parse("@ 3 days")).isEqualTo(iv(0, 3, 0));
        assertThat(Value.Interval.parse("1 2:00")).isEqualTo(iv(0, 1, 2 * hour));
        assertThat(Value.Interval.parse("30")).isEqualTo(iv(0, 0, 30_000_000));
        assertThat(Value.Interval.parse("1-2")).isEqualTo(iv(14, 0, 0));
        assertThat(Value.Interval.parse("-1-2 3 4:05")).isEqualTo(iv(-14, 3, 4 * hour + 300_000_000));
        assertThat(Value.Interval.parse("00:00:00.0000005")).isEqualTo(iv(0, 0, 0));
        assertThat(Value.Interval.parse("00:00:00.0000015")).isEqualTo(iv(0, 0, 2));

        for (String bad : new String[] {"", "soon", "1 fortnight", "1 day ago ago", "P", "PT5X", "--1 day",
                "ago 1 day", ".", "12:", "1 day -", "2024-03-01", "1.5-2", "1-2:00"}) {
            assertThatThrownBy(() -> Value.Interval.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        for (String big : new String[] {"3000000000 days", "200000000 years", "1:60", "1:00:60",
                "9223372036854775807 seconds", "99999999999999999:00"}) {
            assertThatThrownBy(() -> Value.Interval.parse(big)).as(big).isInstanceOf(ArithmeticException.class);
        }
    }

    @Test
    void qualifiedIntervalsCountBareNumbersInTheirLastFieldAndDropSmallerOnes() {
        long hour = DateTimeText.MICROS_PER_HOUR;
        assertThat(Value.Interval.parse("1", "DAY")).isEqualTo(iv(0, 1, 0));
        assertThat(Value.Interval.parse(" -1.5 ", "HOUR")).isEqualTo(iv(0, 0, -hour));
        assertThat(Value.Interval.parse("1-2", "MONTH")).isEqualTo(iv(14, 0, 0));
        assertThat(Value.Interval.parse("-1-2", "MONTH")).isEqualTo(iv(-14, 0, 0));
        assertThat(Value.Interval.parse("1 year 5 mons 3 days", "YEAR")).isEqualTo(iv(12, 0, 0));
        assertThat(Value.Interval.parse("1 day 2:03:04.5", "MINUTE")).isEqualTo(iv(0, 1, 2 * hour + 180_000_000));
        assertThat(Value.Interval.parse("1 day 2:03:04.5", "SECOND")).isEqualTo(iv(0, 1, 2 * hour + 184_500_000));
        assertThatThrownBy(() -> Value.Interval.parse("99999999999-0", "MONTH"))
                .isInstanceOf(ArithmeticException.class);
    }

    /** Property: the text form reads back as the same three fields, for intervals across the whole range. */
    @Test
    void intervalTextRoundTrips(TestInfo info) {
        var r = Seeds.random(info);
        for (int i = 0; i < 20_000; i++) {
            Value.Interval v = RandomValues.interval(r);
            assertThat(Value.Interval.parse(v.toText())).as("%s", v.toText()).isEqualTo(v);
        }
    }

    @Test
    void datesAndTimesPrintAndParseLikePostgres() {
        assertThat(Value.Date.parse("2024-02-29")).isEqualTo(new Value.Date(19_782));
        assertThat(new Value.Date(19_782).toText()).isEqualTo("2024-02-29");
        assertThat(Value.Date.parse("0044-03-15 BC").toText()).isEqualTo("0044-03-15 BC");
        assertThat(Value.Date.parse("0001-01-01").days() - Value.Date.parse("0001-12-31 BC").days()).isEqualTo(1);
        assertThat(new Value.Date(DateTimeText.MIN_DATE_DAYS).toText()).isEqualTo("4713-01-01 BC");
        assertThat(new Value.Date(DateTimeText.MAX_DATE_DAYS).toText()).isEqualTo("5874897-12-31");
        assertThatThrownBy(() -> Value.Date.parse("2023-02-29")).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Value.Date.parse("5874898-01-01")).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Value.Date.parse("0000-01-01 BC")).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Value.Date.parse("2024/01/01")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Value.Date(DateTimeText.MAX_DATE_DAYS + 1))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(Value.Time.parse("10:20:30.5")).isEqualTo(new Value.Time(37_230_500_000L));
        assertThat(new Value.Time(37_230_500_000L).toText()).isEqualTo("10:20:30.5");
        assertThat(Value.Time.parse("7:05").toText()).isEqualTo("07:05:00");
        assertThat(Value.Time.parse("24:00").toText()).isEqualTo("24:00:00");
        assertThat(Value.Time.parse("23:59:59.9999999").toText()).isEqualTo("24:00:00");
        assertThatThrownBy(() -> Value.Time.parse("24:00:01")).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Value.Time.parse("10:60")).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Value.Time.parse("10h")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dateTextRoundTripsAcrossTheRange(TestInfo info) {
        var r = Seeds.random(info);
        for (int i = 0; i < 20_000; i++) {
            Value.Date d = new Value.Date(r.nextInt(DateTimeText.MIN_DATE_DAYS, DateTimeText.MAX_DATE_DAYS + 1));
            assertThat(Value.Date.parse(d.toText())).isEqualTo(d);
            Value.Time t = new Value.Time(r.nextLong(DateTimeText.MICROS_PER_DAY + 1));
            assertThat(Value.Time.parse(t.toText())).isEqualTo(t);
        }
    }

    @Test
    void encodesAsExtensionTypesSixToEight() {
        assertThat(hex(new Value.Date(-1))).isEqualTo("d606ffffffff");
        assertThat(hex(new Value.Time(1))).isEqualTo("d7070000000000000001");
        assertThat(hex(iv(1, -1, 2))).isEqualTo("d808" + "00000001" + "ffffffff" + "0000000000000002");
        for (Value v : new Value[] {new Value.Date(19_782), new Value.Time(DateTimeText.MICROS_PER_DAY),
                iv(Integer.MIN_VALUE, Integer.MAX_VALUE, Long.MIN_VALUE)}) {
            assertThat(ValueCodec.decode(ValueCodec.encode(v))).isEqualTo(v);
            assertThat(ValueJson.fromTypedJson(ValueJson.toTypedJson(v))).isEqualTo(v);
        }
        assertThatThrownBy(() -> ValueCodec.decode(bytes("d707ffffffffffffffff"))) // a time of -1 µs
                .isInstanceOf(ValueFormatException.class);
        assertThatThrownBy(() -> ValueCodec.decode(bytes("d6067fffffff"))).isInstanceOf(ValueFormatException.class);
    }

    private static String hex(Value v) {
        return java.util.HexFormat.of().formatHex(ValueCodec.encode(v));
    }

    private static byte[] bytes(String hex) {
        return java.util.HexFormat.of().parseHex(hex);
    }
}
