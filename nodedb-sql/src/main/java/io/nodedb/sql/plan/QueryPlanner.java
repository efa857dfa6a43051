package io.nodedb.sql.plan;

import io.nodedb.core.value.ValueType;
import io.nodedb.sql.SqlErrors;
import io.nodedb.sql.ast.Expr;
import io.nodedb.sql.ast.ExprPrinter;
import io.nodedb.sql.ast.FromItem;
import io.nodedb.sql.ast.OrderItem;
import io.nodedb.sql.ast.Query;
import io.nodedb.sql.exec.JoinNode;
import io.nodedb.sql.exec.LimitNode;
import io.nodedb.sql.exec.MaterializeNode;
import io.nodedb.sql.exec.PlanNode;
import io.nodedb.sql.exec.RecursiveUnionNode;
import io.nodedb.sql.exec.SetOpNode;
import io.nodedb.sql.exec.SortNode;
import io.nodedb.sql.exec.ValuesNode;
import io.nodedb.sql.exec.WorkTableNode;
import io.nodedb.sql.expr.Eval;
import io.nodedb.sql.storage.TableInfo;
import io.nodedb.sql.system.SystemScanNode;
import io.nodedb.sql.system.SystemTable;
import io.nodedb.sql.system.SystemTables;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Plans query expressions: WITH, set operations, VALUES, FROM and joins. SELECT bodies go to {@link SelectPlanner}. */
public final class QueryPlanner {
    private final PlanContext pc;

    public QueryPlanner(PlanContext pc) {
        this.pc = pc;
    }

    PlanContext context() {
        return pc;
    }

    /** Plans a query whose expressions may refer to the columns of {@code outer} (null at top level). */
    public PlannedQuery planQuery(Query q, Scope outer) {
        return switch (q) {
            case Query.With w -> with(w, outer);
            case Query.Ordered o -> o.body() instanceof Query.Select s
                    ? new SelectPlanner(this, pc, outer).plan(s, o.orderBy(), o.limit(), o.offset())
                    : ordered(o, outer);
            case Query.Select s -> new SelectPlanner(this, pc, outer).plan(s, List.of(), null, null);
            case Query.Values v -> values(v, outer);
            case Query.SetOp s -> setOp(s, outer);
            case Query.Search s -> planQuery(VectorSearch.desugar(s, pc, false), outer);
        };
    }

    private PlannedQuery with(Query.With w, Scope outer) {
        Map<String, PlanContext.CteDef> frame = new HashMap<>();
        pc.pushCtes(frame);
        try {
            for (Query.Cte cte : w.ctes()) {
                frame.put(cte.name(), w.recursive() && cte.query() instanceof Query.SetOp s && s.op().equals("UNION")
                        ? recursiveCte(cte, s, frame, outer) : plainCte(cte, outer));
            }
            return planQuery(w.body(), outer);
        } finally {
            pc.popCtes();
        }
    }

    private PlanContext.CteDef plainCte(Query.Cte cte, Scope outer) {
        PlannedQuery pq = planQuery(cte.query(), outer);
        Object key = new Object();
        return new PlanContext.CteDef(cte.name(), key, new MaterializeNode(cte.name(), key, pq.root()),
                renamed(pq.scope(), cte.columns(), cte.pos()), false);
    }

    private PlanContext.CteDef recursiveCte(Query.Cte cte, Query.SetOp union, Map<String, PlanContext.CteDef> frame,
            Scope outer) {
        PlannedQuery anchor = planQuery(union.left(), outer);
        Scope columns = renamed(anchor.scope(), cte.columns(), cte.pos());
        Object workKey = new Object();
        frame.put(cte.name(), new PlanContext.CteDef(cte.name(), workKey, new WorkTableNode(cte.name(), workKey),
                columns, true));
        PlannedQuery recursive = planQuery(union.right(), outer);
        if (Subqueries.visibleWidth(recursive.scope()) != Subqueries.visibleWidth(columns)) {
            throw SqlErrors.syntax("each side of a recursive UNION must have the same number of columns", union.pos());
        }
        Object key = new Object();
        PlanNode body = new RecursiveUnionNode(anchor.root(), recursive.root(), workKey, union.all());
        return new PlanContext.CteDef(cte.name(), key, new MaterializeNode(cte.name(), key, body), columns, false);
    }

