package io.nodedb.core.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nodedb.core.testing.Seeds;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(Seeds.class)
class ValueCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    static String hex(Value v) {
        return HEX.formatHex(ValueCodec.encode(v));
    }

    static Value decodeHex(String hex) {
        return ValueCodec.decode(HEX.parseHex(hex.replace(" ", "")));
    }

    @Test
    void roundTripsRandomValues(TestInfo info) {
        SplittableRandom r = Seeds.random(info);
        RandomValues gen = new RandomValues(r, true);
        ByteSink reused = new ByteSink(8);
        for (int i = 0; i < 10_000; i++) {
            Value v = gen.next();
            byte[] encoded = ValueCodec.encode(v);
            int iteration = i;
            Value back = ValueCodec.decode(encoded);
            assertThat(back).as(() -> "iteration " + iteration + ", encoding " + HEX.formatHex(encoded)).isEqualTo(v);
            assertThat(back.hashCode()).isEqualTo(v.hashCode());
            assertThat(ValueCodec.encode(back)).as("re-encoding is identical").isEqualTo(encoded);

            // The reusable sink appends and must produce the same bytes.
            reused.reset();
            reused.writeByte(0x5a);
            ValueCodec.encode(v, reused);
            assertThat(Arrays.copyOfRange(reused.array(), 1, reused.size())).isEqualTo(encoded);
            // Decoding a slice of a larger buffer.
            assertThat(ValueCodec.decode(reused.array(), 1, reused.size() - 1)).isEqualTo(v);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "0, 00",
        "127, 7f",
        "128, cc80",
        "255, ccff",
        "256, cd0100",
        "65535, cdffff",
        "65536, ce00010000",
        "4294967295, ceffffffff",
        "4294967296, cf0000000100000000",
        "9223372036854775807, cf7fffffffffffffff",
        "-1, ff",
        "-32, e0",
        "-33, d0df",
        "-128, d080",
        "-129, d1ff7f",
        "-32768, d18000",
        "-32769, d2ffff7fff",
        "-2147483648, d280000000",
        "-2147483649, d3ffffffff7fffffff",
        "-9223372036854775808, d38000000000000000",
    })
    void integersUseTheSmallestForm(long value, String expected) {
        assertThat(hex(new Value.Int(value))).isEqualTo(expected);
        assertThat(decodeHex(expected)).isEqualTo(new Value.Int(value));
    }

    @Test
    void readsEveryIntegerForm() {
        assertThat(decodeHex("cc01")).isEqualTo(new Value.Int(1));
        assertThat(decodeHex("cd0001")).isEqualTo(new Value.Int(1));
        assertThat(decodeHex("ce00000001")).isEqualTo(new Value.Int(1));
        assertThat(decodeHex("cf0000000000000001")).isEqualTo(new Value.Int(1));
        assertThat(decodeHex("d0ff")).isEqualTo(new Value.Int(-1));
        assertThat(decodeHex("d1ffff")).isEqualTo(new Value.Int(-1));
        assertThat(decodeHex("d2ffffffff")).isEqualTo(new Value.Int(-1));
        assertThat(decodeHex("d3ffffffffffffffff")).isEqualTo(new Value.Int(-1));
    }

    @Test
    void encodesScalars() {
        assertThat(hex(Value.NULL)).isEqualTo("c0");
        assertThat(hex(Value.FALSE)).isEqualTo("c2");
        assertThat(hex(Value.TRUE)).isEqualTo("c3");
        assertThat(hex(new Value.Float(1.5))).isEqualTo("cb3ff8000000000000");
        assertThat(hex(new Value.Float(-0.0))).isEqualTo("cb8000000000000000");
        assertThat(hex(new Value.Float(Double.longBitsToDouble(0x7ff0000000000001L))))
                .as("NaN payloads are canonicalized")
                .isEqualTo("cb7ff8000000000000");
        assertThat(decodeHex("ca3fc00000")).isEqualTo(new Value.Float(1.5));
        assertThat(hex(new Value.Str(""))).isEqualTo("a0");
        assertThat(hex(new Value.Str("a"))).isEqualTo("a161");
        assertThat(hex(new Value.Str("\u00e9"))).isEqualTo("a2c3a9");
        assertThat(hex(new Value.Str("\u20ac"))).isEqualTo("a3e282ac");
        assertThat(hex(new Value.Str("\uD83D\uDE00"))).isEqualTo("a4f09f9880");
        assertThat(hex(new Value.Bytes(new byte[0]))).isEqualTo("c400");
        assertThat(hex(new Value.Bytes(new byte[] {1, 2}))).isEqualTo("c4020102");
    }

    @Test
    void unpairedSurrogatesBecomeQuestionMarks() {
        assertThat(hex(new Value.Str("a\uD800b"))).isEqualTo("a3613f62");
        assertThat(hex(new Value.Str("\uDC00"))).isEqualTo("a13f");
        assertThat(hex(new Value.Str("\uD800"))).isEqualTo("a13f");
    }

    @Test
    void lengthBoundariesSwitchFamilies() {
        assertThat(hex(new Value.Str("x".repeat(31)))).startsWith("bf78");
        assertThat(hex(new Value.Str("x".repeat(32)))).startsWith("d92078");
        assertThat(hex(new Value.Str("x".repeat(255)))).startsWith("d9ff78");
        assertThat(hex(new Value.Str("x".repeat(256)))).startsWith("da010078");
        assertThat(hex(new Value.Str("x".repeat(65535)))).startsWith("daffff78");
        assertThat(hex(new Value.Str("x".repeat(65536)))).startsWith("db0001000078");
        assertThat(hex(new Value.Bytes(new byte[255]))).startsWith("c4ff00");
        assertThat(hex(new Value.Bytes(new byte[256]))).startsWith("c5010000");
        assertThat(hex(new Value.Bytes(new byte[65536]))).startsWith("c60001000000");

        Value[] fifteen = new Value[15];
        Arrays.fill(fifteen, Value.NULL);
        Value[] sixteen = new Value[16];
        Arrays.fill(sixteen, Value.NULL);
        assertThat(hex(Value.Array.EMPTY)).isEqualTo("90");
        assertThat(hex(Value.Array.of(fifteen))).isEqualTo("9f" + "c0".repeat(15));
        assertThat(hex(Value.Array.of(sixteen))).isEqualTo("dc0010" + "c0".repeat(16));

        Value.Obj.Builder b = Value.Obj.builder();
        for (int i = 0; i < 16; i++) {
            b.put(Character.toString('a' + i), Value.NULL);
        }
        assertThat(hex(Value.Obj.EMPTY)).isEqualTo("80");
        assertThat(hex(Value.Obj.of("a", new Value.Int(1)))).isEqualTo("81a16101");
        assertThat(hex(b.build())).startsWith("de0010a161c0a162c0");
    }

    @Test
    void encodesExtensionTypes() {
        // 12.50: scale 2 -> zigzag 4, unscaled 1250 = 0x04e2; three payload bytes need ext8.
        assertThat(hex(new Value.Decimal(new BigDecimal("12.50")))).isEqualTo("c7030104" + "04e2");
        assertThat(hex(new Value.Decimal(BigDecimal.ONE))).isEqualTo("d5010001");
        assertThat(hex(new Value.Decimal(new BigDecimal("-1.5")))).isEqualTo("d50102f1");
        // 1E+3: scale -3 -> zigzag 5, unscaled 1.
        assertThat(hex(new Value.Decimal(new BigDecimal("1E+3")))).isEqualTo("d5010501");
        assertThat(hex(new Value.Timestamp(1))).isEqualTo("d7020000000000000001");
        assertThat(hex(new Value.Timestamp(-1))).isEqualTo("d702ffffffffffffffff");
        assertThat(hex(new Value.Uuid(UUID.fromString("00112233-4455-6677-8899-aabbccddeeff"))))
                .isEqualTo("d803" + "00112233445566778899aabbccddeeff");
        assertThat(hex(new Value.Vector(new float[] {1.0f, -2.0f}))).isEqualTo("d704" + "0000803f" + "000000c0");
        assertThat(hex(new Value.Vector(new float[0]))).isEqualTo("c70004");
        assertThat(hex(Value.Geometry.fromWkt("POINT (1 2)")))
                .isEqualTo("c71505" + "00000000013ff00000000000004000000000000000");
    }

    @Test
    void decimalScaleExtremesRoundTrip() {
        for (int scale : new int[] {Integer.MIN_VALUE, Integer.MAX_VALUE, -1, 63, 64, -64, -65}) {
            Value v = new Value.Decimal(new BigDecimal(BigInteger.valueOf(-123456789), scale));
            assertThat(ValueCodec.decode(ValueCodec.encode(v))).isEqualTo(v);
        }
    }

    @Test
    void keepsFieldOrder() {
        Value v = Value.Obj.of("b", Value.NULL, "a", Value.NULL);
        Value.Obj back = (Value.Obj) ValueCodec.decode(ValueCodec.encode(v));
        assertThat(back.names()).containsExactly("b", "a");
        assertThat(back).isNotEqualTo(Value.Obj.of("a", Value.NULL, "b", Value.NULL));
    }

    @Test
    void acceptsExactlyMaxDepthAndRejectsDeeper() {
        byte[] ok = nestedArrays(ValueCodec.MAX_DEPTH);
        Value v = ValueCodec.decode(ok);
        assertThat(ValueCodec.encode(v)).isEqualTo(ok);

        assertThatThrownBy(() -> ValueCodec.decode(nestedArrays(ValueCodec.MAX_DEPTH + 1)))
                .isInstanceOf(ValueFormatException.class)
                .hasMessage("nesting deeper than 512 levels at offset 512");

        Value tooDeep = Value.Array.of(v);
        assertThatThrownBy(() -> ValueCodec.encode(tooDeep))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("value nests deeper than 512 levels");

        byte[] maps = new byte[ValueCodec.MAX_DEPTH * 3 + 4];
        for (int i = 0; i <= ValueCodec.MAX_DEPTH; i++) {
            maps[3 * i] = (byte) 0x81;
            maps[3 * i + 1] = (byte) 0xa1;
            maps[3 * i + 2] = 'k';
        }
        maps[maps.length - 1] = (byte) 0xc0;
        assertThatThrownBy(() -> ValueCodec.decode(maps))
                .isInstanceOf(ValueFormatException.class)
                .hasMessage("nesting deeper than 512 levels at offset 1536");
    }

    private static byte[] nestedArrays(int depth) {
        byte[] b = new byte[depth + 1];
        Arrays.fill(b, 0, depth, (byte) 0x91);
        b[depth] = (byte) 0xc0;
        return b;
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
        ''                        | empty input at offset 0
        c1                        | reserved type byte 0xc1 at offset 0
        cd00                      | truncated int at offset 0
        cb000000                  | truncated float at offset 0
        a36162                    | truncated string (declares 3 bytes, 2 remain) at offset 0
        91a361                    | truncated string (declares 3 bytes, 1 remain) at offset 1
        dbffffffff616263          | truncated string (declares 4294967295 bytes, 3 remain) at offset 0
        db0000                    | truncated string at offset 0
        c6ffffffff00              | truncated binary (declares 4294967295 bytes, 1 remain) at offset 0
        ddffffffffc0              | truncated array (declares 4294967295 elements, 1 bytes remain) at offset 0
        dfffffffffa161c0          | truncated map (declares 4294967295 entries, 3 bytes remain) at offset 0
        92a161                    | truncated value at offset 3
        81a161                    | truncated value at offset 3
        81                        | truncated map (declares 1 entries, 0 bytes remain) at offset 0
        c9ffffffff05              | truncated extension (declares 4294967295 bytes, 0 remain) at offset 0
        c705                      | truncated extension at offset 0
        d7020000                  | truncated extension (declares 8 bytes, 2 remain) at offset 0
        a2c328                    | invalid UTF-8 in string at offset 0
        a2c080                    | invalid UTF-8 in string at offset 0
        a3eda080                  | invalid UTF-8 in string at offset 0
        9201a1ff                  | invalid UTF-8 in string at offset 2
        cfffffffffffffffff        | uint64 18446744073709551615 out of BIGINT range at offset 0
        cf8000000000000000        | uint64 9223372036854775808 out of BIGINT range at offset 0
        8101c0                    | map key must be a string, found type byte 0x01 at offset 1
        82a16101a16102            | duplicate map key "a" at offset 4
        d40900                    | unknown extension type 9 at offset 0
        d4ff00                    | unknown extension type -1 at offset 0
        d60200000000              | timestamp extension must be 8 bytes, not 4 at offset 0
        d7030000000000000000      | uuid extension must be 16 bytes, not 8 at offset 0
        c705040000000000          | vector extension length 5 is not a multiple of 4 at offset 0
        d6040000c07f              | non-finite vector component 0 at offset 2
        c708040000803f0000807f    | non-finite vector component 1 at offset 7
        d40100                    | decimal has no unscaled value at offset 0
        d5018080                  | truncated decimal scale at offset 0
        c70601808080801001        | decimal scale does not fit in 32 bits at offset 0
        0102                      | trailing bytes after value at offset 1
        """)
    void rejectsMalformedInput(String hex, String message) {
        assertThatThrownBy(() -> decodeHex(hex == null ? "" : hex))
                .isInstanceOf(ValueFormatException.class)
                .hasMessage(message);
    }

    @Test
    void acceptsGenuineReplacementCharacter() {
        assertThat(decodeHex("a3efbfbd")).isEqualTo(new Value.Str("\uFFFD"));
    }

    @Test
    void offsetsCountFromTheSliceStart() {
        byte[] buf = HEX.parseHex("ffff" + "92a3616263" + "a26162" + "ffff");
        assertThat(ValueCodec.decode(buf, 2, 8)).isEqualTo(Value.Array.of(new Value.Str("abc"), new Value.Str("ab")));
        ValueFormatException e = org.junit.jupiter.api.Assertions.assertThrows(
                ValueFormatException.class, () -> ValueCodec.decode(buf, 2, 7));
        assertThat(e).hasMessage("truncated string (declares 2 bytes, 1 remain) at offset 5");
        assertThat(e.offset()).isEqualTo(5);
        assertThat(e.line()).isZero();
    }

    @Test
    void rejectsBadSliceArguments() {
        assertThatThrownBy(() -> ValueCodec.decode(new byte[4], 3, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void byteSinkGrowsAndResets() {
        ByteSink sink = new ByteSink(0);
        for (int i = 0; i < 1000; i++) {
            sink.writeByte(i);
        }
        sink.writeLongBE(0x0102030405060708L);
        sink.writeIntLE(0x01020304);
        assertThat(sink.size()).isEqualTo(1012);
        assertThat(HEX.formatHex(sink.toByteArray(), 1000, 1012)).isEqualTo("010203040506070804030201");
        int capacity = sink.capacity();
        sink.reset();
        assertThat(sink.size()).isZero();
        assertThat(sink.capacity()).isEqualTo(capacity);
        ValueCodec.encode(new Value.Array(List.of(new Value.Int(1))), sink);
        assertThat(sink.toByteArray()).isEqualTo(new byte[] {(byte) 0x91, 1});
    }
}
