package io.nodedb.core.value;

import static io.nodedb.core.value.ValueCodec.MAX_DEPTH;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Objects;

/**
 * {@link Value}s as JSON, in two forms.
 *
 * <p><b>Typed JSON</b> is lossless: {@code fromTypedJson(toTypedJson(v)).equals(v)} for every value. What JSON
 * cannot say is wrapped in a single-key object whose key starts with {@code $}:
 *
 * <pre>
 *   DECIMAL    {"$decimal":"12.50"}                       BigDecimal.toString, scale kept
 *   TIMESTAMP  {"$timestamp":"2026-01-02T03:04:05.123456Z"}
 *   DATE       {"$date":"2026-01-02"}                     "0044-03-15 BC" before 1 AD
 *   TIME       {"$time":"03:04:05.123456"}
 *   INTERVAL   {"$interval":"1 mon 2 days 03:04:05"}     PostgreSQL's postgres IntervalStyle
 *   UUID       {"$uuid":"0f8fad5b-d9cb-469f-a165-70867728950e"}
 *   BYTES      {"$bytes":"AAEC"}                          standard base64 with padding
 *   VECTOR     {"$vector":[1.0,2.5]}
 *   GEOMETRY   {"$geometry":"POINT (1 2)"}                exact WKT
 *              {"$wkb":"AAAAAAE..."}                      base64 WKB, when WKT would not give back the same bytes
 *   DOUBLE     {"$float":"NaN"}                           also "Infinity", "-Infinity"; finite doubles are numbers
 *   OBJECT     {"$obj":{"$ref":1}}                        any object whose first key starts with $
 * </pre>
 *
 * Integers are written without, doubles always with a fraction or exponent ({@code 1.0}), which is how the reader
 * tells BIGINT from DOUBLE. An object whose first key starts with {@code $} must be one of the wrappers above;
 * anything else is rejected rather than guessed at.
 *
 * <p><b>Plain JSON</b> is for people and other programs: decimals are numbers, timestamps ISO-8601 strings, dates,
 * times and intervals their text forms, uuids strings, bytes base64 strings, vectors arrays of numbers, geometries WKT
 * strings, non-finite doubles the strings "NaN", "Infinity", "-Infinity". Reading plain JSON maps strings to TEXT,
 * objects to OBJECT (order kept), and numbers as follows: an integer literal within long range is BIGINT, a larger one
 * DECIMAL; a literal with a fraction or exponent is DOUBLE when the double's shortest decimal form has the same value
 * as the literal, otherwise DECIMAL. So {@code 0.1} is DOUBLE but {@code 3.14159265358979323846} and {@code 1e400} are
 * DECIMAL: digits a user wrote are never silently dropped.
 *
 * <p>Both readers reject invalid JSON, duplicate keys, trailing content and nesting deeper than
 * {@link ValueCodec#MAX_DEPTH} with a {@link ValueFormatException} giving line and column.
 */
public final class ValueJson {
    /** $obj wrappers can double the JSON depth of a maximally nested value; our own check stays the binding one. */
    private static final int JSON_DEPTH_LIMIT = 2 * MAX_DEPTH + 8;

