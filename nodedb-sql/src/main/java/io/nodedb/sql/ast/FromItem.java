package io.nodedb.sql.ast;

import java.util.List;

/** A FROM clause item. */
public sealed interface FromItem {
    int pos();

    record Table(String name, String alias, int pos) implements FromItem {
    }

    record Derived(Query query, String alias, List<String> columns, int pos) implements FromItem {
        public Derived {
            columns = List.copyOf(columns);
        }
    }

    /**
     * A set-returning function in FROM ({@code generate_series(1, 3) s}, {@code unnest(arr) x}): one column,
     * named by the column list, else the alias, else the function.
     */
    record Function(String name, List<Expr> args, String alias, List<String> columns, int pos) implements FromItem {
        public Function {
            args = List.copyOf(args);
            columns = List.copyOf(columns);
        }
    }

    /**
     * {@code LATERAL (query) alias} or {@code LATERAL function(...)}: {@code item} (a {@link Derived} or a
     * {@link Function}) may refer to the columns of the FROM items before it, and is evaluated once per their row.
     */
    record Lateral(FromItem item, int pos) implements FromItem {
    }

    /** kind is INNER, LEFT, RIGHT, FULL or CROSS; condition null for CROSS; using non-empty for USING (...). */
    /** A join; {@code natural} joins on the columns both sides share by name (an empty USING list until planned). */
    record Join(String kind, FromItem left, FromItem right, Expr condition, List<String> using, int pos,
            boolean natural) implements FromItem {
        public Join {
            using = List.copyOf(using);
        }

        public Join(String kind, FromItem left, FromItem right, Expr condition, List<String> using, int pos) {
            this(kind, left, right, condition, using, pos, false);
        }
    }
}
