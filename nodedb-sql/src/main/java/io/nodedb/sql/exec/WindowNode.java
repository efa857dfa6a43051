package io.nodedb.sql.exec;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;
import io.nodedb.sql.SqlErrors;
import io.nodedb.sql.ast.WindowSpec;
import io.nodedb.sql.expr.Eval;
import io.nodedb.sql.expr.SqlValues;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Window functions: appends one column per function to every input row (input order is kept; a Sort above
 * orders the result). Each function sorts the rows by its partition and order keys and walks each partition.
 */
public record WindowNode(PlanNode input, List<Fn> functions) implements PlanNode {
    public static final java.util.Set<String> RANKING = java.util.Set.of("row_number", "rank", "dense_rank", "lag",
            "lead", "first_value", "last_value", "nth_value", "ntile", "percent_rank", "cume_dist");

    /** One window call. frame is null for the default frame. */
    public record Fn(String name, List<Eval> args, boolean star, List<Eval> partition, List<Eval> order,
            boolean[] descending, boolean[] nullsFirst, WindowSpec.Frame frame) {
    }

    @Override
    public Operator open(ExecContext ctx) {
        return new Operator(this, ctx) {
            private final Operator in = input(input);
            private List<Value[]> result;
            private final int[] cursor = {0};

            @Override
            protected List<Value[]> produce() {
                if (result == null) {
                    List<Value[]> rows = drain(in);
                    int width = rows.isEmpty() ? 0 : rows.getFirst().length;
                    result = new ArrayList<>(rows.size());
                    for (Value[] r : rows) {
                        result.add(Arrays.copyOf(r, width + functions.size()));
                    }
                    for (int f = 0; f < functions.size(); f++) {
                        compute(functions.get(f), rows, width + f);
                    }
                }
                return slice(result, cursor);
            }

            private void compute(Fn fn, List<Value[]> rows, int slot) {
                int n = rows.size();
                Value[][] part = new Value[n][];
                Value[][] ord = new Value[n][];
                for (int i = 0; i < n; i++) {
                    part[i] = evalAll(fn.partition(), rows.get(i));
                    ord[i] = evalAll(fn.order(), rows.get(i));
                }
                boolean[] pDesc = new boolean[fn.partition().size()];
                Comparator<Value[]> pc = SortNode.comparator(pDesc, pDesc);
                Comparator<Value[]> oc = SortNode.comparator(fn.descending(), fn.nullsFirst());
                Integer[] idx = new Integer[n];
                for (int i = 0; i < n; i++) {
                    idx[i] = i;
                }
                Arrays.sort(idx, (a, b) -> {
                    int c = pc.compare(part[a], part[b]);
                    return c != 0 ? c : oc.compare(ord[a], ord[b]);
                });
                int start = 0;
                while (start < n) {
                    int end = start + 1;
                    while (end < n && pc.compare(part[idx[start]], part[idx[end]]) == 0) {
                        end++;
                    }
                    partition(fn, rows, Arrays.copyOfRange(idx, start, end), ord, oc, slot);
                    start = end;
                }
            }

            private void partition(Fn fn, List<Value[]> rows, Integer[] p, Value[][] ord, Comparator<Value[]> oc,
                    int slot) {
                int n = p.length;
                long rank = 0;
                long dense = 0;
                for (int i = 0; i < n; i++) {
                    boolean newPeer = i == 0 || oc.compare(ord[p[i - 1]], ord[p[i]]) != 0;
                    if (newPeer) {
                        rank = i + 1;
                        dense++;
                    }
                    Value v = switch (fn.name()) {
                        case "row_number" -> new Value.Int(i + 1);
                        case "rank" -> new Value.Int(rank);
                        case "dense_rank" -> new Value.Int(dense);
                        case "percent_rank" -> new Value.Float(n == 1 ? 0 : (double) (rank - 1) / (n - 1));
                        case "cume_dist" -> new Value.Float((double) (lastPeer(p, i, ord, oc) + 1) / n);
                        case "ntile" -> {
                            long buckets = bucketCount(fn, rows.get(p[i]));
                            yield new Value.Int(i * buckets / n + 1);
                        }
                        case "lag", "lead" -> shifted(fn, rows, p, i, fn.name().equals("lag") ? -1 : 1);
                        default -> framed(fn, rows, p, i, ord, oc);
                    };
                    result.get(p[i])[slot] = v;
                }
            }

            private long bucketCount(Fn fn, Value[] row) {
                Value v = fn.args().getFirst().eval(row, ctx);
                if (!(v instanceof Value.Int b) || b.value() <= 0) {
                    throw SqlErrors.invalidParameter("argument of ntile must be greater than zero");
                }
                return b.value();
            }

            private Value shifted(Fn fn, List<Value[]> rows, Integer[] p, int i, int direction) {
                Value[] row = rows.get(p[i]);
                long offset = 1;
                if (fn.args().size() > 1) {
                    Value o = fn.args().get(1).eval(row, ctx);
                    if (o.isNull()) {
                        return Value.NULL;
                    }
                    offset = o instanceof Value.Int x ? x.value() : 1;
                }
                long target = i + direction * offset;
                if (target < 0 || target >= p.length) {
                    return fn.args().size() > 2 ? fn.args().get(2).eval(row, ctx) : Value.NULL;
                }
                return fn.args().getFirst().eval(rows.get(p[(int) target]), ctx);
            }

            private int lastPeer(Integer[] p, int i, Value[][] ord, Comparator<Value[]> oc) {
                int j = i;
                while (j + 1 < p.length && oc.compare(ord[p[j + 1]], ord[p[i]]) == 0) {
                    j++;
                }
                return j;
            }

            private int firstPeer(Integer[] p, int i, Value[][] ord, Comparator<Value[]> oc) {
                int j = i;
                while (j > 0 && oc.compare(ord[p[j - 1]], ord[p[i]]) == 0) {
                    j--;
                }
                return j;
            }

            /** Aggregates and first/last/nth_value over the row's frame. */
            private Value framed(Fn fn, List<Value[]> rows, Integer[] p, int i, Value[][] ord,
                    Comparator<Value[]> oc) {
                int from;
                int to;
                WindowSpec.Frame frame = fn.frame();
                if (frame == null) {
                    from = 0;
                    to = fn.order().isEmpty() ? p.length - 1 : lastPeer(p, i, ord, oc);
                } else {
                    from = bound(frame.start(), frame.rows(), p, i, ord, oc, true);
                    to = bound(frame.end(), frame.rows(), p, i, ord, oc, false);
                }
                from = Math.max(0, from);
                to = Math.min(p.length - 1, to);
                if (fn.name().equals("first_value") || fn.name().equals("last_value")) {
                    if (from > to) {
                        return Value.NULL;
                    }
                    int at = fn.name().equals("first_value") ? from : to;
                    return fn.args().getFirst().eval(rows.get(p[at]), ctx);
                }
                if (fn.name().equals("nth_value")) {
                    Value nth = fn.args().size() > 1 ? fn.args().get(1).eval(rows.get(p[i]), ctx) : Value.NULL;
                    if (!(nth instanceof Value.Int k) || k.value() <= 0) {
                        throw new NodeDbException(SqlState.INVALID_ARGUMENT_FOR_NTH_VALUE,
                                "argument of nth_value must be greater than zero");
                    }
                    long at = from + k.value() - 1;
                    return at > to ? Value.NULL : fn.args().getFirst().eval(rows.get(p[(int) at]), ctx);
                }
                Accumulator acc = Accumulator.create(fn.name(), fn.star());
                for (int j = from; j <= to; j++) {
                    Value[] row = rows.get(p[j]);
                    acc.add(evalAll(fn.args(), row));
                }
                return acc.result();
            }

            private int bound(WindowSpec.Bound b, boolean rowsMode, Integer[] p, int i, Value[][] ord,
                    Comparator<Value[]> oc, boolean start) {
                return switch (b.kind()) {
                    case "UNBOUNDED_PRECEDING" -> 0;
                    case "UNBOUNDED_FOLLOWING" -> p.length - 1;
                    case "CURRENT_ROW" -> rowsMode ? i : start ? firstPeer(p, i, ord, oc) : lastPeer(p, i, ord, oc);
                    case "PRECEDING" -> (int) Math.max(-1, i - b.offset());
                    default -> (int) Math.min(p.length, i + b.offset());
                };
            }

            private Value[] evalAll(List<Eval> evals, Value[] row) {
                Value[] out = new Value[evals.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = evals.get(i).eval(row, ctx);
                }
                return out;
            }
        };
    }

    @Override
    public String describe() {
        return "WindowAgg (" + functions.size() + " functions)";
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of(input);
    }
}