    private static Scope renamed(Scope s, List<String> names, int pos) {
        if (names.isEmpty()) {
            return s;
        }
        if (names.size() != s.width()) {
            throw SqlErrors.syntax("expected " + s.width() + " column names, got " + names.size(), pos);
        }
        List<Scope.Col> cols = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Scope.Col c = s.columns().get(i);
            cols.add(new Scope.Col(c.qualifier(), names.get(i), c.type(), false, false));
        }
        return new Scope(cols, s.outer());
    }

    private PlannedQuery ordered(Query.Ordered o, Scope outer) {
        PlannedQuery body = planQuery(o.body(), outer);
        PlanNode node = body.root();
        if (!o.orderBy().isEmpty()) {
            ExprBinder binder = new ExprBinder(pc, this, body.scope(), Map.of(), null, "ORDER BY");
            List<Eval> keys = new ArrayList<>();
            boolean[] desc = new boolean[o.orderBy().size()];
            boolean[] nullsFirst = new boolean[desc.length];
            for (int i = 0; i < desc.length; i++) {
                OrderItem item = o.orderBy().get(i);
                Integer ordinal = ordinal(item.expr(), body.scope().width());
                if (ordinal != null) {
                    int slot = ordinal;
                    keys.add((row, ctx) -> row[slot]);
                } else {
                    keys.add(binder.bind(item.expr()).eval());
                }
                desc[i] = item.descending();
                nullsFirst[i] = item.effectiveNullsFirst();
            }
            node = new SortNode(node, keys, desc, nullsFirst, orderText(o.orderBy()));
        }
        node = limit(node, o.limit(), o.offset());
        return new PlannedQuery(node, body.scope());
    }

    static String orderText(List<OrderItem> items) {
        return String.join(", ", items.stream().map(i -> ExprPrinter.print(i.expr()) + (i.descending() ? " DESC" : ""))
                .toList());
    }

    /** 0-based slot for {@code ORDER BY 2} style items, null when the item is not an ordinal. */
    static Integer ordinal(Expr e, int width) {
        if (e instanceof Expr.Literal l && l.value() instanceof io.nodedb.core.value.Value.Int i) {
            if (i.value() < 1 || i.value() > width) {
                throw new io.nodedb.core.error.NodeDbException(io.nodedb.core.error.SqlState.INVALID_COLUMN_REFERENCE,
                        "ORDER BY position " + i.value() + " is not in select list", l.pos(), null);
            }
            return (int) i.value() - 1;
        }
        return null;
    }

    /**
     * The rows of a FROM list filtered by WHERE, with every column of every item (hidden keys included), in the
     * order of the items: what UPDATE ... FROM and DELETE ... USING read.
     */
    public PlannedQuery rowsOf(List<FromItem> from, Expr where, int pos) {
        return new SelectPlanner(this, pc, null).from(new Query.Select(false, List.of(), from, where, List.of(), null,
                pos));
    }

    PlanNode limit(PlanNode node, Expr limit, Expr offset) {
        if (limit == null && offset == null) {
            return node;
        }
        ExprBinder constants = new ExprBinder(pc, this, Scope.empty(null), Map.of(), null, "LIMIT");
        return new LimitNode(node, limit == null ? null : constants.bind(limit).eval(),
                offset == null ? null : constants.bind(offset).eval());
    }

    private PlannedQuery values(Query.Values v, Scope outer) {
        ExprBinder binder = new ExprBinder(pc, this, Scope.empty(outer), Map.of(), null, "VALUES");
        int width = v.rows().getFirst().size();
        List<List<Eval>> rows = new ArrayList<>();
        List<ValueType> types = new ArrayList<>();
        for (List<Expr> r : v.rows()) {
            if (r.size() != width) {
                throw SqlErrors.syntax("VALUES lists must all be the same length", r.isEmpty() ? v.pos()
                        : r.getFirst().pos());
            }
            List<Eval> row = new ArrayList<>();
            for (int i = 0; i < r.size(); i++) {
                Bound b = binder.bind(r.get(i));
                row.add(b.eval());
                if (types.size() <= i) {
                    types.add(b.type());
                } else if (types.get(i) == null) {
                    types.set(i, b.type());
                }
            }
            rows.add(row);
        }
        List<Scope.Col> cols = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            cols.add(Scope.Col.of(null, "column" + (i + 1), types.get(i)));
        }
        return new PlannedQuery(new ValuesNode(rows), new Scope(cols, outer));
    }

    private PlannedQuery setOp(Query.SetOp s, Scope outer) {
        PlannedQuery left = planQuery(s.left(), outer);
        PlannedQuery right = planQuery(s.right(), outer);
        if (left.scope().width() != right.scope().width()) {
            throw SqlErrors.syntax("each " + s.op() + " query must have the same number of columns", s.pos());
        }
        List<Scope.Col> cols = new ArrayList<>();
        for (int i = 0; i < left.scope().width(); i++) {
            Scope.Col l = left.scope().columns().get(i);
            Scope.Col r = right.scope().columns().get(i);
            cols.add(new Scope.Col(null, l.name(), l.type() == r.type() ? l.type() : null, l.open() || r.open(),
                    false, Objects.equals(l.source(), r.source()) ? l.source() : null));
        }
        return new PlannedQuery(new SetOpNode(s.op(), s.all(), left.root(), right.root()), new Scope(cols, outer));
    }

    /** A FROM item's rows and scope. */
    PlannedQuery from(FromItem item, Scope outer, Expr where, boolean single) {
        return switch (item) {
            case FromItem.Table t -> table(t, outer, where, single, null);
            case FromItem.Derived d -> {
                PlannedQuery pq = planQuery(d.query(), outer);
                Scope s = renamed(pq.scope(), d.columns(), d.pos()).requalified(d.alias()).withOuter(outer);
                yield new PlannedQuery(pq.root(), s);
            }
            case FromItem.Join j -> join(j, outer);
            case FromItem.Function f -> TableFunctions.plan(this, pc, f, outer);
            // First in its FROM list: there is nothing to its left to refer to.
            case FromItem.Lateral l -> from(l.item(), outer, where, single);
        };
    }

    /** A table in FROM; {@code referenced} as in {@link AccessPaths#choose}. */
    PlannedQuery table(FromItem.Table t, Scope outer, Expr where, boolean single, java.util.Set<String> referenced) {
        String schema = null;
        String name = t.name();
        int dot = name.indexOf('.');
        if (dot > 0 && SCHEMAS.contains(name.substring(0, dot))) {
            schema = name.substring(0, dot);
            name = name.substring(dot + 1);
        }
        String qualifier = t.alias() != null ? t.alias() : name;
        SystemTable system = systemTable(schema, name);
        if (system != null) {
            List<Scope.Col> cols = new ArrayList<>();
            for (SystemTable.Column c : system.columns()) {
                cols.add(Scope.Col.of(qualifier, c.name(), c.type()));
            }
            Scope scope = new Scope(cols, outer);
            PlanNode node = new SystemScanNode(system);
            if (single && where != null) {
                ExprBinder binder = new ExprBinder(pc, this, scope, Map.of(), null, "WHERE");
                node = new io.nodedb.sql.exec.FilterNode(node, binder.bind(where).eval(), ExprPrinter.printTop(where));
            }
            return new PlannedQuery(node, scope);
        }
        if (schema != null && !schema.equals("public")) {
            throw SqlErrors.undefinedTable(t.name(), t.pos());
        }
        t = new FromItem.Table(name, t.alias(), t.pos());
        PlanContext.CteDef cte = schema == null ? pc.cte(t.name()) : null;
        if (cte != null) {
            Scope scope = cte.columns().requalified(qualifier).withOuter(outer);
            PlanNode node = cte.body();
            if (single && where != null) {
                ExprBinder binder = new ExprBinder(pc, this, scope, Map.of(), null, "WHERE");
                node = new io.nodedb.sql.exec.FilterNode(node, binder.bind(where).eval(), ExprPrinter.printTop(where));
            }
            return new PlannedQuery(node, scope);
        }
        TableInfo table = pc.table(t.name(), t.pos());
        Scope scope = tableScope(table, qualifier, outer);
        if (!single) {
            return new PlannedQuery(AccessPaths.choose(table, qualifier, null, null, null, referenced), scope);
        }
        ExprBinder binder = new ExprBinder(pc, this, scope, Map.of(), null, "WHERE");
        ExprBinder constants = new ExprBinder(pc, this, Scope.empty(outer), Map.of(), null, "WHERE");
        return new PlannedQuery(AccessPaths.choose(table, qualifier, where, binder, constants, referenced), scope);
    }

    /** Schemas a FROM item may name: pg_catalog and information_schema hold system tables, public the collections. */
    private static final java.util.Set<String> SCHEMAS = java.util.Set.of("pg_catalog", "information_schema",
            "public");

    /**
     * The system table a FROM name means, or null: a name qualified with pg_catalog or information_schema, or an
     * unqualified pg_catalog name that is not a CTE or a collection (collections win, unlike PostgreSQL, so that
     * a collection named like a catalog keeps working).
     */
    private SystemTable systemTable(String schema, String name) {
        if (schema != null) {
            return schema.equals("public") ? null : SystemTables.find(schema, name);
        }
        if (pc.cte(name) != null || pc.catalog().find(name) != null) {
            return null;
        }
        return SystemTables.find(null, name);
    }

    public static Scope tableScope(TableInfo table, String qualifier, Scope outer) {
        List<Scope.Col> cols = new ArrayList<>();
        if (table.strict()) {
            for (TableInfo.Column c : table.columns()) {
                cols.add(Scope.Col.of(qualifier, c.name(), c.type().base()));
            }
        } else {
            cols.add(new Scope.Col(qualifier, qualifier, ValueType.OBJECT, true, false, table.name()));
        }
        cols.add(new Scope.Col(qualifier, "__key", null, false, true));
        return new Scope(cols, outer);
    }

    private PlannedQuery join(FromItem.Join j, Scope outer) {
        PlannedQuery left = from(j.left(), outer, null, false);
        if (j.right() instanceof FromItem.Lateral l && !j.natural() && j.using().isEmpty()) {
            Expr on = j.condition() instanceof Expr.Literal lit && lit.value() instanceof io.nodedb.core.value.Value.Bool b && b.value()
                    ? null : j.condition();
            return LateralJoins.join(this, pc, j.kind(), left, l, on, j.pos());
        }
        PlannedQuery right = from(j.right(), outer, null, false);
        Scope combined = left.scope().concat(right.scope());
        List<Eval> leftKeys = new ArrayList<>();
        List<Eval> rightKeys = new ArrayList<>();
        List<Expr> residual = new ArrayList<>();
        ExprBinder both = new ExprBinder(pc, this, combined, Map.of(), null, "JOIN conditions");
        ExprBinder onLeft = new ExprBinder(pc, this, left.scope().withOuter(null), Map.of(), null, "JOIN conditions");
        ExprBinder onRight = new ExprBinder(pc, this, right.scope().withOuter(null), Map.of(), null,
                "JOIN conditions");
        List<String> using = j.natural() ? sharedColumns(left.scope(), right.scope(), j.pos()) : j.using();
        if (!using.isEmpty()) {
            for (String col : using) {
                leftKeys.add(onLeft.bind(new Expr.Name(List.of(col), j.pos())).eval());
                rightKeys.add(onRight.bind(new Expr.Name(List.of(col), j.pos())).eval());
            }
        } else if (j.condition() != null) {
            List<Expr> conjuncts = new ArrayList<>();
            AccessPaths.flatten(j.condition(), conjuncts);
            for (Expr c : conjuncts) {
                if (c instanceof Expr.Binary b && b.op().equals("=")) {
                    Eval[] pair = equiKey(b, onLeft, onRight);
                    if (pair != null) {
                        leftKeys.add(pair[0]);
                        rightKeys.add(pair[1]);
                        continue;
                    }
                }
                residual.add(c);
            }
        }
        Eval residualEval = null;
        if (!residual.isEmpty()) {
            Expr r = residual.getFirst();
            for (int i = 1; i < residual.size(); i++) {
                r = new Expr.Binary("AND", r, residual.get(i), residual.get(i).pos());
            }
            residualEval = both.bind(r).eval();
        }
        String text = j.condition() == null ? (using.isEmpty() ? null : (j.natural() ? "NATURAL " : "USING ")
                + String.join(", ", using)) : ExprPrinter.printTop(j.condition());
        return new PlannedQuery(new JoinNode(j.kind(), left.root(), right.root(), left.scope().width(),
                right.scope().width(), leftKeys, rightKeys, residualEval, text), combined);
    }

    /** The columns of a NATURAL join: those both sides have, in the left side's order. */
    private static List<String> sharedColumns(Scope left, Scope right, int pos) {
        for (Scope s : List.of(left, right)) {
            if (s.columns().stream().anyMatch(Scope.Col::open)) {
                throw SqlErrors.notSupported("NATURAL JOIN with a schemaless collection (its fields are not "
                        + "declared; use USING or ON)", pos);
            }
        }
        List<String> shared = new ArrayList<>();
        for (Scope.Col c : left.columns()) {
            if (!c.hidden() && !shared.contains(c.name()) && right.columns().stream()
                    .anyMatch(r -> !r.hidden() && r.name().equals(c.name()))) {
                shared.add(c.name());
            }
        }
        return shared;
    }

    /** Left and right key evaluators when the equality compares one side's columns with the other's. */
    private static Eval[] equiKey(Expr.Binary b, ExprBinder onLeft, ExprBinder onRight) {
        if (!(b.left() instanceof Expr.Name x) || !(b.right() instanceof Expr.Name y)) {
            return null;
        }
        int sx = side(x, onLeft, onRight);
        int sy = side(y, onLeft, onRight);
        if (sx == 1 && sy == 2) {
            return new Eval[] {onLeft.bind(x).eval(), onRight.bind(y).eval()};
        }
        if (sx == 2 && sy == 1) {
            return new Eval[] {onLeft.bind(y).eval(), onRight.bind(x).eval()};
        }
        return null;
    }

    /** 1 when the name belongs to the left input only, 2 for the right only, 0 when unclear. */
    private static int side(Expr.Name n, ExprBinder onLeft, ExprBinder onRight) {
        if (n.parts().size() >= 2) {
            String q = n.parts().getFirst();
            boolean l = onLeft.scope().columns().stream().anyMatch(c -> q.equals(c.qualifier()));
            boolean r = onRight.scope().columns().stream().anyMatch(c -> q.equals(c.qualifier()));
            if (l != r) {
                return l ? (tryBind(onLeft, n) != null ? 1 : 0) : (tryBind(onRight, n) != null ? 2 : 0);
            }
        }
        boolean l = tryBind(onLeft, n) != null;
        boolean r = tryBind(onRight, n) != null;
        return l == r ? 0 : l ? 1 : 2;
    }

    private static Eval tryBind(ExprBinder binder, Expr e) {
        try {
            return binder.bind(e).eval();
        } catch (io.nodedb.core.error.NodeDbException ex) {
            return null;
        }
    }
}
