package io.nodedb.sql.exec;

import io.nodedb.core.value.Value;
import io.nodedb.sql.expr.Eval;
import io.nodedb.sql.expr.SqlValues;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hash aggregation. Output rows are the group keys followed by one column per aggregate, then one per
 * {@code GROUPING(...)} call; groups in order of first appearance. Without GROUP BY there is exactly one group, even
 * over no rows.
 *
 * <p>With grouping sets (GROUPING SETS, ROLLUP, CUBE) every input row feeds one group per set: {@code sets} are bit
 * masks over {@code groups} (bit i set: group expression i is in the set), the keys outside a set read as NULL,
 * and a set with no expressions yields its one row even over no input. {@code groupingCalls} hold, per GROUPING
 * call, the indexes of its arguments among {@code groups}; its value has one bit per argument, set when that
 * argument is not in the row's set (the first argument is the most significant bit).
 *
 * @param sets null for a plain GROUP BY (one set of all groups)
 */
public record AggregateNode(PlanNode input, List<Eval> groups, List<AggSpec> aggs, List<Integer> sets,
        List<int[]> groupingCalls) implements PlanNode {
    public AggregateNode(PlanNode input, List<Eval> groups, List<AggSpec> aggs) {
        this(input, groups, aggs, null, List.of());
    }

    private final class Group {
        final Value[] keys;
        int mask = -1;
        final Accumulator[] accs = new Accumulator[aggs.size()];
        final List<Set<SqlValues.Key>> distinct = new ArrayList<>();
        final List<List<Value[][]>> ordered = new ArrayList<>();

        Group(Value[] keys) {
            this.keys = keys;
            for (int i = 0; i < accs.length; i++) {
                AggSpec a = aggs.get(i);
                accs[i] = Accumulator.create(a.name(), a.star());
                distinct.add(a.distinct() ? new HashSet<>() : null);
                ordered.add(a.orderKeys().isEmpty() ? null : new ArrayList<>());
            }
        }

        /**
         * {@link #add} for aggregates without FILTER, DISTINCT or ORDER BY, which a full-table GROUP BY calls once
         * per row: the argument expressions come as an array, and nothing is looked up per aggregate.
         */
        void addPlain(Value[] row, ExecContext ctx, Value[][] scratch, Eval[][] argEvals) {
            for (int i = 0; i < accs.length; i++) {
                Value[] args = scratch[i];
                Eval[] evals = argEvals[i];
                for (int j = 0; j < evals.length; j++) {
                    args[j] = evals[j].eval(row, ctx);
                }
                accs[i].add(args);
            }
        }

        void add(Value[] row, ExecContext ctx, Value[][] scratch) {
            for (int i = 0; i < accs.length; i++) {
                AggSpec a = aggs.get(i);
                if (a.filter() != null && !Boolean.TRUE.equals(SqlValues.truth(a.filter().eval(row, ctx)))) {
                    continue;
                }
                // Accumulators read their arguments at once, so one array per aggregate serves every row; only
                // an ORDER BY inside the call keeps them.
                Value[] args = ordered.get(i) != null ? new Value[a.args().size()] : scratch[i];
                for (int j = 0; j < args.length; j++) {
                    args[j] = a.args().get(j).eval(row, ctx);
                }
                if (distinct.get(i) != null && (args[0].isNull() || !distinct.get(i).add(SqlValues.Key.of(
                        new Value[] {args[0]})))) {
                    continue;
                }
                if (ordered.get(i) != null) {
                    Value[] k = new Value[a.orderKeys().size()];
                    for (int j = 0; j < k.length; j++) {
                        k[j] = a.orderKeys().get(j).eval(row, ctx);
                    }
                    ordered.get(i).add(new Value[][] {k, args});
                } else {
                    accs[i].add(args);
                }
            }
        }

        Value[] finish() {
            Value[] out = new Value[keys.length + accs.length + groupingCalls.size()];
            for (int c = 0; c < groupingCalls.size(); c++) {
                int[] args = groupingCalls.get(c);
                long bits = 0;
                for (int arg : args) {
                    bits = bits << 1 | ((mask >> arg & 1) == 0 ? 1 : 0);
                }
                out[keys.length + accs.length + c] = new Value.Int(bits);
            }
            System.arraycopy(keys, 0, out, 0, keys.length);
            for (int i = 0; i < accs.length; i++) {
                List<Value[][]> buffered = ordered.get(i);
                if (buffered != null) {
                    AggSpec a = aggs.get(i);
                    var cmp = SortNode.comparator(a.descending(), a.nullsFirst());
                    buffered.sort((x, y) -> cmp.compare(x[0], y[0]));
                    for (Value[][] b : buffered) {
                        accs[i].add(b[1]);
                    }
                }
                out[keys.length + i] = accs[i].result();
            }
            return out;
        }
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
                    Map<Object, Group> table = new LinkedHashMap<>();
                    LongKeyMap<Group> bigintGroups = new LongKeyMap<>();
                    int[] masks = sets != null ? sets.stream().mapToInt(Integer::intValue).toArray()
                            : new int[] {groups.size() >= 31 ? -1 : (1 << groups.size()) - 1};
                    Value[][] scratch = new Value[aggs.size()][];
                    Eval[][] argEvals = new Eval[aggs.size()][];
                    boolean plain = true;
                    for (int i = 0; i < scratch.length; i++) {
                        AggSpec a = aggs.get(i);
                        scratch[i] = new Value[a.args().size()];
                        argEvals[i] = a.args().toArray(new Eval[0]);
                        plain &= a.filter() == null && !a.distinct() && a.orderKeys().isEmpty();
                    }
                    Eval singleKey = sets == null && groups.size() == 1 ? groups.getFirst() : null;
                    // Without GROUP BY there is one group, even over no rows: made once, not looked up per row.
                    Group whole = sets == null && groups.isEmpty() ? group(table, new Value[0], masks[0]) : null;
                    for (List<Value[]> batch = in.next(); batch != null; batch = in.next()) {
                        for (Value[] row : batch) {
                            if (singleKey != null || whole != null) {
                                Group g = whole != null ? whole
                                        : singleKeyGroup(table, bigintGroups, singleKey.eval(row, ctx), masks[0]);
                                if (plain) {
                                    g.addPlain(row, ctx, scratch, argEvals);
                                } else {
                                    g.add(row, ctx, scratch);
                                }
                                continue;
                            }
                            Value[] keys = new Value[groups.size()];
                            for (int i = 0; i < keys.length; i++) {
                                keys[i] = groups.get(i).eval(row, ctx);
                            }
                            for (int mask : masks) {
                                Group g = group(table, keys, mask);
                                if (plain) {
                                    g.addPlain(row, ctx, scratch, argEvals);
                                } else {
                                    g.add(row, ctx, scratch);
                                }
                            }
                        }
                    }
                    if (table.isEmpty() && groups.isEmpty()) {
                        table.put(SqlValues.Key.of(new Value[0]), new Group(new Value[0]));
                    }
                    if (table.isEmpty() && sets != null && sets.contains(0)) {
                        group(table, new Value[groups.size()], 0);
                    }
                    result = new ArrayList<>(table.size());
                    table.values().forEach(g -> result.add(g.finish()));
                }
                return slice(result, cursor);
            }
        };
    }

    /**
     * The group of a plain GROUP BY on one expression, keyed by the value's grouping form itself: equal to what a
     * one-part {@link SqlValues.Key} compares, without building one per row. Groups of BIGINT keys are also found
     * through {@code bigintGroups}; {@code table} keeps every group in order of first appearance.
     */
    private Group singleKeyGroup(Map<Object, Group> table, LongKeyMap<Group> bigintGroups, Value key, int mask) {
        Object k = SqlValues.groupKey(key);
        Group g = k instanceof Value.Int i ? bigintGroups.get(i.value()) : table.get(k);
        if (g == null) {
            g = new Group(new Value[] {key});
            table.put(k, g);
            if (k instanceof Value.Int i) {
                bigintGroups.putNew(i.value(), g);
            }
        }
        g.mask = mask;
        return g;
    }

    /** The group of the keys as the set sees them (outside it: NULL); plain GROUP BY keys need no set tag. */
    private Group group(Map<Object, Group> table, Value[] keys, int mask) {
        if (sets == null) {
            Group g = table.computeIfAbsent(SqlValues.Key.of(keys), k -> new Group(keys));
            g.mask = mask;
            return g;
        }
        Value[] masked = new Value[keys.length];
        Value[] tagged = new Value[keys.length + 1];
        for (int i = 0; i < keys.length; i++) {
            masked[i] = (mask >> i & 1) != 0 && keys[i] != null ? keys[i] : Value.NULL;
            tagged[i] = masked[i];
        }
        tagged[keys.length] = new Value.Int(mask);
        Group g = table.computeIfAbsent(SqlValues.Key.of(tagged), k -> new Group(masked));
        g.mask = mask;
        return g;
    }

    @Override
    public String describe() {
        return (groups.isEmpty() ? "Aggregate" : sets != null ? "Hash Aggregate over " + sets.size()
                + " grouping sets" : "Hash Aggregate") + " (" + aggs.size() + " aggregates)";
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of(input);
    }
}
