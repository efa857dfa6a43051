package io.nodedb.sql.ast;

import io.nodedb.core.value.Value;

import java.util.List;

/** Expression syntax, as parsed. {@code pos} is the 1-based position errors about the node point at. */
public sealed interface Expr {
    int pos();

    record Literal(Value value, int pos) implements Expr {
    }

    /** {@code $n}; index is 1-based. */
    record Param(int index, int pos) implements Expr {
    }

    /** A dotted name: column, qualified column, or a path into a document field ({@code t.a.b}). */
    record Name(List<String> parts, int pos) implements Expr {
        public Name {
            parts = List.copyOf(parts);
        }

        public String last() {
            return parts.getLast();
        }
    }

    /** {@code *} or {@code t.*}; only valid in a select list or COUNT(*). */
    record Star(String qualifier, int pos) implements Expr {
    }

    record Unary(String op, Expr operand, int pos) implements Expr {
    }

    record Binary(String op, Expr left, Expr right, int pos) implements Expr {
    }

    record Call(String name, List<Expr> args, boolean distinct, boolean star, List<OrderItem> orderBy,
            Expr filter, WindowSpec over, int pos) implements Expr {
        public Call {
            args = List.copyOf(args);
            orderBy = List.copyOf(orderBy);
        }
    }

    record Case(Expr operand, List<Expr> whens, List<Expr> thens, Expr otherwise, int pos) implements Expr {
        public Case {
            whens = List.copyOf(whens);
            thens = List.copyOf(thens);
        }
    }

    record Cast(Expr operand, TypeName type, boolean tryCast, int pos) implements Expr {
    }

    record InList(Expr operand, List<Expr> items, boolean negated, int pos) implements Expr {
        public InList {
            items = List.copyOf(items);
        }
    }

    record InQuery(Expr operand, Query query, boolean negated, int pos) implements Expr {
    }

    record Exists(Query query, int pos) implements Expr {
    }

    record ScalarQuery(Query query, int pos) implements Expr {
    }

    /** {@code x op ANY|ALL (subquery)}. */
    record Quantified(String op, boolean all, Expr operand, Query query, int pos) implements Expr {
    }

    record Between(Expr operand, Expr low, Expr high, boolean negated, int pos) implements Expr {
    }

    record Like(Expr operand, Expr pattern, boolean caseInsensitive, boolean negated, int pos) implements Expr {
    }

    /** {@code IS [NOT] NULL|TRUE|FALSE}; what is NULL, TRUE or FALSE. */
    record Is(Expr operand, String what, boolean negated, int pos) implements Expr {
    }

    record IsDistinct(Expr left, Expr right, boolean negated, int pos) implements Expr {
    }

    record ArrayLit(List<Expr> items, int pos) implements Expr {
        public ArrayLit {
            items = List.copyOf(items);
        }
    }

    record ObjectLit(List<String> keys, List<Expr> values, int pos) implements Expr {
        public ObjectLit {
            keys = List.copyOf(keys);
            values = List.copyOf(values);
        }
    }

    record Subscript(Expr operand, Expr index, int pos) implements Expr {
    }

    /**
     * {@code INTERVAL '...'}: a literal, kept as its own node because options and KV writes that want seconds (a TTL)
     * take the literal as a number of seconds instead.
     */
    record Interval(int months, int days, long micros, int pos) implements Expr {
        public Value.Interval value() {
            return new Value.Interval(months, days, micros);
        }

        /** The interval as a DECIMAL number of seconds (a day is 86,400 s); 22023 if it has months. */
        public Literal asSeconds() {
            if (months != 0) {
                throw new io.nodedb.core.error.NodeDbException(io.nodedb.core.error.SqlState.INVALID_PARAMETER_VALUE,
                        "an interval with months has no fixed length in seconds", pos, null);
            }
            java.math.BigDecimal micros = java.math.BigDecimal.valueOf(days).multiply(
                    java.math.BigDecimal.valueOf(86_400_000_000L)).add(java.math.BigDecimal.valueOf(this.micros));
            java.math.BigDecimal seconds = micros.movePointLeft(6).stripTrailingZeros();
            return new Literal(new Value.Decimal(seconds.scale() < 0 ? seconds.setScale(0) : seconds), pos);
        }

        /** The expression, or the interval as seconds if it is one. */
        public static Expr seconds(Expr e) {
            return e instanceof Interval i ? i.asSeconds() : e;
        }
    }
}
