package io.nodedb.sql.plan;

import io.nodedb.core.catalog.IndexDef;
import io.nodedb.core.value.Value;
import io.nodedb.sql.ast.Expr;
import io.nodedb.sql.ast.ExprPrinter;
import io.nodedb.sql.exec.FilterNode;
import io.nodedb.sql.exec.IndexScanNode;
import io.nodedb.sql.exec.PlanNode;
import io.nodedb.sql.exec.PointGetNode;
import io.nodedb.sql.exec.ScanNode;
import io.nodedb.sql.expr.Casts;
import io.nodedb.sql.expr.Eval;
import io.nodedb.sql.storage.TableInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * Chooses how to read one collection given its WHERE clause: a primary-key point get for {@code pk = const} or
 * {@code pk IN (consts)}, else an index scan for {@code field = const} on the leading field of a secondary index,
 * else a full scan.
 */
final class AccessPaths {
    private AccessPaths() {
    }

    /** The read node with the WHERE applied; where may be null. */
    static PlanNode choose(TableInfo table, String qualifier, Expr where, ExprBinder binder, ExprBinder constants) {
        List<Expr> conjuncts = new ArrayList<>();
        flatten(where, conjuncts);
        String pkName = table.strict() ? (table.pkIndex() >= 0 ? table.columns().get(table.pkIndex()).name() : null)
                : "id";
        PlanNode node = null;
        int used = -1;
        if (pkName != null) {
            for (int i = 0; i < conjuncts.size() && node == null; i++) {
                List<Expr> keys = keyValues(conjuncts.get(i), pkName, qualifier);
                if (keys != null) {
                    List<Eval> evals = new ArrayList<>();
                    for (Expr k : keys) {
                        evals.add(keyEval(table, constants.bind(k).eval()));
                        if (k instanceof Expr.Param p && table.strict()) {
                            constants.planContext().noteParam(p.index(),
                                    table.columns().get(table.pkIndex()).type().base());
                        }
                    }
                    String text = keys.size() == 1 ? pkName + " = " + ExprPrinter.print(keys.getFirst())
                            : pkName + " IN (" + String.join(", ", keys.stream().map(ExprPrinter::print).toList()) + ")";
                    node = new PointGetNode(table, evals, text);
                    used = i;
                }
            }
        }
        if (node == null && where != null) {
            node = indexScan(table, qualifier, conjuncts, constants);
        }
        if (node == null) {
            node = new ScanNode(table);
        }
        List<Expr> rest = new ArrayList<>(conjuncts);
        if (used >= 0) {
            rest.remove(used);
        }
        if (rest.isEmpty()) {
            return node;
        }
        Expr residual = rest.getFirst();
        for (int i = 1; i < rest.size(); i++) {
            residual = new Expr.Binary("AND", residual, rest.get(i), rest.get(i).pos());
        }
        return new FilterNode(node, binder.bind(residual).eval(), ExprPrinter.printTop(residual));
    }

    /**
     * An index scan for the first conjunct {@code field = constant} on an index's leading field; the conjunct stays
     * in the filter. Schemaless fields have no declared type, so only text constants use their index there: the
     * index compares encodings, and a number may be stored as BIGINT in one document and DOUBLE in another.
     */
    private static PlanNode indexScan(TableInfo table, String qualifier, List<Expr> conjuncts, ExprBinder constants) {
        List<IndexDef> indexes = constants.planContext().catalog().indexesOf(table.name());
        if (indexes.isEmpty()) {
            return null;
        }
        for (Expr c : conjuncts) {
            if (!(c instanceof Expr.Binary b) || !b.op().equals("=")) {
                continue;
            }
            Expr field = b.left();
            Expr value = b.right();
            if (!(field instanceof Expr.Name)) {
                field = b.right();
                value = b.left();
            }
            if (!(field instanceof Expr.Name n) || !isConstant(value)) {
                continue;
            }
            List<String> parts = n.parts().size() > 1 && n.parts().getFirst().equals(qualifier)
                    ? n.parts().subList(1, n.parts().size()) : n.parts();
            String path = String.join(".", parts);
            for (IndexDef index : indexes) {
                if (!index.fields().getFirst().equals(path)) {
                    continue;
                }
                Eval key = constants.bind(value).eval();
                if (table.strict()) {
                    int col = table.columnIndex(path);
                    if (col < 0) {
                        continue;
                    }
                    var type = table.columns().get(col).type();
                    Eval raw = key;
                    key = (row, ctx) -> {
                        Value v = raw.eval(row, ctx);
                        return v.isNull() ? v : Casts.cast(v, type);
                    };
                } else if (!(value instanceof Expr.Literal l && l.value() instanceof Value.Str)) {
                    continue;
                }
                return new IndexScanNode(table, index.name(), List.of(key), path + " = " + ExprPrinter.print(value));
            }
        }
        return null;
    }

    private static Eval keyEval(TableInfo table, Eval raw) {
        if (!table.strict()) {
            return raw;
        }
        var type = table.columns().get(table.pkIndex()).type();
        return (row, ctx) -> {
            Value v = raw.eval(row, ctx);
            return v.isNull() ? v : Casts.cast(v, type);
        };
    }

    static void flatten(Expr e, List<Expr> out) {
        if (e == null) {
            return;
        }
        if (e instanceof Expr.Binary b && b.op().equals("AND")) {
            flatten(b.left(), out);
            flatten(b.right(), out);
        } else {
            out.add(e);
        }
    }

    /** The key expressions if the conjunct pins the primary key to constants, else null. */
    private static List<Expr> keyValues(Expr e, String pk, String qualifier) {
        if (e instanceof Expr.Binary b && b.op().equals("=")) {
            if (isColumn(b.left(), pk, qualifier) && isConstant(b.right())) {
                return List.of(b.right());
            }
            if (isColumn(b.right(), pk, qualifier) && isConstant(b.left())) {
                return List.of(b.left());
            }
        }
        if (e instanceof Expr.InList in && !in.negated() && isColumn(in.operand(), pk, qualifier)
                && in.items().stream().allMatch(AccessPaths::isConstant)) {
            return in.items();
        }
        return null;
    }

    private static boolean isColumn(Expr e, String name, String qualifier) {
        return e instanceof Expr.Name n && (n.parts().equals(List.of(name))
                || n.parts().equals(List.of(qualifier, name)));
    }

    static boolean isConstant(Expr e) {
        return switch (e) {
            case Expr.Literal l -> true;
            case Expr.Param p -> true;
            case Expr.Cast c -> isConstant(c.operand());
            case Expr.Unary u -> isConstant(u.operand());
            default -> false;
        };
    }
}
