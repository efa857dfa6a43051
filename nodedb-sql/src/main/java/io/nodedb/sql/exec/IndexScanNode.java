package io.nodedb.sql.exec;

import io.nodedb.core.value.Value;
import io.nodedb.sql.expr.Eval;
import io.nodedb.sql.storage.TableInfo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;

/**
 * Rows whose leading indexed field equals one of some constants ({@code f = c} or {@code f IN (c1, c2)}), read
 * through a secondary index. Pending writes of the transaction are included unfiltered, so the condition must
 * still be applied above this node.
 */
public record IndexScanNode(TableInfo table, String index, List<Eval> values, String text) implements PlanNode {
    @Override
    public Operator open(ExecContext ctx) {
        return Operator.materializing(this, ctx, op -> {
            Value[] none = new Value[0];
            Collection<Value> keys;
            if (values.size() == 1) {
                // The common case, an equality lookup, needs no de-duplication.
                Value v = values.getFirst().eval(none, ctx);
                keys = v.isNull() ? List.of() : List.of(v);
            } else {
                keys = new LinkedHashSet<>();
                for (Eval e : values) {
                    Value v = e.eval(none, ctx);
                    if (!v.isNull()) {
                        keys.add(v);
                    }
                }
            }
            List<Value[]> rows = new ArrayList<>();
            Set<Value> seen = keys.size() > 1 ? new HashSet<>() : null;
            for (Value key : keys) {
                for (Value[] row : ctx.data().indexRows(table, index, List.of(key))) {
                    // Pending writes come back with every key; one row must not come out twice.
                    if (seen == null || seen.add(row[row.length - 1])) {
                        rows.add(row);
                    }
                }
            }
            return rows;
        });
    }

    @Override
    public String describe() {
        return (table.kv() ? "KV Index Scan on " : "Index Scan on ") + table.name() + " using " + index + " ("
                + text + ")";
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of();
    }
}
