package io.nodedb.sql.plan;

import io.nodedb.core.catalog.CollectionDef;
import io.nodedb.core.value.Value;
import io.nodedb.core.vector.IndexDefinition;
import io.nodedb.sql.SqlErrors;
import io.nodedb.sql.ast.Expr;
import io.nodedb.sql.ast.ExprPrinter;
import io.nodedb.sql.ast.FromItem;
import io.nodedb.sql.ast.OrderItem;
import io.nodedb.sql.ast.Query;
import io.nodedb.sql.exec.FilterNode;
import io.nodedb.sql.exec.PlanNode;
import io.nodedb.sql.exec.VectorSearchNode;
import io.nodedb.sql.expr.Eval;
import io.nodedb.sql.storage.TableInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Vector search in SELECT. For a query on one collection:
 * <ul>
 *   <li>distances ({@code f <-> q}, {@code vector_distance(f, q)}) on a field with a vector index use the index's
 *       metric;</li>
 *   <li>NodeDB's operator form {@code WHERE p AND f <-> q LIMIT k} means {@code WHERE p ORDER BY f <-> q LIMIT k},
 *       and {@code vector_distance()} without arguments is that distance;</li>
 *   <li>{@code ORDER BY f <-> q LIMIT k} (no grouping, DISTINCT or window functions, q not depending on the row)
 *       reads its candidates from the index: a {@link VectorSearchNode}, filtered by the WHERE clause.</li>
 * </ul>
 * {@code SEARCH c USING VECTOR(f, q, k)} is planned as such a SELECT (see {@link #desugar}).
 */
final class VectorSearch {
    private VectorSearch() {
    }

    /** A SELECT with its vector search resolved: rewritten clauses, the fields with an index, the index to read. */
    record Setup(Query.Select select, List<OrderItem> orderBy, Map<String, IndexDefinition> scope,
            IndexDefinition index, Expr query, String qualifier) {
    }

    /** The setup of a SELECT, or null when it involves no vector index and no operator-form search. */
    static Setup setup(Query.Select s, List<OrderItem> orderBy, Expr limit, PlanContext pc, boolean plain) {
        if (s.from().size() != 1 || !(s.from().getFirst() instanceof FromItem.Table t)) {
            return null;
        }
        String name = t.name().startsWith("public.") ? t.name().substring(7) : t.name();
        CollectionDef def = pc.catalog().find(name);
        if (def == null || pc.cte(name) != null) {
            return null;
        }
        String qualifier = t.alias() != null ? t.alias() : name;
        Map<String, IndexDefinition> scope = new HashMap<>();
        pc.vectorIndexesOn(name).forEach((field, index) -> {
            scope.put(field, index);
            scope.put(qualifier + "." + field, index);
        });

        Query.Select select = s;
        List<OrderItem> order = orderBy;
        Expr operatorForm = operatorConjunct(s.where());
        if (operatorForm != null && orderBy.isEmpty()) {
            select = s.with(s.items(), without(s.where(), operatorForm));
            order = List.of(new OrderItem(operatorForm, false, null));
        }
        if (!order.isEmpty() && isDistance(order.getFirst().expr())) {
            select = withImplicitDistance(select, order.getFirst().expr());
        }
        if (scope.isEmpty() && select == s) {
            return null;
        }
        IndexDefinition index = null;
        Expr query = null;
        if (plain && limit != null && !order.isEmpty() && !order.getFirst().descending()) {
            Expr[] fq = fieldAndQuery(order.getFirst().expr());
            if (fq != null && fq[0] instanceof Expr.Name n && isConstant(fq[1])) {
                index = scope.get(String.join(".", n.parts()));
                query = index == null ? null : fq[1];
            }
        }
        return new Setup(select, order, scope, index, query, qualifier);
    }

    /** The read node for a setup with an index: the search, with the WHERE clause both inside and re-checked. */
    static PlanNode read(Setup setup, TableInfo table, Expr where, Expr limit, Expr offset, ExprBinder binder,
            ExprBinder constants) {
        PlanNode allowed = where == null ? null : AccessPaths.choose(table, setup.qualifier(), where, binder,
                constants, null);
        Eval query = constants.bind(setup.query()).eval();
        Eval lim = constants.bind(limit).eval();
        Eval off = offset == null ? null : constants.bind(offset).eval();
        Eval k = off == null ? lim : (row, ctx) -> {
            Value l = lim.eval(row, ctx);
            Value o = off.eval(row, ctx);
            if (l instanceof Value.Int li && o instanceof Value.Int oi) {
                return new Value.Int(Math.addExact(li.value(), Math.max(0, oi.value())));
            }
            return l;
        };
        PlanNode node = new VectorSearchNode(table, setup.index(), constants.planContext().vectors(), query,
                setup.query().pos(), k,
                allowed);
        if (where != null) {
            node = new FilterNode(node, binder.bind(where).eval(), ExprPrinter.printTop(where));
        }
        return node;
    }

    /**
     * {@code SEARCH c USING VECTOR(f, q, k) [WHERE p]} as {@code SELECT *, f <-> q AS distance FROM c [WHERE p]
     * ORDER BY f <-> q LIMIT k}; inside {@code IN (...)} only the key is selected.
     */
    static Query desugar(Query.Search s, PlanContext pc, boolean keysOnly) {
        TableInfo table = pc.table(s.collection(), s.pos());
        String field = s.field();
        Map<String, IndexDefinition> indexes = pc.vectorIndexesOn(s.collection());
        if (field == null) {
            if (indexes.size() != 1) {
                throw SqlErrors.syntax(indexes.isEmpty() ? "collection \"" + s.collection()
                        + "\" has no vector index; name the field: USING VECTOR(field, query, k)"
                        : "collection \"" + s.collection() + "\" has several vector indexes; name the field: "
                        + "USING VECTOR(field, query, k)", s.pos());
            }
            field = indexes.keySet().iterator().next();
        }
        Expr fieldRef = new Expr.Name(List.of(field.split("\\.")), s.pos());
        Expr distance = new Expr.Binary("<->", fieldRef, s.query(), s.pos());
        List<Query.SelectItem> items = new ArrayList<>();
        if (keysOnly) {
            String key = table.strict() ? table.pkIndex() >= 0 ? table.columns().get(table.pkIndex()).name() : null
                    : "id";
            if (key == null) {
                throw SqlErrors.notSupported("id IN (SEARCH ...) on a collection without a primary key column",
                        s.pos());
            }
            items.add(new Query.SelectItem(new Expr.Name(List.of(key), s.pos()), null));
        } else {
            items.add(new Query.SelectItem(new Expr.Star(null, s.pos()), null));
            items.add(new Query.SelectItem(distance, "distance"));
        }
        Query.Select select = new Query.Select(false, items,
                List.of(new FromItem.Table(s.collection(), null, s.pos())), s.where(), List.of(), null, s.pos());
        return new Query.Ordered(select, List.of(new OrderItem(distance, false, null)), s.k(), null);
    }

    private static Expr operatorConjunct(Expr where) {
        List<Expr> conjuncts = new ArrayList<>();
        AccessPaths.flatten(where, conjuncts);
        for (Expr c : conjuncts) {
            if (c instanceof Expr.Binary b && b.op().equals("<->")) {
                return c;
            }
        }
        return null;
    }

    private static Expr without(Expr where, Expr conjunct) {
        if (where == conjunct) {
            return null;
        }
        if (where instanceof Expr.Binary b && b.op().equals("AND")) {
            Expr l = without(b.left(), conjunct);
            Expr r = without(b.right(), conjunct);
            return l == null ? r : r == null ? l : new Expr.Binary("AND", l, r, b.pos());
        }
        return where;
    }

    private static boolean isDistance(Expr e) {
        return e instanceof Expr.Binary b && b.op().equals("<->")
                || e instanceof Expr.Call c && c.name().equals("vector_distance") && c.args().size() >= 2;
    }

    /** {@code vector_distance()} without arguments in the select list stands for the search's distance. */
    private static Query.Select withImplicitDistance(Query.Select s, Expr distance) {
        List<Query.SelectItem> items = new ArrayList<>();
        for (Query.SelectItem item : s.items()) {
            Expr e = replaceImplicit(item.expr(), distance);
            String alias = item.alias() == null && e != item.expr() && item.expr() instanceof Expr.Call
                    ? "vector_distance" : item.alias();
            items.add(new Query.SelectItem(e, alias));
        }
        return s.with(items, s.where());
    }

    private static Expr replaceImplicit(Expr e, Expr distance) {
        return switch (e) {
            case Expr.Call c when c.name().equals("vector_distance") && c.args().isEmpty() -> distance;
            case Expr.Call c -> {
                List<Expr> args = c.args().stream().map(a -> replaceImplicit(a, distance)).toList();
                yield args.equals(c.args()) ? c : new Expr.Call(c.name(), args, c.distinct(), c.star(), c.orderBy(),
                        c.filter(), c.over(), c.pos());
            }
            case Expr.Cast c -> {
                Expr operand = replaceImplicit(c.operand(), distance);
                yield operand == c.operand() ? c : new Expr.Cast(operand, c.type(), c.tryCast(), c.pos());
            }
            case Expr.Unary u -> {
                Expr operand = replaceImplicit(u.operand(), distance);
                yield operand == u.operand() ? u : new Expr.Unary(u.op(), operand, u.pos());
            }
            case Expr.Binary b -> {
                Expr l = replaceImplicit(b.left(), distance);
                Expr r = replaceImplicit(b.right(), distance);
                yield l == b.left() && r == b.right() ? b : new Expr.Binary(b.op(), l, r, b.pos());
            }
            default -> e;
        };
    }

    /** {field, query} of {@code f <-> q}, {@code q <-> f} or {@code vector_distance(f, q)}, else null. */
    private static Expr[] fieldAndQuery(Expr e) {
        Expr a;
        Expr b;
        if (e instanceof Expr.Binary bin && bin.op().equals("<->")) {
            a = bin.left();
            b = bin.right();
        } else if (e instanceof Expr.Call c && c.name().equals("vector_distance") && c.args().size() == 2) {
            a = c.args().get(0);
            b = c.args().get(1);
        } else {
            return null;
        }
        if (a instanceof Expr.Name) {
            return new Expr[] {a, b};
        }
        if (b instanceof Expr.Name) {
            return new Expr[] {b, a};
        }
        return null;
    }

    /** Whether the query vector is the same for every row: literals and parameters only. */
    private static boolean isConstant(Expr e) {
        return switch (e) {
            case Expr.Literal l -> true;
            case Expr.Param p -> true;
            case Expr.ArrayLit a -> a.items().stream().allMatch(VectorSearch::isConstant);
            case Expr.Cast c -> isConstant(c.operand());
            case Expr.Unary u -> isConstant(u.operand());
            default -> false;
        };
    }
}
