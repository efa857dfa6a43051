package io.nodedb.core.document;

import io.nodedb.core.value.Value;

/**
 * Pulls the rows of a strict collection one at a time, decoded from their tuples straight into column arrays in
 * the current schema's order: no document per row, and only the columns asked for.
 */
public interface RowCursor extends AutoCloseable {
    /**
     * Moves to the next row and puts its wanted columns into {@code row[0..columns)}: the value, {@link Value#NULL}
     * for SQL NULL, or null for a column added after the row was written (the caller knows its default). Unwanted
     * positions are left as they are.
     *
     * @return false at the end
     */
    boolean next(Value[] row);

    /** The id of the row {@link #next} last moved to. */
    Value id();

    @Override
    void close();
}
