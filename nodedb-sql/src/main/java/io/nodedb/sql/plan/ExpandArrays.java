package io.nodedb.sql.plan;

import io.nodedb.sql.ast.Expr;
import io.nodedb.sql.ast.ExprPrinter;
import io.nodedb.sql.ast.FromItem;
import io.nodedb.sql.ast.Query;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code information_schema._pg_expandarray(arr)} in a select list, as pgjdbc's getPrimaryKeys uses it on a
 * primary key's column numbers: a set-returning function giving one {@code (x, n)} per element. Select lists have
 * no set-returning functions here, so the query is rewritten to read them from a LATERAL function in FROM, which
 * multiplies each row by the array's elements as PostgreSQL does.
 */
final class ExpandArrays {
    static final String NAME = "_pg_expandarray";
    private static final String COLUMN = "__pg_expandarray";

    private ExpandArrays() {
    }

    /** The select rewritten when its list calls _pg_expandarray on one argument, else the select itself. */
    static Query.Select rewrite(Query.Select s) {
        Expr arg = null;
        for (Query.SelectItem item : s.items()) {
            Expr.Call c = call(item.expr());
            if (c != null) {
                if (c.args().size() != 1 || arg != null && !ExprPrinter.print(arg).equals(ExprPrinter.print(
                        c.args().getFirst()))) {
                    return s; // left to the scalar form, which reports what it cannot do
                }
                arg = c.args().getFirst();
            }
        }
        if (arg == null) {
            return s;
        }
        List<Query.SelectItem> items = new ArrayList<>();
        for (Query.SelectItem item : s.items()) {
            Expr e = item.expr();
            Expr.Call c = call(e);
            if (c == null) {
                items.add(item);
                continue;
            }
            Expr column = new Expr.Name(List.of(COLUMN), c.pos());
            Expr replaced = e instanceof Expr.Binary b ? new Expr.Binary(b.op(), column, b.right(), b.pos()) : column;
            String alias = item.alias() != null ? item.alias() : e instanceof Expr.Binary b
                    && b.right() instanceof Expr.Literal l && l.value() instanceof io.nodedb.core.value.Value.Str field
                    ? field.value() : NAME;
            items.add(new Query.SelectItem(replaced, alias));
        }
        List<FromItem> from = new ArrayList<>(s.from());
        from.add(new FromItem.Lateral(new FromItem.Function(NAME, List.of(arg), COLUMN, List.of(), arg.pos()),
                arg.pos()));
        return new Query.Select(s.distinct(), items, from, s.where(), s.groupBy(), s.having(), s.pos(),
                s.groupingSets(), s.distinctOn(), s.windows());
    }

    /** The _pg_expandarray call an item is, or whose field ({@code (call).n}) it reads; else null. */
    private static Expr.Call call(Expr e) {
        if (e instanceof Expr.Binary b && b.op().equals("->") && b.left() instanceof Expr.Call c
                && c.name().equals(NAME) && c.over() == null) {
            return c;
        }
        return e instanceof Expr.Call c && c.name().equals(NAME) && c.over() == null ? c : null;
    }

}
