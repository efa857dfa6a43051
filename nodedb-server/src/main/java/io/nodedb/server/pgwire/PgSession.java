package io.nodedb.server.pgwire;

import io.nodedb.core.value.Value;
import io.nodedb.sql.ColumnInfo;
import io.nodedb.sql.RowStream;
import io.nodedb.sql.StatementResult;

import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the PostgreSQL protocol needs from a SQL session. One per connection, used by one thread at a time,
 * except {@link #cancel()}, which another connection's thread calls.
 */
public interface PgSession extends AutoCloseable {

    /** A parsed statement of the extended protocol. */
    interface Statement {
        /** Parameter types as PostgreSQL OIDs (0 where the client must decide and we accept text). */
        int[] parameterOids();

        /** Result columns; empty when the statement returns no rows. */
        List<ColumnInfo> columns();

        /**
         * The columns Describe of the statement announces, decided on the first call and then fixed: a client that
         * described the statement decodes every later execution by them, so {@link #pinnedColumns()} keeps them.
         * They differ from {@link #columns()} only for open schemaless columns ({@code SELECT *} over documents).
         */
        default List<ColumnInfo> describeColumns() {
            return columns();
        }

        /** The columns announced by {@link #describeColumns()}, or null when the statement was never described. */
        default List<ColumnInfo> pinnedColumns() {
            return null;
        }

        /**
         * Starts the statement with these parameters; a plain query produces its rows as they are fetched, any
         * other statement runs to completion first (see {@link RowStream}). The caller closes the stream.
         *
         * @param asPinned lay a schemaless {@code SELECT *} out as the {@link #pinnedColumns()} (when there are
         *     some) while it streams, instead of running it whole to learn its own columns
         */
        RowStream stream(List<Value> parameters, boolean asPinned);

        /** A read by primary key that never waits: cheap enough to run on the connection's I/O thread. */
        default boolean quickRead() {
            return false;
        }

        /** A short write (a few rows of VALUES): see {@link PgSession#commitsIdle()} for when it runs on I/O. */
        default boolean quickWrite() {
            return false;
        }
    }

    /**
     * Whether a write committed now would most likely commit on the calling thread without waiting for others
     * (nothing else is being written or applied).
     */
    default boolean commitsIdle() {
        return false;
    }

    /**
     * Runs every statement of a simple-query string in order, handing each result to {@code results} as a stream
     * to read before returning (it is closed afterwards); the first error is thrown after the earlier results and
     * the rows read before it were delivered.
     */
    void streamScript(String sql, Consumer<RowStream> results);

    /**
     * Runs every statement of {@code sql} but the last and starts the last as a stream the caller closes (null
     * when there is no statement); COPY TO streams its query's rows this way.
     */
    RowStream streamLast(String sql);

    /** Runs every statement of {@code sql} with {@code parameters}; used for COPY's generated statements. */
    List<StatementResult> run(String sql, List<Value> parameters);

    /**
     * The text of a simple query parsed and planned, when it is one short write ({@link Statement#quickWrite()})
     * without parameters; null for anything else, including text that does not parse or plan (the caller then
     * runs it the ordinary way, which reports the error). Running the returned statement with no parameters is
     * what {@link #streamScript} would do with the text.
     */
    default Statement quickWriteQuery(String sql) {
        return null;
    }

    /** Parses one statement; {@code declaredOids} are the types the client gave in Parse (0 = unspecified). */
    Statement prepare(String sql, int[] declaredOids);

    /** A setting's current value as SHOW prints it, or null. */
    String setting(String name);

    /** Applies a setting of the startup packet: as SET, and what RESET returns to; 22023 for a bad value. */
    void setDefault(String name, String value);

    /** The session time zone: timestamps in text format are written in it, and read in it without an offset. */
    ZoneId zone();

    /** 'I' idle, 'T' in a transaction block, 'E' in a failed transaction block. */
    char transactionStatus();

    /** Asks the statement running now, if any, to stop with 57014. */
    void cancel();

    @Override
    void close();
}
