package io.nodedb.sql.exec;

import io.nodedb.core.value.Value;
import io.nodedb.sql.SqlErrors;
import io.nodedb.sql.expr.Eval;

import java.util.List;

/** LIMIT / OFFSET; stops pulling its input once the limit is reached. */
public record LimitNode(PlanNode input, Eval limit, Eval offset) implements PlanNode {
    @Override
    public Operator open(ExecContext ctx) {
        return new Operator(this, ctx) {
            private final Operator in = input(input);
            private long remaining = -2;
            private long skip;

            @Override
            protected List<Value[]> produce() {
                if (remaining == -2) {
                    remaining = count(limit, "LIMIT", -1);
                    skip = count(offset, "OFFSET", 0);
                }
                while (remaining != 0) {
                    List<Value[]> batch = in.next();
                    if (batch == null) {
                        return null;
                    }
                    int from = (int) Math.min(skip, batch.size());
                    skip -= from;
                    int to = batch.size();
                    if (remaining >= 0) {
                        to = (int) Math.min(to, from + remaining);
                    }
                    if (to > from) {
                        if (remaining >= 0) {
                            remaining -= to - from;
                        }
                        if (remaining == 0) {
                            in.close();
                        }
                        return batch.subList(from, to);
                    }
                }
                return null;
            }

            private long count(Eval e, String what, long absent) {
                if (e == null) {
                    return absent;
                }
                Value v = e.eval(new Value[0], ctx);
                if (v.isNull()) {
                    return absent;
                }
                if (!(v instanceof Value.Int i) || i.value() < 0) {
                    throw SqlErrors.invalidParameter(what + " must be a non-negative integer, got "
                            + io.nodedb.sql.expr.SqlValues.display(v));
                }
                return i.value();
            }
        };
    }

    @Override
    public String describe() {
        return "Limit";
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of(input);
    }
}
