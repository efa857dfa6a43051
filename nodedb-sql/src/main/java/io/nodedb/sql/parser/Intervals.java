package io.nodedb.sql.parser;

import io.nodedb.core.error.SqlState;
import io.nodedb.core.error.NodeDbException;
import io.nodedb.sql.ast.Expr;

import java.util.Locale;

/** Interval text: pairs of number and unit ("1 hour 30 minutes"), compact forms ("5m", "1h") and ISO "PT5M". */
final class Intervals {
    private static final long MICROS_PER_SECOND = 1_000_000L;

    private Intervals() {
    }

    static Expr.Interval parse(String text, int pos) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        if (s.startsWith("pt") || s.startsWith("p")) {
            s = s.replaceFirst("^p(t)?", "");
        }
        int months = 0;
        long days = 0;
        long micros = 0;
        int i = 0;
        boolean any = false;
        try {
            while (i < s.length()) {
                while (i < s.length() && s.charAt(i) == ' ') {
                    i++;
                }
                if (i >= s.length()) {
                    break;
                }
                int start = i;
                if (s.charAt(i) == '-' || s.charAt(i) == '+') {
                    i++;
                }
                while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                    i++;
                }
                double n = Double.parseDouble(s.substring(start, i));
                while (i < s.length() && s.charAt(i) == ' ') {
                    i++;
                }
                int unitStart = i;
                while (i < s.length() && Character.isLetter(s.charAt(i))) {
                    i++;
                }
                String unit = s.substring(unitStart, i);
                switch (unit) {
                    case "y", "year", "years" -> months = Math.addExact(months, (int) (n * 12));
                    case "mon", "month", "months" -> months = Math.addExact(months, (int) n);
                    case "w", "week", "weeks" -> days += (long) (n * 7);
                    case "d", "day", "days" -> days += (long) n;
                    case "h", "hour", "hours" -> micros += (long) (n * 3600 * MICROS_PER_SECOND);
                    case "m", "min", "mins", "minute", "minutes" -> micros += (long) (n * 60 * MICROS_PER_SECOND);
                    case "s", "sec", "secs", "second", "seconds" -> micros += (long) (n * MICROS_PER_SECOND);
                    case "ms", "millisecond", "milliseconds" -> micros += (long) (n * 1000);
                    case "us", "microsecond", "microseconds" -> micros += (long) n;
                    default -> throw new NumberFormatException(unit);
                }
                any = true;
            }
        } catch (NumberFormatException | ArithmeticException e) {
            any = false;
        }
        if (!any) {
            throw new NodeDbException(SqlState.INVALID_TEXT_REPRESENTATION,
                    "invalid input syntax for type interval: \"" + text + "\"", pos, null);
        }
        return new Expr.Interval(months, days, micros, pos);
    }
}
