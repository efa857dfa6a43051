package io.nodedb.sql.plan;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueType;
import io.nodedb.core.vector.IndexDefinition;
import io.nodedb.core.vector.Metric;
import io.nodedb.sql.SqlErrors;
import io.nodedb.sql.ast.Expr;
import io.nodedb.sql.ast.ExprPrinter;
import io.nodedb.sql.exec.Accumulator;
import io.nodedb.sql.exec.WindowNode;
import io.nodedb.sql.expr.Arith;
import io.nodedb.sql.expr.Casts;
import io.nodedb.sql.expr.DateTimeArith;
import io.nodedb.sql.expr.Eval;
import io.nodedb.sql.expr.Functions;
import io.nodedb.sql.expr.Operators;
import io.nodedb.sql.expr.SqlValues;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Resolves names against a {@link Scope} and compiles expressions into {@link Eval} trees. After GROUP BY, the
 * substitutions map grouped expressions, aggregates and window calls (by their canonical text) to the columns
 * that hold their values.
 */
public final class ExprBinder {
    private final PlanContext pc;
    private final QueryPlanner planner;
    private final Scope scope;
    private final Map<String, Integer> substitutions;
    private final Scope ungrouped;
    private final String clause;

    public ExprBinder(PlanContext pc, QueryPlanner planner, Scope scope, Map<String, Integer> substitutions,
            Scope ungrouped, String clause) {
        this.pc = pc;
        this.planner = planner;
        this.scope = scope;
        this.substitutions = substitutions;
        this.ungrouped = ungrouped;
        this.clause = clause;
    }

    public Scope scope() {
        return scope;
    }

    public Bound bind(Expr e) {
        if (!substitutions.isEmpty() && !(e instanceof Expr.Literal) && !(e instanceof Expr.Param)) {
            Integer slot = substitutions.get(ExprPrinter.print(e));
            if (slot != null) {
                int s = slot;
                return new Bound((row, ctx) -> row[s], scope.columns().get(s).type());
            }
        }
        return switch (e) {
            case Expr.Literal l -> literal(l.value());
            case Expr.Param p -> {
                pc.noteParam(p.index(), null);
                int index = p.index();
                yield new Bound((row, ctx) -> ctx.param(index), null);
            }
            case Expr.Name n -> name(n);
            case Expr.Star s -> throw SqlErrors.syntax("\"*\" is not allowed here", s.pos());
            case Expr.Unary u -> unary(u);
            case Expr.Binary b -> binary(b);
            case Expr.Call c -> Calls.bind(this, c);
            case Expr.Case c -> caseExpr(c);
            case Expr.Cast c -> cast(c);
            case Expr.InList i -> inList(i);
            case Expr.InQuery i -> Subqueries.in(this, i);
            case Expr.Exists x -> Subqueries.exists(this, x);
            case Expr.ScalarQuery q -> Subqueries.scalar(this, q);
            case Expr.Quantified q -> Subqueries.quantified(this, q);
            case Expr.Between b -> between(b);
            case Expr.Like l -> Like.bind(this, l);
            case Expr.Is i -> is(i);
            case Expr.IsDistinct d -> {
                Eval l = bind(d.left()).eval();
                Eval r = bind(d.right()).eval();
                boolean neg = d.negated();
                yield new Bound((row, ctx) -> Value.Bool.of(SqlValues.notDistinct(l.eval(row, ctx), r.eval(row, ctx))
                        == neg), ValueType.BOOL);
            }
            case Expr.ArrayLit a -> {
                List<Eval> items = evals(a.items());
                yield new Bound((row, ctx) -> {
                    List<Value> out = new ArrayList<>(items.size());
                    for (Eval i : items) {
                        out.add(i.eval(row, ctx));
                    }
                    return new Value.Array(out);
                }, ValueType.ARRAY);
            }
            case Expr.ObjectLit o -> {
                List<Eval> values = evals(o.values());
                List<String> keys = o.keys();
                yield new Bound((row, ctx) -> {
                    Value.Obj.Builder b = Value.Obj.builder();
                    for (int i = 0; i < keys.size(); i++) {
                        b.put(keys.get(i), values.get(i).eval(row, ctx));
                    }
                    return b.build();
                }, ValueType.OBJECT);
            }
            case Expr.Subscript s -> subscript(s);
            case Expr.Interval i -> literal(i.value());
        };
    }

