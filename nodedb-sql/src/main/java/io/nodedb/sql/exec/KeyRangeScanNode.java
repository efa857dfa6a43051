package io.nodedb.sql.exec;

import io.nodedb.core.document.IndexKeys;
import io.nodedb.core.document.RowCursor;
import io.nodedb.core.value.Value;
import io.nodedb.sql.expr.Eval;
import io.nodedb.sql.storage.TableInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * The rows of a table with a primary key of several columns whose leading key columns equal constants, and whose
 * next key column optionally lies between bounds: one range of the stored keys, since a row's key is its key
 * columns encoded in order. Both bounds are read inclusively (a bound cast to the column's type may have moved)
 * and the filter above keeps only matches; when the rows cannot be read as tuples (pending writes, a changed
 * schema) it reads as a full {@link ScanNode}.
 *
 * @param prefix the constants for the leading key columns, already cast to their columns' types
 * @param low    the lower bound of the next key column (null: none), cast likewise
 * @param high   the upper bound of the next key column (null: none), cast likewise
 */
public record KeyRangeScanNode(TableInfo table, boolean[] wanted, List<Eval> prefix, Eval low, Eval high,
        String text) implements PlanNode {
    @Override
    public Operator open(ExecContext ctx) {
        Value[] none = new Value[0];
        List<Value> values = new ArrayList<>(prefix.size());
        for (Eval e : prefix) {
            values.add(e.eval(none, ctx));
        }
        Value lowValue = low == null ? null : low.eval(none, ctx);
        Value highValue = high == null ? null : high.eval(none, ctx);
        if (values.stream().anyMatch(Value::isNull) || lowValue != null && lowValue.isNull()
                || highValue != null && highValue.isNull()) {
            return Operator.materializing(this, ctx, op -> List.of()); // a comparison with NULL matches no row
        }
        byte[] start = IndexKeys.tuple(values);
        byte[] from = lowValue == null ? start : concat(start, IndexKeys.tuple(List.of(lowValue)));
        byte[] to = IndexKeys.prefixEnd(highValue == null ? start : concat(start, IndexKeys.tuple(List.of(highValue))));
        RowCursor rows = ctx.data().rowsInKeyRange(table, wanted, from, to);
        if (rows == null) {
            return new ScanNode(table, wanted).open(ctx);
        }
        return new Operator(this, ctx) {
            private boolean done;

            @Override
            protected List<Value[]> produce() {
                if (done) {
                    return null;
                }
                List<Value[]> batch = new ArrayList<>(BATCH);
                while (batch.size() < BATCH) {
                    Value[] row = new Value[table.width()];
                    if (!rows.next(row)) {
                        release();
                        break;
                    }
                    batch.add(table.complete(row, wanted == null ? rows.id() : null));
                }
                return batch.isEmpty() ? null : batch;
            }

            @Override
            protected void release() {
                if (!done) {
                    done = true;
                    rows.close();
                }
            }
        };
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Override
    public String describe() {
        return "Key Range Scan on " + table.name() + " (" + text + ")";
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of();
    }
}
