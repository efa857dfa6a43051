package io.nodedb.sql.exec;

import io.nodedb.core.value.Value;
import io.nodedb.sql.expr.Eval;
import io.nodedb.sql.storage.TableInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rows whose leading indexed field lies in a range (either bound may be open; both are read inclusively), read
 * through a secondary index in index order. The range is on the index encoding, which orders values within a type; rows of other types or NULL
 * at an open end, and the transaction's pending writes, come through too, so the condition must still be applied
 * above this node.
 */
public record IndexRangeNode(TableInfo table, String index, Eval low, Eval high, String text) implements PlanNode {
    @Override
    public Operator open(ExecContext ctx) {
        return Operator.materializing(this, ctx, op -> {
            Value[] none = new Value[0];
            Value lo = low == null ? null : low.eval(none, ctx);
            Value hi = high == null ? null : high.eval(none, ctx);
            if (lo != null && lo.isNull() || hi != null && hi.isNull()) {
                return List.of();
            }
            List<Value[]> rows = new ArrayList<>();
            for (Map.Entry<Value, Value.Obj> e : ctx.data().indexRange(table.name(), index, lo, true, hi, true)) {
                rows.add(table.decode(e.getKey(), e.getValue()));
            }
            return rows;
        });
    }

    @Override
    public String describe() {
        return "Index Range Scan on " + table.name() + " using " + index + " (" + text + ")";
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of();
    }
}
