package io.nodedb.sql.expr;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;
import io.nodedb.sql.SqlErrors;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Arithmetic with SQL typing: BIGINT stays exact and overflow is 22003; any DOUBLE operand makes a DOUBLE. Dates,
 * times, timestamps and intervals go to {@link DateTimeArith}.
 */
public final class Arith {
    private static final MathContext DIVISION = new MathContext(34, RoundingMode.HALF_EVEN);

    private Arith() {
    }

    /** {@code a op b} where no zone can matter: numbers, and sums and averages of intervals. */
    public static Value apply(String op, Value a, Value b) {
        return apply(op, a, b, ZoneOffset.UTC);
    }

    /** {@code a op b}; timestamps, dates and wall-clock text meet intervals in {@code zone}. */
    public static Value apply(String op, Value a, Value b, ZoneId zone) {
        if (a.isNull() || b.isNull()) {
            return Value.NULL;
        }
        if (DateTimeArith.isTemporal(a) || DateTimeArith.isTemporal(b)) {
            return DateTimeArith.apply(op, a, b, zone);
        }
        if (!SqlValues.isNumeric(a) || !SqlValues.isNumeric(b)) {
            throw new NodeDbException(SqlState.DATATYPE_MISMATCH, "operator does not exist: " + a.type() + " " + op
                    + " " + b.type());
        }
        if (a instanceof Value.Int x && b instanceof Value.Int y) {
            return new Value.Int(longs(op, x.value(), y.value()));
        }
        if (a instanceof Value.Float || b instanceof Value.Float) {
            return new Value.Float(doubles(op, SqlValues.toDouble(a), SqlValues.toDouble(b)));
        }
        return new Value.Decimal(decimals(op, SqlValues.toDecimal(a), SqlValues.toDecimal(b)));
    }

    private static long longs(String op, long x, long y) {
        try {
            return switch (op) {
                case "+" -> Math.addExact(x, y);
                case "-" -> Math.subtractExact(x, y);
                case "*" -> Math.multiplyExact(x, y);
                case "/" -> {
                    if (y == 0) {
                        throw SqlErrors.divisionByZero();
                    }
                    if (x == Long.MIN_VALUE && y == -1) {
                        throw SqlErrors.overflow("BIGINT");
                    }
                    yield x / y;
                }
                case "%" -> {
                    if (y == 0) {
                        throw SqlErrors.divisionByZero();
                    }
                    yield y == -1 ? 0 : x % y;
                }
                default -> throw new IllegalArgumentException(op);
            };
        } catch (ArithmeticException e) {
            throw SqlErrors.overflow("BIGINT");
        }
    }

    private static double doubles(String op, double x, double y) {
        double r = switch (op) {
            case "+" -> x + y;
            case "-" -> x - y;
            case "*" -> x * y;
            case "/" -> {
                if (y == 0) {
                    throw SqlErrors.divisionByZero();
                }
                yield x / y;
            }
            case "%" -> {
                if (y == 0) {
                    throw SqlErrors.divisionByZero();
                }
                yield x % y;
            }
            default -> throw new IllegalArgumentException(op);
        };
        if (Double.isInfinite(r) && Double.isFinite(x) && Double.isFinite(y)) {
            throw SqlErrors.overflow("DOUBLE");
        }
        return r;
    }

    private static BigDecimal decimals(String op, BigDecimal x, BigDecimal y) {
        return switch (op) {
            case "+" -> x.add(y);
            case "-" -> x.subtract(y);
            case "*" -> x.multiply(y);
            case "/" -> {
                if (y.signum() == 0) {
                    throw SqlErrors.divisionByZero();
                }
                BigDecimal q = x.divide(y, DIVISION);
                if (q.scale() > 16) {
                    q = q.setScale(16, RoundingMode.HALF_EVEN);
                }
                q = q.stripTrailingZeros();
                yield q.scale() < 0 ? q.setScale(0) : q;
            }
            case "%" -> {
                if (y.signum() == 0) {
                    throw SqlErrors.divisionByZero();
                }
                yield x.remainder(y);
            }
            default -> throw new IllegalArgumentException(op);
        };
    }

    public static Value negate(Value v) {
        return switch (v) {
            case Value.Null n -> v;
            case Value.Int i -> {
                if (i.value() == Long.MIN_VALUE) {
                    throw SqlErrors.overflow("BIGINT");
                }
                yield new Value.Int(-i.value());
            }
            case Value.Float f -> new Value.Float(-f.value());
            case Value.Decimal d -> new Value.Decimal(d.value().negate());
            case Value.Interval iv -> IntervalMath.negate(iv);
            default -> throw new NodeDbException(SqlState.DATATYPE_MISMATCH, "operator does not exist: - " + v.type());
        };
    }
}
