package io.nodedb.sql.exec;

import io.nodedb.core.value.Value;
import io.nodedb.sql.storage.TableInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Full scan of a collection in key order. */
public record ScanNode(TableInfo table) implements PlanNode {
    @Override
    public Operator open(ExecContext ctx) {
        return new Operator(this, ctx) {
            private List<Map.Entry<Value, Value.Obj>> entries;
            private int at;

            @Override
            protected List<Value[]> produce() {
                if (entries == null) {
                    // The core's scan is callback-only; a cursor API would let this stream instead of buffering.
                    entries = ctx.data().scan(table.name());
                }
                if (at >= entries.size()) {
                    return null;
                }
                int end = Math.min(entries.size(), at + BATCH);
                List<Value[]> batch = new ArrayList<>(end - at);
                for (; at < end; at++) {
                    Map.Entry<Value, Value.Obj> e = entries.get(at);
                    batch.add(table.decode(e.getKey(), e.getValue()));
                }
                return batch;
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
