package io.nodedb.sql.plan;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueType;
import io.nodedb.sql.SqlErrors;
import io.nodedb.sql.ast.Expr;
import io.nodedb.sql.ast.ExprPrinter;
import io.nodedb.sql.ast.FromItem;
import io.nodedb.sql.ast.OrderItem;
import io.nodedb.sql.ast.Query;
import io.nodedb.sql.ast.WindowSpec;
import io.nodedb.sql.exec.AggSpec;
import io.nodedb.sql.exec.AggregateNode;
import io.nodedb.sql.exec.DistinctNode;
import io.nodedb.sql.exec.DistinctOnNode;
import io.nodedb.sql.exec.FilterNode;
import io.nodedb.sql.exec.JoinNode;
import io.nodedb.sql.exec.PlanNode;
import io.nodedb.sql.exec.ProjectNode;
import io.nodedb.sql.exec.SortNode;
import io.nodedb.sql.exec.ValuesNode;
import io.nodedb.sql.exec.WindowNode;
import io.nodedb.sql.expr.Eval;
import io.nodedb.sql.storage.TableInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One SELECT: FROM and WHERE, then GROUP BY / aggregates / HAVING, window functions, the select list, DISTINCT,
 * ORDER BY and LIMIT, in SQL's logical order.
 */
final class SelectPlanner {
    private final QueryPlanner planner;
    private final PlanContext pc;
    private final Scope outer;

    SelectPlanner(QueryPlanner planner, PlanContext pc, Scope outer) {
        this.planner = planner;
        this.pc = pc;
        this.outer = outer;
    }

    PlannedQuery plan(Query.Select s, List<OrderItem> orderBy, Expr limit, Expr offset) {
        s = ExpandArrays.rewrite(s);
        VectorSearch.Setup vs = VectorSearch.setup(s, orderBy, limit, pc, isPlain(s, orderBy));
        if (vs == null) {
            return plan(s, orderBy, limit, offset, null);
        }
        pc.pushVectorScope(vs.scope());
        try {
            return plan(vs.select(), vs.orderBy(), limit, offset, vs);
        } finally {
            pc.popVectorScope();
        }
    }

    /** No grouping, aggregates, window functions or DISTINCT: a query whose rows are the table's rows. */
    private static boolean isPlain(Query.Select s, List<OrderItem> orderBy) {
        if (s.distinct() || !s.distinctOn().isEmpty() || !s.groupBy().isEmpty() || s.having() != null) {
            return false;
        }
        List<Expr.Call> calls = new ArrayList<>();
        for (Query.SelectItem item : s.items()) {
            collect(item.expr(), calls, false);
            collect(item.expr(), calls, true);
        }
        for (OrderItem o : orderBy) {
            collect(o.expr(), calls, false);
            collect(o.expr(), calls, true);
        }
        return calls.isEmpty();
    }

