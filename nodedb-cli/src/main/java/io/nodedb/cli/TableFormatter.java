package io.nodedb.cli;

import java.io.PrintWriter;
import java.util.List;

/** Prints results as psql does: aligned columns with a header rule, or one field per line in expanded mode. */
final class TableFormatter {
    private TableFormatter() {
    }

    static void print(ResultView r, boolean expanded, PrintWriter out) {
        if (!r.hasRows()) {
            out.println(r.tag());
            return;
        }
        if (expanded) {
            printExpanded(r, out);
        } else {
            printAligned(r, out);
        }
        out.println("(" + r.rows().size() + (r.rows().size() == 1 ? " row)" : " rows)"));
        out.println();
    }

    private static void printAligned(ResultView r, PrintWriter out) {
        List<String> columns = r.columns();
        int[] width = new int[columns.size()];
        boolean[] numeric = new boolean[columns.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = displayWidth(columns.get(i));
            numeric[i] = !r.rows().isEmpty();
        }
        for (String[] row : r.rows()) {
            for (int i = 0; i < width.length; i++) {
                String v = row[i] == null ? "" : row[i];
                width[i] = Math.max(width[i], displayWidth(v));
                numeric[i] &= row[i] == null || isNumber(row[i]);
            }
        }
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
            line.append(i == 0 ? " " : " | ").append(center(columns.get(i), width[i]));
        }
        out.println(line.toString().stripTrailing());
        line.setLength(0);
        for (int i = 0; i < width.length; i++) {
            line.append(i == 0 ? "" : "+").append("-".repeat(width[i] + 2));
        }
        out.println(line);
        for (String[] row : r.rows()) {
            line.setLength(0);
            for (int i = 0; i < width.length; i++) {
                String v = row[i] == null ? "" : row[i];
                line.append(i == 0 ? " " : " | ").append(numeric[i] ? padLeft(v, width[i]) : padRight(v, width[i]));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static void printExpanded(ResultView r, PrintWriter out) {
        int labelWidth = 0;
        for (String c : r.columns()) {
            labelWidth = Math.max(labelWidth, displayWidth(c));
        }
        int n = 1;
        for (String[] row : r.rows()) {
            out.println("-[ RECORD " + n++ + " ]" + "-".repeat(Math.max(0, labelWidth - 8)));
            for (int i = 0; i < row.length; i++) {
                out.println(padRight(r.columns().get(i), labelWidth) + " | " + (row[i] == null ? "" : row[i]));
            }
        }
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty()) {
            return false;
        }
        int i = s.charAt(0) == '-' ? 1 : 0;
        boolean digit = false;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isDigit(c)) {
                digit = true;
            } else if (c != '.' && c != 'e' && c != 'E' && c != '+' && c != '-') {
                return false;
            }
        }
        return digit;
    }

    /** Code points, so that accented letters take one column. */
    private static int displayWidth(String s) {
        return s.codePointCount(0, s.length());
    }

    private static String padRight(String s, int width) {
        return s + " ".repeat(Math.max(0, width - displayWidth(s)));
    }

    private static String padLeft(String s, int width) {
        return " ".repeat(Math.max(0, width - displayWidth(s))) + s;
    }

    private static String center(String s, int width) {
        int pad = Math.max(0, width - displayWidth(s));
        return " ".repeat(pad / 2) + s + " ".repeat(pad - pad / 2);
    }
}
