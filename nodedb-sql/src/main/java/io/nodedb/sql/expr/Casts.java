package io.nodedb.sql.expr;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.DateTimeText;
import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueJson;
import io.nodedb.core.value.ValueType;
import io.nodedb.sql.SqlErrors;
import io.nodedb.sql.ast.TypeName;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** CAST semantics, and the stricter assignment conversion used when a value is written to a typed column. */
public final class Casts {
    private Casts() {
    }

    /**
     * Explicit CAST: NULL stays NULL; an impossible conversion is 42804, bad text 22P02, overflow 22003. Timestamps
     * become text, dates and times, and dates and wall-clock text become timestamps, in {@code zone}.
     */
    public static Value cast(Value v, TypeName type, ZoneId zone) {
        if (v.isNull()) {
            return Value.NULL;
        }
        ValueType target = type.base();
        if (v.type() == target && target != ValueType.VECTOR) {
            return v;
        }
        return switch (target) {
            case BIGINT -> toBigint(v);
            case DOUBLE -> toDouble(v);
            case DECIMAL -> toDecimal(v);
            case TEXT -> new Value.Str(v instanceof Value.Timestamp t ? TimeZones.format(t.micros(), zone)
                    : SqlValues.display(v));
            case BOOL -> toBool(v);
            case TIMESTAMP -> toTimestamp(v, zone);
            case DATE -> toDate(v, zone);
            case TIME -> toTime(v, zone);
            case INTERVAL -> toInterval(v);
            case UUID -> toUuid(v);
            case BYTES -> toBytes(v);
            case VECTOR -> toVector(v, type.dimension());
            case GEOMETRY -> toGeometry(v);
            case OBJECT -> toObject(v);
            case ARRAY -> toArray(v);
            case NULL -> Value.NULL;
        };
    }

    /** Conversion on write to a column of the given type: like CAST but refuses lossy kinds of change. */
    public static Value assign(Value v, TypeName type, String column, ZoneId zone) {
        if (v.isNull() || v.type() == type.base() && type.base() != ValueType.VECTOR) {
            return v;
        }
        boolean allowed = switch (type.base()) {
            case BIGINT, DOUBLE, DECIMAL -> SqlValues.isNumeric(v) || v instanceof Value.Str;
            case TEXT -> v instanceof Value.Str || SqlValues.isNumeric(v) || v instanceof Value.Uuid
                    || DateTimeArith.isTemporal(v) || v instanceof Value.Bool;
            case BOOL, UUID, GEOMETRY, TIME, INTERVAL -> v instanceof Value.Str || type.base() == ValueType.UUID
                    && v instanceof Value.Bytes;
            case TIMESTAMP -> v instanceof Value.Str || v instanceof Value.Date;
            case DATE -> v instanceof Value.Str || v instanceof Value.Timestamp;
            case BYTES -> v instanceof Value.Str;
            case VECTOR -> v instanceof Value.Array || v instanceof Value.Vector || v instanceof Value.Str;
            case OBJECT, ARRAY -> v instanceof Value.Str || v instanceof Value.Vector;
            case NULL -> false;
        };
        if (!allowed) {
            throw new NodeDbException(SqlState.DATATYPE_MISMATCH, "column \"" + column + "\" is of type "
                    + type.name() + " but the value is of type " + v.type());
        }
        return cast(v, type, zone);
    }

    private static Value toBigint(Value v) {
        return switch (v) {
            case Value.Float f -> {
                double r = Math.rint(f.value());
                if (!Double.isFinite(r) || r < -9.223372036854776E18 || r >= 9.223372036854776E18) {
                    throw SqlErrors.overflow("BIGINT");
                }
                yield new Value.Int((long) r);
            }
            case Value.Decimal d -> {
                Long exact = SqlValues.exactLong(d.value().setScale(0, RoundingMode.HALF_UP));
                if (exact == null) {
                    throw SqlErrors.overflow("BIGINT");
                }
                yield new Value.Int(exact);
            }
            case Value.Str s -> {
                String t = s.value().strip();
                try {
                    yield new Value.Int(Long.parseLong(t));
                } catch (NumberFormatException e) {
                    if (t.matches("[+-]?\\d+")) {
                        throw SqlErrors.overflow("BIGINT");
                    }
                    throw SqlErrors.badText("invalid input syntax for type BIGINT: \"" + s.value() + "\"");
                }
            }
            case Value.Bool b -> new Value.Int(b.value() ? 1 : 0);
            default -> throw impossible(v, "BIGINT");
        };
    }