    static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(JSON_DEPTH_LIMIT)
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNameLength(Integer.MAX_VALUE)
                    .build())
            .streamWriteConstraints(StreamWriteConstraints.builder()
                    .maxNestingDepth(JSON_DEPTH_LIMIT)
                    .build())
            .build();

    private ValueJson() {}

    /** The factory these methods use, for callers embedding values in larger JSON documents. */
    public static JsonFactory factory() {
        return FACTORY;
    }

    /** @throws IllegalArgumentException if containers nest deeper than {@link ValueCodec#MAX_DEPTH} */
    public static String toTypedJson(Value value) {
        return write(value, true);
    }

    /**
     * @throws IllegalArgumentException if containers nest deeper than {@link ValueCodec#MAX_DEPTH}, or a geometry
     *     holds bytes that are not WKB (plain JSON has no way to show them)
     */
    public static String toJson(Value value) {
        return write(value, false);
    }

    /** @throws ValueFormatException with line and column, for anything but exactly one valid typed-JSON value */
    public static Value fromTypedJson(String json) {
        return JsonValueReader.parse(json, true);
    }

    /** @throws ValueFormatException with line and column, for anything but exactly one valid JSON value */
    public static Value fromJson(String json) {
        return JsonValueReader.parse(json, false);
    }

    /** Writes {@code value} as typed JSON; for embedding in a larger document. */
    public static void writeTyped(JsonGenerator g, Value value) throws IOException {
        write(g, value, true, 0);
    }

    public static void writePlain(JsonGenerator g, Value value) throws IOException {
        write(g, value, false, 0);
    }

    /**
     * Reads one typed-JSON value starting at the parser's current token (advancing first if there is none),
     * leaving the parser on the value's last token.
     */
    public static Value readTyped(JsonParser p) throws IOException {
        return JsonValueReader.readEmbedded(p, true);
    }

    public static Value readPlain(JsonParser p) throws IOException {
        return JsonValueReader.readEmbedded(p, false);
    }

    private static String write(Value value, boolean typed) {
        Objects.requireNonNull(value, "value");
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, value, typed, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, Value value, boolean typed, int depth) throws IOException {
        switch (value) {
            case Value.Null n -> g.writeNull();
            case Value.Bool b -> g.writeBoolean(b.value());
            case Value.Int i -> g.writeNumber(i.value());
            case Value.Float f -> {
                double d = f.value();
                if (Double.isFinite(d)) {
                    g.writeNumber(d);
                } else {
                    String name = Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity";
                    writeMaybeTagged(g, typed, "$float", name);
                }
            }
            case Value.Decimal d -> {
                if (typed) {
                    tagged(g, "$decimal", d.value().toString());
                } else {
                    g.writeNumber(d.value());
                }
            }
            case Value.Str s -> g.writeString(s.value());
            case Value.Bytes b -> writeMaybeTagged(g, typed, "$bytes", Base64.getEncoder().encodeToString(b.raw()));
            case Value.Timestamp t -> writeMaybeTagged(g, typed, "$timestamp", t.toIsoString());
            case Value.Date d -> writeMaybeTagged(g, typed, "$date", d.toText());
            case Value.Time t -> writeMaybeTagged(g, typed, "$time", t.toText());
            case Value.Interval i -> writeMaybeTagged(g, typed, "$interval", i.toText());
            case Value.Uuid u -> writeMaybeTagged(g, typed, "$uuid", u.value().toString());
            case Value.Vector v -> {
                if (typed) {
                    g.writeStartObject();
                    g.writeFieldName("$vector");
                }
                g.writeStartArray();
                for (float x : v.raw()) {
                    g.writeNumber(x);
                }
                g.writeEndArray();
                if (typed) {
                    g.writeEndObject();
                }
            }
            case Value.Geometry geo -> {
                if (!typed) {
                    g.writeString(geo.toWkt());
                } else {
                    String wkt = Geometries.canonicalWkt(geo.raw());
                    if (wkt != null) {
                        tagged(g, "$geometry", wkt);
                    } else {
                        tagged(g, "$wkb", Base64.getEncoder().encodeToString(geo.raw()));
                    }
                }
            }
            case Value.Array a -> {
                checkWriteDepth(depth);
                g.writeStartArray();
                for (Value e : a.elements()) {
                    write(g, e, typed, depth + 1);
                }
                g.writeEndArray();
            }
            case Value.Obj o -> {
                checkWriteDepth(depth);
                FieldMap fields = o.map();
                boolean escape = typed && !fields.isEmpty() && fields.keyAt(0).startsWith("$");
                if (escape) {
                    g.writeStartObject();
                    g.writeFieldName("$obj");
                }
                g.writeStartObject();
                for (int i = 0; i < fields.size(); i++) {
                    g.writeFieldName(fields.keyAt(i));
                    write(g, fields.valueAt(i), typed, depth + 1);
                }
                g.writeEndObject();
                if (escape) {
                    g.writeEndObject();
                }
            }
        }
    }

    private static void checkWriteDepth(int depth) {
        if (depth >= MAX_DEPTH) {
            throw new IllegalArgumentException("value nests deeper than " + MAX_DEPTH + " levels");
        }
    }

    private static void writeMaybeTagged(JsonGenerator g, boolean typed, String tag, String text) throws IOException {
        if (typed) {
            tagged(g, tag, text);
        } else {
            g.writeString(text);
        }
    }

    private static void tagged(JsonGenerator g, String tag, String text) throws IOException {
        g.writeStartObject();
        g.writeStringField(tag, text);
        g.writeEndObject();
    }
}
