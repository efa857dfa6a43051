package io.nodedb.core.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nodedb.core.testing.Seeds;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.io.ByteOrderValues;
import org.locationtech.jts.io.WKBWriter;
import org.locationtech.jts.io.WKTReader;

@ExtendWith(Seeds.class)
class ValueJsonTest {
    private static final long MICROS = Instant.parse("2026-01-02T03:04:05.123456Z").getEpochSecond() * 1_000_000L
            + 123_456;
    private static final UUID ID = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");

    @Test
    void typedJsonRoundTripsRandomValues(TestInfo info) {
        SplittableRandom r = Seeds.random(info);
        RandomValues gen = new RandomValues(r, true);
        for (int i = 0; i < 10_000; i++) {
            Value v = gen.next();
            String json = ValueJson.toTypedJson(v);
            int iteration = i;
            assertThat(ValueJson.fromTypedJson(json)).as(() -> "iteration " + iteration + ": " + json).isEqualTo(v);
        }
    }

    @Test
    void plainJsonOfRandomValuesParses(TestInfo info) {
        // Plain JSON is lossy by design; what it must do is always produce JSON that parses.
        SplittableRandom r = Seeds.random(info);
        RandomValues gen = new RandomValues(r, false);
        for (int i = 0; i < 2_000; i++) {
            String json = ValueJson.toJson(gen.next());
            assertThat(ValueJson.fromJson(json)).as(json).isNotNull();
        }
    }

    // ---- typed JSON ----

    @Test
    void typedJsonWrapsWhatJsonCannotSay() {
        assertThat(ValueJson.toTypedJson(new Value.Decimal(new BigDecimal("12.50")))).isEqualTo("{\"$decimal\":\"12.50\"}");
        assertThat(ValueJson.toTypedJson(new Value.Timestamp(MICROS)))
                .isEqualTo("{\"$timestamp\":\"2026-01-02T03:04:05.123456Z\"}");
        assertThat(ValueJson.toTypedJson(new Value.Uuid(ID)))
                .isEqualTo("{\"$uuid\":\"0f8fad5b-d9cb-469f-a165-70867728950e\"}");
        assertThat(ValueJson.toTypedJson(new Value.Bytes(new byte[] {0, 1, 2, (byte) 0xff})))
                .isEqualTo("{\"$bytes\":\"AAEC/w==\"}");
        assertThat(ValueJson.toTypedJson(new Value.Vector(new float[] {1.0f, 2.5f})))
                .isEqualTo("{\"$vector\":[1.0,2.5]}");
        assertThat(ValueJson.toTypedJson(Value.Geometry.fromWkt("POINT (1 2)"))).isEqualTo("{\"$geometry\":\"POINT (1 2)\"}");
        assertThat(ValueJson.toTypedJson(new Value.Float(Double.NaN))).isEqualTo("{\"$float\":\"NaN\"}");
        assertThat(ValueJson.toTypedJson(new Value.Float(Double.NEGATIVE_INFINITY))).isEqualTo("{\"$float\":\"-Infinity\"}");
        assertThat(ValueJson.toTypedJson(new Value.Float(1))).isEqualTo("1.0");
        assertThat(ValueJson.toTypedJson(new Value.Float(-0.0))).isEqualTo("-0.0");
        assertThat(ValueJson.toTypedJson(new Value.Int(1))).isEqualTo("1");
        assertThat(ValueJson.toTypedJson(Value.Obj.of("a", new Value.Int(1), "$b", Value.TRUE)))
                .isEqualTo("{\"a\":1,\"$b\":true}");
        assertThat(ValueJson.toTypedJson(Value.Obj.of("$decimal", new Value.Str("1"))))
                .isEqualTo("{\"$obj\":{\"$decimal\":\"1\"}}");
        assertThat(ValueJson.toTypedJson(Value.Obj.of("$x", Value.NULL, "y", Value.NULL)))
                .isEqualTo("{\"$obj\":{\"$x\":null,\"y\":null}}");
    }

