package io.nodedb.sql.parser;

import io.nodedb.sql.SqlErrors;
import io.nodedb.sql.ast.Expr;
import io.nodedb.sql.ast.FromItem;
import io.nodedb.sql.ast.OrderItem;
import io.nodedb.sql.ast.Query;
import io.nodedb.sql.ast.WindowSpec;
import io.nodedb.sql.lexer.Token;

import java.util.ArrayList;
import java.util.List;

/** SELECT, VALUES, WITH and set operations. */
final class QueryParser {
    private final TokenStream ts;
    private final ExprParser exprs;
    private final VectorStatements vectors;

    QueryParser(TokenStream ts, ExprParser exprs) {
        this.ts = ts;
        this.exprs = exprs;
        this.vectors = new VectorStatements(ts, exprs);
    }

    Query query() {
        if (ts.at("WITH")) {
            ts.next();
            boolean recursive = ts.accept("RECURSIVE");
            List<Query.Cte> ctes = new ArrayList<>();
            do {
                int pos = ts.peek().pos();
                String name = ts.identifier("a CTE name");
                List<String> columns = ts.atSymbol("(") ? nameList() : List.of();
                ts.expect("AS");
                ts.expectSymbol("(");
                Query q = query();
                ts.expectSymbol(")");
                ctes.add(new Query.Cte(name, columns, q, pos));
            } while (ts.acceptSymbol(","));
            return new Query.With(recursive, ctes, query());
        }
        Query body = setOps();
        List<OrderItem> orderBy = List.of();
        Expr limit = null;
        Expr offset = null;
        if (ts.accept("ORDER", "BY")) {
            orderBy = exprs.orderItems();
        }
        while (true) {
            if (limit == null && ts.accept("LIMIT")) {
                limit = ts.accept("ALL") ? null : exprs.parse();
            } else if (offset == null && ts.accept("OFFSET")) {
                offset = exprs.parse();
                if (!ts.accept("ROWS")) {
                    ts.accept("ROW");
                }
            } else if (limit == null && ts.accept("FETCH")) {
                if (!ts.accept("FIRST")) {
                    ts.expect("NEXT");
                }
                limit = ts.at("ROW") || ts.at("ROWS") ? new Expr.Literal(new io.nodedb.core.value.Value.Int(1),
                        ts.peek().pos()) : exprs.parse();
                if (!ts.accept("ROWS")) {
                    ts.expect("ROW");
                }
                ts.expect("ONLY");
            } else {
                break;
            }
        }
        if (orderBy.isEmpty() && limit == null && offset == null) {
            return body;
        }
        return new Query.Ordered(body, orderBy, limit, offset);
    }

    List<String> nameList() {
        ts.expectSymbol("(");
        List<String> names = new ArrayList<>();
        do {
            names.add(ts.identifier("a column name"));
        } while (ts.acceptSymbol(","));
        ts.expectSymbol(")");
        return names;
    }

    private Query setOps() {
        Query left = intersects();
        while (ts.at("UNION") || ts.at("EXCEPT")) {
            Token op = ts.next();
            boolean all = ts.accept("ALL");
            if (!all) {
                ts.accept("DISTINCT");
            }
            left = new Query.SetOp(op.upper(), all, left, intersects(), op.pos());
        }
        return left;
    }

    private Query intersects() {
        Query left = primaryQuery();
        while (ts.at("INTERSECT")) {
            Token op = ts.next();
            boolean all = ts.accept("ALL");
            if (!all) {
                ts.accept("DISTINCT");
            }
            left = new Query.SetOp("INTERSECT", all, left, primaryQuery(), op.pos());
        }
        return left;
    }

    private Query primaryQuery() {
        if (ts.atSymbol("(")) {
            ts.next();
            Query q = query();
            ts.expectSymbol(")");
            return q;
        }
        if (ts.at("VALUES")) {
            int pos = ts.next().pos();
            return new Query.Values(valueRows(), pos);
        }
        if (ts.at("SEARCH")) {
            return vectors.search();
        }
        if (!ts.at("SELECT")) {
            throw ts.error("SELECT, VALUES or WITH");
        }
        return select();
    }

    List<List<Expr>> valueRows() {
        List<List<Expr>> rows = new ArrayList<>();
        do {
            ts.expectSymbol("(");
            rows.add(exprs.list());
            ts.expectSymbol(")");
        } while (ts.acceptSymbol(","));
        return rows;
    }

