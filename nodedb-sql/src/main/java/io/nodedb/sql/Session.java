package io.nodedb.sql;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;
import io.nodedb.sql.ast.Statement;
import io.nodedb.sql.session.Compiled;
import io.nodedb.sql.session.SessionState;

import java.util.ArrayList;
import java.util.List;

/**
 * One connection: runs SQL text, prepares statements, and holds the settings and the open transaction. Not
 * thread-safe; a session is used by one client at a time.
 */
public final class Session {
    private final SqlEngine engine;
    private final SessionState state;
    /** Streams that hold a cursor (a stream leaves when it releases it); a transaction's end closes its own. */
    private final List<RowStream> streams = new ArrayList<>();

    Session(SqlEngine engine, String user, boolean superuser) {
        this.engine = engine;
        this.state = new SessionState(engine.database(), user, superuser);
    }

    public List<StatementResult> execute(String sql) {
        return execute(sql, List.of());
    }

    /**
     * Runs every statement of the text in order and returns one result per statement. The first error stops the
     * run; statements before it that ran outside a transaction stay committed.
     *
     * @throws NodeDbException with the SQLSTATE (and for syntax errors the 1-based position) of the first error
     */
    public List<StatementResult> execute(String sql, List<Value> params) {
        List<StatementResult> results = new ArrayList<>();
        execute(sql, params, results::add);
        return results;
    }

    /**
     * Runs every statement of the text in order, handing each result to {@code each} as soon as its statement
     * finishes (a protocol can send it before the next statement runs).
     */
    public void execute(String sql, List<Value> params, java.util.function.Consumer<StatementResult> each) {
        SqlEngine.Parsed parsed = parse(sql);
        Value[] values = params.toArray(Value[]::new);
        for (int i = 0; i < parsed.statements.size(); i++) {
            each.accept(run(parsed, i, values));
        }
    }

    /**
     * Runs every statement of the text in order like {@link #execute(String, List, java.util.function.Consumer)},
     * handing each statement's result to {@code each} as a {@link RowStream} that is read while {@code each} runs
     * and closed when it returns; a plain query's rows are produced as {@code each} fetches them.
     */
    /** Parses the text; a syntax error fails the open transaction, as any failed statement does. */
    private SqlEngine.Parsed parse(String sql) {
        try {
            return engine.parse(sql);
        } catch (NodeDbException e) {
            state.markFailed();
            throw e;
        }
    }

    public void stream(String sql, List<Value> params, java.util.function.Consumer<RowStream> each) {
        SqlEngine.Parsed parsed = parse(sql);
        Value[] values = params.toArray(Value[]::new);
        for (int i = 0; i < parsed.statements.size(); i++) {
            try (RowStream s = stream(parsed, i, values, null)) {
                each.accept(s);
            }
        }
    }

    /**
     * Runs every statement of the text but the last to completion, dropping their results, and starts the last
     * as a {@link RowStream} the caller must close: for a protocol whose reply describes the last statement only.
     *
     * @return null when the text holds no statement
     */
    public RowStream streamLast(String sql, List<Value> params) {
        SqlEngine.Parsed parsed = parse(sql);
        int n = parsed.statements.size();
        if (n == 0) {
            return null;
        }
        Value[] values = params.toArray(Value[]::new);
        for (int i = 0; i < n - 1; i++) {
            try (RowStream s = stream(parsed, i, values, null)) {
                // read to the end: a query's expressions may have effects (KV atomics), as when it ran whole
                s.fetch(0, row -> { });
            }
        }
        return stream(parsed, n - 1, values, null);
    }

    /**
     * Starts the one statement of the text as a {@link RowStream}, which the caller must close (or read to its
     * end) to release the snapshot it reads.
     *
     * @throws NodeDbException 42601 when the text holds no statement or more than one
     */
    public RowStream stream(String sql, List<Value> params) {
        return prepare(sql).stream(params);
    }

    /** The number of streams this session holds open (each with a cursor over a snapshot). */
    public int openStreams() {
        return streams.size();
    }

    /** Ends the session: open streams are closed, an open transaction is rolled back and its snapshot released. */
    public void close() {
        for (RowStream s : List.copyOf(streams)) {
            s.close();
        }
        if (state.inTransaction()) {
            state.rollback();
        }
    }

    /** Asks the statement running on this session (from another thread) to stop with SQLSTATE 57014. */
    public void cancel() {
        state.cancel();
    }

    /** A statement outside a transaction that lost a write conflict is run again on a fresh snapshot. */
    private static final int CONFLICT_RETRIES = 3;

    StatementResult run(SqlEngine.Parsed parsed, int i, Value[] params) {
        try {
            return runWithRetries(parsed, i, params);
        } finally {
            closeEndedTransactionStreams();
        }
    }

    /**
     * Statement i as a stream: a plain query opens its operator tree and reads ahead (see {@link RowStream});
     * anything else runs to completion and hands out its rows. With {@code shape}, rows are laid out as those
     * columns (see {@link PreparedStatement#stream(List, List)}).
     */
    RowStream stream(SqlEngine.Parsed parsed, int i, Value[] params, List<ColumnInfo> shape) {
        Compiled compiled = state.failed() ? null : asStatement(() -> plan(parsed, i));
        RowStream s = compiled == null ? null : open(compiled, params, shape);
        return s != null ? s : RowStream.of(this, run(parsed, i, params));
    }

