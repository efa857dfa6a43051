package io.nodedb.sql.exec;

import io.nodedb.core.value.Value;
import io.nodedb.sql.expr.Eval;

import java.util.ArrayList;
import java.util.List;

/** Computes the output columns of each row. */
public record ProjectNode(PlanNode input, List<Eval> exprs) implements PlanNode {
    @Override
    public Operator open(ExecContext ctx) {
        Eval[] evals = exprs.toArray(Eval[]::new);
        return new Operator(this, ctx) {
            private final Operator in = input(input);

            @Override
            protected List<Value[]> produce() {
                List<Value[]> batch = in.next();
                if (batch == null) {
                    return null;
                }
                List<Value[]> out = new ArrayList<>(batch.size());
                for (Value[] row : batch) {
                    Value[] r = new Value[evals.length];
                    for (int i = 0; i < evals.length; i++) {
                        r[i] = evals[i].eval(row, ctx);
                    }
                    out.add(r);
                }
                return out;
            }
        };
    }

    @Override
    public String describe() {
        return "Project (" + exprs.size() + " columns)";
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of(input);
    }
}
