package io.nodedb.sql.exec;

import io.nodedb.core.value.Value;
import io.nodedb.sql.expr.Eval;
import io.nodedb.sql.storage.TableInfo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads rows by primary key: {@code WHERE pk = k} or {@code pk IN (k1, k2, ...)}. */
public record PointGetNode(TableInfo table, List<Eval> keys, String keyText) implements PlanNode {
    @Override
    public Operator open(ExecContext ctx) {
        return Operator.materializing(this, ctx, op -> {
            Value[] none = new Value[0];
            if (keys.size() == 1) {
                Value id = asId(keys.getFirst().eval(none, ctx));
                Value[] row = id == null ? null : ctx.data().getRow(table, id);
                List<Value[]> one = new ArrayList<>(1);
                if (row != null) {
                    one.add(row);
                }
                return one;
            }
            List<Value[]> out = new ArrayList<>(keys.size());
            Set<Value> seen = new HashSet<>();
            for (Eval k : keys) {
                Value id = asId(k.eval(none, ctx));
                if (id == null || !seen.add(id)) {
                    continue;
                }
                Value[] row = ctx.data().getRow(table, id);
                if (row != null) {
                    out.add(row);
                }
            }
            return out;
        });
    }

    /** The key a value would be stored under, or null when no stored key can equal it. */
    static Value asId(Value v) {
        return switch (v) {
            case Value.Int i -> i;
            case Value.Str s -> s;
            case Value.Uuid u -> u;
            case Value.Bytes b -> b;
            case Value.Float f when f.value() == Math.rint(f.value()) && Math.abs(f.value()) < 9e18 ->
                    new Value.Int((long) f.value());
            case Value.Decimal d -> {
                try {
                    yield new Value.Int(d.value().stripTrailingZeros().longValueExact());
                } catch (ArithmeticException e) {
                    yield null;
                }
            }
            default -> null;
        };
    }

    @Override
    public String describe() {
        return (table.kv() ? "KV Get on " : "Point Get on ") + table.name() + " (" + keyText + ")";
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of();
    }
}
