package io.nodedb.sql.session;

import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueType;
import io.nodedb.sql.ColumnInfo;
import io.nodedb.sql.StatementResult;
import io.nodedb.sql.exec.Operator;
import io.nodedb.sql.exec.PlanNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** EXPLAIN output: one row per plan node, children indented beneath their parent. */
public final class Explain {
    private Explain() {
    }

    public static StatementResult plan(String header, PlanNode root) {
        List<String> lines = new ArrayList<>();
        if (header != null) {
            lines.add(header);
        }
        node(root, header == null ? 0 : 1, lines);
        return result(lines);
    }

    public static StatementResult analyzed(Operator root, long totalNanos) {
        List<String> lines = new ArrayList<>();
        operator(root, 0, lines);
        lines.add(String.format(Locale.ROOT, "Execution Time: %.3f ms", totalNanos / 1e6));
        return result(lines);
    }

    private static void node(PlanNode n, int depth, List<String> out) {
        out.add(prefix(depth) + n.describe());
        for (PlanNode child : n.inputs()) {
            node(child, depth + 1, out);
        }
    }

    private static void operator(Operator op, int depth, List<String> out) {
        out.add(String.format(Locale.ROOT, "%s%s (actual rows=%d batches=%d time=%.3f ms)", prefix(depth),
                op.node().describe(), op.rows(), op.batches(), op.nanos() / 1e6));
        for (Operator child : op.inputs()) {
            operator(child, depth + 1, out);
        }
    }

    private static String prefix(int depth) {
        return depth == 0 ? "" : "  ".repeat(depth - 1) + "->  ";
    }

    private static StatementResult result(List<String> lines) {
        List<Value[]> rows = new ArrayList<>();
        for (String l : lines) {
            rows.add(new Value[] {new Value.Str(l)});
        }
        return new StatementResult("EXPLAIN", List.of(new ColumnInfo("QUERY PLAN", ValueType.TEXT)), rows, 0);
    }
}
