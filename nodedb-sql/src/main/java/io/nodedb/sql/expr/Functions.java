package io.nodedb.sql.expr;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueType;
import io.nodedb.sql.SqlErrors;
import io.nodedb.sql.exec.ExecContext;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scalar functions with plain arguments. Functions marked null-on-null return NULL when any argument is NULL
 * without being called. COALESCE, NULLIF, GREATEST and LEAST evaluate lazily and live in the binder.
 */
public final class Functions {
    /** The product version string reported by version(). */
    public static final String VERSION = "NodeDB-JVM 0.1.0 (SQL engine, PostgreSQL-compatible dialect)";

    @FunctionalInterface
    public interface Impl {
        Value apply(Value[] args, ExecContext ctx);
    }

    /** result is the static result type, or null when it depends on the arguments. */
    public record Def(String name, int minArgs, int maxArgs, boolean nullOnNull, boolean volatileResult,
            ValueType result, Impl impl) {
    }

    private static final Map<String, Def> DEFS = new HashMap<>();

    private Functions() {
    }

    public static Def lookup(String name) {
        return DEFS.get(name);
    }

    private static void def(String name, int min, int max, ValueType result, Impl impl) {
        DEFS.put(name, new Def(name, min, max, true, false, result, impl));
    }

    private static void alias(String alias, String name) {
        Def d = DEFS.get(name);
        DEFS.put(alias, new Def(alias, d.minArgs(), d.maxArgs(), d.nullOnNull(), d.volatileResult(), d.result(),
                d.impl()));
    }

