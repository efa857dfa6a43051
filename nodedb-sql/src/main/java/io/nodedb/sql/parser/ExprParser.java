package io.nodedb.sql.parser;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;
import io.nodedb.sql.ast.Expr;
import io.nodedb.sql.ast.OrderItem;
import io.nodedb.sql.ast.Query;
import io.nodedb.sql.ast.TypeName;
import io.nodedb.sql.ast.WindowSpec;
import io.nodedb.sql.lexer.Token;
import io.nodedb.sql.lexer.TokenKind;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Pratt parser for expressions; binding powers follow PostgreSQL's operator precedence. */
final class ExprParser {
    /** Deep enough for any real query, shallow enough that a hostile one cannot overflow the stack. */
    private static final int MAX_DEPTH = 200;

    private static final int OR = 1;
    private static final int AND = 2;
    private static final int NOT = 3;
    private static final int COMPARE = 4;
    private static final int OTHER_OP = 5;
    private static final int ADD = 6;
    private static final int MUL = 7;
    private static final int POW = 8;
    private static final int UNARY = 9;
    private static final int POSTFIX = 10;

    private final TokenStream ts;
    private QueryParser queries;
    private int depth;

    ExprParser(TokenStream ts) {
        this.ts = ts;
    }

    void setQueries(QueryParser queries) {
        this.queries = queries;
    }

    Expr parse() {
        return parse(0);
    }

    /** Call arguments; {@code name => value} becomes a call of {@code __named_name} (the KV atomics' TTL). */
    private List<Expr> arguments() {
        List<Expr> out = new ArrayList<>();
        do {
            if (ts.peek().kind() == TokenKind.WORD && ts.peek(1).isSymbol("=>")) {
                Token n = ts.next();
                ts.next();
                out.add(new Expr.Call("__named_" + n.text().toLowerCase(Locale.ROOT), List.of(parse()), false, false,
                        List.of(), null, null, n.pos()));
            } else {
                out.add(parse());
            }
        } while (ts.acceptSymbol(","));
        return out;
    }

    List<Expr> list() {
        List<Expr> out = new ArrayList<>();
        do {
            out.add(parse());
        } while (ts.acceptSymbol(","));
        return out;
    }

    private Expr parse(int minPower) {
        if (++depth > MAX_DEPTH) {
            throw new NodeDbException(SqlState.STATEMENT_TOO_COMPLEX, "expression nested too deeply",
                    ts.peek().pos(), null);
        }
        try {
            Expr left = prefix();
            while (true) {
                Expr next = infix(left, minPower);
                if (next == null) {
                    return left;
                }
                left = next;
            }
        } finally {
            depth--;
        }
    }

    private Expr prefix() {
        Token t = ts.peek();
        if (t.is("NOT")) {
            ts.next();
            return new Expr.Unary("NOT", parse(NOT), t.pos());
        }
        if (t.isSymbol("-") || t.isSymbol("+")) {
            ts.next();
            Expr operand = parse(UNARY);
            if (t.isSymbol("-") && operand instanceof Expr.Literal lit) {
                Value negated = negateLiteral(lit.value());
                if (negated != null) {
                    return new Expr.Literal(negated, t.pos());
                }
            }
            return t.isSymbol("+") ? operand : new Expr.Unary("-", operand, t.pos());
        }
        return postfixChain(primary());
    }

    private static Value negateLiteral(Value v) {
        return switch (v) {
            case Value.Int i when i.value() != Long.MIN_VALUE -> new Value.Int(-i.value());
            case Value.Decimal d -> new Value.Decimal(d.value().negate());
            case Value.Float f -> new Value.Float(-f.value());
            default -> null;
        };
    }

    private Expr postfixChain(Expr e) {
        while (true) {
            Token t = ts.peek();
            if (t.isSymbol("::")) {
                ts.next();
                e = new Expr.Cast(e, type(), false, t.pos());
            } else if (t.isSymbol("[")) {
                ts.next();
                Expr index = parse();
                ts.expectSymbol("]");
                e = new Expr.Subscript(e, index, t.pos());
            } else {
                return e;
            }
        }
    }

