package io.nodedb.sql.exec;

import io.nodedb.core.value.Value;
import io.nodedb.sql.expr.Eval;

import java.util.ArrayList;
import java.util.List;

/** Literal rows: VALUES lists, and the single empty row of a SELECT without FROM. */
public record ValuesNode(List<List<Eval>> rows) implements PlanNode {
    public static ValuesNode oneEmptyRow() {
        return new ValuesNode(List.of(List.of()));
    }

    @Override
    public Operator open(ExecContext ctx) {
        return Operator.materializing(this, ctx, op -> {
            List<Value[]> out = new ArrayList<>(rows.size());
            Value[] none = new Value[0];
            for (List<Eval> r : rows) {
                Value[] row = new Value[r.size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = r.get(i).eval(none, ctx);
                }
                out.add(row);
            }
            return out;
        });
    }

    @Override
    public String describe() {
        return rows.size() == 1 && rows.getFirst().isEmpty() ? "Result" : "Values (" + rows.size() + " rows)";
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of();
    }
}
