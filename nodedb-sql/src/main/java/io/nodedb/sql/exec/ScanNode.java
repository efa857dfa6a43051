package io.nodedb.sql.exec;

import io.nodedb.core.document.DocumentCursor;
import io.nodedb.core.document.VersionedDocument;
import io.nodedb.core.value.Value;
import io.nodedb.sql.storage.TableInfo;

import java.util.ArrayList;
import java.util.List;

/** Full scan of a collection in key order. */
public record ScanNode(TableInfo table) implements PlanNode {
    @Override
    public Operator open(ExecContext ctx) {
        return new Operator(this, ctx) {
            private DocumentCursor cursor;
            private boolean done;

            @Override
            protected List<Value[]> produce() {
                if (done) {
                    return null;
                }
                if (cursor == null) {
                    cursor = ctx.data().cursor(table.name());
                }
                List<Value[]> batch = new ArrayList<>(BATCH);
                for (VersionedDocument d = cursor.next(); d != null; d = batch.size() < BATCH ? cursor.next() : null) {
                    batch.add(table.decode(d.id(), d.document()));
                }
                if (batch.size() < BATCH) {
                    done = true;
                    cursor.close();
                }
                return batch.isEmpty() ? null : batch;
            }

            @Override
            protected void release() {
                done = true;
                if (cursor != null) {
                    cursor.close();
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
