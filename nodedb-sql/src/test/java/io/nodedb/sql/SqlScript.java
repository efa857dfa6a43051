package io.nodedb.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * The SQL script format shared by every runner (embedded in {@code SqlScriptTest}, over pgwire in the server's
 * corpus test): a statement ends with {@code ;} at a line end; the lines after it starting with {@code >} are its
 * expected output; blank lines separate cases and {@code --} lines are comments.
 */
public final class SqlScript {
    private SqlScript() {
    }

    /** A statement of a script with its expected lines and where it starts in the file. */
    public record Case(int line, String sql, List<String> expected) {
    }

    public static List<Case> parse(List<String> lines) {
        List<Case> cases = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        int start = 0;
        Case open = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith(">")) {
                if (open == null) {
                    throw new IllegalArgumentException("line " + (i + 1) + ": expected output without a statement");
                }
                open.expected().add(line.length() > 1 && line.charAt(1) == ' ' ? line.substring(2) : line.substring(1));
                continue;
            }
            if (sql.isEmpty() && (line.isBlank() || line.startsWith("--"))) {
                open = line.isBlank() ? null : open;
                continue;
            }
            if (sql.isEmpty()) {
                start = i + 1;
            }
            sql.append(sql.isEmpty() ? "" : "\n").append(line);
            if (line.stripTrailing().endsWith(";")) {
                open = new Case(start, sql.toString(), new ArrayList<>());
                cases.add(open);
                sql.setLength(0);
            }
        }
        if (!sql.isEmpty()) {
            throw new IllegalArgumentException("line " + start + ": statement without a terminating ';'");
        }
        return cases;
    }
}