    private PlannedQuery plan(Query.Select s, List<OrderItem> orderBy, Expr limit, Expr offset,
            VectorSearch.Setup vs) {
        PlannedQuery from = vs != null && vs.index() != null ? vectorFrom(s, vs, limit, offset)
                : from(s, vs == null ? ReferencedColumns.of(s, orderBy) : null);
        PlanNode node = from.root();
        Scope scope = from.scope();
        Scope ungrouped = null;
        Map<String, Integer> subs = new HashMap<>();

        List<Expr.Call> aggregates = new ArrayList<>();
        for (Query.SelectItem item : s.items()) {
            collect(item.expr(), aggregates, false);
        }
        collect(s.having(), aggregates, false);
        for (OrderItem o : orderBy) {
            collect(o.expr(), aggregates, false);
        }
        if (!aggregates.isEmpty() || !s.groupBy().isEmpty() || s.having() != null) {
            ExprBinder pre = new ExprBinder(pc, planner, scope, Map.of(), null, "GROUP BY");
            List<Eval> groups = new ArrayList<>();
            List<Scope.Col> cols = new ArrayList<>();
            List<String> groupTexts = new ArrayList<>();
            for (Expr g : s.groupBy()) {
                Expr resolved = groupTarget(g, s.items(), scope);
                Bound b = pre.bind(resolved);
                groups.add(b.eval());
                String key = ExprPrinter.print(resolved);
                groupTexts.add(key);
                subs.putIfAbsent(key, cols.size());
                cols.add(groupColumn(resolved, b.type(), scope));
            }
            List<Integer> sets = groupingSets(s, groupTexts, scope);
            ExprBinder aggArgs = new ExprBinder(pc, planner, scope, Map.of(), null, "aggregate arguments");
            List<AggSpec> specs = new ArrayList<>();
            for (Expr.Call c : aggregates) {
                String key = ExprPrinter.print(c);
                if (subs.containsKey(key)) {
                    continue;
                }
                specs.add(aggSpec(c, aggArgs));
                subs.put(key, cols.size());
                cols.add(new Scope.Col(null, c.name(), aggType(c, aggArgs), false, false));
            }
            List<Expr.Call> groupingCalls = new ArrayList<>();
            for (Query.SelectItem item : s.items()) {
                collect(item.expr(), groupingCalls, CallKind.GROUPING);
            }
            collect(s.having(), groupingCalls, CallKind.GROUPING);
            for (OrderItem o : orderBy) {
                collect(o.expr(), groupingCalls, CallKind.GROUPING);
            }
            List<int[]> groupingArgs = new ArrayList<>();
            for (Expr.Call c : groupingCalls) {
                String key = ExprPrinter.print(c);
                if (subs.containsKey(key)) {
                    continue;
                }
                groupingArgs.add(groupingArgs(c, s, groupTexts, scope));
                subs.put(key, cols.size());
                cols.add(Scope.Col.of(null, "grouping", ValueType.BIGINT));
            }
            node = new AggregateNode(node, groups, specs, sets, groupingArgs);
            ungrouped = scope;
            scope = new Scope(cols, outer);
            if (s.having() != null) {
                ExprBinder having = new ExprBinder(pc, planner, scope, subs, ungrouped, "HAVING");
                node = new FilterNode(node, having.bind(s.having()).eval(), ExprPrinter.printTop(s.having()));
            }
        }

        List<Expr.Call> windows = new ArrayList<>();
        for (Query.SelectItem item : s.items()) {
            collect(item.expr(), windows, true);
        }
        for (OrderItem o : orderBy) {
            collect(o.expr(), windows, true);
        }
        Map<String, WindowSpec> named = NamedWindows.definitions(s.windows());
        if (!windows.isEmpty()) {
            ExprBinder wb = new ExprBinder(pc, planner, scope, subs, ungrouped, "window definitions");
            List<WindowNode.Fn> fns = new ArrayList<>();
            List<Scope.Col> cols = new ArrayList<>(scope.columns());
            for (Expr.Call c : windows) {
                String key = ExprPrinter.print(c);
                if (subs.containsKey(key) && subs.get(key) >= scope.width()) {
                    continue;
                }
                fns.add(windowFn(c, NamedWindows.resolve(c.over(), named), wb));
                subs.put(key, cols.size());
                cols.add(new Scope.Col(null, c.name(), windowType(c, wb), false, false));
            }
            node = new WindowNode(node, fns);
            scope = new Scope(cols, outer);
        }

        ExprBinder items = new ExprBinder(pc, planner, scope, subs, ungrouped, "SELECT");
        List<Eval> evals = new ArrayList<>();
        List<Scope.Col> outCols = new ArrayList<>();
        int[] itemSlots = new int[s.items().size()];
        for (int n = 0; n < itemSlots.length; n++) {
            Query.SelectItem item = s.items().get(n);
            itemSlots[n] = evals.size();
            if (item.expr() instanceof Expr.Star star) {
                expandStar(star, scope, ungrouped, evals, outCols);
                continue;
            }
            Bound b = items.bind(item.expr());
            evals.add(b.eval());
            outCols.add(Scope.Col.of(null, item.alias() != null ? item.alias() : columnName(item.expr()), b.type()));
        }
        int visible = evals.size();
        List<OrderItem> order = orderBy;
        Map<String, Integer> hidden = new HashMap<>();
        int[] distinctOnSlots = new int[s.distinctOn().size()];
        if (distinctOnSlots.length > 0) {
            order = distinctOnOrder(s.distinctOn(), orderBy, s.items(), itemSlots, visible);
            for (int i = 0; i < distinctOnSlots.length; i++) {
                distinctOnSlots[i] = slotOf(s.distinctOn().get(i), s.items(), itemSlots, visible, evals, items,
                        hidden);
            }
        }
        List<Eval> sortKeys = new ArrayList<>();
        boolean[] desc = new boolean[order.size()];
        boolean[] nullsFirst = new boolean[order.size()];
        for (int i = 0; i < order.size(); i++) {
            OrderItem o = order.get(i);
            desc[i] = o.descending();
            nullsFirst[i] = o.effectiveNullsFirst();
            if (s.distinct() && outputSlot(o.expr(), s.items(), itemSlots, visible) < 0) {
                throw new NodeDbException(SqlState.INVALID_COLUMN_REFERENCE, "for SELECT DISTINCT, ORDER BY "
                        + "expressions must appear in select list", o.expr().pos(), null);
            }
            int k = slotOf(o.expr(), s.items(), itemSlots, visible, evals, items, hidden);
            sortKeys.add((row, ctx) -> row[k]);
        }
        node = new ProjectNode(node, evals);
        if (s.distinct()) {
            node = new DistinctNode(node);
        }
        if (!order.isEmpty()) {
            node = new SortNode(node, sortKeys, desc, nullsFirst, QueryPlanner.orderText(order));
        }
        if (distinctOnSlots.length > 0) {
            node = new DistinctOnNode(node, distinctOnSlots, String.join(", ",
                    s.distinctOn().stream().map(ExprPrinter::print).toList()));
        }
        node = planner.limit(node, limit, offset);
        if (evals.size() > visible) {
            List<Eval> trim = new ArrayList<>();
            for (int i = 0; i < visible; i++) {
                int k = i;
                trim.add((row, ctx) -> row[k]);
            }
            node = new ProjectNode(node, trim);
        }
        return new PlannedQuery(node, new Scope(outCols, outer));
    }

