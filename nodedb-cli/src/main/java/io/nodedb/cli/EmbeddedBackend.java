package io.nodedb.cli;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.value.Value;
import io.nodedb.embedded.NodeDb;
import io.nodedb.sql.ColumnInfo;
import io.nodedb.sql.Session;
import io.nodedb.sql.StatementResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Opens the data directory in this process: the shell then is the database, no server needed. */
final class EmbeddedBackend implements Backend {
    private final NodeDb db;
    private final Session session;
    private final String where;

    EmbeddedBackend(Path dir) {
        this.db = dir == null ? NodeDb.inMemory() : NodeDb.open(dir);
        this.session = db.newSession();
        this.where = dir == null ? "an in-memory database" : "the data directory " + dir.toAbsolutePath();
    }

    @Override
    public List<ResultView> execute(String sql) throws BackendException {
        try {
            List<ResultView> out = new ArrayList<>();
            for (StatementResult r : session.execute(sql)) {
                List<String> columns = new ArrayList<>();
                for (ColumnInfo c : r.columns()) {
                    columns.add(c.name());
                }
                List<String[]> rows = new ArrayList<>(r.rows().size());
                for (Value[] row : r.rows()) {
                    String[] text = new String[row.length];
                    for (int i = 0; i < row.length; i++) {
                        text[i] = row[i] == null || row[i].isNull() ? null : ValueText.of(row[i]);
                    }
                    rows.add(text);
                }
                out.add(new ResultView(r.tag(), columns, rows));
            }
            return out;
        } catch (NodeDbException e) {
            throw new BackendException(e.state().code(), e.getMessage(), e.position());
        }
    }

    @Override
    public String describe() {
        return "embedded, " + where;
    }

    @Override
    public void close() {
        session.close();
        db.close();
    }
}