    private Expr infix(Expr left, int minPower) {
        Token t = ts.peek();
        int pos = t.pos();
        if (t.kind() == TokenKind.WORD) {
            String w = t.upper();
            switch (w) {
                case "OR" -> {
                    if (minPower >= OR) {
                        return null;
                    }
                    ts.next();
                    return new Expr.Binary("OR", left, parse(OR), pos);
                }
                case "AND" -> {
                    if (minPower >= AND) {
                        return null;
                    }
                    ts.next();
                    return new Expr.Binary("AND", left, parse(AND), pos);
                }
                case "IS" -> {
                    if (minPower >= COMPARE) {
                        return null;
                    }
                    ts.next();
                    boolean not = ts.accept("NOT");
                    if (ts.accept("DISTINCT")) {
                        ts.expect("FROM");
                        return new Expr.IsDistinct(left, parse(COMPARE), not, pos);
                    }
                    for (String what : new String[] {"NULL", "TRUE", "FALSE", "UNKNOWN"}) {
                        if (ts.accept(what)) {
                            return new Expr.Is(left, what.equals("UNKNOWN") ? "NULL" : what, not, pos);
                        }
                    }
                    throw ts.error("NULL, TRUE, FALSE or DISTINCT FROM");
                }
                case "OPERATOR" -> {
                    // OPERATOR(pg_catalog.~): PostgreSQL's schema-qualified operator syntax, as psql sends it.
                    if (minPower >= OTHER_OP || !ts.peek(1).isSymbol("(")) {
                        return null;
                    }
                    ts.next();
                    ts.expectSymbol("(");
                    while (ts.peek().kind() == TokenKind.WORD && ts.peek(1).isSymbol(".")) {
                        ts.next();
                        ts.next();
                    }
                    Token opToken = ts.next();
                    if (opToken.kind() != TokenKind.SYMBOL) {
                        throw new NodeDbException(SqlState.SYNTAX_ERROR, "syntax error at or near "
                                + opToken.describe(), opToken.pos(), null);
                    }
                    ts.expectSymbol(")");
                    String op = normalise(opToken.text());
                    int power = ExprParserOps.power(op, COMPARE, OTHER_OP, ADD, MUL, POW);
                    if (power < 0) {
                        throw new NodeDbException(SqlState.UNDEFINED_FUNCTION, "operator does not exist: "
                                + op, opToken.pos(), null);
                    }
                    return new Expr.Binary(op, left, parse(power), pos);
                }
                case "AT" -> {
                    // x AT TIME ZONE z is PostgreSQL's timezone(z, x); it binds tighter than arithmetic.
                    if (minPower >= UNARY || !ts.peek(1).is("TIME") || !ts.peek(2).is("ZONE")) {
                        return null;
                    }
                    ts.next();
                    ts.next();
                    ts.next();
                    return new Expr.Call("timezone", List.of(parse(UNARY), left), false, false, List.of(), null,
                            null, pos);
                }
                case "COLLATE" -> {
                    // Collations are accepted and ignored: text compares by code point, like COLLATE "C".
                    if (minPower >= POSTFIX) {
                        return null;
                    }
                    ts.next();
                    ts.anyName("a collation name");
                    while (ts.acceptSymbol(".")) {
                        ts.anyName("a collation name");
                    }
                    return left;
                }
                case "NOT", "IN", "BETWEEN", "LIKE", "ILIKE" -> {
                    if (minPower >= COMPARE) {
                        return null;
                    }
                    int mark = ts.mark();
                    boolean not = ts.accept("NOT");
                    if (!(ts.at("IN") || ts.at("BETWEEN") || ts.at("LIKE") || ts.at("ILIKE"))) {
                        ts.reset(mark);
                        return null;
                    }
                    return predicate(left, not, pos);
                }
                default -> {
                    return null;
                }
            }
        }
        if (t.kind() != TokenKind.SYMBOL) {
            return null;
        }
        String op = t.text();
        int power = ExprParserOps.power(op, COMPARE, OTHER_OP, ADD, MUL, POW);
        if (power < 0 || minPower >= power) {
            return null;
        }
        ts.next();
        if (power == COMPARE && (ts.at("ANY") || ts.at("SOME") || ts.at("ALL"))
                && ts.peek(1).isSymbol("(") && (ts.peek(2).is("SELECT") || ts.peek(2).is("WITH"))) {
            boolean all = ts.next().is("ALL");
            ts.expectSymbol("(");
            Query q = queries.query();
            ts.expectSymbol(")");
            return new Expr.Quantified(normalise(op), all, left, q, pos);
        }
        if (power == COMPARE && (ts.at("ANY") || ts.at("SOME") || ts.at("ALL")) && ts.peek(1).isSymbol("(")) {
            // op ANY (array): true when the comparison holds for some (ALL: every) element of the array.
            boolean all = ts.next().is("ALL");
            ts.expectSymbol("(");
            Expr array = parse();
            ts.expectSymbol(")");
            return new Expr.Call(all ? "__all_array" : "__any_array", List.of(left, array,
                    new Expr.Literal(new Value.Str(normalise(op)), pos)), false, false, List.of(), null, null, pos);
        }
        // Comparisons do not chain (a < b < c is an error in SQL), so their right side binds one level tighter.
        Expr right = parse(power);
        Expr rows = rowComparison(normalise(op), left, right, pos);
        return rows != null ? rows : new Expr.Binary(normalise(op), left, right, pos);
    }

