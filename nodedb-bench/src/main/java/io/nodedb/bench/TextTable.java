package io.nodedb.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A results table rendered twice: fixed-width for the terminal and as GitHub markdown for docs/benchmarks.md.
 * The first column is a label and is left-aligned; the others hold figures and are right-aligned so digits
 * line up.
 */
public final class TextTable {
    private final String[] header;
    private final List<String[]> rows = new ArrayList<>();

    public TextTable(String... header) {
        this.header = header.clone();
    }

    public TextTable row(String... cells) {
        if (cells.length != header.length) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, header " + header.length);
        }
        rows.add(cells.clone());
        return this;
    }

    public String fixedWidth() {
        int[] width = new int[header.length];
        for (int c = 0; c < header.length; c++) {
            width[c] = header[c].length();
            for (String[] row : rows) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder b = new StringBuilder();
        appendFixed(b, header, width);
        String[] rule = new String[header.length];
        for (int c = 0; c < header.length; c++) {
            rule[c] = "-".repeat(width[c]);
        }
        appendFixed(b, rule, width);
        for (String[] row : rows) {
            appendFixed(b, row, width);
        }
        return b.toString();
    }

    public String markdown() {
        StringBuilder b = new StringBuilder();
        appendMarkdown(b, header);
        String[] align = new String[header.length];
        Arrays.fill(align, "---:");
        align[0] = ":---";
        appendMarkdown(b, align);
        for (String[] row : rows) {
            appendMarkdown(b, row);
        }
        return b.toString();
    }

    private static void appendFixed(StringBuilder b, String[] cells, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                line.append("  ");
            }
            String pad = " ".repeat(width[c] - cells[c].length());
            line.append(c == 0 ? cells[c] + pad : pad + cells[c]);
        }
        b.append(line.toString().stripTrailing()).append('\n');
    }

    private static void appendMarkdown(StringBuilder b, String[] cells) {
        b.append('|');
        for (String cell : cells) {
            b.append(' ').append(cell.replace("|", "\\|")).append(" |");
        }
        b.append('\n');
    }

    /** A count or rate: no decimals, thousands separated ({@code 12,345}); one decimal below 100. */
    public static String rate(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return value < 100 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%,.0f", value);
    }

    /** Microseconds with precision that follows the magnitude, so sub-microsecond tmpfs figures stay visible. */
    public static String micros(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        if (value < 10) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        if (value < 1000) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    /** A plain figure with {@code decimals} decimals. */
    public static String number(double value, int decimals) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    /** A ratio such as {@code 12.3x}. */
    public static String ratio(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, value < 10 ? "%.2fx" : "%.1fx", value);
    }
}
