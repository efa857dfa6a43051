package io.nodedb.sql.expr;

import static io.nodedb.core.value.DateTimeText.MICROS_PER_SECOND;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;
import io.nodedb.sql.SqlErrors;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The session time zone (the {@code TimeZone} setting) and timestamp text in it, as PostgreSQL reads and writes
 * {@code timestamptz}: output as {@code 2024-03-01 13:00:00+01} in the session zone; input without an offset read
 * as wall-clock time in that zone. A wall-clock time that a zone skips (spring forward) takes the offset before the
 * jump, and one it repeats (fall back) the offset after it, as PostgreSQL resolves them.
 */
public final class TimeZones {
    /** A zone setting: what SHOW prints, and the zone it resolves to. */
    public record Setting(String display, ZoneId zone) {
    }

    public static final Setting UTC = new Setting("UTC", ZoneOffset.UTC);

    /** A number of hours: PostgreSQL reads it with the ISO sign (east of Greenwich is positive). */
    private static final Pattern HOURS = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
    /**
     * A POSIX zone without daylight rules, {@code STDoffset}: the offset counts hours west of Greenwich, so
     * {@code UTC+2} and {@code +02:00} are two hours behind UTC, as in PostgreSQL.
     */
    private static final Pattern POSIX = Pattern.compile(
            "(?:[A-Za-z]{3,}|<[A-Za-z0-9+-]+>)?([+-]?)(\\d{1,2})(?::(\\d{2})(?::(\\d{2}))?)?");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "(\\d{4,6})-(\\d{1,2})-(\\d{1,2})(?:[ T](\\d{1,2}):(\\d{2})(?::(\\d{2})(\\.\\d+)?)?)?"
            + "\\s*(Z|[+-]\\d{1,2}(?::?\\d{2}(?::?\\d{2})?)?|\\s(?!(?:BC|AD)$)[A-Za-z][A-Za-z0-9_/+-]*)?"
            + "(\\s+(?:BC|AD))?",
            Pattern.CASE_INSENSITIVE);
    private static final Map<String, String> NAMES = names();
    private static final DateTimeFormatter ABBREVIATION = DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH);

    private TimeZones() {
    }

    private static Map<String, String> names() {
        Map<String, String> m = new HashMap<>();
        for (String id : ZoneId.getAvailableZoneIds()) {
            m.put(id.toLowerCase(Locale.ROOT), id);
        }
        return m;
    }

    /**
     * Reads a value of the TimeZone setting: a zone name (case-insensitive), a number of hours, {@code INTERVAL
     * '...'} as the SET TIME ZONE INTERVAL form passes it, or a POSIX offset.
     *
     * @throws NodeDbException 22023 for anything else, naming the value
     */
    public static Setting setting(String value) {
        return setting(value, true);
    }

    private static Setting setting(String value, boolean hours) {
        String v = value.strip();
        try {
            if (v.regionMatches(true, 0, "interval", 0, 8)) {
                String text = v.substring(8).strip();
                if (text.length() < 2 || text.charAt(0) != '\'' || text.charAt(text.length() - 1) != '\'') {
                    throw invalid(value, null);
                }
                Value.Interval iv = Value.Interval.parse(text.substring(1, text.length() - 1));
                if (iv.months() != 0 || iv.days() != 0 || iv.micros() % MICROS_PER_SECOND != 0) {
                    throw invalid(value, "an interval time zone must be whole seconds less than a day");
                }
                return isoOffset((int) (iv.micros() / MICROS_PER_SECOND), value);
            }
            if (hours && HOURS.matcher(v).matches()) {
                BigDecimal seconds = new BigDecimal(v).multiply(BigDecimal.valueOf(3600));
                return isoOffset(seconds.setScale(0, RoundingMode.HALF_EVEN).intValueExact(), value);
            }
            String id = NAMES.get(v.toLowerCase(Locale.ROOT));
            if (id != null) {
                return new Setting(id, ZoneId.of(id).normalized());
            }
            Matcher m = POSIX.matcher(v);
            if (m.matches()) {
                int seconds = Integer.parseInt(m.group(2)) * 3600 + (m.group(3) == null ? 0
                        : Integer.parseInt(m.group(3)) * 60) + (m.group(4) == null ? 0 : Integer.parseInt(m.group(4)));
                return new Setting(v, ZoneOffset.ofTotalSeconds(m.group(1).equals("-") ? seconds : -seconds));
            }
        } catch (DateTimeException | IllegalArgumentException | ArithmeticException e) {
            // reported below, as any other value we cannot read
        }
        throw invalid(value, null);
    }

    /**
     * A zone named in an expression (AT TIME ZONE, date_trunc's third argument): what SET TIME ZONE takes, except
     * that a plain number is a POSIX offset there, as in PostgreSQL ({@code '+2'} is two hours west).
     *
     * @throws NodeDbException 22023 when there is no such zone
     */
    static ZoneId named(String name) {
        try {
            return setting(name, false).zone();
        } catch (NodeDbException e) {
            throw new NodeDbException(SqlState.INVALID_PARAMETER_VALUE, "time zone \"" + name + "\" not recognized");
        }
    }

    /** PostgreSQL shows an ISO offset as the POSIX zone that means it: +02:00 is {@code <+02>-02}. */
    private static Setting isoOffset(int seconds, String value) {
        ZoneOffset offset = ZoneOffset.ofTotalSeconds(seconds);
        return new Setting("<" + offsetText(seconds) + ">" + offsetText(-seconds), offset);
    }

    private static NodeDbException invalid(String value, String detail) {
        return new NodeDbException(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"TimeZone\": \""
                + value + "\"" + (detail == null ? "" : " (" + detail + ")"));
    }

    /** {@code +HH[:MM[:SS]]}, minutes and seconds only when not zero. */
    private static String offsetText(int seconds) {
        StringBuilder b = new StringBuilder(9);
        appendOffset(b, seconds);
        return b.toString();
    }

    private static void appendOffset(StringBuilder b, int seconds) {
        int abs = Math.abs(seconds);
        b.append(seconds < 0 ? '-' : '+');
        two(b, abs / 3600);
        if (abs % 3600 != 0) {
            b.append(':');
            two(b, abs / 60 % 60);
            if (abs % 60 != 0) {
                b.append(':');
                two(b, abs % 60);
            }
        }
    }

    private static void two(StringBuilder b, int n) {
        if (n < 10) {
            b.append('0');
        }
        b.append(n);
    }

    /** The zone's abbreviation at the instant ({@code CET}, {@code EDT}), or its offset when it has none. */
    static String abbreviation(long micros, ZoneId zone) {
        if (zone instanceof ZoneOffset o) {
            return o.getTotalSeconds() == 0 ? "UTC" : offsetText(o.getTotalSeconds());
        }
        return ABBREVIATION.format(Instant.ofEpochSecond(Math.floorDiv(micros, MICROS_PER_SECOND)).atZone(zone));
    }

    /** The offset at the instant as PostgreSQL prints it: {@code +01}, {@code -03:30}. */
    static String offsetText(long micros, ZoneId zone) {
        return offsetText(offsetSeconds(micros, zone));
    }

    /** The wall-clock date and time of an instant in the zone. */
    static LocalDateTime local(long micros, ZoneId zone) {
        long seconds = Math.floorDiv(micros, MICROS_PER_SECOND);
        return LocalDateTime.ofEpochSecond(seconds, (int) Math.floorMod(micros, MICROS_PER_SECOND) * 1000,
                offset(seconds, zone));
    }

    private static ZoneOffset offset(long epochSeconds, ZoneId zone) {
        return zone instanceof ZoneOffset o ? o : zone.getRules().getOffset(Instant.ofEpochSecond(epochSeconds));
    }

    /** The offset in force at the instant, in seconds east of Greenwich. */
    static int offsetSeconds(long micros, ZoneId zone) {
        return offset(Math.floorDiv(micros, MICROS_PER_SECOND), zone).getTotalSeconds();
    }

    /**
     * The instant of a wall-clock time in the zone: in a gap the offset before it applies (02:30 on a spring-forward
     * night is 03:30 after the jump), in an overlap the offset after it (the second 01:30 of a fall-back night).
     *
     * @throws ArithmeticException when out of the timestamp range
     */
    static long instant(LocalDateTime t, ZoneId zone) {
        ZonedDateTime z = ZonedDateTime.ofLocal(t, zone, null).withLaterOffsetAtOverlap();
        return Math.addExact(Math.multiplyExact(z.toEpochSecond(), MICROS_PER_SECOND), t.getNano() / 1000);
    }

    /**
     * The instant of a wall-clock time given as microseconds since 1970-01-01 00:00 on that clock (how PostgreSQL
     * sends a timestamp without time zone), placed in the zone as {@link #instant} places it.
     */
    public static long fromWallClock(long wallMicros, ZoneId zone) {
        try {
            return instant(LocalDateTime.ofEpochSecond(Math.floorDiv(wallMicros, MICROS_PER_SECOND),
                    (int) Math.floorMod(wallMicros, MICROS_PER_SECOND) * 1000, ZoneOffset.UTC), zone);
        } catch (ArithmeticException | DateTimeException e) {
            throw DateTimeArith.timestampOutOfRange();
        }
    }

    /** The instant a date starts in the zone. */
    static long midnight(int days, ZoneId zone) {
        try {
            return instant(LocalDate.ofEpochDay(days).atStartOfDay(), zone);
        } catch (ArithmeticException | DateTimeException e) {
            throw DateTimeArith.timestampOutOfRange();
        }
    }

    /** The date an instant falls on in the zone, in days since 1970-01-01. */
    static int date(long micros, ZoneId zone) {
        long seconds = Math.floorDiv(micros, MICROS_PER_SECOND) + offsetSeconds(micros, zone);
        return Math.toIntExact(Math.floorDiv(seconds, 86_400L));
    }

    /** The time of day of an instant in the zone, in microseconds since midnight. */
    static long timeOfDay(long micros, ZoneId zone) {
        return Math.floorMod(micros + offsetSeconds(micros, zone) * MICROS_PER_SECOND, 86_400L * MICROS_PER_SECOND);
    }

    /**
     * PostgreSQL's ISO text of a timestamptz in the zone: {@code 2024-03-01 13:00:00.5+01}, the offset with minutes
     * and seconds when it has them, {@code BC} after years before 1.
     */
    public static String format(long micros, ZoneId zone) {
        LocalDateTime t = local(micros, zone);
        StringBuilder b = new StringBuilder(32);
        appendLocal(b, t);
        appendOffset(b, offsetSeconds(micros, zone));
        return t.getYear() > 0 ? b.toString() : b.append(" BC").toString();
    }

    /** The wall-clock text of an instant in the zone, without an offset: {@code 2024-03-01 13:00:00}. */
    static String wallClock(long micros, ZoneId zone) {
        LocalDateTime t = local(micros, zone);
        StringBuilder b = new StringBuilder(26);
        appendLocal(b, t);
        return t.getYear() > 0 ? b.toString() : b.append(" BC").toString();
    }

    /** {@code YYYY-MM-DD HH:MM:SS[.ffffff]} of a wall-clock time, the year counted without zero (BC not added). */
    private static void appendLocal(StringBuilder b, LocalDateTime t) {
        int year = t.getYear() > 0 ? t.getYear() : 1 - t.getYear();
        String y = Integer.toString(year);
        b.append("0".repeat(Math.max(0, 4 - y.length()))).append(y).append('-');
        two(b, t.getMonthValue());
        b.append('-');
        two(b, t.getDayOfMonth());
        b.append(' ');
        two(b, t.getHour());
        b.append(':');
        two(b, t.getMinute());
        b.append(':');
        two(b, t.getSecond());
        int micros = t.getNano() / 1000;
        if (micros != 0) {
            String digits = Integer.toString(1_000_000 + micros).substring(1);
            int end = digits.length();
            while (digits.charAt(end - 1) == '0') {
                end--;
            }
            b.append('.').append(digits, 0, end);
        }
    }

    /**
     * Timestamp text in microseconds since the epoch: {@code YYYY-MM-DD[( |T)HH:MM[:SS[.f]]]}, then optionally an
     * offset ({@code Z}, {@code +HH}, {@code +HH:MM}, {@code +HH:MM:SS}) or a zone name, then optionally BC. Without
     * an offset or zone the time is wall-clock time in {@code zone}.
     *
     * @throws NodeDbException 22007 for malformed text, 22008 for a field out of range
     */
    public static long parse(String text, ZoneId zone) {
        Matcher m = TIMESTAMP.matcher(text.strip());
        if (!m.matches()) {
            throw SqlErrors.badDatetime("invalid input syntax for type TIMESTAMP: \"" + text + "\"");
        }
        ZoneId in = m.group(8) == null ? zone : zoneOf(m.group(8).strip(), text);
        try {
            int year = Integer.parseInt(m.group(1));
            boolean bc = m.group(9) != null && m.group(9).strip().equalsIgnoreCase("BC");
            if (bc && year == 0) {
                throw new DateTimeException("year 0");
            }
            LocalDateTime t = LocalDateTime.of(bc ? 1 - year : year, Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), m.group(4) == null ? 0 : Integer.parseInt(m.group(4)),
                    m.group(5) == null ? 0 : Integer.parseInt(m.group(5)),
                    m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
            long fraction = m.group(7) == null ? 0 : new BigDecimal("0" + m.group(7)).movePointRight(6)
                    .setScale(0, RoundingMode.HALF_EVEN).longValueExact();
            return Math.addExact(instant(t, in), fraction);
        } catch (DateTimeException | ArithmeticException e) {
            throw new NodeDbException(SqlState.DATETIME_FIELD_OVERFLOW, "date/time field value out of range: \""
                    + text + "\"");
        }
    }

    /** An offset or zone name written in timestamp text. */
    private static ZoneId zoneOf(String written, String text) {
        if (written.equalsIgnoreCase("Z")) {
            return ZoneOffset.UTC;
        }
        char first = written.charAt(0);
        if (first == '+' || first == '-') {
            String digits = written.substring(1).replace(":", "");
            if (digits.length() == 1 || digits.length() == 3 || digits.length() == 5) {
                digits = "0" + digits;
            }
            int seconds = Integer.parseInt(digits.substring(0, 2)) * 3600 + (digits.length() > 2
                    ? Integer.parseInt(digits.substring(2, 4)) * 60 : 0)
                    + (digits.length() > 4 ? Integer.parseInt(digits.substring(4, 6)) : 0);
            try {
                return ZoneOffset.ofTotalSeconds(first == '-' ? -seconds : seconds);
            } catch (DateTimeException e) {
                throw new NodeDbException(SqlState.DATETIME_FIELD_OVERFLOW, "time zone displacement out of range: \""
                        + text + "\"");
            }
        }
        String id = NAMES.get(written.toLowerCase(Locale.ROOT));
        if (id == null) {
            throw new NodeDbException(SqlState.INVALID_PARAMETER_VALUE, "time zone \"" + written
                    + "\" not recognized");
        }
        return ZoneId.of(id);
    }
}
