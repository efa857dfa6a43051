package io.nodedb.sql.exec;

import io.nodedb.core.value.Value;
import io.nodedb.sql.expr.Eval;
import io.nodedb.sql.expr.SqlValues;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Inner, left, right, full and cross joins. With equality keys it is a hash join that builds on the right input;
 * without, a nested loop over the buffered right input. The residual condition is checked on each candidate pair.
 */
public record JoinNode(String kind, PlanNode left, PlanNode right, int leftWidth, int rightWidth, List<Eval> leftKeys,
        List<Eval> rightKeys, Eval residual, String text) implements PlanNode {
    @Override
    public Operator open(ExecContext ctx) {
        return new Operator(this, ctx) {
            private final Operator l = input(left);
            private final Operator r = input(right);
            private List<Value[]> rightRows;
            private Map<SqlValues.Key, List<Integer>> table;
            private boolean[] rightMatched;
            private boolean leftDone;
            private boolean tailDone;
            // Where the probe stopped when the last batch filled: a left row can pair with every right row (a
            // cross join), so one left batch may yield far more than a batch of output.
            private List<Value[]> leftBatch;
            private int leftPos;
            private boolean rowStarted;
            private List<Integer> candidates;
            private int rightPos;
            private boolean rowMatched;

            @Override
            protected List<Value[]> produce() {
                if (rightRows == null) {
                    build();
                }
                List<Value[]> out = new ArrayList<>();
                while (out.size() < BATCH && nextLeftRow()) {
                    probe(leftBatch.get(leftPos), out);
                }
                if (!out.isEmpty()) {
                    return out;
                }
                if (!tailDone) {
                    tailDone = true;
                    if (kind.equals("RIGHT") || kind.equals("FULL")) {
                        for (int i = 0; i < rightRows.size(); i++) {
                            if (!rightMatched[i]) {
                                out.add(combine(nulls(leftWidth), rightRows.get(i)));
                            }
                        }
                        if (!out.isEmpty()) {
                            return out;
                        }
                    }
                }
                return null;
            }

            /** Moves to the left row to probe with (the current one if unfinished); false when the left is done. */
            private boolean nextLeftRow() {
                while (leftBatch == null || leftPos == leftBatch.size()) {
                    if (leftDone) {
                        return false;
                    }
                    leftBatch = l.next();
                    leftPos = 0;
                    if (leftBatch == null) {
                        leftDone = true;
                        return false;
                    }
                }
                return true;
            }

            private void build() {
                rightRows = drain(r);
                rightMatched = new boolean[rightRows.size()];
                if (!leftKeys.isEmpty()) {
                    table = new HashMap<>();
                    for (int i = 0; i < rightRows.size(); i++) {
                        Value[] key = keys(rightKeys, rightRows.get(i));
                        if (key != null) {
                            table.computeIfAbsent(SqlValues.Key.of(key), k -> new ArrayList<>(1)).add(i);
                        }
                    }
                }
            }

            private Value[] keys(List<Eval> evals, Value[] row) {
                Value[] key = new Value[evals.size()];
                for (int i = 0; i < key.length; i++) {
                    key[i] = evals.get(i).eval(row, ctx);
                    if (key[i].isNull()) {
                        return null;
                    }
                }
                return key;
            }

            /** Pairs {@code lrow} with right rows until done with it or {@code out} holds a batch. */
            private void probe(Value[] lrow, List<Value[]> out) {
                if (!rowStarted) {
                    rowStarted = true;
                    rowMatched = false;
                    rightPos = 0;
                    if (table != null) {
                        Value[] key = keys(leftKeys, lrow);
                        candidates = key == null ? null : table.get(SqlValues.Key.of(key));
                    }
                }
                int end = table == null ? rightRows.size() : candidates == null ? 0 : candidates.size();
                while (rightPos < end && out.size() < BATCH) {
                    rowMatched |= tryPair(lrow, table == null ? rightPos : candidates.get(rightPos), out);
                    rightPos++;
                }
                if (rightPos < end) {
                    return;
                }
                if (!rowMatched && (kind.equals("LEFT") || kind.equals("FULL"))) {
                    out.add(combine(lrow, nulls(rightWidth)));
                }
                rowStarted = false;
                leftPos++;
            }

            private boolean tryPair(Value[] lrow, int i, List<Value[]> out) {
                Value[] row = combine(lrow, rightRows.get(i));
                if (residual != null && !Boolean.TRUE.equals(SqlValues.truth(residual.eval(row, ctx)))) {
                    return false;
                }
                rightMatched[i] = true;
                out.add(row);
                return true;
            }
        };
    }

    private static Value[] nulls(int width) {
        Value[] row = new Value[width];
        java.util.Arrays.fill(row, Value.NULL);
        return row;
    }

    private static Value[] combine(Value[] a, Value[] b) {
        Value[] row = new Value[a.length + b.length];
        System.arraycopy(a, 0, row, 0, a.length);
        System.arraycopy(b, 0, row, a.length, b.length);
        return row;
    }

    @Override
    public String describe() {
        String algo = leftKeys.isEmpty() ? "Nested Loop" : "Hash";
        String label = kind.equals("INNER") ? "" : kind.charAt(0) + kind.substring(1).toLowerCase(java.util.Locale.ROOT) + " ";
        return algo + " " + label + "Join" + (text == null ? "" : " (" + text + ")");
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of(left, right);
    }
}
