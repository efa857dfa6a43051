package io.nodedb.core.value;

import static io.nodedb.core.value.DateTimeText.MICROS_PER_DAY;
import static io.nodedb.core.value.DateTimeText.MICROS_PER_HOUR;
import static io.nodedb.core.value.DateTimeText.MICROS_PER_MINUTE;
import static io.nodedb.core.value.DateTimeText.MICROS_PER_SECOND;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Interval text as PostgreSQL reads and (in its default {@code postgres} IntervalStyle) writes it.
 *
 * <p>Input is a sequence of {@code number unit} fields ({@code 1 year 2 mons}, {@code 90 minutes}, {@code 5m}),
 * clock fields ({@code -04:05:06.5}), years-months fields ({@code 1-2}), a bare number (seconds, or days before a
 * clock field), an optional trailing {@code ago} that negates everything, or ISO 8601 designators
 * ({@code P1Y2M3DT4H5M6S}, {@code PT5M}). A fraction spills into the smaller fields the way PostgreSQL spills it:
 * years to whole months, months to days (30 a month) and the rest to microseconds, days and weeks to microseconds. Errors: {@link IllegalArgumentException} for
 * malformed text, {@link ArithmeticException} when a field or the sum leaves the int/long range.
 */
final class IntervalText {
    private static final int DAYS_PER_MONTH = 30;
    /** A bare number, the SQL standard's unit-less field value. */
    private static final Pattern BARE_NUMBER = Pattern.compile("\\s*[+-]?(\\d+\\.?\\d*|\\.\\d+)\\s*");

    private IntervalText() {}

    static String format(Value.Interval iv) {
        StringBuilder sb = new StringBuilder(24);
        Fields f = new Fields();
        f.append(sb, iv.months() / 12, "year");
        f.append(sb, iv.months() % 12, "mon");
        f.append(sb, iv.days(), "day");
        long micros = iv.micros();
        if (f.zero || micros != 0) {
            if (!f.zero) {
                sb.append(' ');
            }
            sb.append(micros < 0 ? "-" : f.lastNegative ? "+" : "");
            // Split before taking absolute values: -Long.MIN_VALUE does not exist, its parts' negations do.
            DateTimeText.appendClock(sb, Math.abs(micros / MICROS_PER_HOUR), Math.abs(micros / MICROS_PER_MINUTE % 60),
                    Math.abs(micros % MICROS_PER_MINUTE));
        }
        return sb.toString();
    }

    /**
     * PostgreSQL's field separator and sign rules: a space between fields, and a "+" on a positive field only right
     * after a negative one (so "-1 days +02:00:00" does not read as minus 1 day 2 hours).
     */
    private static final class Fields {
        boolean zero = true;
        boolean lastNegative;

        void append(StringBuilder sb, long value, String unit) {
            if (value == 0) {
                return;
            }
            sb.append(zero ? "" : " ").append(lastNegative && value > 0 ? "+" : "").append(value).append(' ')
                    .append(unit).append(value == 1 ? "" : "s");
            lastNegative = value < 0;
            zero = false;
        }
    }

    static Value.Interval parse(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        Sum sum = new Sum();
        if (s.startsWith("p")) {
            parseIso(s, text, sum);
        } else {
            parsePostgres(s.startsWith("@") ? s.substring(1) : s, text, sum);
        }
        return new Value.Interval(sum.months, sum.days, sum.micros);
    }

    /**
     * An SQL-standard qualified literal, {@code INTERVAL 'text' DAY} or {@code ... HOUR TO MINUTE}, given the
     * qualifier's last (least significant) field: a bare number counts that field, anything else reads as usual; then
     * fields smaller than the qualifier allows are dropped, as PostgreSQL does.
     */
    static Value.Interval parse(String text, String leastField) {
        String unit = leastField.toLowerCase(Locale.ROOT);
        Value.Interval iv;
        if (BARE_NUMBER.matcher(text).matches()) {
            Sum sum = new Sum();
            sum.add(new BigDecimal(text.strip()), unit, text);
            iv = new Value.Interval(sum.months, sum.days, sum.micros);
        } else {
            iv = parse(text);
        }
        long micros = iv.micros();
        return switch (unit) {
            case "year" -> new Value.Interval(iv.months() / 12 * 12, 0, 0);
            case "month" -> new Value.Interval(iv.months(), 0, 0);
            case "day" -> new Value.Interval(iv.months(), iv.days(), 0);
            case "hour" -> new Value.Interval(iv.months(), iv.days(), micros / MICROS_PER_HOUR * MICROS_PER_HOUR);
            case "minute" -> new Value.Interval(iv.months(), iv.days(), micros / MICROS_PER_MINUTE
                    * MICROS_PER_MINUTE);
            case "second" -> iv;
            default -> throw new IllegalArgumentException("not an interval field: " + leastField);
        };
    }

