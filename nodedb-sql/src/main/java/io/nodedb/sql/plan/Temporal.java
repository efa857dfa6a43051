package io.nodedb.sql.plan;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueType;
import io.nodedb.sql.SqlErrors;
import io.nodedb.sql.ast.Expr;
import io.nodedb.sql.expr.Casts;
import io.nodedb.sql.expr.Eval;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Timestamp plus or minus an interval literal: months and days move the calendar (UTC), the rest is exact. */
final class Temporal {
    private Temporal() {
    }

    static Bound plusInterval(Bound timestamp, Expr.Interval iv, boolean minus) {
        Eval t = timestamp.eval();
        int sign = minus ? -1 : 1;
        return new Bound((row, ctx) -> {
            Value v = t.eval(row, ctx);
            long micros = switch (v) {
                case Value.Null n -> Long.MIN_VALUE;
                case Value.Timestamp ts -> ts.micros();
                case Value.Str s -> Casts.parseTimestamp(s.value());
                default -> throw new NodeDbException(SqlState.DATATYPE_MISMATCH, "operator does not exist: "
                        + v.type() + (minus ? " - " : " + ") + "INTERVAL");
            };
            if (micros == Long.MIN_VALUE && v.isNull()) {
                return Value.NULL;
            }
            try {
                if (iv.months() != 0 || iv.days() != 0) {
                    var dt = Instant.EPOCH.plus(micros, ChronoUnit.MICROS).atZone(ZoneOffset.UTC)
                            .plusMonths((long) sign * iv.months()).plusDays(sign * iv.days());
                    micros = Value.Timestamp.of(dt.toInstant()).micros();
                }
                return new Value.Timestamp(Math.addExact(micros, sign * iv.micros()));
            } catch (ArithmeticException | java.time.DateTimeException | IllegalArgumentException e) {
                throw SqlErrors.overflow("TIMESTAMP");
            }
        }, ValueType.TIMESTAMP);
    }
}
