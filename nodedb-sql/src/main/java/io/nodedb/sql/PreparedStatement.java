package io.nodedb.sql;

import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueType;

import java.util.List;

/** A statement parsed and planned once, executed many times with different parameters ($1, $2, ... or ?). */
public final class PreparedStatement {
    private final Session session;
    private final SqlEngine.Parsed parsed;
    private final String sql;

    PreparedStatement(Session session, SqlEngine.Parsed parsed, String sql) {
        this.session = session;
        this.parsed = parsed;
        this.sql = sql;
        session.plan(parsed);
    }

    public String sql() {
        return sql;
    }

    public int parameterCount() {
        return parameterTypes().size();
    }

    /** Inferred parameter types; {@link ValueType#NULL} where nothing in the statement constrains one. */
    public List<ValueType> parameterTypes() {
        return session.plan(parsed).paramTypes();
    }

    /**
     * Result columns as planned: an open schemaless column (from {@code SELECT *} over a schemaless collection)
     * is one OBJECT column here and expands into one column per field when the statement runs.
     */
    public List<ColumnInfo> columns() {
        return session.plan(parsed).columns();
    }

    /**
     * The columns to announce before running, for a client that decodes every later result by them: open
     * columns expanded into fields, those of the result itself when the statement is a query without parameters,
     * otherwise those of a sample of the collection (up to 1,000 documents).
     */
    public List<ColumnInfo> describe() {
        return session.describe(parsed);
    }

    /** Whether executing it is a few primary-key lookups that never wait (see {@code Compiled#quickRead}). */
    public boolean isQuickRead() {
        return session.plan(parsed).quickRead();
    }

    /** Whether executing it is a short write (see {@code Compiled#quickWrite}). */
    public boolean isQuickWrite() {
        return session.plan(parsed).quickWrite();
    }

    public StatementResult execute(List<Value> params) {
        checkCount(params);
        return session.run(parsed, 0, params.toArray(Value[]::new));
    }

    /**
     * Starts the statement as a {@link RowStream} (a plain query produces rows as they are fetched); the caller
     * closes it, or reads it to its end, to release the snapshot it reads.
     */
    public RowStream stream(List<Value> params) {
        return stream(params, null);
    }

    /**
     * As {@link #stream(List)}, with the rows laid out as {@code shape} (the columns a client was told before,
     * e.g. by {@link #describe()}), matched by name: a field the result lacks is NULL, one {@code shape} lacks is
     * dropped. Rows are shaped as they are produced, so a schemaless {@code SELECT *}, whose own columns are known
     * only after its last row, streams too. Null: the result's own columns. A shape of the result's own column
     * names changes nothing; any other is left to the caller for other statements (their own columns are returned).
     */
    public RowStream stream(List<Value> params, List<ColumnInfo> shape) {
        checkCount(params);
        return session.stream(parsed, 0, params.toArray(Value[]::new), shape);
    }

    private void checkCount(List<Value> params) {
        if (params.size() != parameterCount()) {
            throw SqlErrors.invalidParameter("the statement takes " + parameterCount() + " parameter(s), got "
                    + params.size());
        }
    }

    public StatementResult execute(Value... params) {
        return execute(List.of(params));
    }
}
