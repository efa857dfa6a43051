package io.nodedb.sql.exec;

import io.nodedb.core.value.Value;
import io.nodedb.sql.expr.Eval;
import io.nodedb.sql.expr.SqlValues;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Sorts all input rows by several keys; each key has its direction and NULLS FIRST/LAST. Stable. */
public record SortNode(PlanNode input, List<Eval> keys, boolean[] descending, boolean[] nullsFirst, String text)
        implements PlanNode {
    public static Comparator<Value[]> comparator(boolean[] descending, boolean[] nullsFirst) {
        return (a, b) -> {
            for (int i = 0; i < descending.length; i++) {
                Value x = a[i];
                Value y = b[i];
                int c;
                if (x.isNull() || y.isNull()) {
                    c = x.isNull() == y.isNull() ? 0 : x.isNull() == nullsFirst[i] ? -1 : 1;
                } else {
                    c = SqlValues.sortCompare(x, y);
                    if (descending[i]) {
                        c = -c;
                    }
                }
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
    }

    @Override
    public Operator open(ExecContext ctx) {
        Eval[] evals = keys.toArray(Eval[]::new);
        Comparator<Value[]> cmp = comparator(descending, nullsFirst);
        return new Operator(this, ctx) {
            private final Operator in = input(input);
            private List<Value[]> sorted;
            private final int[] cursor = {0};

            @Override
            protected List<Value[]> produce() {
                if (sorted == null) {
                    List<Value[]> rows = drain(in);
                    List<Value[][]> keyed = new ArrayList<>(rows.size());
                    for (Value[] row : rows) {
                        Value[] k = new Value[evals.length];
                        for (int i = 0; i < k.length; i++) {
                            k[i] = evals[i].eval(row, ctx);
                        }
                        keyed.add(new Value[][] {k, row});
                    }
                    keyed.sort((a, b) -> cmp.compare(a[0], b[0]));
                    sorted = new ArrayList<>(rows.size());
                    keyed.forEach(k -> sorted.add(k[1]));
                }
                return slice(sorted, cursor);
            }
        };
    }

    @Override
    public String describe() {
        return "Sort (" + text + ")";
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of(input);
    }
}
