package io.nodedb.core.value;

import static io.nodedb.core.value.ValueCodec.MAX_DEPTH;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The reading half of {@link ValueJson}: typed and plain JSON to {@link Value}s, strictly. Every failure, Jackson's
 * or ours, leaves as a {@link ValueFormatException} with the line and column of the offending token.
 */
final class JsonValueReader {
    private JsonValueReader() {}

    static Value readEmbedded(JsonParser p, boolean typed) throws IOException {
        try {
            if (!p.hasCurrentToken() && p.nextToken() == null) {
                throw error(p.currentLocation(), "unexpected end of input");
            }
            return read(p, typed, 0);
        } catch (JsonProcessingException e) {
            throw convert(e, p);
        }
    }

    static Value parse(String json, boolean typed) {
        Objects.requireNonNull(json, "json");
        try (JsonParser p = ValueJson.FACTORY.createParser(json)) {
            try {
                if (p.nextToken() == null) {
                    throw error(p.currentLocation(), "empty input");
                }
                Value v = read(p, typed, 0);
                if (p.nextToken() != null) {
                    throw error(p, "unexpected content after the value");
                }
                return v;
            } catch (JsonProcessingException e) {
                throw convert(e, p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Jackson's messages are kept, except where they describe its own internals ("expected close marker for
     * Object (start marker at [Source: REDACTED ...])" says no more than "unexpected end of input").
     */
    private static ValueFormatException convert(JsonProcessingException e, JsonParser p) {
        JsonLocation loc = e.getLocation();
        if (loc == null && e.getProcessor() instanceof JsonParser source) {
            loc = source.currentLocation();
        }
        if (loc == null && p != null) {
            loc = p.currentLocation();
        }
        String problem = e instanceof JsonEOFException ? "unexpected end of input" : "invalid JSON: " + e.getOriginalMessage();
        return loc == null
                ? ValueFormatException.atLocation(problem, 0, 0, e)
                : ValueFormatException.atLocation(problem, loc.getLineNr(), loc.getColumnNr(), e);
    }

    private static ValueFormatException error(JsonParser p, String problem) {
        return error(p.currentTokenLocation(), problem);
    }

    private static ValueFormatException error(JsonLocation loc, String problem) {
        return ValueFormatException.atLocation(problem, loc.getLineNr(), loc.getColumnNr(), null);
    }

    private static JsonToken next(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t == null) {
            throw error(p.currentLocation(), "unexpected end of input");
        }
        return t;
    }

    /** @param depth containers enclosing this value; checked only where a container actually starts */
    private static Value read(JsonParser p, boolean typed, int depth) throws IOException {
        JsonToken t = p.currentToken();
        return switch (t) {
            case VALUE_NULL -> Value.NULL;
            case VALUE_TRUE -> Value.TRUE;
            case VALUE_FALSE -> Value.FALSE;
            case VALUE_STRING -> new Value.Str(p.getText());
            case VALUE_NUMBER_INT -> integer(p, typed);
            case VALUE_NUMBER_FLOAT -> floating(p, typed);
            case START_ARRAY -> {
                checkReadDepth(p, depth);
                List<Value> elements = new ArrayList<>();
                while (next(p) != JsonToken.END_ARRAY) {
                    elements.add(read(p, typed, depth + 1));
                }
                yield new Value.Array(elements);
            }
            case START_OBJECT -> typed ? typedObject(p, depth) : fields(p, false, depth, false);
            default -> throw error(p, "unexpected token " + t);
        };
    }

    private static void checkReadDepth(JsonParser p, int depth) {
        if (depth >= MAX_DEPTH) {
            throw error(p, "nesting deeper than " + MAX_DEPTH + " levels");
        }
    }

    private static Value integer(JsonParser p, boolean typed) throws IOException {
        JsonParser.NumberType nt = p.getNumberType();
        if (nt == JsonParser.NumberType.INT || nt == JsonParser.NumberType.LONG) {
            return new Value.Int(p.getLongValue());
        }
        if (typed) {
            throw error(p, "integer " + p.getText() + " out of BIGINT range");
        }
        return new Value.Decimal(new BigDecimal(p.getText()));
    }

    private static Value floating(JsonParser p, boolean typed) throws IOException {
        String text = p.getText();
        double d = Double.parseDouble(text);
        if (typed) {
            if (!Double.isFinite(d)) {
                throw error(p, "number " + text + " out of DOUBLE range");
            }
            return new Value.Float(d);
        }
        if (doubleKeepsValue(text, d)) {
            return new Value.Float(d);
        }
        try {
            return new Value.Decimal(new BigDecimal(text));
        } catch (NumberFormatException e) {
            throw error(p, "number " + text + " out of range");
        }
    }

    /**
     * Whether {@code d}, parsed from the JSON literal {@code text}, has the literal's exact value in its shortest
     * decimal form. Up to 15 significant digits always survive a normal double (DBL_DIG), which settles the common
     * case without building BigDecimals.
     */
    static boolean doubleKeepsValue(String text, double d) {
        if (!Double.isFinite(d)) {
            return false;
        }
        int significant = 0;
        int pendingZeros = 0;
        boolean seenNonZero = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 'e' || c == 'E') {
                break;
            }
            if (c == '0') {
                if (seenNonZero) {
                    pendingZeros++;
                }
            } else if (c >= '1' && c <= '9') {
                significant += pendingZeros + 1;
                pendingZeros = 0;
                seenNonZero = true;
            }
        }
        if (!seenNonZero) {
            return true; // a zero literal, exactly +-0.0
        }
        if (d == 0) {
            return false; // underflow
        }
        if (significant <= 15 && Math.abs(d) >= Double.MIN_NORMAL) {
            return true;
        }
        return new BigDecimal(text).compareTo(new BigDecimal(Double.toString(d))) == 0;
    }

    /** Reads fields up to END_OBJECT; the parser is on START_OBJECT, or on the first FIELD_NAME if {@code onName}. */
    private static Value fields(JsonParser p, boolean typed, int depth, boolean onName) throws IOException {
        checkReadDepth(p, depth);
        FieldMap.Builder fields = new FieldMap.Builder(8);
        JsonToken t = onName ? p.currentToken() : next(p);
        while (t != JsonToken.END_OBJECT) {
            String name = p.currentName();
            JsonLocation at = p.currentTokenLocation();
            next(p);
            if (!fields.add(name, read(p, typed, depth + 1))) {
                throw error(at, "duplicate field \"" + name + "\"");
            }
            t = next(p);
        }
        return new Value.Obj(fields.build());
    }

    private static Value typedObject(JsonParser p, int depth) throws IOException {
        if (next(p) == JsonToken.END_OBJECT) {
            checkReadDepth(p, depth);
            return Value.Obj.EMPTY;
        }
        String tag = p.currentName();
        if (!tag.startsWith("$")) {
            return fields(p, true, depth, true);
        }
        JsonLocation tagAt = p.currentTokenLocation();
        next(p);
        Value v = switch (tag) {
            case "$obj" -> {
                if (p.currentToken() != JsonToken.START_OBJECT) {
                    throw error(p, "$obj expects an object");
                }
                yield fields(p, true, depth, false);
            }
            case "$decimal" -> {
                String s = tagText(p, tag);
                try {
                    yield new Value.Decimal(new BigDecimal(s));
                } catch (NumberFormatException e) {
                    throw error(p, "invalid $decimal \"" + s + "\"");
                }
            }
            case "$float" -> switch (tagText(p, tag)) {
                case "NaN" -> new Value.Float(Double.NaN);
                case "Infinity" -> new Value.Float(Double.POSITIVE_INFINITY);
                case "-Infinity" -> new Value.Float(Double.NEGATIVE_INFINITY);
                default -> throw error(p, "$float must be \"NaN\", \"Infinity\" or \"-Infinity\"");
            };
            case "$timestamp" -> {
                String s = tagText(p, tag);
                try {
                    yield Value.Timestamp.parse(s);
                } catch (IllegalArgumentException e) {
                    throw error(p, e.getMessage());
                }
            }
            case "$date", "$time", "$interval" -> {
                String s = tagText(p, tag);
                try {
                    yield switch (tag) {
                        case "$date" -> Value.Date.parse(s);
                        case "$time" -> Value.Time.parse(s);
                        default -> Value.Interval.parse(s);
                    };
                } catch (IllegalArgumentException | ArithmeticException e) {
                    throw error(p, "invalid " + tag + " \"" + s + "\": " + e.getMessage());
                }
            }
            case "$uuid" -> new Value.Uuid(parseUuid(p, tagText(p, tag)));
            case "$bytes" -> new Value.Bytes(base64(p, tagText(p, tag), tag));
            case "$wkb" -> new Value.Geometry(base64(p, tagText(p, tag), tag));
            case "$geometry" -> {
                String s = tagText(p, tag);
                try {
                    yield Value.Geometry.fromWkt(s);
                } catch (IllegalArgumentException e) {
                    throw error(p, e.getMessage());
                }
            }
            case "$vector" -> vector(p);
            default -> throw error(tagAt, "unknown type tag \"" + tag + "\" (an object whose first key starts with $"
                    + " must be a typed value, or be wrapped in $obj)");
        };
        if (next(p) != JsonToken.END_OBJECT) {
            throw error(p, "unexpected field after \"" + tag + "\"");
        }
        return v;
    }

    private static String tagText(JsonParser p, String tag) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw error(p, tag + " expects a string");
        }
        return p.getText();
    }

    private static byte[] base64(JsonParser p, String text, String tag) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw error(p, "invalid base64 in " + tag + ": " + e.getMessage());
        }
    }

    private static Value vector(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw error(p, "$vector expects an array of numbers");
        }
        float[] values = new float[16];
        int n = 0;
        for (JsonToken t = next(p); t != JsonToken.END_ARRAY; t = next(p)) {
            if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
                throw error(p, "$vector expects an array of numbers");
            }
            // Parse the text as a float directly; going through double could round twice.
            float f = Float.parseFloat(p.getText());
            if (!Float.isFinite(f)) {
                throw error(p, "vector component " + p.getText() + " out of float range");
            }
            if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
            }
            values[n++] = f;
        }
        return new Value.Vector(Arrays.copyOf(values, n));
    }

    /** {@link UUID#fromString} accepts abbreviated forms like "1-2-3-4-5"; only the canonical form is. */
    private static UUID parseUuid(JsonParser p, String s) {
        boolean ok = s.length() == 36;
        for (int i = 0; ok && i < 36; i++) {
            char c = s.charAt(i);
            ok = (i == 8 || i == 13 || i == 18 || i == 23)
                    ? c == '-'
                    : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        }
        if (!ok) {
            throw error(p, "invalid $uuid \"" + s + "\"");
        }
        return UUID.fromString(s);
    }
}