    List<Eval> evals(List<Expr> exprs) {
        List<Eval> out = new ArrayList<>(exprs.size());
        for (Expr x : exprs) {
            out.add(bind(x).eval());
        }
        return out;
    }

    PlanContext planContext() {
        return pc;
    }

    /**
     * The metric of a distance between these operands: the metric of the vector index on the field one of them
     * names (see {@link PlanContext#pushVectorScope}), else L2 as in pgvector.
     */
    Metric distanceMetric(Expr a, Expr b) {
        for (Expr e : new Expr[] {a, b}) {
            if (e instanceof Expr.Name n) {
                IndexDefinition d = pc.vectorIndexFor(String.join(".", n.parts()));
                if (d != null) {
                    return d.metric();
                }
            }
        }
        return Metric.L2;
    }

    QueryPlanner planner() {
        return planner;
    }

    String clause() {
        return clause;
    }

    static Bound literal(Value v) {
        return new Bound((row, ctx) -> v, v.type() == ValueType.NULL ? null : v.type());
    }

    private Bound name(Expr.Name n) {
        List<String> parts = n.parts();
        Resolution r = resolve(scope, parts, n.pos());
        if (r == null && ungrouped != null && resolve(ungrouped, parts, n.pos()) != null) {
            throw SqlErrors.grouping("column \"" + String.join(".", parts) + "\" must appear in the GROUP BY "
                    + "clause or be used in an aggregate function", n.pos());
        }
        if (r == null) {
            Scope s = scope.outer();
            int depth = 1;
            while (s != null && r == null) {
                r = resolve(s, parts, n.pos());
                if (r == null) {
                    s = s.outer();
                    depth++;
                }
            }
            if (r == null) {
                if (parts.size() == 1) {
                    Functions.Def f = Functions.lookup(parts.getFirst());
                    if (f != null && f.minArgs() == 0 && List.of("current_user", "session_user", "user",
                            "current_timestamp", "localtimestamp", "current_date", "current_time", "localtime",
                            "current_schema", "current_catalog").contains(parts.getFirst())) {
                        return new Bound((row, ctx) -> f.impl().apply(new Value[0], ctx), f.result());
                    }
                }
                throw SqlErrors.undefinedColumn(String.join(".", parts), n.pos());
            }
            markOuter(depth);
            int d = depth;
            Resolution res = r;
            Eval outer = (row, ctx) -> res.read(ctx.outer(d));
            return new Bound(outer, r.type);
        }
        Resolution res = r;
        return new Bound((row, ctx) -> res.read(row), r.type);
    }

    private void markOuter(int depth) {
        Scope s = scope;
        for (int i = 0; i < depth && s != null; i++) {
            s = s.outer();
            if (s != null) {
                s.markUsedByInner();
            }
        }
    }

    /** A resolved name: a column slot, then a path of document fields inside it. */
    private record Resolution(int slot, List<String> path, ValueType type) {
        Value read(Value[] row) {
            Value v = row[slot];
            for (String field : path) {
                v = field(v, field);
            }
            return v;
        }
    }

