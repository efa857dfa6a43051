package io.nodedb.sql;

import io.nodedb.core.db.Database;
import io.nodedb.core.db.DatabaseOptions;
import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.value.Value;
import io.nodedb.sql.expr.SqlValues;

import java.util.ArrayList;
import java.util.List;

/** Runs scripts in-process on a fresh in-memory database. */
final class EmbeddedScriptExecutor implements ScriptExecutor {
    private final Database db = Database.open(DatabaseOptions.inMemory());
    private final Session session = new SqlEngine(db).newSession();

    @Override
    public List<String> run(String sql) {
        try {
            List<String> out = new ArrayList<>();
            for (StatementResult r : session.execute(sql)) {
                out.addAll(render(r));
            }
            return out;
        } catch (NodeDbException e) {
            return List.of("ERROR " + e.state().code() + ": " + e.getMessage()
                    + (e.position() > 0 ? " (at position " + e.position() + ")" : ""));
        }
    }

    static List<String> render(StatementResult r) {
        if (!r.returnsRows()) {
            return List.of(r.tag());
        }
        List<String> out = new ArrayList<>();
        out.add(String.join(" | ", r.columns().stream().map(ColumnInfo::name).toList()));
        for (Value[] row : r.rows()) {
            List<String> cells = new ArrayList<>(row.length);
            for (Value v : row) {
                cells.add(SqlValues.display(v));
            }
            out.add(String.join(" | ", cells));
        }
        out.add("(" + r.rows().size() + (r.rows().size() == 1 ? " row)" : " rows)"));
        return out;
    }

    @Override
    public void close() {
        db.close();
    }
}