    /** The query opened as a stream, or null when the statement does not stream. */
    private RowStream open(Compiled compiled, Value[] params, List<ColumnInfo> shape) {
        return asStatement(() -> {
            Compiled.OpenQuery query = compiled.open(state, params, shape != null && distinctNames(shape));
            if (query == null) {
                return null;
            }
            // Detached before the read-ahead, so that from here on the stream alone closes the snapshot.
            io.nodedb.core.document.DocumentReadView snapshot = state.detachStatementSnapshot();
            RowStream s = RowStream.open(this, query, snapshot, state.inTransaction(), shape);
            if (!s.buffered()) {
                state.shareTransactionWrites();
            }
            return s;
        });
    }

    private static boolean distinctNames(List<ColumnInfo> columns) {
        return columns.stream().map(ColumnInfo::name).distinct().count() == columns.size();
    }

    /** Called by a stream that still holds its cursor after reading ahead. */
    void track(RowStream s) {
        if (!s.buffered()) {
            streams.add(s);
        }
    }

    void forget(RowStream s) {
        streams.remove(s);
    }

    /** PostgreSQL closes a transaction's cursors when it ends; its snapshot is gone, so ours must close too. */
    private void closeEndedTransactionStreams() {
        if (streams.isEmpty() || state.inTransaction()) {
            return;
        }
        for (RowStream s : List.copyOf(streams)) {
            if (s.inTransaction()) {
                s.close();
            }
        }
    }

    SqlEngine engine() {
        return engine;
    }

    SessionState state() {
        return state;
    }

    private StatementResult runWithRetries(SqlEngine.Parsed parsed, int i, Value[] params) {
        for (int attempt = 1; ; attempt++) {
            boolean retryable = !state.inTransaction();
            try {
                return runOnce(parsed, i, params);
            } catch (NodeDbException e) {
                if (!retryable || e.state() != SqlState.SERIALIZATION_FAILURE || attempt > CONFLICT_RETRIES) {
                    throw e;
                }
            }
        }
    }

    private StatementResult runOnce(SqlEngine.Parsed parsed, int i, Value[] params) {
        return asStatement(() -> {
            if (state.failed() && !endsFailedTransaction(parsed.statements.get(i))) {
                throw new NodeDbException(SqlState.IN_FAILED_SQL_TRANSACTION, "current transaction is aborted, "
                        + "commands ignored until end of transaction block");
            }
            return plan(parsed, i).execute(state, params);
        });
    }

    /**
     * Runs one statement's work between the session's statement bounds: any failure but "transaction already
     * failed" fails the open transaction, and an unexpected exception becomes XX000.
     */
    private <T> T asStatement(java.util.function.Supplier<T> work) {
        state.beginStatement();
        try {
            return work.get();
        } catch (NodeDbException e) {
            if (e.state() != SqlState.IN_FAILED_SQL_TRANSACTION) {
                state.markFailed();
            }
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            state.markFailed();
            throw new NodeDbException(SqlState.INTERNAL_ERROR, "internal error: " + e, e);
        } finally {
            state.endStatement();
        }
    }

    private static boolean endsFailedTransaction(Statement s) {
        return s instanceof Statement.Transaction t && !t.kind().equals("BEGIN") && !t.kind().equals("SAVEPOINT")
                && !t.kind().equals("RELEASE");
    }

    /**
     * Parses and plans one statement for repeated execution; its plan is reused until DDL changes the catalog.
     *
     * @throws NodeDbException 42601 when the text holds no statement or more than one
     */
    public PreparedStatement prepare(String sql) {
        SqlEngine.Parsed parsed = engine.parse(sql);
        if (parsed.statements.size() != 1) {
            throw SqlErrors.syntax("a prepared statement must contain exactly one statement, got "
                    + parsed.statements.size(), 1);
        }
        return new PreparedStatement(this, parsed, sql);
    }

    Compiled plan(SqlEngine.Parsed parsed) {
        return plan(parsed, 0);
    }

    /**
     * Statement i planned against the catalog this session sees (its transaction's, with its own DDL), in its time
     * zone.
     */
    private Compiled plan(SqlEngine.Parsed parsed, int i) {
        return engine.plan(parsed, i, state.catalog(), state.privateCatalog(), state.zone());
    }

    List<ColumnInfo> describe(SqlEngine.Parsed parsed) {
        Compiled compiled = plan(parsed);
        state.beginStatement();
        try {
            return compiled.describe(state);
        } finally {
            state.endStatement();
        }
    }

    public boolean inTransaction() {
        return state.inTransaction();
    }

    /** True after an error inside a transaction block, until ROLLBACK. */
    public boolean inFailedTransaction() {
        return state.failed();
    }

    /** A setting's current value, or null. */
    public String setting(String name) {
        return state.setting(name);
    }

    /**
     * Changes a setting as SET does and makes it the value RESET returns to: how a protocol applies the settings a
     * client sends on connect.
     */
    public void setDefault(String name, String value) {
        state.settings().setDefault(name, value);
    }

    /** The session time zone, in which a protocol writes and reads timestamps as text. */
    public java.time.ZoneId zone() {
        return state.zone();
    }

    public String user() {
        return state.user();
    }

    public boolean superuser() {
        return state.superuser();
    }
}
