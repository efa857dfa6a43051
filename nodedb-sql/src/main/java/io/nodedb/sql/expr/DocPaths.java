package io.nodedb.sql.expr;

import io.nodedb.core.value.Value;
import io.nodedb.sql.SqlErrors;

import java.util.ArrayList;
import java.util.List;

/** JSON-path style access into documents: {@code $.a.b}, {@code a.b}, {@code $.items[0].name}. */
public final class DocPaths {
    private DocPaths() {
    }

    public static Value get(Value doc, String path) {
        Value v = walk(doc, path);
        return v == null ? Value.NULL : v;
    }

    public static boolean exists(Value doc, String path) {
        return walk(doc, path) != null;
    }

    /** The value at the path, or null when some step is missing (a present NULL is {@link Value#NULL}). */
    private static Value walk(Value doc, String path) {
        Value v = doc;
        for (Object step : parse(path)) {
            if (step instanceof String field) {
                v = v instanceof Value.Obj o ? o.get(field) : null;
            } else {
                int i = (Integer) step;
                v = v instanceof Value.Array a && i < a.size() ? a.get(i) : null;
            }
            if (v == null) {
                return null;
            }
        }
        return v;
    }

    private static List<Object> parse(String path) {
        String p = path.startsWith("$") ? path.substring(1) : path;
        List<Object> steps = new ArrayList<>();
        int i = 0;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '.') {
                i++;
            } else if (c == '[') {
                int close = p.indexOf(']', i);
                if (close < 0) {
                    throw SqlErrors.invalidParameter("invalid document path \"" + path + "\"");
                }
                String inner = p.substring(i + 1, close).strip();
                if (inner.startsWith("'") || inner.startsWith("\"")) {
                    steps.add(inner.substring(1, Math.max(1, inner.length() - 1)));
                } else {
                    try {
                        steps.add(Integer.parseInt(inner));
                    } catch (NumberFormatException e) {
                        throw SqlErrors.invalidParameter("invalid document path \"" + path + "\"");
                    }
                }
                i = close + 1;
            } else {
                int end = i;
                while (end < p.length() && p.charAt(end) != '.' && p.charAt(end) != '[') {
                    end++;
                }
                steps.add(p.substring(i, end));
                i = end;
            }
        }
        return steps;
    }
}
