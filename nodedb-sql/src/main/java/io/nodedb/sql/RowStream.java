package io.nodedb.sql;

import io.nodedb.core.document.DocumentReadView;
import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;
import io.nodedb.sql.exec.Operator;
import io.nodedb.sql.session.Compiled;
import io.nodedb.sql.session.Results;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The result of one statement read row by row, for a client protocol that sends rows while the query still runs.
 * A plain query (SELECT, VALUES, WITH ... SELECT) pulls its rows from the operator tree only as they are
 * fetched, so memory does not grow with the result; any other statement (writes with or without RETURNING, DDL,
 * EXPLAIN, SHOW) and a query whose schemaless {@code SELECT *} columns are known only after its last row (unless
 * the caller gives the columns, see {@link PreparedStatement#stream(List, List)}) run to completion first and hand
 * out their materialized rows.
 *
 * <p>Before the first row is handed out the stream reads ahead up to {@link #LOOKAHEAD} rows, so {@link #columns()}
 * and {@link #firstRows()} describe the result as the materializing API would whenever it is no longer than that.
 *
 * <p>A streaming query outside a transaction keeps its own snapshot until it is exhausted or closed; inside a
 * transaction it reads the transaction's snapshot with the transaction's writes as they were when it opened, and
 * the transaction's end (COMMIT, ROLLBACK) closes it. Whatever the stream holds is released exactly once: when the
 * last row was fetched, on an error, or by {@link #close()}, which is harmless to call again. Not thread-safe, like
 * its session; {@link Session#cancel()} stops a fetch in progress with 57014.
 */
public final class RowStream implements AutoCloseable {
    /** Rows read before the first is handed out, to learn the columns' types from values (see {@link #columns()}). */
    public static final int LOOKAHEAD = Operator.BATCH;

    private final Session session;
    private final List<ColumnInfo> columns;
    private final List<Value[]> firstRows;
    private final String materializedTag;
    private final long affected;
    private final boolean inTransaction;
    /** Null once the source is exhausted or the stream closed, and always for a materialized result. */
    private Operator root;
    private DocumentReadView snapshot;
    private List<Value[]> pending;
    private int pendingAt;
    /** For a schemaless query streamed as given columns: the field each column takes from the document. */
    private final String[] fields;
    private long handedOut;

    private RowStream(Session session, StatementResult result) {
        this.session = session;
        this.columns = result.columns();
        this.firstRows = result.rows();
        this.pending = result.rows();
        this.materializedTag = result.tag();
        this.affected = result.affected();
        this.inTransaction = false;
        this.fields = null;
    }

    /**
     * @param shape the columns to lay rows out as when the query's one column is an open (schemaless) one, whose
     *              fields are then read by name from each document; ignored otherwise
     */
    private RowStream(Session session, Compiled.OpenQuery query, DocumentReadView snapshot, boolean inTransaction,
            List<ColumnInfo> shape) {
        this.session = session;
        this.root = query.root();
        this.snapshot = snapshot;
        this.inTransaction = inTransaction;
        this.materializedTag = null;
        this.affected = 0;
        session.engine().streamOpened();
        List<Value[]> ahead = new ArrayList<>();
        try {
            while (ahead.size() < LOOKAHEAD) {
                List<Value[]> batch = root.next();
                if (batch == null) {
                    release();
                    break;
                }
                ahead.addAll(batch);
            }
        } catch (RuntimeException | StackOverflowError e) {
            close();
            throw e;
        }
        session.track(this);
        List<ColumnInfo> cols = new ArrayList<>();
        List<Value[]> rows = new ArrayList<>(ahead.size());
        if (query.scope().columns().stream().anyMatch(io.nodedb.sql.plan.Scope.Col::open)) {
            // only a lone open column is opened as a stream, and only with a shape (see Compiled#open)
            fields = shape.stream().map(ColumnInfo::name).toArray(String[]::new);
            cols.addAll(shape);
            rows.addAll(laidOut(ahead));
        } else {
            fields = null;
            Results.expand(query.scope(), ahead, cols, rows);
        }
        this.columns = List.copyOf(cols);
        this.firstRows = java.util.Collections.unmodifiableList(rows);
        this.pending = rows;
    }

    /** A stream over rows that are already at hand. */
    static RowStream of(Session session, StatementResult result) {
        return new RowStream(session, result);
    }

    /** Opens a streaming query; the caller is inside its statement (see {@link Session#stream}). */
    static RowStream open(Session session, Compiled.OpenQuery query, DocumentReadView snapshot,
            boolean inTransaction, List<ColumnInfo> shape) {
        return new RowStream(session, query, snapshot, inTransaction, shape);
    }

    /**
     * The result's columns. A column whose type the plan leaves open takes the one type its values share among
     * the rows read ahead ({@link #firstRows()}); rows after those may hold other types.
     */
    public List<ColumnInfo> columns() {
        return columns;
    }

    public boolean returnsRows() {
        return !columns.isEmpty();
    }

    /**
     * The first rows of the result, read before any was handed out (every row of a materialized result, and of a
     * streaming one that has at most {@link #LOOKAHEAD} rows): enough to fit column types to values.
     */
    public List<Value[]> firstRows() {
        return firstRows;
    }

    /**
     * Whether the stream holds no cursor: every row it has left is already read (or it was closed), so fetching
     * never waits on storage.
     */
    public boolean buffered() {
        return root == null;
    }

    /** Whether the stream has handed out its last row, or was closed. */
    public boolean done() {
        return pending == null || (pendingAt >= pending.size() && root == null);
    }

    /**
     * Hands up to {@code max} rows (all that remain when {@code max <= 0}) to {@code sink}, in order, and returns how
     * many it handed. An error of the query or of the sink closes the stream, marks an open transaction failed
     * and is rethrown, after the rows handed so far.
     *
     * @throws NodeDbException 57014 when cancelled meanwhile; 34000 when the stream was closed
     *     (by its transaction's end) before its last row
     */
    public long fetch(long max, Consumer<Value[]> sink) {
        if (pending == null) {
            throw new NodeDbException(SqlState.INVALID_CURSOR_NAME, "cursor is closed (by the end of the "
                    + "transaction it was opened in, or by an error)");
        }
        long n = 0;
        session.state().beginStatement();
        try {
            while (fill()) {
                if (max > 0 && n >= max) {
                    break;
                }
                sink.accept(pending.get(pendingAt++));
                n++;
                handedOut++;
            }
            return n;
        } catch (NodeDbException e) {
            fail(e.state() != SqlState.IN_FAILED_SQL_TRANSACTION);
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            fail(true);
            throw new NodeDbException(SqlState.INTERNAL_ERROR, "internal error: " + e, e);
        } finally {
            session.state().endStatement();
        }
    }

    /** Every remaining row, in order. */
    public List<Value[]> fetchAll() {
        List<Value[]> out = new ArrayList<>();
        fetch(0, out::add);
        return out;
    }

    /** Whether a row is ready at {@code pendingAt}; reads the next batch when the current one is used up. */
    private boolean fill() {
        while (pendingAt >= pending.size()) {
            if (root == null) {
                return false;
            }
            List<Value[]> batch = root.next();
            if (batch == null) {
                release();
                return false;
            }
            pending = fields == null ? batch : laidOut(batch);
            pendingAt = 0;
        }
        return true;
    }

    /** Documents (the lone open column) as rows of the shape's fields; a missing field is NULL. */
    private List<Value[]> laidOut(List<Value[]> batch) {
        List<Value[]> out = new ArrayList<>(batch.size());
        for (Value[] r : batch) {
            Value[] row = new Value[fields.length];
            for (int i = 0; i < fields.length; i++) {
                Value v = r[0] instanceof Value.Obj o ? o.get(fields[i]) : null;
                row[i] = v == null ? Value.NULL : v;
            }
            out.add(row);
        }
        return out;
    }

    private void fail(boolean markFailed) {
        if (markFailed) {
            session.state().markFailed();
        }
        close();
    }

    /**
     * The command tag, as PostgreSQL sends it: for a query {@code SELECT n} with the rows handed out so far (the
     * whole result once {@link #done()}), otherwise the statement's own.
     */
    public String tag() {
        return materializedTag != null ? materializedTag : "SELECT " + handedOut;
    }

    /** Rows handed out so far by a query; a statement's affected row count otherwise. */
    public long affected() {
        return materializedTag != null ? affected : handedOut;
    }

    /** For a statement that returns rows, how many were handed out so far; otherwise its affected row count. */
    public long rowCount() {
        return returnsRows() ? handedOut : affected;
    }

    boolean inTransaction() {
        return inTransaction;
    }

    /** Stops reading: releases the query's cursors and snapshot. Rows not fetched are dropped. */
    @Override
    public void close() {
        pending = null;
        release();
    }

    /**
     * Closes the operator tree and the snapshot, once: when the source is exhausted, on an error or by close().
     * The engine's count of open streams counts streams holding them, so it falls as soon as a result is read.
     */
    private void release() {
        Operator r = root;
        DocumentReadView s = snapshot;
        if (r == null && s == null) {
            return;
        }
        root = null;
        snapshot = null;
        session.forget(this);
        session.engine().streamClosed();
        try {
            if (r != null) {
                r.close();
            }
        } finally {
            if (s != null) {
                s.close();
            }
        }
    }
}