    @Test
    void typedJsonReadsWrappers() {
        assertThat(ValueJson.fromTypedJson("{\"$decimal\":\"1E+3\"}")).isEqualTo(new Value.Decimal(new BigDecimal("1E+3")));
        assertThat(ValueJson.fromTypedJson("{\"$timestamp\":\"1970-01-01T00:00:00Z\"}")).isEqualTo(new Value.Timestamp(0));
        assertThat(ValueJson.fromTypedJson("{\"$timestamp\":\"1970-01-01T01:00:00.000001+01:00\"}"))
                .isEqualTo(new Value.Timestamp(1));
        assertThat(ValueJson.fromTypedJson("{\"$vector\":[1,2.5,-0.0]}"))
                .isEqualTo(new Value.Vector(new float[] {1f, 2.5f, -0f}));
        assertThat(ValueJson.fromTypedJson("{\"$float\":\"Infinity\"}")).isEqualTo(new Value.Float(Double.POSITIVE_INFINITY));
        assertThat(ValueJson.fromTypedJson("{\"$obj\":{\"$ref\":1}}")).isEqualTo(Value.Obj.of("$ref", new Value.Int(1)));
        assertThat(ValueJson.fromTypedJson("{\"$obj\":{}}")).isEqualTo(Value.Obj.EMPTY);
        assertThat(ValueJson.fromTypedJson(" { \"a\" : { \"$uuid\" : \"0F8FAD5B-D9CB-469F-A165-70867728950E\" } } "))
                .isEqualTo(Value.Obj.of("a", new Value.Uuid(ID)));
    }

    @Test
    void geometryThatWktCannotReproduceFallsBackToWkb() throws Exception {
        var jts = new WKTReader().read("POINT (1 2)");
        byte[] littleEndian = new WKBWriter(2, ByteOrderValues.LITTLE_ENDIAN).write(jts);
        Value v = new Value.Geometry(littleEndian);
        assertThat(ValueJson.toTypedJson(v)).isEqualTo("{\"$wkb\":\"AQEAAAAAAAAAAADwPwAAAAAAAABA\"}");
        assertThat(ValueJson.fromTypedJson(ValueJson.toTypedJson(v))).isEqualTo(v);

        Value garbage = new Value.Geometry(new byte[] {1, 2, 3});
        assertThat(ValueJson.toTypedJson(garbage)).isEqualTo("{\"$wkb\":\"AQID\"}");
        assertThat(ValueJson.fromTypedJson("{\"$wkb\":\"AQID\"}")).isEqualTo(garbage);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        {"$foo":1}                                   | unknown type tag "$foo" (an object whose first key starts with $ must be a typed value, or be wrapped in $obj) at line 1, column 2
        {"$decimal":"abc"}                           | invalid $decimal "abc" at line 1, column 13
        {"$decimal":12}                              | $decimal expects a string at line 1, column 13
        {"$decimal":"1","x":2}                       | unexpected field after "$decimal" at line 1, column 17
        {"$float":"nan"}                             | $float must be "NaN", "Infinity" or "-Infinity" at line 1, column 11
        {"$uuid":"1-2-3-4-5"}                        | invalid $uuid "1-2-3-4-5" at line 1, column 10
        {"$bytes":"***"}                             | invalid base64 in $bytes: Illegal base64 character 2a at line 1, column 11
        {"$timestamp":"2026-01-02T03:04:05.1234567Z"} | timestamp 2026-01-02T03:04:05.123456700Z is finer than a microsecond at line 1, column 15
        {"$timestamp":"yesterday"}                   | invalid timestamp 'yesterday': Text 'yesterday' could not be parsed at index 0 at line 1, column 15
        {"$vector":[1e39]}                           | vector component 1e39 out of float range at line 1, column 13
        {"$vector":[1,"2"]}                          | $vector expects an array of numbers at line 1, column 15
        {"$vector":{}}                               | $vector expects an array of numbers at line 1, column 12
        {"$geometry":"POINT (1)"}                    | invalid WKT: Expected number but found ')' (line 1) at line 1, column 14
        {"$geometry":"POINT (1 2) x"}                | invalid WKT: unexpected text after geometry at character 13 at line 1, column 14
        {"$obj":[]}                                  | $obj expects an object at line 1, column 9
        12345678901234567890                         | integer 12345678901234567890 out of BIGINT range at line 1, column 1
        1e400                                        | number 1e400 out of DOUBLE range at line 1, column 1
        """)
    void typedJsonErrors(String json, String message) {
        assertThatThrownBy(() -> ValueJson.fromTypedJson(json))
                .isInstanceOf(ValueFormatException.class)
                .hasMessage(message);
    }

    // ---- plain JSON ----

    @Test
    void plainJsonIsWhatAUserExpects() {
        Value doc = Value.Obj.builder()
                .put("id", new Value.Int(42))
                .put("price", new Value.Decimal(new BigDecimal("12.50")))
                .put("ratio", new Value.Float(0.25))
                .put("name", new Value.Str("caf\u00e9 \"\uD83D\uDE00\"\n"))
                .put("at", new Value.Timestamp(MICROS))
                .put("uid", new Value.Uuid(ID))
                .put("raw", new Value.Bytes(new byte[] {0, 1, 2}))
                .put("embedding", new Value.Vector(new float[] {1.0f, 2.5f}))
                .put("where", Value.Geometry.fromWkt("POINT (1 2)"))
                .put("tags", Value.Array.of(Value.TRUE, Value.NULL))
                .put("$weird", Value.Obj.EMPTY)
                .build();
        assertThat(ValueJson.toJson(doc)).isEqualTo("{\"id\":42,\"price\":12.50,\"ratio\":0.25,"
                + "\"name\":\"caf\u00e9 \\\"\uD83D\uDE00\\\"\\n\",\"at\":\"2026-01-02T03:04:05.123456Z\","
                + "\"uid\":\"0f8fad5b-d9cb-469f-a165-70867728950e\",\"raw\":\"AAEC\",\"embedding\":[1.0,2.5],"
                + "\"where\":\"POINT (1 2)\",\"tags\":[true,null],\"$weird\":{}}");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        NULL                    | null
        1.0E10                  | 1.0E10
        NaN                     | "NaN"
        Infinity                | "Infinity"
        -Infinity               | "-Infinity"
        """)
    void plainJsonDoubles(String d, String json) {
        Value v = d.equals("NULL") ? Value.NULL : new Value.Float(Double.parseDouble(d));
        assertThat(ValueJson.toJson(v)).isEqualTo(json);
    }

