package io.nodedb.sql.expr;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;

/**
 * {@code to_date(text, template)} and {@code to_timestamp(text, template)}: the text read field by field as the
 * template says, with PostgreSQL's leniency: a separator in the template matches one separator in the text or none,
 * blanks around numbers are skipped, a number field reads the digits there (exactly its width when another number
 * field follows with no separator, as in {@code YYYYMMDD}), and text after the last field is ignored. Missing fields
 * default to year 1, January, the 1st, midnight; two- and three-digit years are taken nearest to 2020.
 */
final class DateTimeParse {
    /** Patterns this parser reads, longest first (as {@link DateTimeFormat} matches them). */
    private static final List<String> PATTERNS = List.of("MONTH", "HH24", "HH12", "YYYY", "A.M.", "P.M.", "YYY",
            "MON", "DAY", "DDD", "HH", "MI", "SS", "MS", "US", "AM", "PM", "YY", "MM", "DD", "DY", "Y", "J");
    /** Patterns to_char knows that have no meaning here. */
    private static final List<String> UNSUPPORTED = List.of("IYYY", "SSSS", "ID", "IW", "WW", "CC", "TZ", "OF", "Q",
            "W", "D");

    private final String input;
    private final String template;
    private int at;
    private long year = 1;
    private int yearDigits = 4;
    private int month = 1;
    private int day = 1;
    private int dayOfYear = -1;
    private long julian = Long.MIN_VALUE;
    private int hour;
    private boolean twelveHour;
    private Boolean pm;
    private int minute;
    private int second;
    private long micros;

    private DateTimeParse(String input, String template) {
        this.input = input;
        this.template = template;
    }

    /** Microseconds since the epoch of the text read with the template, as wall-clock time in {@code zone}. */
    static long parse(String input, String template, ZoneId zone) {
        DateTimeParse p = new DateTimeParse(input, template);
        p.read();
        return p.result(zone);
    }

    private void read() {
        int i = 0;
        while (i < template.length()) {
            char ch = template.charAt(i);
            if (ch == '"') {
                int end = Templates.closingQuote(template, i);
                at = Math.min(input.length(), at + end - i - 1);
                i = end + 1;
                continue;
            }
            if (template.regionMatches(true, i, "FX", 0, 2)) {
                throw new NodeDbException(SqlState.FEATURE_NOT_SUPPORTED, "FX in a date/time template is not "
                        + "supported yet");
            }
            if (template.regionMatches(true, i, "FM", 0, 2)) {
                i += 2;
                continue;
            }
            String pattern = Templates.patternAt(template, i, PATTERNS);
            if (pattern == null) {
                String unsupported = Templates.patternAt(template, i, UNSUPPORTED);
                if (unsupported != null) {
                    throw new NodeDbException(SqlState.FEATURE_NOT_SUPPORTED, "the template pattern \""
                            + unsupported + "\" is not supported by to_date and to_timestamp yet");
                }
                if (!Character.isLetterOrDigit(ch)) {
                    // A separator matches one separator in the text, or none.
                    skipBlanks();
                    if (at < input.length() && !Character.isLetterOrDigit(input.charAt(at))) {
                        at++;
                    }
                } else if (at < input.length()) {
                    at++;
                }
                i++;
                continue;
            }
            int next = i + pattern.length();
            field(pattern, template.substring(i, next), nextIsNumber(next));
            i = next;
        }
    }

    /** Whether a number field follows at {@code i} with nothing between (so the one before has a fixed width). */
    private boolean nextIsNumber(int i) {
        if (template.regionMatches(true, i, "FM", 0, 2)) {
            i += 2;
        }
        String p = Templates.patternAt(template, i, PATTERNS);
        return p != null && !List.of("MONTH", "MON", "DAY", "DY", "AM", "PM", "A.M.", "P.M.").contains(p);
    }

    private void field(String pattern, String written, boolean fixed) {
        switch (pattern) {
            case "YYYY" -> {
                year = number(pattern, fixed ? 4 : 9);
                yearDigits = 4;
            }
            case "YYY" -> {
                year = number(pattern, 3);
                yearDigits = 3;
            }
            case "YY" -> {
                year = number(pattern, 2);
                yearDigits = 2;
            }
            case "Y" -> {
                year = number(pattern, 1);
                yearDigits = 1;
            }
            case "MM" -> month = (int) number(pattern, 2);
            case "DD" -> day = (int) number(pattern, 2);
            case "DDD" -> dayOfYear = (int) number(pattern, 3);
            case "J" -> julian = number(pattern, fixed ? 7 : 9);
            case "HH24" -> hour = (int) number(pattern, 2);
            case "HH12", "HH" -> {
                hour = (int) number(pattern, 2);
                twelveHour = true;
            }
            case "MI" -> minute = (int) number(pattern, 2);
            case "SS" -> second = (int) number(pattern, 2);
            case "MS", "US" -> {
                // A fraction of the second: '12.3' read as SS.MS is 300 milliseconds, as in PostgreSQL.
                int width = pattern.equals("MS") ? 3 : 6;
                int start = at;
                long digits = number(pattern, width);
                micros = digits * (long) Math.pow(10, width - (at - start)) * (pattern.equals("MS") ? 1000 : 1);
            }
            case "AM", "PM" -> pm = meridiem(pattern, false);
            case "A.M.", "P.M." -> pm = meridiem(pattern, true);
            case "MONTH", "MON" -> month = name(pattern, pattern.equals("MONTH"), true);
            case "DAY", "DY" -> name(pattern, pattern.equals("DAY"), false);
            default -> throw new IllegalStateException(written);
        }
    }

