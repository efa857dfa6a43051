package io.nodedb.sql.dml;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;
import io.nodedb.sql.expr.SqlValues;
import io.nodedb.sql.storage.TableInfo;

import java.util.ArrayList;
import java.util.List;

/** The 23505 error for a row whose primary key another row already has. */
final class DuplicateKey {
    private DuplicateKey() {
    }

    /**
     * The error for {@code row}, stored under {@code id}. A key of several columns is named by its columns and
     * values, as PostgreSQL's detail does, because its stored id is an opaque byte string.
     */
    static NodeDbException error(TableInfo table, Value[] row, Value id) {
        if (!table.compositeKey()) {
            return new NodeDbException(SqlState.UNIQUE_VIOLATION, "duplicate key: collection \"" + table.name()
                    + "\" already has a row with primary key " + SqlValues.display(id));
        }
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int k : table.keyIndexes()) {
            names.add(table.columns().get(k).name());
            values.add(SqlValues.display(row[k]));
        }
        return new NodeDbException(SqlState.UNIQUE_VIOLATION, "duplicate key value violates unique constraint \""
                + table.name() + "_pkey\": key (" + String.join(", ", names) + ")=(" + String.join(", ", values)
                + ") already exists");
    }
}