    private static Value toDouble(Value v) {
        return switch (v) {
            case Value.Int i -> new Value.Float(i.value());
            case Value.Decimal d -> new Value.Float(d.value().doubleValue());
            case Value.Str s -> {
                String t = s.value().strip();
                switch (t.toLowerCase(Locale.ROOT)) {
                    case "nan" -> {
                        yield new Value.Float(Double.NaN);
                    }
                    case "infinity", "+infinity", "inf" -> {
                        yield new Value.Float(Double.POSITIVE_INFINITY);
                    }
                    case "-infinity", "-inf" -> {
                        yield new Value.Float(Double.NEGATIVE_INFINITY);
                    }
                    default -> {
                    }
                }
                try {
                    if (!t.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
                        throw new NumberFormatException();
                    }
                    yield new Value.Float(Double.parseDouble(t));
                } catch (NumberFormatException e) {
                    throw SqlErrors.badText("invalid input syntax for type DOUBLE: \"" + s.value() + "\"");
                }
            }
            default -> throw impossible(v, "DOUBLE");
        };
    }

    private static Value toDecimal(Value v) {
        return switch (v) {
            case Value.Int i -> new Value.Decimal(BigDecimal.valueOf(i.value()));
            case Value.Float f -> new Value.Decimal(SqlValues.toDecimal(f));
            case Value.Str s -> {
                try {
                    yield new Value.Decimal(new BigDecimal(s.value().strip()));
                } catch (NumberFormatException e) {
                    throw SqlErrors.badText("invalid input syntax for type DECIMAL: \"" + s.value() + "\"");
                }
            }
            default -> throw impossible(v, "DECIMAL");
        };
    }

    private static Value toBool(Value v) {
        return switch (v) {
            case Value.Int i -> Value.Bool.of(i.value() != 0);
            case Value.Str s -> switch (s.value().strip().toLowerCase(Locale.ROOT)) {
                case "t", "true", "yes", "y", "on", "1" -> Value.TRUE;
                case "f", "false", "no", "n", "off", "0" -> Value.FALSE;
                default -> throw SqlErrors.badText("invalid input syntax for type BOOL: \"" + s.value() + "\"");
            };
            default -> throw impossible(v, "BOOL");
        };
    }

    private static Value toTimestamp(Value v, ZoneId zone) {
        return switch (v) {
            case Value.Str s -> new Value.Timestamp(TimeZones.parse(s.value(), zone));
            case Value.Date d -> new Value.Timestamp(TimeZones.midnight(d.days(), zone));
            default -> throw impossible(v, "TIMESTAMP");
        };
    }

    private static Value toDate(Value v, ZoneId zone) {
        return switch (v) {
            case Value.Str s -> new Value.Date(parseDate(s.value()));
            case Value.Timestamp t -> {
                try {
                    yield new Value.Date(TimeZones.date(t.micros(), zone));
                } catch (IllegalArgumentException | ArithmeticException e) {
                    throw new NodeDbException(SqlState.DATETIME_FIELD_OVERFLOW, "date out of range");
                }
            }
            default -> throw impossible(v, "DATE");
        };
    }

    private static Value toTime(Value v, ZoneId zone) {
        return switch (v) {
            case Value.Str s -> new Value.Time(parseTime(s.value()));
            case Value.Timestamp t -> new Value.Time(TimeZones.timeOfDay(t.micros(), zone));
            case Value.Interval i -> new Value.Time(Math.floorMod(i.micros(), DateTimeText.MICROS_PER_DAY));
            default -> throw impossible(v, "TIME");
        };
    }

    private static Value toInterval(Value v) {
        return switch (v) {
            case Value.Str s -> parseInterval(s.value());
            case Value.Time t -> new Value.Interval(0, 0, t.micros());
            default -> throw impossible(v, "INTERVAL");
        };
    }

    /**
     * Days since 1970-01-01 of {@code yyyy-mm-dd} (or of a timestamp's text, whose time is dropped as PostgreSQL
     * drops it); 22007 when malformed, 22008 when out of range.
     */
    public static int parseDate(String text) {
        try {
            return DateTimeText.parseDate(text);
        } catch (IllegalArgumentException e) {
            if (text.strip().length() > 10) {
                return (int) Math.floorDiv(TimeZones.parse(text, ZoneOffset.UTC), DateTimeText.MICROS_PER_DAY);
            }
            throw SqlErrors.badDatetime(e.getMessage());
        } catch (ArithmeticException e) {
            throw new NodeDbException(SqlState.DATETIME_FIELD_OVERFLOW, e.getMessage());
        }
    }

    /** Microseconds since midnight of {@code HH:MM[:SS[.f]]} (or of a timestamp's text); 22007 or 22008. */
    public static long parseTime(String text) {
        try {
            return DateTimeText.parseTime(text);
        } catch (IllegalArgumentException e) {
            if (text.strip().length() > 10 && text.strip().charAt(4) == '-') {
                return Math.floorMod(TimeZones.parse(text, ZoneOffset.UTC), DateTimeText.MICROS_PER_DAY);
            }
            throw SqlErrors.badDatetime(e.getMessage());
        } catch (ArithmeticException e) {
            throw new NodeDbException(SqlState.DATETIME_FIELD_OVERFLOW, e.getMessage());
        }
    }