    private PlannedQuery vectorFrom(Query.Select s, VectorSearch.Setup vs, Expr limit, Expr offset) {
        FromItem.Table t = (FromItem.Table) s.from().getFirst();
        TableInfo table = pc.table(vs.index().collection(), t.pos());
        Scope scope = QueryPlanner.tableScope(table, vs.qualifier(), outer);
        ExprBinder binder = new ExprBinder(pc, planner, scope, Map.of(), null, "WHERE");
        ExprBinder constants = new ExprBinder(pc, planner, Scope.empty(outer), Map.of(), null, "WHERE");
        return new PlannedQuery(VectorSearch.read(vs, table, s.where(), limit, offset, binder, constants), scope);
    }

    PlannedQuery from(Query.Select s) {
        return from(s, null);
    }

    /**
     * @param referenced names the statement reads columns by ({@link ReferencedColumns}), or null: a scan of a single
     *                   table leaves the other columns unread (and its rows without their key)
     */
    private PlannedQuery from(Query.Select s, java.util.Set<String> referenced) {
        if (s.from().isEmpty()) {
            PlanNode node = ValuesNode.oneEmptyRow();
            Scope scope = Scope.empty(outer);
            if (s.where() != null) {
                ExprBinder where = new ExprBinder(pc, planner, scope, Map.of(), null, "WHERE");
                node = new FilterNode(node, where.bind(s.where()).eval(), ExprPrinter.printTop(s.where()));
            }
            return new PlannedQuery(node, scope);
        }
        boolean single = s.from().size() == 1 && s.from().getFirst() instanceof FromItem.Table;
        PlannedQuery acc = single ? planner.table((FromItem.Table) s.from().getFirst(), outer, s.where(), true,
                referenced) : planner.from(s.from().getFirst(), outer, s.where(), false);
        for (int i = 1; i < s.from().size(); i++) {
            if (s.from().get(i) instanceof FromItem.Lateral l) {
                acc = LateralJoins.join(planner, pc, "CROSS", acc, l, null, l.pos());
                continue;
            }
            PlannedQuery next = planner.from(s.from().get(i), outer, null, false);
            acc = new PlannedQuery(new JoinNode("CROSS", acc.root(), next.root(), acc.scope().width(),
                    next.scope().width(), List.of(), List.of(), null, null), acc.scope().concat(next.scope()));
        }
        if (single || s.where() == null) {
            return acc;
        }
        ExprBinder where = new ExprBinder(pc, planner, acc.scope(), Map.of(), null, "WHERE");
        return new PlannedQuery(new FilterNode(acc.root(), where.bind(s.where()).eval(),
                ExprPrinter.printTop(s.where())), acc.scope());
    }

