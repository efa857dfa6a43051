package io.nodedb.sql.expr;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;

import java.util.List;

/** What the template functions (to_char, to_number, to_date, to_timestamp) read alike: quoted text and patterns. */
final class Templates {
    private Templates() {
    }

    /** The index of the double quote closing the one at {@code open}; 22023 when the template has none. */
    static int closingQuote(String template, int open) {
        int end = template.indexOf('"', open + 1);
        if (end < 0) {
            throw new NodeDbException(SqlState.INVALID_PARAMETER_VALUE, "unterminated quoted text in the template \""
                    + template + "\"");
        }
        return end;
    }

    /** The first of {@code patterns} (longest first, so "HH24" wins over "HH") spelled at {@code at}, any case. */
    static String patternAt(String template, int at, List<String> patterns) {
        for (String p : patterns) {
            if (template.regionMatches(true, at, p, 0, p.length())) {
                return p;
            }
        }
        return null;
    }
}
