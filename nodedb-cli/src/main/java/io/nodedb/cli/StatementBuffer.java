package io.nodedb.cli;

/**
 * Collects input lines until a statement is complete: a {@code ;} outside quotes, quoted identifiers, dollar
 * quotes and comments ends it, as in psql. Lines typed so far stay buffered across calls.
 */
final class StatementBuffer {
    private final StringBuilder text = new StringBuilder();

    /** Adds a line; returns the complete statement text (with its {@code ;}) or null if more input is needed. */
    String add(String line) {
        if (!text.isEmpty()) {
            text.append('\n');
        }
        text.append(line);
        int end = completeAt(text);
        if (end < 0) {
            return null;
        }
        String statement = text.substring(0, end + 1);
        String rest = text.substring(end + 1).strip();
        text.setLength(0);
        text.append(rest);
        return statement;
    }

    boolean isEmpty() {
        return text.toString().isBlank();
    }

    /** What is buffered (a final statement without a {@code ;} at end of input), then cleared. */
    String drain() {
        String s = text.toString();
        text.setLength(0);
        return s;
    }

    /** Index of the {@code ;} that ends the first statement, or -1. */
    static int completeAt(CharSequence s) {
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"') {
                i = skipQuoted(s, i, c);
            } else if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-') {
                while (i < n && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int close = indexOf(s, "*/", i + 2);
                i = close < 0 ? n : close + 2;
            } else if (c == '$') {
                int tagEnd = dollarTagEnd(s, i);
                if (tagEnd > 0) {
                    String tag = s.subSequence(i, tagEnd + 1).toString();
                    int close = indexOf(s, tag, tagEnd + 1);
                    i = close < 0 ? n : close + tag.length();
                } else {
                    i++;
                }
            } else if (c == ';') {
                return i;
            } else {
                i++;
            }
        }
        return -1;
    }

    private static int skipQuoted(CharSequence s, int start, char quote) {
        int i = start + 1;
        while (i < s.length()) {
            if (s.charAt(i) == quote) {
                if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return s.length();
    }

    /** End of a dollar-quote tag like {@code $$} or {@code $body$} starting at {@code start}, or -1. */
    private static int dollarTagEnd(CharSequence s, int start) {
        for (int i = start + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '$') {
                return i;
            }
            if (!Character.isLetterOrDigit(c) && c != '_') {
                return -1;
            }
        }
        return -1;
    }

    private static int indexOf(CharSequence s, String what, int from) {
        return s.toString().indexOf(what, from);
    }
}
