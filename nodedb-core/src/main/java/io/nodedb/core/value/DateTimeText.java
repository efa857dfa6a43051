package io.nodedb.core.value;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DATE and TIME text in PostgreSQL's ISO forms. Parsers throw {@link IllegalArgumentException} for malformed text
 * and {@link ArithmeticException} for well-formed text naming a field or value out of range, so callers can tell
 * SQL's invalid_datetime_format from datetime_field_overflow.
 */
public final class DateTimeText {
    public static final long MICROS_PER_SECOND = 1_000_000L;
    public static final long MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
    public static final long MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;
    public static final long MICROS_PER_DAY = 24 * MICROS_PER_HOUR;

    /** 4713-01-01 BC (proleptic year -4712) and 5874897-12-31, PostgreSQL's DATE range. */
    static final int MIN_DATE_DAYS = (int) LocalDate.of(-4712, 1, 1).toEpochDay();
    static final int MAX_DATE_DAYS = (int) LocalDate.of(5_874_897, 12, 31).toEpochDay();

    private static final Pattern DATE = Pattern.compile("(\\d{1,7})-(\\d{1,2})-(\\d{1,2})(?:\\s+(BC|AD))?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})(?::(\\d{2})(\\.\\d+)?)?");

    private DateTimeText() {}

    public static String formatDate(int days) {
        LocalDate d = LocalDate.ofEpochDay(days);
        int year = d.getYear();
        String ymd = String.format(Locale.ROOT, "%04d-%02d-%02d", year > 0 ? year : 1 - year, d.getMonthValue(),
                d.getDayOfMonth());
        return year > 0 ? ymd : ymd + " BC";
    }

    /** Days since 1970-01-01 of {@code yyyy-mm-dd [BC|AD]}. */
    public static int parseDate(String text) {
        Matcher m = DATE.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid input syntax for type DATE: \"" + text + "\"");
        }
        int year = Integer.parseInt(m.group(1));
        boolean bc = m.group(4) != null && m.group(4).equalsIgnoreCase("BC");
        if (year == 0 && m.group(4) != null) {
            throw new ArithmeticException("date/time field value out of range: \"" + text + "\"");
        }
        long days;
        try {
            days = LocalDate.of(bc ? 1 - year : year, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)))
                    .toEpochDay();
        } catch (DateTimeException e) {
            throw new ArithmeticException("date/time field value out of range: \"" + text + "\"");
        }
        if (days < MIN_DATE_DAYS || days > MAX_DATE_DAYS) {
            throw new ArithmeticException("date out of range: \"" + text + "\"");
        }
        return (int) days;
    }

    public static String formatTime(long micros) {
        StringBuilder sb = new StringBuilder(15);
        appendClock(sb, micros / MICROS_PER_HOUR, micros / MICROS_PER_MINUTE % 60, micros % MICROS_PER_MINUTE);
        return sb.toString();
    }

    /**
     * Appends {@code HH:MM:SS[.ffffff]}, the fraction without trailing zeros; all arguments non-negative.
     *
     * @param secondMicros the seconds and fraction, in microseconds
     */
    static void appendClock(StringBuilder sb, long hours, long minutes, long secondMicros) {
        if (hours < 10) {
            sb.append('0');
        }
        sb.append(hours).append(':');
        if (minutes < 10) {
            sb.append('0');
        }
        sb.append(minutes).append(':');
        long seconds = secondMicros / MICROS_PER_SECOND;
        if (seconds < 10) {
            sb.append('0');
        }
        sb.append(seconds);
        long fraction = secondMicros % MICROS_PER_SECOND;
        if (fraction != 0) {
            String digits = Long.toString(MICROS_PER_SECOND + fraction).substring(1);
            int end = digits.length();
            while (digits.charAt(end - 1) == '0') {
                end--;
            }
            sb.append('.').append(digits, 0, end);
        }
    }

    /** Microseconds since midnight of {@code HH:MM[:SS[.fraction]]}, up to 24:00:00. */
    public static long parseTime(String text) {
        Matcher m = TIME.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid input syntax for type TIME: \"" + text + "\"");
        }
        int hours = Integer.parseInt(m.group(1));
        int minutes = Integer.parseInt(m.group(2));
        int seconds = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        long fraction = m.group(4) == null ? 0 : fractionMicros(m.group(4));
        long micros = hours * MICROS_PER_HOUR + minutes * MICROS_PER_MINUTE + seconds * MICROS_PER_SECOND + fraction;
        if (hours > 24 || minutes > 59 || seconds > 59 || micros > MICROS_PER_DAY) {
            throw new ArithmeticException("date/time field value out of range: \"" + text + "\"");
        }
        return micros;
    }

    /** A fraction of a second written as {@code .ddd...}, rounded half-even to the microsecond. */
    static long fractionMicros(String dotDigits) {
        return new BigDecimal("0" + dotDigits).movePointRight(6).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }
}