    /** The grouping sets as bit masks over the GROUP BY expressions; null for a plain GROUP BY. */
    private static List<Integer> groupingSets(Query.Select s, List<String> groupTexts, Scope scope) {
        if (s.groupingSets() == null) {
            return null;
        }
        if (groupTexts.size() > 30) {
            throw new NodeDbException(SqlState.PROGRAM_LIMIT_EXCEEDED, "grouping sets over more than 30 expressions",
                    s.pos(), null);
        }
        List<Integer> masks = new ArrayList<>();
        for (List<Expr> set : s.groupingSets()) {
            int mask = 0;
            for (Expr e : set) {
                mask |= 1 << groupTexts.indexOf(ExprPrinter.print(groupTarget(e, s.items(), scope)));
            }
            masks.add(mask);
        }
        return masks;
    }

    /** Positions among the GROUP BY expressions of a GROUPING call's arguments (42803 for anything else). */
    private static int[] groupingArgs(Expr.Call c, Query.Select s, List<String> groupTexts, Scope scope) {
        if (c.args().isEmpty() || c.args().size() > 31) {
            throw SqlErrors.syntax("GROUPING takes 1 to 31 arguments", c.pos());
        }
        int[] out = new int[c.args().size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = groupTexts.indexOf(ExprPrinter.print(groupTarget(c.args().get(i), s.items(), scope)));
            if (out[i] < 0) {
                throw SqlErrors.grouping("arguments to GROUPING must be grouping expressions of the associated query "
                        + "level", c.args().get(i).pos());
            }
        }
        return out;
    }

    /** GROUP BY 2 and GROUP BY alias refer to select items; anything else is an expression over FROM. */
    private static Expr groupTarget(Expr g, List<Query.SelectItem> items, Scope scope) {
        if (g instanceof Expr.Literal l && l.value() instanceof Value.Int i) {
            if (i.value() < 1 || i.value() > items.size()) {
                throw new NodeDbException(SqlState.INVALID_COLUMN_REFERENCE, "GROUP BY position " + i.value()
                        + " is not in select list", l.pos(), null);
            }
            return items.get((int) i.value() - 1).expr();
        }
        if (g instanceof Expr.Name n && n.parts().size() == 1) {
            boolean isColumn = scope.columns().stream().anyMatch(c -> !c.open() && c.name().equals(n.last()));
            if (!isColumn) {
                for (Query.SelectItem item : items) {
                    if (n.last().equals(item.alias())) {
                        return item.expr();
                    }
                }
            }
        }
        return g;
    }

    /** The grouped column keeps its name and table qualifier, so correlated subqueries can still refer to it. */
    private static Scope.Col groupColumn(Expr e, ValueType type, Scope from) {
        if (e instanceof Expr.Name n) {
            String qualifier = n.parts().size() >= 2 ? n.parts().getFirst() : null;
            if (qualifier == null) {
                List<Scope.Col> same = from.columns().stream().filter(c -> !c.open() && c.name().equals(n.last()))
                        .toList();
                qualifier = same.size() == 1 ? same.getFirst().qualifier() : null;
            }
            return Scope.Col.of(qualifier, n.last(), type);
        }
        return Scope.Col.of(null, "?column?", type);
    }

