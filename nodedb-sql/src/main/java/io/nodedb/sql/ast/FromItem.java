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

    /** kind is INNER, LEFT, RIGHT, FULL or CROSS; condition null for CROSS; using non-empty for USING (...). */
    record Join(String kind, FromItem left, FromItem right, Expr condition, List<String> using, int pos)
            implements FromItem {
        public Join {
            using = List.copyOf(using);
        }
    }
}