    /** Marks a parenthesised list of two or more expressions. */
    static final String ROW = "__row";

    /**
     * {@code (a, b) = (c, d)} as {@code a = c AND b = d} ({@code <>}: OR of inequalities), so that joins on row
     * equality still become hash joins. Other row comparisons are not supported.
     */
    private static Expr rowComparison(String op, Expr left, Expr right, int pos) {
        boolean l = left instanceof Expr.Call c && c.name().equals(ROW);
        boolean r = right instanceof Expr.Call c && c.name().equals(ROW);
        if (!l && !r) {
            return null;
        }
        List<Expr> a = l ? ((Expr.Call) left).args() : List.of(left);
        List<Expr> b = r ? ((Expr.Call) right).args() : List.of(right);
        if (a.size() != b.size() || !(op.equals("=") || op.equals("<>"))) {
            throw new NodeDbException(SqlState.FEATURE_NOT_SUPPORTED, "row comparison with " + op + " of "
                    + a.size() + " and " + b.size() + " values", pos, null);
        }
        Expr out = null;
        for (int i = 0; i < a.size(); i++) {
            Expr cmp = new Expr.Binary(op, a.get(i), b.get(i), pos);
            out = out == null ? cmp : new Expr.Binary(op.equals("=") ? "AND" : "OR", out, cmp, pos);
        }
        return out;
    }

    private static String normalise(String op) {
        return op.equals("!=") ? "<>" : op;
    }

    private Expr predicate(Expr left, boolean not, int pos) {
        Token t = ts.next();
        switch (t.upper()) {
            case "IN" -> {
                ts.expectSymbol("(");
                if (ts.at("SELECT") || ts.at("WITH") || ts.at("VALUES") || ts.at("SEARCH")) {
                    Query q = queries.query();
                    ts.expectSymbol(")");
                    return new Expr.InQuery(left, q, not, pos);
                }
                List<Expr> items = list();
                ts.expectSymbol(")");
                return new Expr.InList(left, items, not, pos);
            }
            case "BETWEEN" -> {
                ts.accept("SYMMETRIC");
                Expr low = parse(COMPARE);
                ts.expect("AND");
                Expr high = parse(COMPARE);
                return new Expr.Between(left, low, high, not, pos);
            }
            default -> {
                Expr pattern = parse(COMPARE);
                return new Expr.Like(left, pattern, t.is("ILIKE"), not, pos);
            }
        }
    }

