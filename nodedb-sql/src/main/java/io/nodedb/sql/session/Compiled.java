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

    /**
     * Starts the statement for reading its rows lazily (see {@link io.nodedb.sql.RowStream}), or returns null
     * when it does not stream and must run through {@link #execute}: statements with side effects, EXPLAIN, and
     * queries whose open schemaless columns need every row before the first can be shaped, unless
     * {@code fieldsKnown} (the caller lays each row out as columns it already chose) and the query's one column is
     * the open one. The caller owns the returned operator and the statement snapshot it took, and tells the session
     * when the operator outlives its statement ({@link SessionState#shareTransactionWrites}).
     */
    default OpenQuery open(SessionState session, Value[] params, boolean fieldsKnown) {
        return null;
    }

    /** A running query: the root operator to pull rows from and the columns it produces. */
    record OpenQuery(io.nodedb.sql.exec.Operator root, io.nodedb.sql.plan.Scope scope) {
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

    /**
     * Whether running it is a short write: a few rows of VALUES into a document or strict collection, with no
     * subqueries and no vector index to update. Its commit still waits for the log, so a front end may run it on
     * its I/O thread only when nothing else is running (see {@code Database#commitsIdle}).
     */
    default boolean quickWrite() {
        return false;
    }
}
