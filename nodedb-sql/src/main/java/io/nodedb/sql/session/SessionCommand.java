package io.nodedb.sql.session;

import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueType;
import io.nodedb.sql.ColumnInfo;
import io.nodedb.sql.StatementResult;
import io.nodedb.sql.ast.Statement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Transaction control and SET / SHOW / RESET. */
record SessionCommand(Statement stmt) implements Compiled {
    @Override
    public StatementResult execute(SessionState session, Value[] params) {
        return switch (stmt) {
            case Statement.Transaction t -> switch (t.kind()) {
                case "BEGIN" -> {
                    session.begin();
                    yield StatementResult.command("BEGIN");
                }
                case "COMMIT" -> StatementResult.command(session.commit());
                case "ROLLBACK" -> {
                    session.rollback();
                    yield StatementResult.command("ROLLBACK");
                }
                case "SAVEPOINT" -> {
                    session.savepoint(t.name());
                    yield StatementResult.command("SAVEPOINT");
                }
                case "ROLLBACK_TO" -> {
                    session.rollbackTo(t.name());
                    yield StatementResult.command("ROLLBACK");
                }
                default -> {
                    session.release(t.name());
                    yield StatementResult.command("RELEASE");
                }
            };
            case Statement.SetVar s -> {
                session.set(s.name(), s.value(), s.local());
                yield StatementResult.command("SET");
            }
            case Statement.ResetVar r -> {
                session.reset(r.name());
                yield StatementResult.command("RESET");
            }
            case Statement.ShowVar s -> show(session, s.name());
            default -> throw new IllegalStateException("not a session command: " + stmt);
        };
    }

    private static StatementResult show(SessionState session, String name) {
        if (name != null) {
            String v = session.settings().require(name);
            return new StatementResult("SHOW", List.of(new ColumnInfo(name, ValueType.TEXT)),
                    List.<Value[]>of(new Value[] {Value.of(v)}), 1);
        }
        List<Value[]> rows = new ArrayList<>();
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(session.settings().all()).entrySet()) {
            rows.add(new Value[] {Value.of(e.getKey()), Value.of(e.getValue())});
        }
        return new StatementResult("SHOW", SHOW_ALL_COLUMNS, rows, rows.size());
    }

    private static final List<ColumnInfo> SHOW_ALL_COLUMNS = List.of(new ColumnInfo("name", ValueType.TEXT),
            new ColumnInfo("setting", ValueType.TEXT));

    /** SHOW returns one text column named after the setting, or name and setting for SHOW ALL. */
    @Override
    public List<ColumnInfo> columns() {
        if (stmt instanceof Statement.ShowVar s) {
            return s.name() == null ? SHOW_ALL_COLUMNS : List.of(new ColumnInfo(s.name(), ValueType.TEXT));
        }
        return List.of();
    }
}
