package io.nodedb.sql.expr;


import java.time.LocalDateTime;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.time.temporal.JulianFields;
import java.util.List;
import java.util.Locale;

/**
 * PostgreSQL's {@code to_char} templates for dates and times: {@code YYYY-MM-DD HH24:MI:SS}, month and day names
 * in the case they are written ({@code Month}, {@code MON}, {@code dy}), {@code FM} to drop padding, double-quoted
 * literal text, and every other character copied as is. {@code TZ} and {@code OF} print the zone abbreviation and
 * offset the caller gives (the session zone's at that instant for timestamps).
 */
final class DateTimeFormat {
    /** Template patterns, longest first so that {@code HH24} wins over {@code HH} and {@code YYYY} over {@code YY}. */
    private static final List<String> PATTERNS = List.of("MONTH", "HH24", "HH12", "YYYY", "IYYY", "SSSS", "A.M.",
            "P.M.", "a.m.", "p.m.", "YYY", "MON", "DAY", "DDD", "HH", "MI", "SS", "MS", "US", "AM", "PM", "YY",
            "MM", "DD", "DY", "ID", "IW", "WW", "CC", "TZ", "OF", "Y", "D", "W", "Q", "J");

    private DateTimeFormat() {
    }

    static String format(LocalDateTime t, long microOfSecond, String template, String tz, String of) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char ch = template.charAt(i);
            if (ch == '"') {
                int end = Templates.closingQuote(template, i);
                out.append(template, i + 1, end);
                i = end + 1;
                continue;
            }
            if (ch == '\\' && i + 1 < template.length()) {
                out.append(template.charAt(i + 1));
                i += 2;
                continue;
            }
            boolean fill = template.regionMatches(true, i, "FM", 0, 2);
            int at = fill ? i + 2 : i;
            String pattern = Templates.patternAt(template, at, PATTERNS);
            if (pattern == null) {
                out.append(fill ? template.substring(i, i + 2) : String.valueOf(ch));
                i += fill ? 2 : 1;
                continue;
            }
            out.append(field(t, microOfSecond, pattern, template.substring(at, at + pattern.length()), fill, tz,
                    of));
            i = at + pattern.length();
        }
        return out.toString();
    }

    /** One pattern's text; {@code written} is the pattern as the template spells it, for the case of names. */
    private static String field(LocalDateTime t, long micros, String pattern, String written, boolean fill,
            String tz, String of) {
        int hour12 = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
        return switch (pattern) {
            case "YYYY" -> number(t.getYear(), 4, fill);
            case "IYYY" -> number(t.get(IsoFields.WEEK_BASED_YEAR), 4, fill);
            case "YYY" -> number(Math.floorMod(t.getYear(), 1000), 3, fill);
            case "YY" -> number(Math.floorMod(t.getYear(), 100), 2, fill);
            case "Y" -> number(Math.floorMod(t.getYear(), 10), 1, fill);
            case "MM" -> number(t.getMonthValue(), 2, fill);
            case "DD" -> number(t.getDayOfMonth(), 2, fill);
            case "DDD" -> number(t.getDayOfYear(), 3, fill);
            case "D" -> number(t.getDayOfWeek().getValue() % 7 + 1, 1, fill);
            case "ID" -> number(t.getDayOfWeek().getValue(), 1, fill);
            case "W" -> number((t.getDayOfMonth() - 1) / 7 + 1, 1, fill);
            case "WW" -> number((t.getDayOfYear() - 1) / 7 + 1, 2, fill);
            case "IW" -> number(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2, fill);
            case "Q" -> number((t.getMonthValue() - 1) / 3 + 1, 1, fill);
            case "CC" -> number(t.getYear() > 0 ? (t.getYear() + 99) / 100 : -((99 - (t.getYear() - 1)) / 100), 2,
                    fill);
            case "J" -> number(t.getLong(JulianFields.JULIAN_DAY), 1, fill);
            case "HH24" -> number(t.getHour(), 2, fill);
            case "HH12", "HH" -> number(hour12, 2, fill);
            case "MI" -> number(t.getMinute(), 2, fill);
            case "SS" -> number(t.getSecond(), 2, fill);
            case "SSSS" -> number(t.toLocalTime().toSecondOfDay(), 1, fill);
            case "MS" -> number(micros / 1000, 3, fill);
            case "US" -> number(micros, 6, fill);
            case "AM", "PM" -> cased(t.getHour() < 12 ? "AM" : "PM", written);
            case "A.M.", "P.M.", "a.m.", "p.m." -> cased(t.getHour() < 12 ? "A.M." : "P.M.", written);
            case "MONTH" -> padded(cased(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH), written), 9,
                    fill);
            case "MON" -> cased(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH), written);
            case "DAY" -> padded(cased(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH), written), 9,
                    fill);
            case "DY" -> cased(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH), written);
            case "TZ" -> cased(tz, written);
            case "OF" -> of;
            default -> throw new IllegalStateException(pattern);
        };
    }

    private static String number(long value, int width, boolean fill) {
        String digits = Long.toString(Math.abs(value));
        if (!fill && digits.length() < width) {
            digits = "0".repeat(width - digits.length()) + digits;
        }
        return value < 0 ? "-" + digits : digits;
    }

    private static String padded(String name, int width, boolean fill) {
        return fill || name.length() >= width ? name : name + " ".repeat(width - name.length());
    }

    /** A name in the case of the pattern as written: all upper, all lower, or capitalised. */
    private static String cased(String name, String written) {
        if (written.equals(written.toUpperCase(Locale.ROOT))) {
            return name.toUpperCase(Locale.ROOT);
        }
        if (written.equals(written.toLowerCase(Locale.ROOT))) {
            return name.toLowerCase(Locale.ROOT);
        }
        return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
    }
}
