package io.nodedb.sql.exec;

import io.nodedb.core.value.Value;
import io.nodedb.sql.storage.DataView;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Everything one execution of a plan needs besides its rows: parameters, the statement's clock, the data it reads
 * and the enclosing rows of correlated subqueries.
 */
public final class ExecContext {
    private final Value[] params;
    private final LongSupplier clock;
    /** Read from {@link #clock} at the first {@code now()} and kept, so every call in the statement agrees. */
    private long nowMicros = Long.MIN_VALUE;
    private final DataView data;
    private final SessionInfo session;
    private final ZoneId zone;
    private final List<Value[]> outerRows = new ArrayList<>();
    private final Map<Object, List<Value[]>> materialized = new HashMap<>();
    /** Whether operators time themselves: only for EXPLAIN ANALYZE, as two clock reads per batch add up on a point read. */
    private boolean timed;

    /** @param clock the current time in microseconds, read once, when the statement first asks for it */
    public ExecContext(Value[] params, LongSupplier clock, DataView data, SessionInfo session) {
        this.params = params;
        this.clock = clock;
        this.data = data;
        this.session = session;
        this.zone = session == null ? ZoneOffset.UTC : session.zone();
    }

    /** The 1-based parameter, or NULL when the statement is run without a value for it (EXPLAIN, DESCRIBE). */
    public Value param(int index) {
        return index <= params.length ? params[index - 1] : Value.NULL;
    }

    public long nowMicros() {
        if (nowMicros == Long.MIN_VALUE) {
            nowMicros = clock.getAsLong();
        }
        return nowMicros;
    }

    /** Makes every operator opened with this context count its time, for EXPLAIN ANALYZE. */
    public void timeOperators() {
        timed = true;
    }

    public boolean timed() {
        return timed;
    }

    /** The session time zone as the statement started. */
    public ZoneId zone() {
        return zone;
    }

    public DataView data() {
        return data;
    }

    public SessionInfo session() {
        return session;
    }

    public void pushOuter(Value[] row) {
        outerRows.add(row);
    }

    public void popOuter() {
        outerRows.removeLast();
    }

    /** The row of the query {@code depth} levels out (1 = the immediately enclosing one). */
    public Value[] outer(int depth) {
        return outerRows.get(outerRows.size() - depth);
    }

    /** Rows computed once per execution and shared: CTEs, uncorrelated subqueries, recursive work tables. */
    public Map<Object, List<Value[]>> materialized() {
        return materialized;
    }
}