    /** A document field; unquoted names are folded to lower case, so a case-insensitive match is the fallback. */
    static Value field(Value v, String name) {
        if (!(v instanceof Value.Obj o)) {
            return Value.NULL;
        }
        Value f = o.get(name);
        if (f != null) {
            return f;
        }
        for (Map.Entry<String, Value> e : o.fields().entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return Value.NULL;
    }

    private Resolution resolve(Scope s, List<String> parts, int pos) {
        List<Scope.Col> cols = s.columns();
        if (parts.size() >= 2) {
            String q = parts.getFirst();
            String name = parts.get(1);
            int found = -1;
            int open = -1;
            for (int i = 0; i < cols.size(); i++) {
                Scope.Col c = cols.get(i);
                if (c.hidden() || !q.equals(c.qualifier())) {
                    continue;
                }
                if (!c.open() && c.name().equals(name)) {
                    found = i;
                } else if (c.open()) {
                    open = i;
                }
            }
            if (found >= 0) {
                return new Resolution(found, parts.subList(2, parts.size()), parts.size() == 2
                        ? cols.get(found).type() : null);
            }
            if (open >= 0) {
                return new Resolution(open, parts.subList(1, parts.size()), null);
            }
        }
        if (parts.size() >= 2 && !hasQualifier(s, parts.getFirst())) {
            for (Scope o = s.outer(); o != null; o = o.outer()) {
                if (hasQualifier(o, parts.getFirst())) {
                    return null;
                }
            }
        }
        String name = parts.getFirst();
        int found = -1;
        for (int i = 0; i < cols.size(); i++) {
            Scope.Col c = cols.get(i);
            if (!c.hidden() && !c.open() && c.name().equals(name)) {
                if (found >= 0) {
                    throw SqlErrors.ambiguousColumn(name, pos);
                }
                found = i;
            }
        }
        if (found >= 0) {
            return new Resolution(found, parts.subList(1, parts.size()), parts.size() == 1 ? cols.get(found).type()
                    : null);
        }
        int open = -1;
        for (int i = 0; i < cols.size(); i++) {
            if (cols.get(i).open() && !cols.get(i).hidden()) {
                if (open >= 0) {
                    throw SqlErrors.ambiguousColumn(name, pos);
                }
                open = i;
            }
        }
        return open >= 0 ? new Resolution(open, parts, null) : null;
    }

    private static boolean hasQualifier(Scope s, String q) {
        for (Scope.Col c : s.columns()) {
            if (q.equals(c.qualifier())) {
                return true;
            }
        }
        return false;
    }

    private Bound unary(Expr.Unary u) {
        Bound b = bind(u.operand());
        Eval x = b.eval();
        if (u.op().equals("NOT")) {
            return new Bound((row, ctx) -> {
                Boolean t = SqlValues.truth(x.eval(row, ctx));
                return t == null ? Value.NULL : Value.Bool.of(!t);
            }, ValueType.BOOL);
        }
        return new Bound((row, ctx) -> Arith.negate(x.eval(row, ctx)), b.type());
    }

    private Bound binary(Expr.Binary b) {
        String op = b.op();
        if (op.equals("AND") || op.equals("OR")) {
            Eval l = bind(b.left()).eval();
            Eval r = bind(b.right()).eval();
            boolean and = op.equals("AND");
            return new Bound((row, ctx) -> {
                Boolean x = SqlValues.truth(l.eval(row, ctx));
                if (x != null && x != and) {
                    return Value.Bool.of(x);
                }
                Boolean y = SqlValues.truth(r.eval(row, ctx));
                if (y != null && y != and) {
                    return Value.Bool.of(y);
                }
                return x == null || y == null ? Value.NULL : Value.Bool.of(and);
            }, ValueType.BOOL);
        }
        Bound lb = bind(b.left());
        Bound rb = bind(b.right());
        if (isComparison(op)) {
            lb = coerceLiteral(lb, b.left(), rb.type());
            rb = coerceLiteral(rb, b.right(), lb.type());
            noteParam(b.left(), rb.type());
            noteParam(b.right(), lb.type());
            return compare(op, lb.eval(), rb.eval());
        }
        if (isArithmetic(op)) {
            // A parameter in arithmetic with a number is that number's type, as PostgreSQL resolves unknown * int:
            // libpq clients such as pgbench send untyped text parameters.
            ValueType leftNumber = numeric(lb.type());
            ValueType rightNumber = numeric(rb.type());
            if (b.left() instanceof Expr.Param && lb.type() == null && rightNumber != null) {
                noteParam(b.left(), rightNumber);
                lb = new Bound(lb.eval(), rightNumber);
            }
            if (b.right() instanceof Expr.Param && rb.type() == null && leftNumber != null) {
                noteParam(b.right(), leftNumber);
                rb = new Bound(rb.eval(), leftNumber);
            }
        }
        if (op.equals("+") || op.equals("-")) {
            Bound left = lb;
            lb = temporalOperand(op, lb, b.left(), rb.type());
            rb = temporalOperand(op, rb, b.right(), left.type());
        }
        Eval l = lb.eval();
        Eval r = rb.eval();
        return switch (op) {
            case "||" -> new Bound((row, ctx) -> Operators.concat(l.eval(row, ctx), r.eval(row, ctx), ctx.zone()),
                    lb.type() == ValueType.ARRAY ? ValueType.ARRAY : ValueType.TEXT);
            case "&", "|" -> new Bound((row, ctx) -> {
                Value x = l.eval(row, ctx);
                Value y = r.eval(row, ctx);
                if (x.isNull() || y.isNull()) {
                    return Value.NULL;
                }
                if (!(x instanceof Value.Int xi) || !(y instanceof Value.Int yi)) {
                    throw SqlErrors.invalidParameter("bitwise " + op + " needs integers");
                }
                return new Value.Int(op.equals("&") ? xi.value() & yi.value() : xi.value() | yi.value());
            }, ValueType.BIGINT);
            case "~", "!~", "~*", "!~*" -> new Bound((row, ctx) -> io.nodedb.sql.expr.PosixRegex.match(op,
                    l.eval(row, ctx), r.eval(row, ctx)), ValueType.BOOL);
            case "->" -> new Bound((row, ctx) -> Operators.arrow(l.eval(row, ctx), r.eval(row, ctx), false), null);
            case "->>" -> new Bound((row, ctx) -> Operators.arrow(l.eval(row, ctx), r.eval(row, ctx), true),
                    ValueType.TEXT);
            case "<->" -> {
                Metric metric = distanceMetric(b.left(), b.right());
                yield new Bound((row, ctx) -> Operators.distance(l.eval(row, ctx), r.eval(row, ctx), metric),
                        ValueType.DOUBLE);
            }
            case "^" -> new Bound((row, ctx) -> {
                Value x = l.eval(row, ctx);
                Value y = r.eval(row, ctx);
                return x.isNull() || y.isNull() ? Value.NULL : new Value.Float(Math.pow(SqlValues.toDouble(x),
                        SqlValues.toDouble(y)));
            }, ValueType.DOUBLE);
            default -> new Bound((row, ctx) -> Arith.apply(op, l.eval(row, ctx), r.eval(row, ctx), ctx.zone()),
                    arithType(op, lb.type(), rb.type(), b.pos()));
        };
    }

    /**
     * A text literal added to or subtracted from a date, time, timestamp or interval, typed as PostgreSQL types it:
     * like the other side for "-" ({@code DATE '2024-03-01' - '2024-02-01'}), as an interval for "+"
     * ({@code now() + '1 day'}). Unlike PostgreSQL, a "-" literal that does not read as the other side's type may be
     * an interval ({@code now() - '7 days'}), and text plus an interval is a timestamp.
     */
    private Bound temporalOperand(String op, Bound operand, Expr e, ValueType other) {
        if (!DateTimeArith.isTemporal(other) || !(e instanceof Expr.Literal l && l.value() instanceof Value.Str)) {
            return operand;
        }
        if (op.equals("+")) {
            if (other == ValueType.DATE) {
                return operand;
            }
            try {
                return coerceLiteral(operand, e, ValueType.INTERVAL);
            } catch (NodeDbException notInterval) {
                if (other == ValueType.INTERVAL) {
                    return operand; // text + interval: the text is read as a timestamp, as it always was here
                }
                throw notInterval;
            }
        }
        try {
            return coerceLiteral(operand, e, other);
        } catch (NodeDbException asOther) {
            if (other == ValueType.INTERVAL) {
                throw asOther;
            }
            try {
                return coerceLiteral(operand, e, ValueType.INTERVAL);
            } catch (NodeDbException asInterval) {
                throw asOther;
            }
        }
    }

    /** The static type of arithmetic; 42883 for date/time operand types no operator combines. */
    private static ValueType arithType(String op, ValueType a, ValueType b, int pos) {
        if (a == null || b == null) {
            return null;
        }
        if (DateTimeArith.isTemporal(a) || DateTimeArith.isTemporal(b)) {
            ValueType t = DateTimeArith.resultType(op, a, b);
            if (t == null && a != ValueType.NULL && b != ValueType.NULL) {
                throw new NodeDbException(SqlState.UNDEFINED_FUNCTION, "operator does not exist: " + a + " " + op
                        + " " + b, pos, null);
            }
            return t;
        }
        if (a == ValueType.DOUBLE || b == ValueType.DOUBLE) {
            return ValueType.DOUBLE;
        }
        return a == ValueType.DECIMAL || b == ValueType.DECIMAL ? ValueType.DECIMAL : a;
    }

    static boolean isComparison(String op) {
        return switch (op) {
            case "=", "<>", "<", ">", "<=", ">=" -> true;
            default -> false;
        };
    }

    private static boolean isArithmetic(String op) {
        return switch (op) {
            case "+", "-", "*", "/", "%" -> true;
            default -> false;
        };
    }

    /** The type if it is a number's, else null (which tells nothing about a parameter). */
    private static ValueType numeric(ValueType type) {
        return type == ValueType.BIGINT || type == ValueType.DOUBLE || type == ValueType.DECIMAL ? type : null;
    }

    private void noteParam(Expr e, ValueType type) {
        if (e instanceof Expr.Param p) {
            pc.noteParam(p.index(), type);
        }
    }

    /** A text literal compared with a typed value is read as that type, once, at plan time (as PostgreSQL does). */
    Bound coerceLiteral(Bound b, Expr e, ValueType target) {
        if (target == null || !(e instanceof Expr.Literal l) || !(l.value() instanceof Value.Str)
                || target == ValueType.TEXT) {
            return b;
        }
        if (target == ValueType.OBJECT || target == ValueType.ARRAY || target == ValueType.VECTOR) {
            return b;
        }
        try {
            return literal(Casts.cast(l.value(), io.nodedb.sql.parser.TypeNames.simple(target), pc.zone()));
        } catch (NodeDbException ex) {
            throw new NodeDbException(ex.state(), ex.getMessage(), l.pos(), null);
        }
    }

    static Bound compare(String op, Eval l, Eval r) {
        return new Bound((row, ctx) -> Operators.compare(op, l.eval(row, ctx), r.eval(row, ctx), ctx.zone()),
                ValueType.BOOL);
    }

    private Bound caseExpr(Expr.Case c) {
        Eval operand = c.operand() == null ? null : bind(c.operand()).eval();
        List<Eval> whens = evals(c.whens());
        List<Bound> thenBounds = new ArrayList<>();
        for (Expr t : c.thens()) {
            thenBounds.add(bind(t));
        }
        Eval otherwise = c.otherwise() == null ? null : bind(c.otherwise()).eval();
        Eval[] thens = thenBounds.stream().map(Bound::eval).toArray(Eval[]::new);
        Eval[] conds = whens.toArray(Eval[]::new);
        ValueType type = thenBounds.getFirst().type();
        return new Bound((row, ctx) -> {
            Value subject = operand == null ? null : operand.eval(row, ctx);
            for (int i = 0; i < conds.length; i++) {
                Value w = conds[i].eval(row, ctx);
                boolean hit = subject == null ? Boolean.TRUE.equals(SqlValues.truth(w))
                        : Value.TRUE.equals(Operators.compare("=", subject, w, ctx.zone()));
                if (hit) {
                    return thens[i].eval(row, ctx);
                }
            }
            return otherwise == null ? Value.NULL : otherwise.eval(row, ctx);
        }, type);
    }

    private Bound cast(Expr.Cast c) {
        Bound operand = bind(c.operand());
        Eval x = operand.eval();
        var type = c.type();
        int pos = c.pos();
        if (io.nodedb.sql.system.ObjectNames.isRegType(type.name())) {
            String reg = type.name();
            return new Bound((row, ctx) -> io.nodedb.sql.system.ObjectNames.toOid(reg, x.eval(row, ctx), ctx),
                    ValueType.BIGINT);
        }
        if (c.tryCast()) {
            return new Bound((row, ctx) -> {
                try {
                    return Casts.cast(x.eval(row, ctx), type, ctx.zone());
                } catch (NodeDbException e) {
                    return Value.NULL;
                }
            }, type.base());
        }
        if (c.operand() instanceof Expr.Literal l) {
            try {
                Value v = Casts.cast(l.value(), type, pc.zone());
                return new Bound((row, ctx) -> v, type.base());
            } catch (NodeDbException e) {
                throw new NodeDbException(e.state(), e.getMessage(), pos, null);
            }
        }
        return new Bound((row, ctx) -> Casts.cast(x.eval(row, ctx), type, ctx.zone()), type.base());
    }

    private Bound inList(Expr.InList in) {
        Bound subject = bind(in.operand());
        List<Eval> items = new ArrayList<>();
        for (Expr item : in.items()) {
            items.add(coerceLiteral(bind(item), item, subject.type()).eval());
            noteParam(item, subject.type());
        }
        Eval x = subject.eval();
        Eval[] list = items.toArray(Eval[]::new);
        boolean negated = in.negated();
        return new Bound((row, ctx) -> {
            Value v = x.eval(row, ctx);
            if (v.isNull()) {
                return Value.NULL;
            }
            boolean sawNull = false;
            for (Eval item : list) {
                Value eq = Operators.compare("=", v, item.eval(row, ctx), ctx.zone());
                if (eq.isNull()) {
                    sawNull = true;
                } else if (Value.TRUE.equals(eq)) {
                    return Value.Bool.of(!negated);
                }
            }
            return sawNull ? Value.NULL : Value.Bool.of(negated);
        }, ValueType.BOOL);
    }

    private Bound between(Expr.Between b) {
        Bound subject = bind(b.operand());
        Eval x = subject.eval();
        Eval lo = coerceLiteral(bind(b.low()), b.low(), subject.type()).eval();
        Eval hi = coerceLiteral(bind(b.high()), b.high(), subject.type()).eval();
        boolean negated = b.negated();
        return new Bound((row, ctx) -> {
            Value v = x.eval(row, ctx);
            Value ge = Operators.compare(">=", v, lo.eval(row, ctx), ctx.zone());
            Value le = Operators.compare("<=", v, hi.eval(row, ctx), ctx.zone());
            Boolean g = SqlValues.truth(ge);
            Boolean l = SqlValues.truth(le);
            Boolean r = Boolean.FALSE.equals(g) || Boolean.FALSE.equals(l) ? Boolean.FALSE
                    : g == null || l == null ? null : Boolean.TRUE;
            return r == null ? Value.NULL : Value.Bool.of(r != negated);
        }, ValueType.BOOL);
    }

    private Bound is(Expr.Is i) {
        Eval x = bind(i.operand()).eval();
        boolean neg = i.negated();
        return switch (i.what()) {
            case "NULL" -> new Bound((row, ctx) -> Value.Bool.of(x.eval(row, ctx).isNull() != neg), ValueType.BOOL);
            default -> {
                boolean want = i.what().equals("TRUE");
                yield new Bound((row, ctx) -> {
                    Boolean t = SqlValues.truth(x.eval(row, ctx));
                    return Value.Bool.of((t != null && t == want) != neg);
                }, ValueType.BOOL);
            }
        };
    }

    private Bound subscript(Expr.Subscript s) {
        Eval x = bind(s.operand()).eval();
        Eval index = bind(s.index()).eval();
        return new Bound((row, ctx) -> {
            Value v = x.eval(row, ctx);
            Value i = index.eval(row, ctx);
            if (v instanceof Value.Array a && i instanceof Value.Int n) {
                return n.value() >= 0 && n.value() < a.size() ? a.get((int) n.value()) : Value.NULL;
            }
            if (v instanceof Value.Obj && i instanceof Value.Str key) {
                return field(v, key.value());
            }
            if (v instanceof Value.Vector vec && i instanceof Value.Int n) {
                return n.value() >= 0 && n.value() < vec.dimensions() ? new Value.Float(vec.get((int) n.value()))
                        : Value.NULL;
            }
            return Value.NULL;
        }, null);
    }

    /** Is this call an aggregate (and not a window call)? */
    static boolean isAggregate(Expr.Call c) {
        return c.over() == null && Accumulator.NAMES.contains(c.name());
    }

    static boolean isWindow(Expr.Call c) {
        return c.over() != null;
    }

    static void checkWindowName(Expr.Call c) {
        if (!WindowNode.RANKING.contains(c.name()) && !Accumulator.NAMES.contains(c.name())) {
            throw new NodeDbException(SqlState.FEATURE_NOT_SUPPORTED, "window function " + c.name()
                    + " is not supported yet", c.pos(), null);
        }
    }
}
