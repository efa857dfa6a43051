package io.nodedb.sql.exec;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;

import java.util.ArrayList;
import java.util.List;

/**
 * A running plan step that hands out rows in batches of up to {@link #BATCH}. It counts the rows it produced and,
 * when its context is {@link ExecContext#timed}, the time spent in it (including its inputs) for EXPLAIN ANALYZE.
 */
public abstract class Operator {
    public static final int BATCH = 1024;

    protected final ExecContext ctx;
    private final PlanNode node;
    private final List<Operator> inputs = new ArrayList<>();
    private long rows;
    private long nanos;
    private int batches;
    private boolean closed;

    protected Operator(PlanNode node, ExecContext ctx) {
        this.node = node;
        this.ctx = ctx;
    }

    /** Opens an input through this operator so EXPLAIN ANALYZE can show it beneath. */
    protected final Operator input(PlanNode child) {
        Operator op = child.open(ctx);
        inputs.add(op);
        return op;
    }

    /** The next non-empty batch, or null when done. */
    public final List<Value[]> next() {
        if (ctx.session().cancelRequested()) {
            throw new NodeDbException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
        }
        List<Value[]> batch;
        if (ctx.timed()) {
            long start = System.nanoTime();
            batch = produce();
            nanos += System.nanoTime() - start;
        } else {
            batch = produce();
        }
        if (batch != null) {
            rows += batch.size();
            batches++;
        }
        return batch;
    }

    protected abstract List<Value[]> produce();

    public PlanNode node() {
        return node;
    }

    public List<Operator> inputs() {
        return inputs;
    }

    public long rows() {
        return rows;
    }

    public long nanos() {
        return nanos;
    }

    public int batches() {
        return batches;
    }

    /** Every remaining row of an operator, which is then closed. */
    public static List<Value[]> drain(Operator op) {
        List<Value[]> out = new ArrayList<>();
        for (List<Value[]> b = op.next(); b != null; b = op.next()) {
            out.addAll(b);
        }
        op.close();
        return out;
    }

    /**
     * Releases what this operator and its inputs hold (open storage cursors) once no more rows are wanted, e.g.
     * when a LIMIT is reached. Closing twice is harmless; the statement's end releases whatever is left anyway.
     */
    public final void close() {
        if (closed) {
            return;
        }
        closed = true;
        release();
        for (Operator in : inputs) {
            in.close();
        }
    }

    /** Frees this operator's own resources; see {@link #close()}. */
    protected void release() {
    }

    /**
     * An operator that computes all its rows on the first call (given itself, so it can open inputs) and then hands
     * them out in batches: point gets, index scans, VALUES, materialized CTEs and table functions.
     */
    public static Operator materializing(PlanNode node, ExecContext ctx,
            java.util.function.Function<Operator, List<Value[]>> rows) {
        return new Operator(node, ctx) {
            private List<Value[]> all;
            private final int[] cursor = {0};

            @Override
            protected List<Value[]> produce() {
                if (all == null) {
                    all = rows.apply(this);
                }
                return slice(all, cursor);
            }
        };
    }

    /** Hands out a materialized list in batches. */
    protected static List<Value[]> slice(List<Value[]> all, int[] cursor) {
        if (cursor[0] >= all.size()) {
            return null;
        }
        int end = Math.min(all.size(), cursor[0] + BATCH);
        List<Value[]> batch = all.subList(cursor[0], end);
        cursor[0] = end;
        return batch;
    }
}