    @Test
    void plainJsonSmallValues() {
        assertThat(ValueJson.toJson(new Value.Decimal(new BigDecimal("1E+3")))).isEqualTo("1E+3");
        assertThat(ValueJson.toJson(new Value.Timestamp(0))).isEqualTo("\"1970-01-01T00:00:00Z\"");
        assertThat(ValueJson.toJson(new Value.Timestamp(1_000))).isEqualTo("\"1970-01-01T00:00:00.001Z\"");
        assertThat(ValueJson.toJson(new Value.Timestamp(-1))).isEqualTo("\"1969-12-31T23:59:59.999999Z\"");
        assertThat(ValueJson.toJson(new Value.Timestamp(Long.MIN_VALUE))).isEqualTo("\"-290308-12-21T19:59:05.224192Z\"");
        assertThat(ValueJson.toJson(new Value.Str("\u0000\u001f"))).isEqualTo("\"\\u0000\\u001F\"");
        assertThat(ValueJson.toJson(Value.Array.EMPTY)).isEqualTo("[]");
        assertThat(ValueJson.toJson(Value.Geometry.fromWkt("LINESTRING (0 0.5, 1e-24 2)")))
                .isEqualTo("\"LINESTRING (0 0.5, 0.000000000000000000000001 2)\"");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        1                               | BIGINT  | 1
        -0                              | BIGINT  | 0
        9223372036854775807             | BIGINT  | 9223372036854775807
        -9223372036854775808            | BIGINT  | -9223372036854775808
        9223372036854775808             | DECIMAL | 9223372036854775808
        1.5                             | DOUBLE  | 1.5
        1.0                             | DOUBLE  | 1.0
        1e2                             | DOUBLE  | 100.0
        0.1                             | DOUBLE  | 0.1
        -0.0                            | DOUBLE  | -0.0
        0e-999                          | DOUBLE  | 0.0
        0.30000000000000004             | DOUBLE  | 0.30000000000000004
        123456789012345.6               | DOUBLE  | 1.234567890123456E14
        4.9e-324                        | DOUBLE  | 4.9E-324
        1.7976931348623157e308          | DOUBLE  | 1.7976931348623157E308
        3.14159265358979323846          | DECIMAL | 3.14159265358979323846
        0.1000000000000000000000001     | DECIMAL | 0.1000000000000000000000001
        1e400                           | DECIMAL | 1E+400
        1e-400                          | DECIMAL | 1E-400
        2.5e-324                        | DECIMAL | 2.5E-324
        """)
    void plainJsonNumbers(String json, ValueType type, String expected) {
        Value v = ValueJson.fromJson(json);
        assertThat(v.type()).isEqualTo(type);
        switch (v) {
            case Value.Int i -> assertThat(i.value()).isEqualTo(Long.parseLong(expected));
            case Value.Float f -> assertThat(Double.toString(f.value())).isEqualTo(expected);
            case Value.Decimal d -> assertThat(d.value().toString()).isEqualTo(expected);
            default -> throw new AssertionError(v);
        }
    }

    @Test
    void plainJsonReadsStructure() {
        Value v = ValueJson.fromJson("{\"b\":[1,\"x\",null,true,{}],\"a\":{\"$decimal\":\"1\"}}");
        assertThat(v).isEqualTo(Value.Obj.of(
                "b", Value.Array.of(new Value.Int(1), new Value.Str("x"), Value.NULL, Value.TRUE, Value.Obj.EMPTY),
                "a", Value.Obj.of("$decimal", new Value.Str("1"))));
        assertThat(((Value.Obj) v).names()).containsExactly("b", "a");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        ``                   | empty input at line 1, column 1
        `   `                | empty input at line 1, column 4
        {                    | unexpected end of input at line 1, column 2
        [1,]                 | invalid JSON: Unexpected character (']' (code 93)): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false') at line 1, column 4
        {"a":1,"a":2}        | duplicate field "a" at line 1, column 8
        1 2                  | unexpected content after the value at line 1, column 3
        [1] x                | invalid JSON: Unrecognized token 'x': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false') at line 1, column 5
        NaN                  | invalid JSON: Non-standard token 'NaN': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow at line 1, column 4
        """)
    void plainJsonErrors(String json, String message) {
        assertThatThrownBy(() -> ValueJson.fromJson(json == null ? "" : json))
                .isInstanceOf(ValueFormatException.class)
                .hasMessage(message);
    }

