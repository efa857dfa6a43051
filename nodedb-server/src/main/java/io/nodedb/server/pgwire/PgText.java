package io.nodedb.server.pgwire;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueJson;
import io.nodedb.sql.expr.TimeZones;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** PostgreSQL's text format for values: how psql and text-mode drivers print and send them. */
final class PgText {
    private PgText() {
    }

    /** The text of a value; a timestamp is written in {@code zone}, the session's. */
    static byte[] encode(Value v, ZoneId zone) {
        return format(v, zone).getBytes(StandardCharsets.UTF_8);
    }

    static String format(Value v, ZoneId zone) {
        return switch (v) {
            case Value.Null n -> "";
            case Value.Bool b -> b.value() ? "t" : "f";
            case Value.Int i -> Long.toString(i.value());
            case Value.Float f -> formatDouble(f.value());
            case Value.Decimal d -> d.value().toPlainString();
            case Value.Str s -> s.value();
            case Value.Bytes b -> "\\x" + HexFormat.of().formatHex(b.value());
            case Value.Timestamp t -> TimeZones.format(t.micros(), zone);
            case Value.Date d -> d.toText();
            case Value.Time t -> t.toText();
            case Value.Interval i -> i.toText();
            case Value.Uuid u -> u.value().toString();
            case Value.Array a -> ValueJson.toJson(a);
            case Value.Obj o -> ValueJson.toJson(o);
            case Value.Vector vec -> {
                StringBuilder sb = new StringBuilder("{");
                for (int i = 0; i < vec.dimensions(); i++) {
                    sb.append(i == 0 ? "" : ",").append(formatDouble(vec.get(i)));
                }
                yield sb.append('}').toString();
            }
            case Value.Geometry g -> g.toWkt();
        };
    }

    /** Shortest exact form, printed the way PostgreSQL 12+ prints float8 (1 not 1.0, 1e+20 not 1.0E20). */
    static String formatDouble(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        double abs = Math.abs(d);
        String s = Double.toString(d);
        if (abs >= 1e16 || abs < 1e-4) {
            int e = s.indexOf('E');
            String mantissa = s.substring(0, e);
            if (mantissa.endsWith(".0")) {
                mantissa = mantissa.substring(0, mantissa.length() - 2);
            }
            int exp = Integer.parseInt(s.substring(e + 1));
            return mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
        return new BigDecimal(s).stripTrailingZeros().toPlainString();
    }

    /**
     * Parses a parameter sent in text format as the given type (UNKNOWN and text types stay strings); a timestamp
     * without an offset is wall-clock time in {@code zone}.
     */
    static Value parse(String s, PgType type, ZoneId zone) {
        try {
            return switch (type) {
                case BOOL -> parseBool(s);
                case INT2, INT4, INT8 -> Value.of(Long.parseLong(s.trim()));
                case FLOAT4, FLOAT8 -> Value.of(parseDouble(s.trim()));
                case NUMERIC -> new Value.Decimal(new BigDecimal(s.trim()));
                case BYTEA -> new Value.Bytes(parseBytea(s));
                case TIMESTAMP, TIMESTAMPTZ -> new Value.Timestamp(TimeZones.parse(s, zone));
                case DATE, TIME, INTERVAL -> parseDateTime(s, type);
                case UUID -> new Value.Uuid(UUID.fromString(s.trim()));
                case JSON, JSONB -> ValueJson.fromJson(s);
                case TEXT, VARCHAR, UNKNOWN -> Value.of(s);
                default -> {
                    PgType element = type.element();
                    if (element == null) {
                        yield Value.of(s);
                    }
                    List<Value> out = new ArrayList<>();
                    for (String item : splitArray(s)) {
                        out.add(item == null ? Value.NULL : parse(item, element, zone));
                    }
                    yield new Value.Array(out);
                }
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new NodeDbException(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type "
                    + type.name().toLowerCase(Locale.ROOT) + ": \"" + s + "\"");
        }
    }

    /** 22007 for malformed text, 22008 for a field out of range, as PostgreSQL reports them. */
    private static Value parseDateTime(String s, PgType type) {
        try {
            return switch (type) {
                case DATE -> Value.Date.parse(s);
                case TIME -> Value.Time.parse(s);
                default -> Value.Interval.parse(s);
            };
        } catch (IllegalArgumentException e) {
            throw new NodeDbException(SqlState.INVALID_DATETIME_FORMAT, e.getMessage());
        } catch (ArithmeticException e) {
            throw new NodeDbException(SqlState.DATETIME_FIELD_OVERFLOW, "date/time field value out of range: \""
                    + s + "\"");
        }
    }

    private static double parseDouble(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "nan" -> Double.NaN;
            case "infinity", "+infinity", "inf" -> Double.POSITIVE_INFINITY;
            case "-infinity", "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    private static Value parseBool(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "t", "true", "y", "yes", "on", "1" -> Value.TRUE;
            case "f", "false", "n", "no", "off", "0" -> Value.FALSE;
            default -> throw new NumberFormatException(s);
        };
    }

    private static byte[] parseBytea(String s) {
        if (s.startsWith("\\x")) {
            try {
                return HexFormat.of().parseHex(s, 2, s.length());
            } catch (IllegalArgumentException e) {
                throw new NumberFormatException(s);
            }
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Elements of a one-dimensional text array literal; null for an unquoted NULL. */
    static List<String> splitArray(String s) {
        String t = s.trim();
        if (t.length() < 2 || t.charAt(0) != '{' || t.charAt(t.length() - 1) != '}') {
            throw new NumberFormatException("array literal must be enclosed in braces: " + s);
        }
        List<String> out = new ArrayList<>();
        if (t.length() == 2) {
            return out;
        }
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 1; i < t.length() - 1; i++) {
            char c = t.charAt(i);
            if (quoted) {
                if (c == '\\' && i + 1 < t.length() - 1) {
                    cur.append(t.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                out.add(element(cur, wasQuoted));
                cur.setLength(0);
                wasQuoted = false;
            } else {
                cur.append(c);
            }
        }
        out.add(element(cur, wasQuoted));
        return out;
    }

    private static String element(StringBuilder cur, boolean wasQuoted) {
        String e = wasQuoted ? cur.toString() : cur.toString().trim();
        return !wasQuoted && e.equalsIgnoreCase("NULL") ? null : e;
    }
}