    /** Aggregate (or, with windows set, window) calls in an expression, not looking into subqueries. */
    private static void collect(Expr e, List<Expr.Call> out, boolean windows) {
        collect(e, out, windows ? CallKind.WINDOW : CallKind.AGGREGATE);
    }

    /** Calls that the aggregation or the window step computes, found in the expressions that use them. */
    private enum CallKind {
        AGGREGATE, WINDOW, GROUPING;

        boolean matches(Expr.Call c) {
            return switch (this) {
                case AGGREGATE -> ExprBinder.isAggregate(c);
                case WINDOW -> ExprBinder.isWindow(c);
                case GROUPING -> c.name().equals("grouping") && c.over() == null;
            };
        }
    }

    private static void collect(Expr e, List<Expr.Call> out, CallKind kind) {
        boolean windows = kind == CallKind.WINDOW;
        if (e == null) {
            return;
        }
        switch (e) {
            case Expr.Call c -> {
                if (kind.matches(c)) {
                    out.add(c);
                    if (!windows) {
                        return;
                    }
                }
                c.args().forEach(a -> collect(a, out, kind));
                if (c.filter() != null) {
                    collect(c.filter(), out, kind);
                }
            }
            case Expr.Unary u -> collect(u.operand(), out, kind);
            case Expr.Binary b -> {
                collect(b.left(), out, kind);
                collect(b.right(), out, kind);
            }
            case Expr.Case c -> {
                collect(c.operand(), out, kind);
                c.whens().forEach(w -> collect(w, out, kind));
                c.thens().forEach(t -> collect(t, out, kind));
                collect(c.otherwise(), out, kind);
            }
            case Expr.Cast c -> collect(c.operand(), out, kind);
            case Expr.InList i -> {
                collect(i.operand(), out, kind);
                i.items().forEach(x -> collect(x, out, kind));
            }
            case Expr.InQuery i -> collect(i.operand(), out, kind);
            case Expr.Quantified q -> collect(q.operand(), out, kind);
            case Expr.Between b -> {
                collect(b.operand(), out, kind);
                collect(b.low(), out, kind);
                collect(b.high(), out, kind);
            }
            case Expr.Like l -> {
                collect(l.operand(), out, kind);
                collect(l.pattern(), out, kind);
            }
            case Expr.Is i -> collect(i.operand(), out, kind);
            case Expr.IsDistinct d -> {
                collect(d.left(), out, kind);
                collect(d.right(), out, kind);
            }
            case Expr.ArrayLit a -> a.items().forEach(x -> collect(x, out, kind));
            case Expr.ObjectLit o -> o.values().forEach(x -> collect(x, out, kind));
            case Expr.Subscript s -> {
                collect(s.operand(), out, kind);
                collect(s.index(), out, kind);
            }
            default -> {
            }
        }
    }

    private AggSpec aggSpec(Expr.Call c, ExprBinder args) {
        int n = c.args().size();
        if (c.star() ? !c.name().equals("count") : n == 0) {
            throw SqlErrors.syntax(c.name() + "(" + (c.star() ? "*" : "") + ") is not valid", c.pos());
        }
        if (!c.star()) {
            int max = c.name().equals("string_agg") ? 2 : 1;
            int min = max;
            if (n < min || n > max) {
                throw new NodeDbException(SqlState.UNDEFINED_FUNCTION, "function " + c.name() + " takes " + max
                        + " argument" + (max == 1 ? "" : "s"), c.pos(), null);
            }
        }
        List<Eval> orderKeys = new ArrayList<>();
        boolean[] desc = new boolean[c.orderBy().size()];
        boolean[] nullsFirst = new boolean[desc.length];
        for (int i = 0; i < desc.length; i++) {
            orderKeys.add(args.bind(c.orderBy().get(i).expr()).eval());
            desc[i] = c.orderBy().get(i).descending();
            nullsFirst[i] = c.orderBy().get(i).effectiveNullsFirst();
        }
        return new AggSpec(c.name(), args.evals(c.args()), c.distinct(), c.star(),
                c.filter() == null ? null : args.bind(c.filter()).eval(), orderKeys, desc, nullsFirst);
    }