    static {
        def("lower", 1, 1, ValueType.TEXT, (a, c) -> new Value.Str(text(a[0]).toLowerCase(Locale.ROOT)));
        def("upper", 1, 1, ValueType.TEXT, (a, c) -> new Value.Str(text(a[0]).toUpperCase(Locale.ROOT)));
        def("length", 1, 1, ValueType.BIGINT, (a, c) -> switch (a[0]) {
            case Value.Bytes b -> new Value.Int(b.length());
            case Value.Array arr -> new Value.Int(arr.size());
            default -> new Value.Int(text(a[0]).codePointCount(0, text(a[0]).length()));
        });
        alias("char_length", "length");
        alias("character_length", "length");
        def("octet_length", 1, 1, ValueType.BIGINT, (a, c) -> new Value.Int(
                text(a[0]).getBytes(StandardCharsets.UTF_8).length));
        def("substring", 2, 3, ValueType.TEXT, Functions::substring);
        alias("substr", "substring");
        def("btrim", 1, 2, ValueType.TEXT, (a, c) -> new Value.Str(trim(text(a[0]), a.length > 1 ? text(a[1]) : " ",
                true, true)));
        alias("trim", "btrim");
        def("ltrim", 1, 2, ValueType.TEXT, (a, c) -> new Value.Str(trim(text(a[0]), a.length > 1 ? text(a[1]) : " ",
                true, false)));
        def("rtrim", 1, 2, ValueType.TEXT, (a, c) -> new Value.Str(trim(text(a[0]), a.length > 1 ? text(a[1]) : " ",
                false, true)));
        def("replace", 3, 3, ValueType.TEXT, (a, c) -> new Value.Str(text(a[0]).replace(text(a[1]), text(a[2]))));
        def("left", 2, 2, ValueType.TEXT, (a, c) -> {
            String s = text(a[0]);
            long n = integer(a[1]);
            int len = (int) (n >= 0 ? Math.min(n, s.length()) : Math.max(0, s.length() + n));
            return new Value.Str(s.substring(0, len));
        });
        def("right", 2, 2, ValueType.TEXT, (a, c) -> {
            String s = text(a[0]);
            long n = integer(a[1]);
            int len = (int) (n >= 0 ? Math.min(n, s.length()) : Math.max(0, s.length() + n));
            return new Value.Str(s.substring(s.length() - len));
        });
        def("repeat", 2, 2, ValueType.TEXT, (a, c) -> {
            long n = integer(a[1]);
            if (n * text(a[0]).length() > 100_000_000L) {
                throw new NodeDbException(SqlState.CONFIGURATION_LIMIT_EXCEEDED, "requested length too large");
            }
            return new Value.Str(text(a[0]).repeat((int) Math.max(0, n)));
        });
        def("reverse", 1, 1, ValueType.TEXT, (a, c) -> new Value.Str(new StringBuilder(text(a[0])).reverse()
                .toString()));
        def("strpos", 2, 2, ValueType.BIGINT, (a, c) -> new Value.Int(text(a[0]).indexOf(text(a[1])) + 1));
        alias("position", "strpos");
        def("starts_with", 2, 2, ValueType.BOOL, (a, c) -> Value.Bool.of(text(a[0]).startsWith(text(a[1]))));
        def("split_part", 3, 3, ValueType.TEXT, (a, c) -> {
            String[] parts = text(a[0]).split(java.util.regex.Pattern.quote(text(a[1])), -1);
            long n = integer(a[2]);
            if (n == 0) {
                throw SqlErrors.invalidParameter("field position must not be zero");
            }
            long i = n > 0 ? n - 1 : parts.length + n;
            return new Value.Str(i >= 0 && i < parts.length ? parts[(int) i] : "");
        });
        def("abs", 1, 1, null, (a, c) -> switch (a[0]) {
            case Value.Int i -> {
                if (i.value() == Long.MIN_VALUE) {
                    throw SqlErrors.overflow("BIGINT");
                }
                yield new Value.Int(Math.abs(i.value()));
            }
            case Value.Float f -> new Value.Float(Math.abs(f.value()));
            case Value.Decimal d -> new Value.Decimal(d.value().abs());
            default -> throw notNumber("abs", a[0]);
        });
        def("round", 1, 2, null, Functions::round);
        def("floor", 1, 1, null, (a, c) -> switch (a[0]) {
            case Value.Int i -> i;
            case Value.Float f -> new Value.Float(Math.floor(f.value()));
            case Value.Decimal d -> new Value.Decimal(d.value().setScale(0, RoundingMode.FLOOR));
            default -> throw notNumber("floor", a[0]);
        });
        def("ceil", 1, 1, null, (a, c) -> switch (a[0]) {
            case Value.Int i -> i;
            case Value.Float f -> new Value.Float(Math.ceil(f.value()));
            case Value.Decimal d -> new Value.Decimal(d.value().setScale(0, RoundingMode.CEILING));
            default -> throw notNumber("ceil", a[0]);
        });
        alias("ceiling", "ceil");
        def("sqrt", 1, 1, ValueType.DOUBLE, (a, c) -> {
            double d = number(a[0], "sqrt");
            if (d < 0) {
                throw SqlErrors.invalidParameter("cannot take square root of a negative number");
            }
            return new Value.Float(Math.sqrt(d));
        });
        def("power", 2, 2, ValueType.DOUBLE, (a, c) -> new Value.Float(Math.pow(number(a[0], "power"),
                number(a[1], "power"))));
        alias("pow", "power");
        def("mod", 2, 2, null, (a, c) -> Arith.apply("%", a[0], a[1]));
        def("sign", 1, 1, null, (a, c) -> switch (a[0]) {
            case Value.Int i -> new Value.Int(Long.signum(i.value()));
            case Value.Float f -> new Value.Float(Math.signum(f.value()));
            case Value.Decimal d -> new Value.Decimal(BigDecimal.valueOf(d.value().signum()));
            default -> throw notNumber("sign", a[0]);
        });
        def("exp", 1, 1, ValueType.DOUBLE, (a, c) -> new Value.Float(Math.exp(number(a[0], "exp"))));
        def("ln", 1, 1, ValueType.DOUBLE, (a, c) -> {
            double d = number(a[0], "ln");
            if (d <= 0) {
                throw SqlErrors.invalidParameter("cannot take logarithm of a non-positive number");
            }
            return new Value.Float(Math.log(d));
        });
        DEFS.put("now", new Def("now", 0, 0, true, false, ValueType.TIMESTAMP,
                (a, c) -> new Value.Timestamp(c.nowMicros())));
        alias("current_timestamp", "now");
        alias("localtimestamp", "now");
        alias("transaction_timestamp", "now");
        DEFS.put("clock_timestamp", new Def("clock_timestamp", 0, 0, true, true, ValueType.TIMESTAMP,
                (a, c) -> Value.Timestamp.of(Instant.now())));
        DateTimeFunctions.register(DEFS);
        DEFS.put("gen_uuid_v7", new Def("gen_uuid_v7", 0, 0, true, true, ValueType.UUID,
                (a, c) -> new Value.Uuid(UuidV7.next())));
        alias("uuid_v7", "gen_uuid_v7");
        alias("gen_random_uuid", "gen_uuid_v7");
        def("version", 0, 0, ValueType.TEXT, (a, c) -> new Value.Str(VERSION));
        PgFunctions.register(DEFS);
        def("current_user", 0, 0, ValueType.TEXT, (a, c) -> new Value.Str(c.session().user()));
        alias("session_user", "current_user");
        alias("user", "current_user");
        def("current_setting", 1, 1, ValueType.TEXT, (a, c) -> {
            String v = c.session().setting(text(a[0]).toLowerCase(Locale.ROOT));
            if (v == null) {
                throw new NodeDbException(SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \""
                        + text(a[0]) + "\"");
            }
            return new Value.Str(v);
        });
        DEFS.put("typeof", new Def("typeof", 1, 1, false, false, ValueType.TEXT,
                (a, c) -> new Value.Str(a[0].type().name())));
        DEFS.put("concat", new Def("concat", 0, 100, false, false, ValueType.TEXT, Functions::concat));
        def("array_length", 1, 2, ValueType.BIGINT, (a, c) -> array(a[0], "array_length").isEmpty() ? Value.NULL
                : new Value.Int(array(a[0], "array_length").size()));
        def("cardinality", 1, 1, ValueType.BIGINT, (a, c) -> new Value.Int(array(a[0], "cardinality").size()));
        def("doc_get", 2, 2, null, (a, c) -> DocPaths.get(a[0], text(a[1])));
        DEFS.put("doc_exists", new Def("doc_exists", 2, 2, false, false, ValueType.BOOL,
                (a, c) -> a[0].isNull() || a[1].isNull() ? Value.NULL : Value.Bool.of(DocPaths.exists(a[0],
                        text(a[1])))));
        def("doc_array_contains", 2, 2, ValueType.BOOL, (a, c) -> {
            for (Value e : array(a[0], "doc_array_contains")) {
                if (SqlValues.notDistinct(e, a[1])) {
                    return Value.TRUE;
                }
            }
            return Value.FALSE;
        });
        alias("array_contains", "doc_array_contains");
    }