    private void skipBlanks() {
        while (at < input.length() && input.charAt(at) == ' ') {
            at++;
        }
    }

    /** Up to {@code max} digits (a leading minus allowed for years), 22007 when there are none. */
    private long number(String pattern, int max) {
        skipBlanks();
        boolean negative = pattern.startsWith("Y") && at < input.length() && input.charAt(at) == '-';
        int start = negative ? at + 1 : at;
        int end = start;
        while (end < input.length() && end - start < max && Character.isDigit(input.charAt(end))) {
            end++;
        }
        if (end == start) {
            if (at >= input.length()) {
                throw new NodeDbException(SqlState.INVALID_DATETIME_FORMAT, "source string too short for \""
                        + pattern + "\" formatting field");
            }
            int to = Math.min(input.length(), at + Math.max(max, 1));
            throw new NodeDbException(SqlState.INVALID_DATETIME_FORMAT, "invalid value \"" + input.substring(at, to)
                    + "\" for \"" + pattern + "\"");
        }
        long value = Long.parseLong(input.substring(start, end));
        at = end;
        return negative ? -value : value;
    }

    private boolean meridiem(String pattern, boolean dotted) {
        skipBlanks();
        for (String m : dotted ? List.of("A.M.", "P.M.") : List.of("AM", "PM")) {
            if (input.regionMatches(true, at, m, 0, m.length())) {
                at += m.length();
                return m.startsWith("P");
            }
        }
        throw new NodeDbException(SqlState.INVALID_DATETIME_FORMAT, "invalid value \"" + rest(4) + "\" for \""
                + pattern + "\"");
    }

    /** A month (returned, 1-12) or day-of-week name (checked, then ignored as in PostgreSQL) in English. */
    private int name(String pattern, boolean full, boolean months) {
        skipBlanks();
        int count = months ? 12 : 7;
        for (int n = 1; n <= count; n++) {
            String text = months ? Month.of(n).getDisplayName(full ? TextStyle.FULL : TextStyle.SHORT, Locale.ENGLISH)
                    : DayOfWeek.of(n).getDisplayName(full ? TextStyle.FULL : TextStyle.SHORT, Locale.ENGLISH);
            if (input.regionMatches(true, at, text, 0, text.length())) {
                at += text.length();
                return n;
            }
        }
        throw new NodeDbException(SqlState.INVALID_DATETIME_FORMAT, "invalid value \"" + rest(full ? 9 : 3)
                + "\" for \"" + pattern + "\"");
    }

    private String rest(int length) {
        return input.substring(Math.min(at, input.length()), Math.min(input.length(), at + length));
    }

    private long result(ZoneId zone) {
        try {
            if (twelveHour) {
                if (hour < 1 || hour > 12) {
                    throw new NodeDbException(SqlState.INVALID_DATETIME_FORMAT, "hour \"" + hour + "\" is invalid "
                            + "for the 12-hour clock");
                }
                hour = hour % 12 + (Boolean.TRUE.equals(pm) ? 12 : 0);
            } else if (pm != null && hour < 12 && pm) {
                hour += 12;
            }
            // Fewer than four year digits name the year nearest to 2020, as PostgreSQL reads them.
            long y = yearDigits == 4 ? year : year < 70 ? year + 2000 : year < 100 ? year + 1900
                    : year < 520 ? year + 2000 : year + 1000;
            if (y == 0) {
                throw new DateTimeException("year 0");
            }
            LocalDate date;
            if (julian != Long.MIN_VALUE) {
                date = LocalDate.EPOCH.plusDays(julian - 2440588);
            } else if (dayOfYear > 0) {
                date = LocalDate.ofYearDay(Math.toIntExact(y < 0 ? y + 1 : y), dayOfYear);
            } else {
                date = LocalDate.of(Math.toIntExact(y < 0 ? y + 1 : y), month, day);
            }
            LocalDateTime t = date.atTime(hour, minute, second);
            return Math.addExact(TimeZones.instant(t, zone), micros);
        } catch (DateTimeException | ArithmeticException e) {
            throw new NodeDbException(SqlState.DATETIME_FIELD_OVERFLOW, "date/time field value out of range: \""
                    + input + "\"");
        }
    }
}