    private Query select() {
        int pos = ts.expect("SELECT").pos();
        boolean distinct = false;
        List<Expr> distinctOn = null;
        if (ts.accept("DISTINCT")) {
            if (ts.accept("ON")) {
                ts.expectSymbol("(");
                distinctOn = new ArrayList<>();
                do {
                    distinctOn.add(exprs.parse());
                } while (ts.acceptSymbol(","));
                ts.expectSymbol(")");
            } else {
                distinct = true;
            }
        } else {
            ts.accept("ALL");
        }
        List<Query.SelectItem> items = selectItems();
        List<FromItem> from = ts.accept("FROM") ? fromList() : List.of();
        Expr where = ts.accept("WHERE") ? exprs.parse() : null;
        List<Expr> groupBy = List.of();
        List<List<Expr>> sets = null;
        if (ts.accept("GROUP", "BY")) {
            List<List<List<Expr>>> elements = new ArrayList<>();
            boolean plain = true;
            do {
                List<List<Expr>> element = groupingElement();
                plain &= element == null;
                elements.add(element == null ? List.of(List.of(exprs.parse())) : element);
            } while (ts.acceptSymbol(","));
            groupBy = distinctExprs(elements);
            sets = plain ? null : crossProduct(elements);
        }
        Expr having = ts.accept("HAVING") ? exprs.parse() : null;
        List<WindowSpec.Named> windows = new ArrayList<>();
        if (ts.accept("WINDOW")) {
            do {
                int at = ts.peek().pos();
                String name = ts.identifier("a window name");
                ts.expect("AS");
                windows.add(new WindowSpec.Named(name, exprs.windowSpec(), at));
            } while (ts.acceptSymbol(","));
        }
        return new Query.Select(distinct, items, from, where, groupBy, having, pos, sets, distinctOn, windows);
    }

    /**
     * The grouping sets of {@code ROLLUP (a, b)} ({a,b}, {a}, {}), {@code CUBE (a, b)} (every subset) or
     * {@code GROUPING SETS ((a, b), a, ())}; null at a plain expression.
     */
    private List<List<Expr>> groupingElement() {
        boolean rollup = ts.at("ROLLUP") && ts.peek(1).isSymbol("(");
        boolean cube = ts.at("CUBE") && ts.peek(1).isSymbol("(");
        if (rollup || cube) {
            ts.next();
            ts.expectSymbol("(");
            List<Expr> list = exprs.list();
            ts.expectSymbol(")");
            List<List<Expr>> sets = new ArrayList<>();
            if (rollup) {
                for (int n = list.size(); n >= 0; n--) {
                    sets.add(list.subList(0, n));
                }
            } else {
                if (list.size() > 12) {
                    throw new io.nodedb.core.error.NodeDbException(io.nodedb.core.error.SqlState.STATEMENT_TOO_COMPLEX,
                            "CUBE is limited to 12 elements", list.get(12).pos(), null);
                }
                for (int mask = (1 << list.size()) - 1; mask >= 0; mask--) {
                    List<Expr> set = new ArrayList<>();
                    for (int i = 0; i < list.size(); i++) {
                        if ((mask & (1 << (list.size() - 1 - i))) != 0) {
                            set.add(list.get(i));
                        }
                    }
                    sets.add(set);
                }
            }
            return sets;
        }
        if (ts.accept("GROUPING", "SETS")) {
            ts.expectSymbol("(");
            List<List<Expr>> sets = new ArrayList<>();
            do {
                if (ts.acceptSymbol("(")) {
                    sets.add(ts.atSymbol(")") ? List.of() : exprs.list());
                    ts.expectSymbol(")");
                } else {
                    sets.add(List.of(exprs.parse()));
                }
            } while (ts.acceptSymbol(","));
            ts.expectSymbol(")");
            return sets;
        }
        return null;
    }

    /** Each combination of one set from every element, concatenated (how PostgreSQL combines grouping elements). */
    private static List<List<Expr>> crossProduct(List<List<List<Expr>>> elements) {
        List<List<Expr>> out = List.of(List.of());
        for (List<List<Expr>> element : elements) {
            List<List<Expr>> next = new ArrayList<>();
            for (List<Expr> prefix : out) {
                for (List<Expr> set : element) {
                    List<Expr> both = new ArrayList<>(prefix);
                    both.addAll(set);
                    next.add(both);
                }
            }
            out = next;
        }
        return out;
    }

    private static List<Expr> distinctExprs(List<List<List<Expr>>> elements) {
        List<Expr> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (List<List<Expr>> element : elements) {
            for (List<Expr> set : element) {
                for (Expr e : set) {
                    if (seen.add(io.nodedb.sql.ast.ExprPrinter.print(e))) {
                        out.add(e);
                    }
                }
            }
        }
        return out;
    }

