package io.nodedb.sql.exec;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;
import io.nodedb.core.vector.IndexDefinition;
import io.nodedb.core.vector.SearchRequest;
import io.nodedb.core.vector.VectorEngine;
import io.nodedb.core.vector.VectorHit;
import io.nodedb.core.vector.VectorIndex;
import io.nodedb.core.vector.VectorValues;
import io.nodedb.sql.expr.Eval;
import io.nodedb.sql.storage.TableInfo;
import org.roaringbitmap.RoaringBitmap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rows nearest to a query vector by a vector index: the candidates for an {@code ORDER BY field <-> q LIMIT k}
 * (the sort above orders them by their exact distance). With a WHERE clause, {@code allowed} reads the rows that
 * pass it and the index searches among those only (the index picks filtered graph search, post-filtering or an
 * exact scan by how many pass).
 *
 * <p>The index is not versioned: it holds the latest committed vectors, while the statement reads a snapshot. A
 * hit is returned as the snapshot has the row (or not at all), and the filter and sort above use the snapshot's
 * values. When the transaction has its own pending writes to the collection the index cannot see them, so the node
 * returns every row that passes the filter and the sort picks the nearest exactly; so it does while the index is
 * still being built.
 */
public record VectorSearchNode(TableInfo table, IndexDefinition index, VectorEngine engine, Eval query,
        int queryPos, Eval k, PlanNode allowed) implements PlanNode {

    /** The session setting for the beam width of vector searches; unset uses each index's default. */
    public static final String EF_SEARCH_SETTING = "vector.ef_search";

    /** The value of {@link #EF_SEARCH_SETTING}, checked: an integer from 1 to 100000, else 22023. */
    public static int efSearch(String text) {
        try {
            int ef = Integer.parseInt(text.strip());
            if (ef >= 1 && ef <= 100_000) {
                return ef;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new NodeDbException(SqlState.INVALID_PARAMETER_VALUE, EF_SEARCH_SETTING + " must be an integer "
                + "between 1 and 100000, got '" + text + "'");
    }

    @Override
    public Operator open(ExecContext ctx) {
        return Operator.materializing(this, ctx, op -> {
            Value[] none = new Value[0];
            if (ctx.data().hasPendingWrites(table.name()) || !engine.isReady(index.name())) {
                return allowed != null ? Operator.drain(op.input(allowed)) : allRows(ctx);
            }
            float[] q = queryVector(query.eval(none, ctx), index, queryPos);
            long limit = count(k.eval(none, ctx));
            if (limit == 0) {
                return List.of();
            }
            VectorIndex vi = engine.index(index.name());
            SearchRequest request = SearchRequest.of(q, (int) Math.min(limit, Integer.MAX_VALUE));
            if (allowed != null) {
                RoaringBitmap ids = new RoaringBitmap();
                int idSlot = table.width() - 1;
                for (Value[] row : Operator.drain(op.input(allowed))) {
                    int internal = vi.internalId(row[idSlot]);
                    if (internal >= 0) {
                        ids.add(internal);
                    }
                }
                request = request.withFilter(ids);
            }
            String ef = ctx.session().setting(EF_SEARCH_SETTING);
            if (ef != null) {
                request = request.withEfSearch(efSearch(ef));
            }
            List<VectorHit> hits = engine.search(index.name(), request);
            List<Value[]> out = new ArrayList<>(hits.size());
            for (VectorHit h : hits) {
                Value.Obj doc = ctx.data().get(table.name(), h.id());
                if (doc != null) {
                    out.add(table.decode(h.id(), doc));
                }
            }
            return out;
        });
    }

    private List<Value[]> allRows(ExecContext ctx) {
        List<Value[]> out = new ArrayList<>();
        for (Map.Entry<Value, Value.Obj> e : ctx.data().scan(table.name())) {
            out.add(table.decode(e.getKey(), e.getValue()));
        }
        return out;
    }

    /** A query vector of the index's dimension, or 22000 naming what is wrong. */
    static float[] queryVector(Value v, IndexDefinition index, int pos) {
        if (v.isNull()) {
            throw new NodeDbException(SqlState.DATA_EXCEPTION, "the query vector is NULL", pos, null);
        }
        float[] q = VectorValues.toFloats(v);
        if (q == null) {
            throw new NodeDbException(SqlState.DATA_EXCEPTION, "a vector search needs an array of numbers, got "
                    + v.type().name().toLowerCase(java.util.Locale.ROOT), pos, null);
        }
        if (q.length != index.dim()) {
            throw new NodeDbException(SqlState.DATA_EXCEPTION, "vector index \"" + index.name() + "\" expects "
                    + index.dim() + " dimensions, got a query of " + q.length, pos, null);
        }
        return q;
    }

    private static long count(Value v) {
        if (v instanceof Value.Int i && i.value() >= 0) {
            return i.value();
        }
        if (v.isNull()) {
            return Long.MAX_VALUE;
        }
        throw new NodeDbException(SqlState.INVALID_PARAMETER_VALUE, "the number of nearest rows must be a "
                + "non-negative integer, got " + v);
    }

    @Override
    public String describe() {
        return "Vector Search on " + table.name() + " using " + index.name() + " (" + index.field() + ", "
                + index.metric().sqlName() + ", " + index.type().sqlName() + ")"
                + (allowed == null ? "" : " among rows passing the filter");
    }

    @Override
    public List<PlanNode> inputs() {
        return allowed == null ? List.of() : List.of(allowed);
    }
}
