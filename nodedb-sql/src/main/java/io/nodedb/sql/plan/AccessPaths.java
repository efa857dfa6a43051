package io.nodedb.sql.plan;

import io.nodedb.core.catalog.IndexDef;
import io.nodedb.core.value.Value;
import io.nodedb.sql.ast.Expr;
import io.nodedb.sql.ast.ExprPrinter;
import io.nodedb.sql.exec.FilterNode;
import io.nodedb.sql.exec.IndexRangeNode;
import io.nodedb.sql.exec.IndexScanNode;
import io.nodedb.sql.exec.KeyRangeScanNode;
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
 * {@code pk IN (consts)}, else a secondary index on its leading field (equality, IN, then a range), else a full
 * scan.
 */
final class AccessPaths {
    private AccessPaths() {
    }

    /**
     * The read node with the WHERE applied; where may be null.
     *
     * @param referenced names the statement reads columns by (see {@link ReferencedColumns}), or null for any: a
     *                   full scan of a strict table then decodes only the columns named, and no row key
     */
    static PlanNode choose(TableInfo table, String qualifier, Expr where, ExprBinder binder, ExprBinder constants,
            java.util.Set<String> referenced) {
        List<Expr> conjuncts = new ArrayList<>();
        flatten(where, conjuncts);
        String pkName = table.strict() ? (table.pkIndex() >= 0 ? table.columns().get(table.pkIndex()).name() : null)
                : "id";
        PlanNode node = null;
        int used = -1;
        List<Integer> usedKeys = table.compositeKey() ? compositeKeyConjuncts(table, qualifier, conjuncts) : null;
        if (usedKeys != null) {
            node = compositeGet(table, qualifier, conjuncts, usedKeys, constants);
        }
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
        if (node == null && where != null && table.compositeKey() && !table.kv()) {
            node = keyRangeScan(table, qualifier, conjuncts, constants, wantedColumns(table, referenced));
        }
        if (node == null && where != null) {
            node = indexScan(table, qualifier, conjuncts, constants);
        }
        if (node == null) {
            node = new ScanNode(table, wantedColumns(table, referenced));
        }
        List<Expr> rest = new ArrayList<>(conjuncts);
        if (used >= 0) {
            rest.remove(used);
        }
        if (usedKeys != null) {
            List<Expr> kept = new ArrayList<>();
            for (int i = 0; i < conjuncts.size(); i++) {
                if (!usedKeys.contains(i)) {
                    kept.add(conjuncts.get(i));
                }
            }
            rest = kept;
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
     * For a primary key of several columns: per key column, in key order, the index of a conjunct pinning it with
     * {@code col = constant}; null unless every key column has one (only then is the stored id known).
     */
    private static List<Integer> compositeKeyConjuncts(TableInfo table, String qualifier, List<Expr> conjuncts) {
        List<Integer> out = new ArrayList<>();
        for (int k : table.keyIndexes()) {
            String name = table.columns().get(k).name();
            int found = -1;
            for (int i = 0; i < conjuncts.size() && found < 0; i++) {
                if (conjuncts.get(i) instanceof Expr.Binary b && b.op().equals("=")
                        && keyValues(b, name, qualifier) != null) {
                    found = i;
                }
            }
            if (found < 0) {
                return null;
            }
            out.add(found);
        }
        return out;
    }

    /**
     * A range read of the rows whose leading key columns (as many as have {@code col = constant} conjuncts, in key
     * order) equal the constants, the next key column also bounded by {@code <, <=, >, >=} or {@code BETWEEN}
     * constants when there are some; null when the first key column has neither. The conjuncts stay in the filter.
     */
    private static PlanNode keyRangeScan(TableInfo table, String qualifier, List<Expr> conjuncts,
            ExprBinder constants, boolean[] wanted) {
        List<Eval> prefix = new ArrayList<>();
        List<String> text = new ArrayList<>();
        Eval low = null;
        Eval high = null;
        for (int k : table.keyIndexes()) {
            TableInfo.Column col = table.columns().get(k);
            Expr value = null;
            for (Expr c : conjuncts) {
                List<Expr> keys = c instanceof Expr.Binary b && b.op().equals("=") ? keyValues(c, col.name(), qualifier)
                        : null;
                if (keys != null) {
                    value = keys.getFirst();
                    break;
                }
            }
            if (value != null) {
                prefix.add(keyConstant(col, value, constants, true));
                text.add(col.name() + " = " + ExprPrinter.print(value));
                continue;
            }
            Expr[] bounds = bounds(col.name(), qualifier, conjuncts);
            if (bounds[0] != null) {
                low = keyConstant(col, bounds[0], constants, false);
                text.add(col.name() + " >= " + ExprPrinter.print(bounds[0]));
            }
            if (bounds[1] != null) {
                high = keyConstant(col, bounds[1], constants, false);
                text.add(col.name() + " <= " + ExprPrinter.print(bounds[1]));
            }
            break;
        }
        return text.isEmpty() ? null
                : new KeyRangeScanNode(table, wanted, prefix, low, high, String.join(" AND ", text));
    }

    /** A constant compared with a key column, cast to its type; {@code exact}: NULL when the cast would round. */
    private static Eval keyConstant(TableInfo.Column col, Expr value, ExprBinder constants, boolean exact) {
        if (value instanceof Expr.Param p) {
            constants.planContext().noteParam(p.index(), col.type().base());
        }
        Eval raw = constants.bind(value).eval();
        return exact ? exactCast(col.type(), raw) : castTo(col.type(), raw);
    }

    /**
     * {lower, upper} constant bounds of the column from {@code <, <=, >, >=} and {@code BETWEEN} conjuncts (the
     * first of each; null when none). Strictness is left to the filter above.
     */
    private static Expr[] bounds(String column, String qualifier, List<Expr> conjuncts) {
        Expr[] out = new Expr[2];
        for (Expr c : conjuncts) {
            if (c instanceof Expr.Between bt && !bt.negated() && isColumn(bt.operand(), column, qualifier)
                    && isConstant(bt.low()) && isConstant(bt.high())) {
                out[0] = out[0] == null ? bt.low() : out[0];
                out[1] = out[1] == null ? bt.high() : out[1];
            } else if (c instanceof Expr.Binary b && List.of("<", "<=", ">", ">=").contains(b.op())) {
                boolean left = isColumn(b.left(), column, qualifier) && isConstant(b.right());
                boolean right = isColumn(b.right(), column, qualifier) && isConstant(b.left());
                if (!left && !right) {
                    continue;
                }
                // With the constant on the left the comparison reads the other way round: 5 < x is x > 5.
                boolean lower = b.op().startsWith(">") == left;
                int slot = lower ? 0 : 1;
                if (out[slot] == null) {
                    out[slot] = left ? b.right() : b.left();
                }
            }
        }
        return out;
    }

    /** A point get under a key of several columns: the constants cast to their columns' types, then encoded. */
    private static PlanNode compositeGet(TableInfo table, String qualifier, List<Expr> conjuncts,
            List<Integer> usedKeys, ExprBinder constants) {
        int[] keys = table.keyIndexes();
        List<Eval> parts = new ArrayList<>();
        List<String> text = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            TableInfo.Column col = table.columns().get(keys[i]);
            Expr value = keyValues(conjuncts.get(usedKeys.get(i)), col.name(), qualifier).getFirst();
            if (value instanceof Expr.Param p) {
                constants.planContext().noteParam(p.index(), col.type().base());
            }
            parts.add(exactCast(col.type(), constants.bind(value).eval()));
            text.add(col.name() + " = " + ExprPrinter.print(value));
        }
        Eval id = (row, ctx) -> {
            List<Value> values = new ArrayList<>(parts.size());
            for (Eval part : parts) {
                Value v = part.eval(row, ctx);
                if (v.isNull()) {
                    return Value.NULL; // a NULL equals no key
                }
                values.add(v);
            }
            return TableInfo.compositeId(values);
        };
        return new PointGetNode(table, List.of(id), String.join(" AND ", text));
    }

    /** Per column of a strict table, whether the statement reads it; null when it may read any (or the key). */
    private static boolean[] wantedColumns(TableInfo table, java.util.Set<String> referenced) {
        if (referenced == null || !table.strict() || table.kv()) {
            return null;
        }
        boolean[] wanted = new boolean[table.columns().size()];
        for (int i = 0; i < wanted.length; i++) {
            wanted[i] = !ReferencedColumns.unused(referenced, table.columns().get(i).name());
        }
        return wanted;
    }

    /**
     * A read through a secondary index on its leading field, for the first conjunct that allows one, in this order
     * of preference: {@code field = c}, {@code field IN (c1, c2, ...)}, then a range ({@code <, <=, >, >=},
     * {@code BETWEEN}; a lower and an upper bound from different conjuncts combine). Every conjunct stays in the
     * filter above. Schemaless fields have no declared type, so only text constants use their index there: the
     * index compares encodings, and a number may be stored as BIGINT in one document and DOUBLE in another.
     */
    private static PlanNode indexScan(TableInfo table, String qualifier, List<Expr> conjuncts, ExprBinder constants) {
        List<IndexDef> indexes = constants.planContext().catalog().indexesOf(table.name());
        if (indexes.isEmpty()) {
            return null;
        }
        for (Expr c : conjuncts) {
            if (c instanceof Expr.Binary b && b.op().equals("=")) {
                Expr[] fv = fieldAndValue(b.left(), b.right());
                IndexDef index = fv == null ? null : leadingIndex(indexes, path(fv[0], qualifier));
                Eval key = index == null ? null : key(table, index, fv[1], constants);
                if (key != null) {
                    return new IndexScanNode(table, index.name(), List.of(key),
                            index.fields().getFirst() + " = " + ExprPrinter.print(fv[1]));
                }
            }
        }
        for (Expr c : conjuncts) {
            if (c instanceof Expr.InList in && !in.negated() && in.operand() instanceof Expr.Name n) {
                IndexDef index = leadingIndex(indexes, path(n, qualifier));
                List<Eval> keys = new ArrayList<>();
                for (Expr item : in.items()) {
                    Eval key = index == null || !isConstant(item) ? null : key(table, index, item, constants);
                    if (key == null) {
                        keys = null;
                        break;
                    }
                    keys.add(key);
                }
                if (keys != null) {
                    return new IndexScanNode(table, index.name(), keys, index.fields().getFirst() + " IN ("
                            + String.join(", ", in.items().stream().map(ExprPrinter::print).toList()) + ")");
                }
            }
        }
        // Key-value indexes answer equality only (the engine's KvIndex is a hash).
        return table.kv() ? null : indexRange(table, qualifier, conjuncts, indexes, constants);
    }

    private static PlanNode indexRange(TableInfo table, String qualifier, List<Expr> conjuncts,
            List<IndexDef> indexes, ExprBinder constants) {
        IndexDef chosen = null;
        Expr low = null;
        Expr high = null;
        boolean lowInclusive = false;
        boolean highInclusive = false;
        for (Expr c : conjuncts) {
            Expr field;
            Expr lo = null;
            Expr hi = null;
            boolean loInc = false;
            boolean hiInc = false;
            if (c instanceof Expr.Between bt && !bt.negated() && isConstant(bt.low()) && isConstant(bt.high())) {
                field = bt.operand();
                lo = bt.low();
                hi = bt.high();
                loInc = true;
                hiInc = true;
            } else if (c instanceof Expr.Binary b && List.of("<", "<=", ">", ">=").contains(b.op())) {
                Expr[] fv = fieldAndValue(b.left(), b.right());
                if (fv == null) {
                    continue;
                }
                field = fv[0];
                // With the constant on the left the comparison reads the other way round: 5 < x is x > 5.
                String op = fv[0] == b.left() ? b.op() : switch (b.op()) {
                    case "<" -> ">";
                    case "<=" -> ">=";
                    case ">" -> "<";
                    default -> "<=";
                };
                if (op.startsWith(">")) {
                    lo = fv[1];
                    loInc = op.equals(">=");
                } else {
                    hi = fv[1];
                    hiInc = op.equals("<=");
                }
            } else {
                continue;
            }
            if (!(field instanceof Expr.Name n)) {
                continue;
            }
            IndexDef index = leadingIndex(indexes, path(n, qualifier));
            if (index == null || chosen != null && chosen != index
                    || lo != null && key(table, index, lo, constants) == null
                    || hi != null && key(table, index, hi, constants) == null) {
                continue;
            }
            chosen = index;
            if (lo != null && low == null) {
                low = lo;
                lowInclusive = loInc;
            }
            if (hi != null && high == null) {
                high = hi;
                highInclusive = hiInc;
            }
        }
        if (chosen == null) {
            return null;
        }
        String f = chosen.fields().getFirst();
        String text = (low == null ? "" : f + (lowInclusive ? " >= " : " > ") + ExprPrinter.print(low))
                + (low != null && high != null ? " AND " : "")
                + (high == null ? "" : f + (highInclusive ? " <= " : " < ") + ExprPrinter.print(high));
        // The index reads both bounds inclusively: a bound cast to the column's type may have moved (0.5 becomes
        // 0 or 1 for a BIGINT column), and an inclusive bound still covers every row the filter above will keep.
        return new IndexRangeNode(table, chosen.name(), low == null ? null : key(table, chosen, low, constants),
                high == null ? null : key(table, chosen, high, constants), text);
    }

    /** {name, constant} from the two sides of a comparison in either order, else null. */
    private static Expr[] fieldAndValue(Expr a, Expr b) {
        if (a instanceof Expr.Name && isConstant(b)) {
            return new Expr[] {a, b};
        }
        if (b instanceof Expr.Name && isConstant(a)) {
            return new Expr[] {b, a};
        }
        return null;
    }

    private static String path(Expr.Name n, String qualifier) {
        List<String> parts = n.parts().size() > 1 && n.parts().getFirst().equals(qualifier)
                ? n.parts().subList(1, n.parts().size()) : n.parts();
        return String.join(".", parts);
    }

    private static String path(Expr e, String qualifier) {
        return e instanceof Expr.Name n ? path(n, qualifier) : null;
    }

    private static IndexDef leadingIndex(List<IndexDef> indexes, String path) {
        for (IndexDef index : indexes) {
            if (index.fields().getFirst().equals(path)) {
                return index;
            }
        }
        return null;
    }

    /**
     * The index key for a constant compared with the index's leading field: cast to the column's type on a strict
     * collection; on a schemaless one only a text literal qualifies (null otherwise).
     */
    private static Eval key(TableInfo table, IndexDef index, Expr value, ExprBinder constants) {
        String path = index.fields().getFirst();
        if (!table.strict()) {
            return value instanceof Expr.Literal l && l.value() instanceof Value.Str ? constants.bind(value).eval()
                    : null;
        }
        int col = table.columnIndex(path);
        if (col < 0) {
            return null;
        }
        var type = table.columns().get(col).type();
        if (value instanceof Expr.Param p) {
            constants.planContext().noteParam(p.index(), type.base());
        }
        return castTo(type, constants.bind(value).eval());
    }

    private static Eval keyEval(TableInfo table, Eval raw) {
        return table.strict() ? castTo(table.columns().get(table.pkIndex()).type(), raw) : raw;
    }

    /**
     * A constant compared with a key column, cast to the column's type, or NULL (no key) when the cast would round:
     * {@code a = 1.5} must match no BIGINT key rather than the key 2.
     */
    private static Eval exactCast(io.nodedb.sql.ast.TypeName type, Eval raw) {
        return (row, ctx) -> {
            Value v = raw.eval(row, ctx);
            boolean fractional = switch (v) {
                case Value.Float f -> f.value() != Math.rint(f.value());
                case Value.Decimal d -> d.value().stripTrailingZeros().scale() > 0;
                default -> false;
            };
            return v.isNull() || fractional ? Value.NULL : Casts.cast(v, type, ctx.zone());
        };
    }

    /** A key compared with a strict column, cast to the column's type (the index and the key hold that type). */
    private static Eval castTo(io.nodedb.sql.ast.TypeName type, Eval raw) {
        return (row, ctx) -> {
            Value v = raw.eval(row, ctx);
            return v.isNull() ? v : Casts.cast(v, type, ctx.zone());
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