    private static ValueType aggType(Expr.Call c, ExprBinder args) {
        return switch (c.name()) {
            case "count" -> ValueType.BIGINT;
            case "string_agg" -> ValueType.TEXT;
            case "array_agg" -> ValueType.ARRAY;
            case "bool_and", "bool_or", "every" -> ValueType.BOOL;
            case "avg" -> widened(args.bind(c.args().getFirst()).type());
            // A BIGINT sum widens to DECIMAL instead of overflowing, so (as in PostgreSQL) it is planned as one.
            case "sum" -> widened(args.bind(c.args().getFirst()).type());
            default -> args.bind(c.args().getFirst()).type();
        };
    }

    /** The result type of SUM and AVG: DOUBLE and INTERVAL stay, integers and decimals give DECIMAL. */
    private static ValueType widened(ValueType argument) {
        return argument == ValueType.DOUBLE || argument == ValueType.INTERVAL ? argument
                : argument == null ? null : ValueType.DECIMAL;
    }

    private WindowNode.Fn windowFn(Expr.Call c, WindowSpec over, ExprBinder wb) {
        ExprBinder.checkWindowName(c);
        switch (c.name()) {
            case "row_number", "rank", "dense_rank", "percent_rank", "cume_dist" -> Calls.arity(c, 0, 0);
            case "ntile", "first_value", "last_value" -> Calls.arity(c, 1, 1);
            case "lag", "lead" -> Calls.arity(c, 1, 3);
            case "nth_value" -> Calls.arity(c, 2, 2);
            default -> {
                if (!c.star() && c.args().isEmpty()) {
                    Calls.arity(c, 1, 1); // an aggregate over a window needs its argument
                }
            }
        }
        if (over.frame() != null && !over.frame().rows()
                && (over.frame().start().kind().endsWith("ING") && over.frame().start().offset() > 0
                || over.frame().end().kind().endsWith("ING") && over.frame().end().offset() > 0)) {
            throw SqlErrors.notSupported("RANGE frames with an offset", c.pos());
        }
        List<Eval> order = new ArrayList<>();
        boolean[] desc = new boolean[over.orderBy().size()];
        boolean[] nullsFirst = new boolean[desc.length];
        for (int i = 0; i < desc.length; i++) {
            order.add(wb.bind(over.orderBy().get(i).expr()).eval());
            desc[i] = over.orderBy().get(i).descending();
            nullsFirst[i] = over.orderBy().get(i).effectiveNullsFirst();
        }
        return new WindowNode.Fn(c.name(), wb.evals(c.args()), c.star(), wb.evals(over.partitionBy()), order, desc,
                nullsFirst, over.frame());
    }

    private static ValueType windowType(Expr.Call c, ExprBinder wb) {
        return switch (c.name()) {
            case "row_number", "rank", "dense_rank", "ntile", "count" -> ValueType.BIGINT;
            case "percent_rank", "cume_dist" -> ValueType.DOUBLE;
            case "sum", "avg" -> widened(wb.bind(c.args().getFirst()).type());
            default -> c.args().isEmpty() ? null : wb.bind(c.args().getFirst()).type();
        };
    }

    private static void expandStar(Expr.Star star, Scope scope, Scope ungrouped, List<Eval> evals,
            List<Scope.Col> out) {
        if (ungrouped != null) {
            throw SqlErrors.grouping("SELECT * is not allowed with GROUP BY or aggregates", star.pos());
        }
        boolean any = false;
        for (int i = 0; i < scope.width(); i++) {
            Scope.Col c = scope.columns().get(i);
            if (c.hidden() || star.qualifier() != null && !star.qualifier().equals(c.qualifier())) {
                continue;
            }
            int k = i;
            evals.add((row, ctx) -> row[k]);
            out.add(new Scope.Col(null, c.name(), c.type(), c.open(), false, c.source()));
            any = true;
        }
        if (!any && star.qualifier() != null) {
            throw new NodeDbException(SqlState.UNDEFINED_TABLE, "missing FROM-clause entry for \""
                    + star.qualifier() + "\"", star.pos(), null);
        }
    }