    private static IllegalArgumentException syntax(String text) {
        return new IllegalArgumentException("invalid input syntax for type INTERVAL: \"" + text + "\"");
    }

    private static void parsePostgres(String s, String text, Sum sum) {
        Cursor c = new Cursor(s);
        boolean any = false;
        boolean ago = false;
        while (c.skipSpaces()) {
            if (ago) {
                throw syntax(text);
            }
            if (Character.isLetter(c.peek())) {
                if (!c.word().equals("ago")) {
                    throw syntax(text);
                }
                ago = true;
                continue;
            }
            int start = c.pos;
            BigDecimal n = c.number(text);
            if (c.peek() == '-' && c.digitAfter()) {
                // The SQL standard's years-months field, 1-2: a year and two months, negated as a whole by a sign.
                c.pos++;
                long months = c.digits(text, 9);
                if (n.scale() > 0 || c.peek() == '-' || c.peek() == ':' || c.peek() == '.') {
                    throw syntax(text);
                }
                BigDecimal total = n.abs().multiply(BigDecimal.valueOf(12)).add(BigDecimal.valueOf(months));
                sum.addWholeMonths(s.charAt(start) == '-' ? total.negate() : total, 1);
            } else if (c.peek() == ':') {
                c.pos = start;
                sum.addMicros(c.clock(text));
            } else {
                c.skipSpaces();
                String unit = Character.isLetter(c.peek()) ? c.word() : "";
                if (unit.equals("ago")) {
                    // "5 ago": the word ends the text rather than naming a unit; the loop reads it again.
                    c.pos -= 3;
                    unit = "";
                }
                if (unit.isEmpty()) {
                    // A bare number counts seconds, except right before a clock field, where it counts days.
                    unit = c.clockAhead() ? "day" : "second";
                }
                sum.add(n, unit, text);
            }
            any = true;
        }
        if (!any) {
            throw syntax(text);
        }
        if (ago) {
            sum.negate();
        }
    }

    private static void parseIso(String s, String text, Sum sum) {
        Cursor c = new Cursor(s.substring(1));
        boolean time = false;
        boolean any = false;
        while (c.pos < c.s.length()) {
            if (!time && c.peek() == 't') {
                time = true;
                c.pos++;
                continue;
            }
            BigDecimal n = c.number(text);
            char designator = c.pos < c.s.length() ? c.s.charAt(c.pos++) : ' ';
            String unit = switch (designator) {
                case 'y' -> time ? null : "year";
                case 'm' -> time ? "minute" : "month";
                case 'w' -> time ? null : "week";
                case 'd' -> time ? null : "day";
                case 'h' -> time ? "hour" : null;
                case 's' -> time ? "second" : null;
                default -> null;
            };
            if (unit == null) {
                throw syntax(text);
            }
            sum.add(n, unit, text);
            any = true;
        }
        if (!any) {
            throw syntax(text);
        }
    }

    /** Reads the pieces of interval text. */
    private static final class Cursor {
        final String s;
        int pos;

        Cursor(String s) {
            this.s = s;
        }

        char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        /** Skips spaces; false at the end. */
        boolean skipSpaces() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
            return pos < s.length();
        }

        String word() {
            int start = pos;
            while (pos < s.length() && Character.isLetter(s.charAt(pos))) {
                pos++;
            }
            return s.substring(start, pos);
        }

        BigDecimal number(String text) {
            int start = pos;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            int digits = 0;
            while (Character.isDigit(peek()) || peek() == '.') {
                digits += peek() == '.' ? 0 : 1;
                pos++;
            }
            if (digits == 0) {
                throw syntax(text);
            }
            try {
                return new BigDecimal(s.substring(start, pos));
            } catch (NumberFormatException e) {
                throw syntax(text);
            }
        }

        boolean digitAfter() {
            return pos + 1 < s.length() && Character.isDigit(s.charAt(pos + 1));
        }