    private Expr primary() {
        Token t = ts.peek();
        int pos = t.pos();
        switch (t.kind()) {
            case INTEGER -> {
                ts.next();
                try {
                    return new Expr.Literal(new Value.Int(Long.parseLong(t.text())), pos);
                } catch (NumberFormatException e) {
                    return new Expr.Literal(new Value.Decimal(new BigDecimal(t.text())), pos);
                }
            }
            case DECIMAL -> {
                ts.next();
                return new Expr.Literal(new Value.Decimal(new BigDecimal(t.text())), pos);
            }
            case STRING -> {
                ts.next();
                return new Expr.Literal(new Value.Str(t.text()), pos);
            }
            case PARAM -> {
                ts.next();
                try {
                    int index = Integer.parseInt(t.text());
                    if (index >= 1 && index <= 65535) {
                        return new Expr.Param(index, pos);
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
                throw new NodeDbException(SqlState.SYNTAX_ERROR, "parameter $" + t.text() + " is out of range",
                        pos, null);
            }
            case QUOTED -> {
                return name();
            }
            case SYMBOL -> {
                return symbolPrimary(t);
            }
            case WORD -> {
                return wordPrimary(t);
            }
            default -> throw ts.error("an expression");
        }
    }

    private Expr symbolPrimary(Token t) {
        int pos = t.pos();
        switch (t.text()) {
            case "(" -> {
                ts.next();
                if (ts.at("SELECT") || ts.at("WITH") || ts.at("VALUES")) {
                    Query q = queries.query();
                    ts.expectSymbol(")");
                    return new Expr.ScalarQuery(q, pos);
                }
                Expr e = parse();
                if (ts.atSymbol(",")) {
                    // A row constructor (a, b): only meaningful compared with another row, see rowComparison.
                    List<Expr> items = new ArrayList<>();
                    items.add(e);
                    while (ts.acceptSymbol(",")) {
                        items.add(parse());
                    }
                    ts.expectSymbol(")");
                    return new Expr.Call(ROW, items, false, false, List.of(), null, null, pos);
                }
                ts.expectSymbol(")");
                // (composite).field, as in (information_schema._pg_expandarray(k)).n: a field of the value.
                while (ts.atSymbol(".") && (ts.peek(1).kind() == TokenKind.WORD
                        || ts.peek(1).kind() == TokenKind.QUOTED)) {
                    ts.next();
                    Token f = ts.peek();
                    String field = ts.anyName("a field name");
                    e = new Expr.Binary("->", e, new Expr.Literal(new Value.Str(field), f.pos()), f.pos());
                }
                return e;
            }
            case "[" -> {
                ts.next();
                return arrayBody(pos, "]");
            }
            case "{" -> {
                ts.next();
                return objectBody(pos);
            }
            case "*" -> {
                ts.next();
                return new Expr.Star(null, pos);
            }
            default -> throw ts.error("an expression");
        }
    }

    Expr arrayBody(int pos, String close) {
        List<Expr> items = ts.atSymbol(close) ? List.of() : list();
        ts.expectSymbol(close);
        return new Expr.ArrayLit(items, pos);
    }

    Expr objectBody(int pos) {
        List<String> keys = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        if (!ts.atSymbol("}")) {
            do {
                Token k = ts.peek();
                String key;
                if (k.kind() == TokenKind.STRING || k.kind() == TokenKind.QUOTED || k.kind() == TokenKind.WORD) {
                    ts.next();
                    key = k.text();
                } else {
                    throw ts.error("a field name");
                }
                if (keys.contains(key)) {
                    throw new NodeDbException(SqlState.SYNTAX_ERROR, "duplicate field \"" + key
                            + "\" in object literal", k.pos(), null);
                }
                ts.expectSymbol(":");
                keys.add(key);
                values.add(parse());
            } while (ts.acceptSymbol(","));
        }
        ts.expectSymbol("}");
        return new Expr.ObjectLit(keys, values, pos);
    }

    private Expr wordPrimary(Token t) {
        int pos = t.pos();
        String w = t.upper();
        switch (w) {
            case "NULL" -> {
                ts.next();
                return new Expr.Literal(Value.NULL, pos);
            }
            case "TRUE", "FALSE" -> {
                ts.next();
                return new Expr.Literal(Value.Bool.of(w.equals("TRUE")), pos);
            }
            case "CASE" -> {
                return caseExpr();
            }
            case "CAST", "TRY_CAST" -> {
                ts.next();
                ts.expectSymbol("(");
                Expr operand = parse();
                ts.expect("AS");
                TypeName type = type();
                ts.expectSymbol(")");
                return new Expr.Cast(operand, type, w.equals("TRY_CAST"), pos);
            }
            case "EXISTS" -> {
                ts.next();
                ts.expectSymbol("(");
                Query q = queries.query();
                ts.expectSymbol(")");
                return new Expr.Exists(q, pos);
            }
            case "ARRAY" -> {
                ts.next();
                if (ts.acceptSymbol("(")) {
                    Query q = queries.query();
                    ts.expectSymbol(")");
                    return new Expr.Call("array_agg_subquery", List.of(new Expr.ScalarQuery(q, pos)), false,
                            false, List.of(), null, null, pos);
                }
                ts.expectSymbol("[");
                return arrayBody(pos, "]");
            }
            case "INTERVAL" -> {
                ts.next();
                Token s = ts.peek();
                if (s.kind() != TokenKind.STRING) {
                    throw ts.error("a quoted interval such as '1 hour'");
                }
                ts.next();
                return intervalLiteral(s.text(), TypeNames.intervalQualifier(ts), pos);
            }
            case "TIMESTAMP", "TIMESTAMPTZ", "DATE", "TIME", "UUID", "DECIMAL", "NUMERIC" -> {
                if (ts.peek(1).kind() == TokenKind.STRING) {
                    TypeName type = type();
                    Token s = ts.next();
                    return new Expr.Cast(new Expr.Literal(new Value.Str(s.text()), s.pos()), type, false, pos);
                }
            }
            default -> {
            }
        }
        if (TokenStream.RESERVED.contains(w) && !w.equals("LEFT") && !w.equals("RIGHT")) {
            throw ts.error("an expression");
        }
        if ((w.equals("PG_CATALOG") || w.equals("INFORMATION_SCHEMA")) && ts.peek(1).isSymbol(".")
                && ts.peek(2).kind() == TokenKind.WORD && ts.peek(3).isSymbol("(")) {
            // Built-in functions live in pg_catalog (and _pg_expandarray in information_schema): drop the schema.
            ts.next();
            ts.next();
            return call();
        }
        if (ts.peek(1).isSymbol("(")) {
            return call();
        }
        return name();
    }

    private Expr name() {
        int pos = ts.peek().pos();
        List<String> parts = new ArrayList<>();
        parts.add(ts.identifier("a name"));
        while (ts.atSymbol(".")) {
            ts.next();
            if (ts.atSymbol("*")) {
                Token star = ts.next();
                if (parts.size() != 1) {
                    throw new NodeDbException(SqlState.SYNTAX_ERROR, "syntax error at or near \"*\"", star.pos(), null);
                }
                return new Expr.Star(parts.getFirst(), pos);
            }
            parts.add(ts.anyName("a field name"));
        }
        return new Expr.Name(parts, pos);
    }

    private Expr call() {
        Token nameToken = ts.next();
        String name = nameToken.text().toLowerCase(Locale.ROOT);
        int pos = nameToken.pos();
        ts.expectSymbol("(");
        boolean distinct = false;
        boolean star = false;
        List<Expr> args = new ArrayList<>();
        List<OrderItem> orderBy = List.of();
        String special;
        if (ts.atSymbol("*")) {
            ts.next();
            star = true;
        } else if ((special = specialSyntax(name, args)) != null) {
            ts.expectSymbol(")");
            return new Expr.Call(special, args, false, false, List.of(), null, null, pos);
        } else if (!ts.atSymbol(")")) {
            distinct = ts.accept("DISTINCT");
            if (!distinct) {
                ts.accept("ALL");
            }
            args = arguments();
            if (ts.accept("ORDER", "BY")) {
                orderBy = orderItems();
            }
        }
        ts.expectSymbol(")");
        Expr filter = null;
        if (ts.accept("FILTER")) {
            ts.expectSymbol("(");
            ts.expect("WHERE");
            filter = parse();
            ts.expectSymbol(")");
        }
        WindowSpec over = null;
        if (ts.accept("OVER")) {
            if (ts.atSymbol("(")) {
                over = windowSpec();
            } else {
                int at = ts.peek().pos();
                over = new WindowSpec(List.of(), List.of(), null, ts.identifier("\"(\" or a window name"), true, at);
            }
        }
        return new Expr.Call(name, args, distinct, star, orderBy, filter, over, pos);
    }

    /**
     * {@code INTERVAL 'text' [qualifier]} given the qualifier's last field (or null): 22007 for malformed text,
     * 22008 for a field out of range, pointing at the literal.
     */
    private static Expr.Interval intervalLiteral(String text, String leastField, int pos) {
        try {
            Value.Interval iv = leastField == null ? Value.Interval.parse(text) : Value.Interval.parse(text,
                    leastField);
            return new Expr.Interval(iv.months(), iv.days(), iv.micros(), pos);
        } catch (IllegalArgumentException e) {
            throw new NodeDbException(SqlState.INVALID_DATETIME_FORMAT, e.getMessage(), pos, null);
        } catch (ArithmeticException e) {
            throw new NodeDbException(SqlState.DATETIME_FIELD_OVERFLOW, "interval field value out of range: \""
                    + text + "\"", pos, null);
        }
    }

    /**
     * The keyword argument forms of the standard: EXTRACT(f FROM x), SUBSTRING(s FROM a FOR b), POSITION(a IN b),
     * TRIM([LEADING|TRAILING|BOTH] [chars] FROM s). Fills args and returns the function to call, or null when the
     * call uses plain comma-separated arguments.
     */
    private String specialSyntax(String name, List<Expr> args) {
        switch (name) {
            case "extract" -> {
                if (ts.peek().kind() == TokenKind.WORD || ts.peek().kind() == TokenKind.STRING) {
                    if (ts.peek(1).is("FROM")) {
                        Token f = ts.next();
                        ts.next();
                        args.add(new Expr.Literal(new Value.Str(f.text().toLowerCase(Locale.ROOT)), f.pos()));
                        args.add(parse());
                        return name;
                    }
                }
                return null;
            }
            case "substring" -> {
                int mark = ts.mark();
                Expr s = parse();
                if (ts.accept("FROM")) {
                    args.add(s);
                    args.add(parse());
                    if (ts.accept("FOR")) {
                        args.add(parse());
                    }
                    return name;
                }
                if (ts.accept("FOR")) {
                    args.add(s);
                    args.add(new Expr.Literal(new Value.Int(1), s.pos()));
                    args.add(parse());
                    return name;
                }
                ts.reset(mark);
                return null;
            }
            case "position" -> {
                int mark = ts.mark();
                Expr needle = parse(COMPARE);
                if (ts.accept("IN")) {
                    args.add(parse());
                    args.add(needle);
                    return name;
                }
                ts.reset(mark);
                return null;
            }
            case "trim" -> {
                String side = ts.accept("LEADING") ? "ltrim" : ts.accept("TRAILING") ? "rtrim" : null;
                boolean both = side == null && ts.accept("BOTH");
                if (side == null && !both && !ts.at("FROM")) {
                    int mark = ts.mark();
                    Expr first = parse();
                    if (!ts.accept("FROM")) {
                        ts.reset(mark);
                        return null;
                    }
                    args.add(parse());
                    args.add(first);
                    return "btrim";
                }
                Expr chars = ts.at("FROM") ? null : parse();
                ts.expect("FROM");
                args.add(parse());
                if (chars != null) {
                    args.add(chars);
                }
                return side == null ? "btrim" : side;
            }
            default -> {
                return null;
            }
        }
    }

    List<OrderItem> orderItems() {
        List<OrderItem> items = new ArrayList<>();
        do {
            Expr e = parse();
            boolean desc = false;
            if (ts.accept("DESC")) {
                desc = true;
            } else {
                ts.accept("ASC");
            }
            Boolean nullsFirst = null;
            if (ts.accept("NULLS")) {
                if (ts.accept("FIRST")) {
                    nullsFirst = true;
                } else {
                    ts.expect("LAST");
                    nullsFirst = false;
                }
            }
            items.add(new OrderItem(e, desc, nullsFirst));
        } while (ts.acceptSymbol(","));
        return items;
    }

    /** {@code ([base window] [PARTITION BY ...] [ORDER BY ...] [frame])}, after OVER or in a WINDOW clause. */
    WindowSpec windowSpec() {
        ts.expectSymbol("(");
        String ref = null;
        int refPos = ts.peek().pos();
        if (ts.atIdentifier() && !ts.at("PARTITION") && !ts.at("ROWS") && !ts.at("RANGE")) {
            ref = ts.identifier("a window name");
        }
        List<Expr> partition = List.of();
        List<OrderItem> order = List.of();
        if (ts.accept("PARTITION", "BY")) {
            partition = list();
        }
        if (ts.accept("ORDER", "BY")) {
            order = orderItems();
        }
        WindowSpec.Frame frame = null;
        if (ts.at("ROWS") || ts.at("RANGE")) {
            boolean rows = ts.next().is("ROWS");
            WindowSpec.Bound start;
            WindowSpec.Bound end;
            if (ts.accept("BETWEEN")) {
                start = frameBound();
                ts.expect("AND");
                end = frameBound();
            } else {
                start = frameBound();
                end = new WindowSpec.Bound("CURRENT_ROW", 0);
            }
            frame = new WindowSpec.Frame(rows, start, end);
        }
        ts.expectSymbol(")");
        return new WindowSpec(partition, order, frame, ref, false, refPos);
    }

    private WindowSpec.Bound frameBound() {
        if (ts.accept("UNBOUNDED")) {
            if (ts.accept("PRECEDING")) {
                return new WindowSpec.Bound("UNBOUNDED_PRECEDING", 0);
            }
            ts.expect("FOLLOWING");
            return new WindowSpec.Bound("UNBOUNDED_FOLLOWING", 0);
        }
        if (ts.accept("CURRENT", "ROW")) {
            return new WindowSpec.Bound("CURRENT_ROW", 0);
        }
        Token n = ts.peek();
        if (n.kind() != TokenKind.INTEGER) {
            throw ts.error("UNBOUNDED, CURRENT ROW or a row count");
        }
        ts.next();
        long offset = Long.parseLong(n.text());
        if (ts.accept("PRECEDING")) {
            return new WindowSpec.Bound("PRECEDING", offset);
        }
        ts.expect("FOLLOWING");
        return new WindowSpec.Bound("FOLLOWING", offset);
    }

    private Expr caseExpr() {
        int pos = ts.next().pos();
        Expr operand = ts.at("WHEN") ? null : parse();
        List<Expr> whens = new ArrayList<>();
        List<Expr> thens = new ArrayList<>();
        while (ts.accept("WHEN")) {
            whens.add(parse());
            ts.expect("THEN");
            thens.add(parse());
        }
        if (whens.isEmpty()) {
            throw ts.error("WHEN");
        }
        Expr otherwise = ts.accept("ELSE") ? parse() : null;
        ts.expect("END");
        return new Expr.Case(operand, whens, thens, otherwise, pos);
    }

    TypeName type() {
        return TypeNames.parse(ts);
    }
}
