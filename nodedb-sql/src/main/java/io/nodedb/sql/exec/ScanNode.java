package io.nodedb.sql.exec;

import io.nodedb.core.document.DocumentCursor;
import io.nodedb.core.document.RowCursor;
import io.nodedb.core.document.VersionedDocument;
import io.nodedb.core.value.Value;
import io.nodedb.sql.storage.TableInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * Full scan of a collection in key order. Strict rows with nothing pending over them are decoded from their tuples
 * straight into rows; everything else goes through documents.
 *
 * @param wanted per column of a strict table, whether the query reads it; null for every column and the row key.
 *               With a mask the other columns and the key slot may be left null (the planner proved them unread).
 */
public record ScanNode(TableInfo table, boolean[] wanted) implements PlanNode {
    @Override
    public Operator open(ExecContext ctx) {
        return new Operator(this, ctx) {
            private RowCursor rows;
            private DocumentCursor documents;
            private boolean started;
            private boolean done;

            @Override
            protected List<Value[]> produce() {
                if (done) {
                    return null;
                }
                if (!started) {
                    started = true;
                    rows = ctx.data().rows(table, wanted);
                    if (rows == null) {
                        documents = ctx.data().cursor(table.name());
                    }
                }
                List<Value[]> batch = new ArrayList<>(BATCH);
                if (rows != null) {
                    fromRows(batch);
                } else {
                    fromDocuments(batch);
                }
                if (batch.size() < BATCH) {
                    release();
                }
                return batch.isEmpty() ? null : batch;
            }

            private void fromRows(List<Value[]> batch) {
                while (batch.size() < BATCH) {
                    Value[] row = new Value[table.width()];
                    if (!rows.next(row)) {
                        return;
                    }
                    batch.add(table.complete(row, wanted == null ? rows.id() : null));
                }
            }

            private void fromDocuments(List<Value[]> batch) {
                while (batch.size() < BATCH) {
                    VersionedDocument d = documents.next();
                    if (d == null) {
                        return;
                    }
                    batch.add(table.decode(d.id(), d.document()));
                }
            }

            @Override
            protected void release() {
                done = true;
                if (rows != null) {
                    rows.close();
                }
                if (documents != null) {
                    documents.close();
                }
            }
        };
    }

    @Override
    public String describe() {
        return (table.kv() ? "KV Scan on " : "Seq Scan on ") + table.name();
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of();
    }
}
