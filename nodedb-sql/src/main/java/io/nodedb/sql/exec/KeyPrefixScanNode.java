package io.nodedb.sql.exec;

import io.nodedb.core.document.RowCursor;
import io.nodedb.core.value.Value;
import io.nodedb.sql.expr.Eval;
import io.nodedb.sql.storage.TableInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * The rows of a table with a primary key of several columns whose leading key columns equal constants: one range
 * of the stored keys, since a row's key is its key columns encoded in order. When the rows cannot be read as tuples
 * (pending writes, a changed schema) it reads as a full {@link ScanNode}; the filter above keeps only matches.
 *
 * @param prefix the constants for the leading key columns, already cast to their columns' types
 */
public record KeyPrefixScanNode(TableInfo table, boolean[] wanted, List<Eval> prefix, String text)
        implements PlanNode {
    @Override
    public Operator open(ExecContext ctx) {
        List<Value> values = new ArrayList<>(prefix.size());
        for (Eval e : prefix) {
            Value v = e.eval(new Value[0], ctx);
            if (v.isNull()) {
                return Operator.materializing(this, ctx, op -> List.of()); // a NULL equals no key
            }
            values.add(v);
        }
        byte[] keyPrefix = ((Value.Bytes) TableInfo.compositeId(values)).value();
        RowCursor rows = ctx.data().rowsWithKeyPrefix(table, wanted, keyPrefix);
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

    @Override
    public String describe() {
        return "Key Prefix Scan on " + table.name() + " (" + text + ")";
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of();
    }
}
