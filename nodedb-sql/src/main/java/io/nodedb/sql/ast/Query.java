package io.nodedb.sql.ast;

import java.util.List;

/** A query expression: SELECT, VALUES, set operations, with its WITH clause, ORDER BY and LIMIT. */
public sealed interface Query {
    record With(boolean recursive, List<Cte> ctes, Query body) implements Query {
        public With {
            ctes = List.copyOf(ctes);
        }
    }

    record Cte(String name, List<String> columns, Query query, int pos) {
        public Cte {
            columns = List.copyOf(columns);
        }
    }

    /**
     * A SELECT. {@code groupBy} lists every grouping expression once; {@code groupingSets} is null for a plain
     * GROUP BY, else the sets of GROUPING SETS / ROLLUP / CUBE, each a list of expressions from {@code groupBy}.
     * {@code distinctOn} holds the expressions of {@code DISTINCT ON (...)} (empty without it; {@code distinct} is
     * then false).
     */
    /** {@code windows}: the WINDOW clause's definitions, in the order written. */
    record Select(boolean distinct, List<SelectItem> items, List<FromItem> from, Expr where, List<Expr> groupBy,
            Expr having, int pos, List<List<Expr>> groupingSets, List<Expr> distinctOn,
            List<WindowSpec.Named> windows) implements Query {
        public Select {
            items = List.copyOf(items);
            from = List.copyOf(from);
            groupBy = List.copyOf(groupBy);
            groupingSets = groupingSets == null ? null : groupingSets.stream().map(List::copyOf).toList();
            distinctOn = distinctOn == null ? List.of() : List.copyOf(distinctOn);
            windows = windows == null ? List.of() : List.copyOf(windows);
        }

        public Select(boolean distinct, List<SelectItem> items, List<FromItem> from, Expr where, List<Expr> groupBy,
                Expr having, int pos, List<List<Expr>> groupingSets, List<Expr> distinctOn) {
            this(distinct, items, from, where, groupBy, having, pos, groupingSets, distinctOn, null);
        }

        public Select(boolean distinct, List<SelectItem> items, List<FromItem> from, Expr where, List<Expr> groupBy,
                Expr having, int pos) {
            this(distinct, items, from, where, groupBy, having, pos, null, null);
        }

        /** The same SELECT with another select list and WHERE (the vector planner's rewrites). */
        public Select with(List<SelectItem> newItems, Expr newWhere) {
            return new Select(distinct, newItems, from, newWhere, groupBy, having, pos, groupingSets, distinctOn);
        }
    }

    record Values(List<List<Expr>> rows, int pos) implements Query {
        public Values {
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    /** op is UNION, INTERSECT or EXCEPT. */
    record SetOp(String op, boolean all, Query left, Query right, int pos) implements Query {
    }

    /** ORDER BY / LIMIT / OFFSET around a query; limit and offset are expressions (literals or params). */
    record Ordered(Query body, List<OrderItem> orderBy, Expr limit, Expr offset) implements Query {
        public Ordered {
            orderBy = List.copyOf(orderBy);
        }
    }

    /**
     * {@code SEARCH collection USING VECTOR([field,] query, k) [WHERE filter]}: the k rows nearest to the query
     * with a {@code distance} column, or only their ids inside {@code id IN (SEARCH ...)}. A null field means the
     * collection's only vector index.
     */
    record Search(String collection, String field, Expr query, Expr k, Expr where, int pos) implements Query {
    }

    record SelectItem(Expr expr, String alias) {
    }
}