    private static Value concat(Value[] a, ExecContext c) {
        StringBuilder b = new StringBuilder();
        for (Value v : a) {
            if (!v.isNull()) {
                b.append(SqlValues.display(v));
            }
        }
        return new Value.Str(b.toString());
    }

    static String text(Value v) {
        return v instanceof Value.Str s ? s.value() : SqlValues.display(v);
    }

    private static long integer(Value v) {
        if (v instanceof Value.Int i) {
            return i.value();
        }
        throw new NodeDbException(SqlState.DATATYPE_MISMATCH, "expected BIGINT, got " + v.type());
    }

    private static double number(Value v, String fn) {
        if (!SqlValues.isNumeric(v)) {
            throw notNumber(fn, v);
        }
        return SqlValues.toDouble(v);
    }

    private static List<Value> array(Value v, String fn) {
        if (v instanceof Value.Array a) {
            return a.elements();
        }
        throw new NodeDbException(SqlState.DATATYPE_MISMATCH, "function " + fn + " expects an ARRAY, got "
                + v.type());
    }

    private static NodeDbException notNumber(String fn, Value v) {
        return new NodeDbException(SqlState.DATATYPE_MISMATCH, "function " + fn + " does not accept " + v.type());
    }

    private static Value substring(Value[] a, ExecContext c) {
        String s = text(a[0]);
        int[] cps = s.codePoints().toArray();
        long start = integer(a[1]);
        long end = a.length > 2 ? start + integer(a[2]) : Long.MAX_VALUE;
        if (a.length > 2 && integer(a[2]) < 0) {
            throw SqlErrors.invalidParameter("negative substring length not allowed");
        }
        int from = (int) Math.max(0, Math.min(cps.length, start - 1));
        int to = (int) Math.max(from, Math.min(cps.length, end - 1));
        return new Value.Str(new String(cps, from, to - from));
    }

    private static String trim(String s, String chars, boolean leading, boolean trailing) {
        int from = 0;
        int to = s.length();
        while (leading && from < to && chars.indexOf(s.charAt(from)) >= 0) {
            from++;
        }
        while (trailing && to > from && chars.indexOf(s.charAt(to - 1)) >= 0) {
            to--;
        }
        return s.substring(from, to);
    }

    private static Value round(Value[] a, ExecContext c) {
        int places = a.length > 1 ? (int) Math.max(-100, Math.min(100, integer(a[1]))) : 0;
        return switch (a[0]) {
            case Value.Int i -> places >= 0 ? i : new Value.Int(BigDecimal.valueOf(i.value())
                    .setScale(places, RoundingMode.HALF_UP).longValue());
            case Value.Float f -> {
                if (places == 0) {
                    yield new Value.Float(Math.round(f.value()) == 0 && f.value() < 0 ? -0.0 : (double) Math.round(
                            f.value()));
                }
                if (!Double.isFinite(f.value())) {
                    yield f;
                }
                yield new Value.Float(BigDecimal.valueOf(f.value()).setScale(places, RoundingMode.HALF_EVEN)
                        .doubleValue());
            }
            case Value.Decimal d -> new Value.Decimal(d.value().setScale(places, RoundingMode.HALF_UP));
            default -> throw notNumber("round", a[0]);
        };
    }
}