    List<Query.SelectItem> selectItems() {
        List<Query.SelectItem> items = new ArrayList<>();
        do {
            Expr e = exprs.parse();
            String alias = null;
            if (ts.accept("AS")) {
                alias = ts.anyName("an alias");
            } else if (ts.atIdentifier()) {
                alias = ts.identifier("an alias");
            }
            items.add(new Query.SelectItem(e, alias));
        } while (ts.acceptSymbol(","));
        return items;
    }

    /** {@code item [, item ...]}, each with its joins. */
    List<FromItem> fromList() {
        List<FromItem> from = new ArrayList<>();
        do {
            from.add(joinedItem());
        } while (ts.acceptSymbol(","));
        return from;
    }

    private FromItem joinedItem() {
        FromItem left = fromPrimary();
        while (true) {
            int pos = ts.peek().pos();
            String kind;
            boolean natural = ts.accept("NATURAL");
            if (!natural && ts.accept("CROSS", "JOIN")) {
                left = new FromItem.Join("CROSS", left, fromPrimary(), null, List.of(), pos);
                continue;
            } else if (ts.accept("JOIN") || ts.accept("INNER", "JOIN")) {
                kind = "INNER";
            } else if (ts.accept("LEFT", "JOIN") || ts.accept("LEFT", "OUTER", "JOIN")) {
                kind = "LEFT";
            } else if (ts.accept("RIGHT", "JOIN") || ts.accept("RIGHT", "OUTER", "JOIN")) {
                kind = "RIGHT";
            } else if (ts.accept("FULL", "JOIN") || ts.accept("FULL", "OUTER", "JOIN")) {
                kind = "FULL";
            } else if (natural) {
                throw ts.error("JOIN");
            } else {
                return left;
            }
            FromItem right = fromPrimary();
            if (natural) {
                left = new FromItem.Join(kind, left, right, null, List.of(), pos, true);
            } else if (ts.accept("USING")) {
                left = new FromItem.Join(kind, left, right, null, nameList(), pos);
            } else {
                ts.expect("ON");
                left = new FromItem.Join(kind, left, right, exprs.parse(), List.of(), pos);
            }
        }
    }

    private FromItem fromPrimary() {
        int pos = ts.peek().pos();
        if (ts.accept("LATERAL")) {
            boolean subquery = ts.atSymbol("(") && (ts.peek(1).is("SELECT") || ts.peek(1).is("WITH")
                    || ts.peek(1).is("VALUES") || ts.peek(1).is("SEARCH"));
            boolean function = ts.atIdentifier() && (ts.peek(1).isSymbol("(") || ts.peek(1).isSymbol("."));
            if (!subquery && !function) {
                throw ts.error("a subquery or a function call after LATERAL");
            }
            FromItem item = fromPrimary();
            if (!(item instanceof FromItem.Derived) && !(item instanceof FromItem.Function)) {
                throw SqlErrors.syntax("LATERAL needs a subquery or a function call", pos);
            }
            return new FromItem.Lateral(item, pos);
        }
        if (ts.atSymbol("(")) {
            ts.next();
            if (ts.at("SELECT") || ts.at("WITH") || ts.at("VALUES") || ts.at("SEARCH")) {
                Query q = query();
                ts.expectSymbol(")");
                ts.accept("AS");
                String alias = ts.identifier("an alias for the subquery");
                List<String> columns = ts.atSymbol("(") ? nameList() : List.of();
                return new FromItem.Derived(q, alias, columns, pos);
            }
            FromItem inner = joinedItem();
            ts.expectSymbol(")");
            return inner;
        }
        String name = ts.identifier("a collection name");
        if (ts.atSymbol(".") && (ts.peek(1).kind() == io.nodedb.sql.lexer.TokenKind.WORD
                || ts.peek(1).kind() == io.nodedb.sql.lexer.TokenKind.QUOTED)) {
            // schema.name: the planner resolves pg_catalog, information_schema and public (see QueryPlanner).
            ts.next();
            name = name + "." + ts.anyName("a collection name");
        }
        if (ts.atSymbol("(")) {
            ts.next();
            List<Expr> args = ts.atSymbol(")") ? List.of() : exprs.list();
            ts.expectSymbol(")");
            String alias = null;
            if (ts.accept("AS") || ts.atIdentifier()) {
                alias = ts.identifier("an alias");
            }
            List<String> columns = alias != null && ts.atSymbol("(") ? nameList() : List.of();
            String fn = name.startsWith("pg_catalog.") ? name.substring("pg_catalog.".length()) : name;
            return new FromItem.Function(fn, args, alias, columns, pos);
        }
        String alias = null;
        if (ts.accept("AS")) {
            alias = ts.identifier("an alias");
        } else if (ts.atIdentifier()) {
            alias = ts.identifier("an alias");
        }
        return new FromItem.Table(name, alias, pos);
    }
}