    /**
     * The output column an ORDER BY item names (alias, ordinal or the same expression), or -1. {@code itemSlots}
     * maps each select item to its first output column, which differs from its position once a * expanded.
     */
    /**
     * The row slot an ORDER BY or DISTINCT ON expression reads: a select-list column it names, or a hidden column
     * appended to {@code evals} (reused when the same expression was appended before).
     */
    private static int slotOf(Expr e, List<Query.SelectItem> items, int[] itemSlots, int visible, List<Eval> evals,
            ExprBinder binder, Map<String, Integer> hidden) {
        int slot = outputSlot(e, items, itemSlots, visible);
        if (slot >= 0) {
            return slot;
        }
        return hidden.computeIfAbsent(ExprPrinter.print(e), text -> {
            evals.add(binder.bind(e).eval());
            return evals.size() - 1;
        });
    }

    /**
     * The sort a DISTINCT ON needs: ORDER BY as written when its leading expressions are the DISTINCT ON ones (in
     * any order, as PostgreSQL requires, 42P10 otherwise), or the DISTINCT ON expressions ascending when there is no
     * ORDER BY, so that rows of one key are adjacent.
     */
    private static List<OrderItem> distinctOnOrder(List<Expr> on, List<OrderItem> orderBy,
            List<Query.SelectItem> items, int[] itemSlots, int visible) {
        if (orderBy.isEmpty()) {
            return on.stream().map(e -> new OrderItem(e, false, null)).toList();
        }
        Set<String> want = new HashSet<>();
        for (Expr e : on) {
            want.add(identity(e, items, itemSlots, visible));
        }
        Set<String> leading = new HashSet<>();
        for (int i = 0; i < Math.min(on.size(), orderBy.size()); i++) {
            leading.add(identity(orderBy.get(i).expr(), items, itemSlots, visible));
        }
        if (orderBy.size() < on.size() || !leading.equals(want)) {
            throw new NodeDbException(SqlState.INVALID_COLUMN_REFERENCE, "SELECT DISTINCT ON expressions must match "
                    + "initial ORDER BY expressions", on.getFirst().pos(), null);
        }
        return orderBy;
    }

    /** What an expression reads, for comparing ORDER BY and DISTINCT ON: its output slot, or its text. */
    private static String identity(Expr e, List<Query.SelectItem> items, int[] itemSlots, int visible) {
        int slot = outputSlot(e, items, itemSlots, visible);
        return slot >= 0 ? "#" + slot : ExprPrinter.print(e);
    }

    private static int outputSlot(Expr e, List<Query.SelectItem> items, int[] itemSlots, int visible) {
        Integer ordinal = QueryPlanner.ordinal(e, visible);
        if (ordinal != null) {
            return ordinal;
        }
        if (e instanceof Expr.Name n && n.parts().size() == 1) {
            for (int i = 0; i < items.size(); i++) {
                if (n.last().equals(items.get(i).alias())) {
                    return itemSlots[i];
                }
            }
        }
        String text = ExprPrinter.print(e);
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i).expr() instanceof Expr.Star) && ExprPrinter.print(items.get(i).expr()).equals(text)) {
                return itemSlots[i];
            }
        }
        return -1;
    }

    /** PostgreSQL's default output names: the column or field name, the function name, else ?column?. */
    static String columnName(Expr e) {
        return switch (e) {
            case Expr.Name n -> n.last();
            case Expr.Call c -> c.name().startsWith("__") ? "?column?" : c.name();
            case Expr.Cast c -> c.operand() instanceof Expr.Name || c.operand() instanceof Expr.Call
                    ? columnName(c.operand()) : c.type().name().toLowerCase(java.util.Locale.ROOT);
            case Expr.Case c -> "case";
            case Expr.Exists x -> "exists";
            case Expr.ScalarQuery q -> "?column?";
            default -> "?column?";
        };
    }
}
