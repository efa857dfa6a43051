package io.nodedb.sql;

import io.nodedb.core.value.Value;

import java.util.List;

/**
 * The outcome of one statement: its command tag as PostgreSQL would send it ("SELECT 5", "INSERT 0 3",
 * "CREATE COLLECTION"), the columns and rows when it returns rows (empty otherwise), and the affected row count.
 */
public record StatementResult(String tag, List<ColumnInfo> columns, List<Value[]> rows, long affected) {
    public StatementResult {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    public static StatementResult command(String tag) {
        return new StatementResult(tag, List.of(), List.of(), 0);
    }

    public boolean returnsRows() {
        return !columns.isEmpty();
    }
}