    /** PostgreSQL interval input; 22007 when malformed, 22008 when a field is out of range. */
    public static Value.Interval parseInterval(String text) {
        try {
            return Value.Interval.parse(text);
        } catch (IllegalArgumentException e) {
            throw SqlErrors.badDatetime(e.getMessage());
        } catch (ArithmeticException e) {
            throw new NodeDbException(SqlState.DATETIME_FIELD_OVERFLOW, "interval field value out of range: \""
                    + text + "\"");
        }
    }

    public static UUID parseUuid(String text) {
        String t = text.strip();
        if (!t.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
            throw SqlErrors.badText("invalid input syntax for type UUID: \"" + text + "\"");
        }
        return UUID.fromString(t);
    }

    private static Value toUuid(Value v) {
        return switch (v) {
            case Value.Str s -> new Value.Uuid(parseUuid(s.value()));
            case Value.Bytes b when b.length() == 16 -> {
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b.value());
                yield new Value.Uuid(new UUID(buf.getLong(), buf.getLong()));
            }
            default -> throw impossible(v, "UUID");
        };
    }

    private static Value toBytes(Value v) {
        if (v instanceof Value.Str s) {
            String t = s.value();
            if (t.startsWith("\\x")) {
                try {
                    return new Value.Bytes(HexFormat.of().parseHex(t.substring(2)));
                } catch (IllegalArgumentException e) {
                    throw SqlErrors.badText("invalid hexadecimal data: \"" + t + "\"");
                }
            }
            return new Value.Bytes(t.getBytes(StandardCharsets.UTF_8));
        }
        throw impossible(v, "BYTES");
    }

    private static Value toVector(Value v, int dimension) {
        float[] values = switch (v) {
            case Value.Vector vec -> vec.values();
            case Value.Array a -> {
                float[] f = new float[a.size()];
                for (int i = 0; i < f.length; i++) {
                    Value e = a.get(i);
                    if (!SqlValues.isNumeric(e)) {
                        throw SqlErrors.mismatch("a vector component must be a number, got " + e.type(), 0);
                    }
                    f[i] = (float) SqlValues.toDouble(e);
                }
                yield f;
            }
            case Value.Str s -> {
                Value parsed;
                try {
                    parsed = ValueJson.fromJson(s.value());
                } catch (RuntimeException e) {
                    throw SqlErrors.badText("invalid input syntax for type VECTOR: \"" + s.value() + "\"");
                }
                if (!(parsed instanceof Value.Array)) {
                    throw SqlErrors.badText("invalid input syntax for type VECTOR: \"" + s.value() + "\"");
                }
                yield ((Value.Vector) toVector(parsed, 0)).values();
            }
            default -> throw impossible(v, "VECTOR");
        };
        if (dimension > 0 && values.length != dimension) {
            throw SqlErrors.data("expected " + dimension + " dimensions, not " + values.length);
        }
        try {
            return new Value.Vector(values);
        } catch (IllegalArgumentException e) {
            throw SqlErrors.data(e.getMessage());
        }
    }

    private static Value toGeometry(Value v) {
        if (v instanceof Value.Str s) {
            try {
                return Value.Geometry.fromWkt(s.value());
            } catch (IllegalArgumentException e) {
                throw SqlErrors.badText("invalid geometry: " + e.getMessage());
            }
        }
        throw impossible(v, "GEOMETRY");
    }

    private static Value toObject(Value v) {
        if (v instanceof Value.Str s) {
            try {
                Value parsed = ValueJson.fromJson(s.value());
                if (parsed instanceof Value.Obj || parsed instanceof Value.Array) {
                    return parsed;
                }
            } catch (RuntimeException e) {
                // reported below
            }
            throw SqlErrors.badText("invalid input syntax for type OBJECT: \"" + s.value() + "\"");
        }
        if (v instanceof Value.Array) {
            return v;
        }
        throw impossible(v, "OBJECT");
    }

    private static Value toArray(Value v) {
        return switch (v) {
            case Value.Vector vec -> {
                List<Value> out = new ArrayList<>(vec.dimensions());
                for (int i = 0; i < vec.dimensions(); i++) {
                    out.add(new Value.Float(vec.get(i)));
                }
                yield new Value.Array(out);
            }
            case Value.Str s -> {
                Value parsed = toObject(s);
                if (parsed instanceof Value.Array) {
                    yield parsed;
                }
                throw SqlErrors.badText("invalid input syntax for type ARRAY: \"" + s.value() + "\"");
            }
            default -> throw impossible(v, "ARRAY");
        };
    }

    private static NodeDbException impossible(Value v, String target) {
        return new NodeDbException(SqlState.DATATYPE_MISMATCH, "cannot cast type " + v.type() + " to " + target);
    }
}