        boolean clockAhead() {
            int at = pos;
            if (at < s.length() && (s.charAt(at) == '+' || s.charAt(at) == '-')) {
                at++;
            }
            while (at < s.length() && Character.isDigit(s.charAt(at))) {
                at++;
            }
            return at > pos && at < s.length() && s.charAt(at) == ':';
        }

        /** {@code [+-]H:MM[:SS[.fraction]]} as signed microseconds. */
        long clock(String text) {
            boolean negative = peek() == '-';
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            long hours = digits(text, 18);
            expect(':', text);
            long minutes = digits(text, 2);
            long seconds = 0;
            long fraction = 0;
            if (peek() == ':') {
                pos++;
                seconds = digits(text, 2);
                if (peek() == '.') {
                    int start = pos++;
                    while (Character.isDigit(peek())) {
                        pos++;
                    }
                    fraction = DateTimeText.fractionMicros(s.substring(start, pos));
                }
            }
            if (minutes > 59 || seconds > 59) {
                throw new ArithmeticException("interval field value out of range: \"" + text + "\"");
            }
            // Signed before adding, so that the most negative interval (whose magnitude exceeds a long) parses.
            long sign = negative ? -1 : 1;
            return Math.addExact(Math.multiplyExact(sign * hours, MICROS_PER_HOUR),
                    sign * (minutes * MICROS_PER_MINUTE + seconds * MICROS_PER_SECOND + fraction));
        }

        private void expect(char ch, String text) {
            if (peek() != ch) {
                throw syntax(text);
            }
            pos++;
        }

        long digits(String text, int maxDigits) {
            int start = pos;
            while (Character.isDigit(peek())) {
                pos++;
            }
            if (pos == start || pos - start > maxDigits) {
                throw syntax(text);
            }
            return Long.parseLong(s, start, pos, 10);
        }
    }

    /** The fields read so far; every addition is range-checked. */
    private static final class Sum {
        int months;
        int days;
        long micros;

        void add(BigDecimal n, String unit, String text) {
            switch (unit) {
                case "microsecond", "microseconds", "us", "usec", "usecs" -> addMicros(n, 1);
                case "millisecond", "milliseconds", "ms", "msec", "msecs" -> addMicros(n, 1000);
                case "second", "seconds", "s", "sec", "secs" -> addMicros(n, MICROS_PER_SECOND);
                case "minute", "minutes", "m", "min", "mins" -> addMicros(n, MICROS_PER_MINUTE);
                case "hour", "hours", "h", "hr", "hrs" -> addMicros(n, MICROS_PER_HOUR);
                case "day", "days", "d" -> addDays(n, 1);
                case "week", "weeks", "w" -> addDays(n, 7);
                case "month", "months", "mon", "mons" -> addMonths(n);
                case "year", "years", "y", "yr", "yrs" -> addWholeMonths(n, 12);
                case "decade", "decades" -> addWholeMonths(n, 120);
                case "century", "centuries" -> addWholeMonths(n, 1200);
                case "millennium", "millennia" -> addWholeMonths(n, 12000);
                default -> throw syntax(text);
            }
        }

        void addMicros(BigDecimal n, long unitMicros) {
            addMicros(n.multiply(BigDecimal.valueOf(unitMicros)).setScale(0, RoundingMode.HALF_EVEN).longValueExact());
        }

        void addMicros(long n) {
            micros = Math.addExact(micros, n);
        }

        void addDays(BigDecimal n, int unitDays) {
            BigDecimal total = n.multiply(BigDecimal.valueOf(unitDays));
            BigDecimal whole = total.setScale(0, RoundingMode.DOWN);
            days = Math.addExact(days, whole.intValueExact());
            addMicros(total.subtract(whole), MICROS_PER_DAY);
        }

        void addMonths(BigDecimal n) {
            BigDecimal whole = n.setScale(0, RoundingMode.DOWN);
            months = Math.addExact(months, whole.intValueExact());
            addDays(n.subtract(whole), DAYS_PER_MONTH);
        }

        /** Years and longer: PostgreSQL rounds their fraction to whole months. */
        void addWholeMonths(BigDecimal n, int unitMonths) {
            months = Math.addExact(months, n.multiply(BigDecimal.valueOf(unitMonths))
                    .setScale(0, RoundingMode.HALF_EVEN).intValueExact());
        }

        void negate() {
            months = Math.negateExact(months);
            days = Math.negateExact(days);
            micros = Math.negateExact(micros);
        }
    }
}
