package io.nodedb.sql.session;

import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueType;
import io.nodedb.sql.ColumnInfo;
import io.nodedb.sql.StatementResult;

import java.util.List;

/** A statement ready to run: planned against one catalog version, reusable across executions and sessions. */
public interface Compiled {
    StatementResult execute(SessionState session, Value[] params);

    /** Result columns as far as known before running (open schemaless columns appear as one OBJECT column). */
    default List<ColumnInfo> columns() {
        return List.of();
    }

    /**
     * The result columns a client may rely on before running it, for Describe of a prepared statement: like
     * {@link #columns()}, with open schemaless columns expanded into fields (see {@link Results#sampled}).
     */
    default List<ColumnInfo> describe(SessionState session) {
        return columns();
    }

    default List<ValueType> paramTypes() {
        return List.of();
    }

    /**
     * Whether running it is a few key lookups with no waiting: a read by primary key, without subqueries. A
     * network front end may run such statements on its I/O thread instead of handing them to a worker.
     */
    default boolean quickRead() {
        return false;
    }
}