    @Test
    void errorsReportLineAndColumn() {
        ValueFormatException e = org.junit.jupiter.api.Assertions.assertThrows(
                ValueFormatException.class, () -> ValueJson.fromJson("{\n  \"a\": 1,\n  \"b\": tru\n}"));
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(8);
        assertThat(e.offset()).isEqualTo(-1);
        assertThat(e.getMessage()).startsWith("invalid JSON: Unrecognized token 'tru'").endsWith("at line 3, column 8");
    }

    @Test
    void nestingLimitAppliesToBothReaders() {
        String ok = "[".repeat(ValueCodec.MAX_DEPTH) + "]".repeat(ValueCodec.MAX_DEPTH);
        assertThat(ValueJson.fromJson(ok)).isEqualTo(ValueJson.fromTypedJson(ok));
        String deep = "[".repeat(ValueCodec.MAX_DEPTH + 1) + "]".repeat(ValueCodec.MAX_DEPTH + 1);
        assertThatThrownBy(() -> ValueJson.fromJson(deep))
                .isInstanceOf(ValueFormatException.class)
                .hasMessage("nesting deeper than 512 levels at line 1, column 513");
        assertThatThrownBy(() -> ValueJson.fromTypedJson(deep))
                .isInstanceOf(ValueFormatException.class)
                .hasMessage("nesting deeper than 512 levels at line 1, column 513");

        // $obj wrappers do not count as nesting: 512 escaped objects are fine.
        Value v = Value.NULL;
        for (int i = 0; i < ValueCodec.MAX_DEPTH; i++) {
            v = Value.Obj.of("$k", v);
        }
        assertThat(ValueJson.fromTypedJson(ValueJson.toTypedJson(v))).isEqualTo(v);
        Value tooDeep = Value.Array.of(v);
        assertThatThrownBy(() -> ValueJson.toJson(tooDeep)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ValueJson.toTypedJson(tooDeep)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mutatedJsonFailsCleanly(TestInfo info) {
        SplittableRandom r = Seeds.random(info);
        RandomValues gen = new RandomValues(r, true);
        String alphabet = "{}[]\":,$\\0123456789eE.-+ tfnlu";
        for (int i = 0; i < 5_000; i++) {
            StringBuilder json = new StringBuilder(ValueJson.toTypedJson(gen.next()));
            int edits = 1 + r.nextInt(3);
            for (int e = 0; e < edits && !json.isEmpty(); e++) {
                int at = r.nextInt(json.length());
                switch (r.nextInt(3)) {
                    case 0 -> json.setCharAt(at, alphabet.charAt(r.nextInt(alphabet.length())));
                    case 1 -> json.deleteCharAt(at);
                    default -> json.setLength(at);
                }
            }
            for (boolean typed : new boolean[] {true, false}) {
                try {
                    Value v = typed ? ValueJson.fromTypedJson(json.toString()) : ValueJson.fromJson(json.toString());
                    assertThat(v).isNotNull();
                } catch (ValueFormatException expected) {
                    assertThat(expected.line()).isPositive();
                } catch (RuntimeException t) {
                    throw new AssertionError("input " + json + " threw " + t, t);
                }
            }
        }
    }

    @Test
    void embedsInLargerDocuments() throws Exception {
        var out = new java.io.StringWriter();
        try (var g = ValueJson.factory().createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("lsn", 7);
            g.writeFieldName("row");
            ValueJson.writeTyped(g, new Value.Timestamp(0));
            g.writeEndObject();
        }
        assertThat(out.toString()).isEqualTo("{\"lsn\":7,\"row\":{\"$timestamp\":\"1970-01-01T00:00:00Z\"}}");
        try (var p = ValueJson.factory().createParser(out.toString())) {
            p.nextToken();
            p.nextToken();
            p.nextToken();
            p.nextToken();
            p.nextToken();
            assertThat(ValueJson.readTyped(p)).isEqualTo(new Value.Timestamp(0));
            assertThat(p.nextToken()).hasToString("END_OBJECT");
        }
    }
}
