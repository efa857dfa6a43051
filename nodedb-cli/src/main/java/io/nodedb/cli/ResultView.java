package io.nodedb.cli;

import java.util.List;

/**
 * One statement's outcome as the shell prints it: a command tag, and for row-returning statements the column names
 * and rows already rendered as text (null for SQL NULL).
 */
record ResultView(String tag, List<String> columns, List<String[]> rows) {
    boolean hasRows() {
        return !columns.isEmpty();
    }
}
