package io.nodedb.server.pgwire;

import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueType;
import io.nodedb.sql.ColumnInfo;
import io.nodedb.sql.PreparedStatement;
import io.nodedb.sql.RowStream;
import io.nodedb.sql.Session;
import io.nodedb.sql.SqlEngine;
import io.nodedb.sql.StatementResult;

import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;

/** A pgwire connection's view of a SQL {@link Session}. */
final class SqlPgSession implements PgSession {
    private final Session session;
    private final SqlEngine engine;

    SqlPgSession(SqlEngine engine, String user, boolean superuser) {
        this.engine = engine;
        this.session = engine.newSession(user, superuser);
    }

    @Override
    public boolean commitsIdle() {
        return engine.database().commitsIdle();
    }

    @Override
    public void streamScript(String sql, Consumer<RowStream> results) {
        session.stream(sql, List.of(), results);
    }

    @Override
    public RowStream streamLast(String sql) {
        return session.streamLast(sql, List.of());
    }

    @Override
    public List<StatementResult> run(String sql, List<Value> parameters) {
        return session.execute(sql, parameters);
    }

    @Override
    public Statement quickWriteQuery(String sql) {
        PreparedStatement prepared;
        try {
            prepared = session.prepare(sql);
            if (prepared.parameterCount() != 0 || !prepared.isQuickWrite()) {
                return null;
            }
        } catch (RuntimeException e) {
            // several statements, a syntax error, an unknown table: the ordinary path runs it and reports it
            return null;
        }
        return statement(prepared, new int[0]);
    }

    @Override
    public Statement prepare(String sql, int[] declaredOids) {
        return statement(session.prepare(sql), declaredOids);
    }

    private static Statement statement(PreparedStatement prepared, int[] declaredOids) {
        List<ValueType> inferred = prepared.parameterTypes();
        int[] oids = new int[prepared.parameterCount()];
        for (int i = 0; i < oids.length; i++) {
            if (i < declaredOids.length && declaredOids[i] != 0) {
                oids[i] = declaredOids[i];
            } else {
                ValueType t = i < inferred.size() ? inferred.get(i) : ValueType.NULL;
                oids[i] = t == ValueType.NULL ? PgType.TEXT.oid : PgType.forValueType(t).oid;
            }
        }
        return new Statement() {
            private List<ColumnInfo> pinned;

            @Override
            public int[] parameterOids() {
                return oids;
            }

            @Override
            public List<ColumnInfo> columns() {
                return prepared.columns();
            }

            @Override
            public List<ColumnInfo> describeColumns() {
                if (pinned == null) {
                    pinned = List.copyOf(prepared.describe());
                }
                return pinned;
            }

            @Override
            public List<ColumnInfo> pinnedColumns() {
                return pinned;
            }

            @Override
            public RowStream stream(List<Value> parameters, boolean asPinned) {
                return prepared.stream(parameters, asPinned ? pinned : null);
            }

            @Override
            public boolean quickRead() {
                return prepared.isQuickRead();
            }

            @Override
            public boolean quickWrite() {
                return prepared.isQuickWrite();
            }
        };
    }

    @Override
    public String setting(String name) {
        return session.setting(name);
    }

    @Override
    public void setDefault(String name, String value) {
        session.setDefault(name, value);
    }

    @Override
    public ZoneId zone() {
        return session.zone();
    }

    @Override
    public char transactionStatus() {
        return session.inFailedTransaction() ? 'E' : session.inTransaction() ? 'T' : 'I';
    }

    @Override
    public void cancel() {
        session.cancel();
    }

    @Override
    public void close() {
        session.close();
    }
}
