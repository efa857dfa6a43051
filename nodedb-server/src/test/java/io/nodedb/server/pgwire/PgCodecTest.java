package io.nodedb.server.pgwire;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.testing.Seeds;
import io.nodedb.core.value.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static java.time.ZoneOffset.UTC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(Seeds.class)
class PgCodecTest {

    @Test
    void textFormatMatchesPostgres() {
        assertThat(PgText.format(Value.of(1.0), UTC)).isEqualTo("1");
        assertThat(PgText.format(Value.of(1.5), UTC)).isEqualTo("1.5");
        assertThat(PgText.format(Value.of(1e20), UTC)).isEqualTo("1e+20");
        assertThat(PgText.format(Value.of(1.5e-7), UTC)).isEqualTo("1.5e-07");
        assertThat(PgText.format(Value.of(Double.NaN), UTC)).isEqualTo("NaN");
        assertThat(PgText.format(Value.TRUE, UTC)).isEqualTo("t");
        assertThat(PgText.format(new Value.Bytes(new byte[] {0, (byte) 0xAB}), UTC)).isEqualTo("\\x00ab");
        assertThat(PgText.format(new Value.Timestamp(1_767_323_045_123_450L), UTC))
                .isEqualTo("2026-01-02 03:04:05.12345+00");
        assertThat(PgText.format(new Value.Timestamp(1_767_323_045_000_000L), UTC)).isEqualTo("2026-01-02 03:04:05+00");
        assertThat(PgText.format(new Value.Vector(new float[] {1f, 2.5f}), UTC)).isEqualTo("{1,2.5}");
        assertThat(PgText.format(Value.Obj.of("a", Value.of(1L)), UTC)).isEqualTo("{\"a\":1}");
    }

    @Test
    void textParametersParseByDeclaredType() {
        assertThat(PgText.parse("42", PgType.INT4, UTC)).isEqualTo(Value.of(42L));
        assertThat(PgText.parse("yes", PgType.BOOL, UTC)).isEqualTo(Value.TRUE);
        assertThat(PgText.parse("2026-01-02 03:04:05.5+02", PgType.TIMESTAMPTZ, UTC))
                .isEqualTo(new Value.Timestamp(1_767_315_845_500_000L));
        assertThat(PgText.parse("2026-01-02", PgType.TIMESTAMP, UTC))
                .isEqualTo(new Value.Timestamp(1_767_312_000_000_000L));
        assertThat(PgText.parse("{1,NULL,\"3\"}", PgType.INT8_ARRAY, UTC))
                .isEqualTo(new Value.Array(List.of(Value.of(1L), Value.NULL, Value.of(3L))));
        assertThat(PgText.parse("{\"a,b\",c}", PgType.TEXT_ARRAY, UTC))
                .isEqualTo(new Value.Array(List.of(Value.of("a,b"), Value.of("c"))));
        for (String bad : new String[] {"x1", "", "9999999999999999999999"}) {
            assertThatThrownBy(() -> PgText.parse(bad, PgType.INT8, UTC)).isInstanceOfSatisfying(NodeDbException.class,
                    e -> assertThat(e.state()).isEqualTo(SqlState.INVALID_TEXT_REPRESENTATION));
        }
        assertThatThrownBy(() -> PgText.parse("not a date", PgType.TIMESTAMPTZ, UTC))
                .isInstanceOf(NodeDbException.class);
        assertThatThrownBy(() -> PgText.parse("1,2", PgType.INT8_ARRAY, UTC)).isInstanceOf(NodeDbException.class);
    }

    @Test
    void binaryRoundTripsEveryScalarType(TestInfo info) {
        var r = Seeds.random(info);
        Random bits = new Random(r.nextLong());
        for (int i = 0; i < 2000; i++) {
            long l = r.nextLong();
            assertThat(PgBinary.decode(PgBinary.encode(Value.of(l), PgType.INT8), PgType.INT8, UTC))
                    .isEqualTo(Value.of(l));
            double d = r.nextDouble() * Math.pow(10, r.nextInt(40) - 20);
            assertThat(PgBinary.decode(PgBinary.encode(Value.of(d), PgType.FLOAT8), PgType.FLOAT8, UTC))
                    .isEqualTo(Value.of(d));
            BigDecimal dec = new BigDecimal(new BigInteger(r.nextInt(120) + 1, bits), r.nextInt(30) - 10);
            if (r.nextBoolean()) {
                dec = dec.negate();
            }
            BigDecimal back = ((Value.Decimal) PgBinary.decode(PgBinary.encode(new Value.Decimal(dec), PgType.NUMERIC),
                    PgType.NUMERIC, UTC)).value();
            assertThat(back).as("numeric %s", dec).isEqualByComparingTo(dec);
            assertThat(back.scale()).as("numeric scale %s", dec).isEqualTo(Math.max(0, dec.scale()));
            Value ts = new Value.Timestamp(r.nextLong() >> 12);
            assertThat(PgBinary.decode(PgBinary.encode(ts, PgType.TIMESTAMPTZ), PgType.TIMESTAMPTZ, UTC)).isEqualTo(ts);
        }
        Value uuid = new Value.Uuid(UUID.randomUUID());
        assertThat(PgBinary.decode(PgBinary.encode(uuid, PgType.UUID), PgType.UUID, UTC)).isEqualTo(uuid);
        Value json = Value.Obj.of("k", new Value.Array(List.of(Value.of(1L), Value.of("x"))));
        assertThat(PgBinary.decode(PgBinary.encode(json, PgType.JSONB), PgType.JSONB, UTC)).isEqualTo(json);
        Value arr = new Value.Array(List.of(Value.of(1L), Value.NULL, Value.of(-5L)));
        assertThat(PgBinary.decode(PgBinary.encode(arr, PgType.INT8_ARRAY), PgType.INT8_ARRAY, UTC)).isEqualTo(arr);
    }

    @Test
    void dateTimeAndIntervalTravelAsPostgresLaysThemOut(TestInfo info) {
        Value.Interval iv = new Value.Interval(14, -3, 7_200_000_001L);
        assertThat(PgText.format(iv, UTC)).isEqualTo("1 year 2 mons -3 days +02:00:00.000001");
        assertThat(PgText.format(new Value.Date(0), UTC)).isEqualTo("1970-01-01");
        assertThat(PgText.format(new Value.Time(1_500_000), UTC)).isEqualTo("00:00:01.5");
        assertThat(PgText.parse("1 year 2 mons -3 days +02:00:00.000001", PgType.INTERVAL, UTC)).isEqualTo(iv);
        assertThat(PgText.parse("2000-01-01", PgType.DATE, UTC)).isEqualTo(new Value.Date(10_957));
        assertThat(PgText.parse("00:00:01.5", PgType.TIME, UTC)).isEqualTo(new Value.Time(1_500_000));
        assertThatThrownBy(() -> PgText.parse("2000-02-30", PgType.DATE, UTC)).isInstanceOfSatisfying(
                NodeDbException.class, e -> assertThat(e.state()).isEqualTo(SqlState.DATETIME_FIELD_OVERFLOW));
        assertThatThrownBy(() -> PgText.parse("soon", PgType.INTERVAL, UTC)).isInstanceOfSatisfying(
                NodeDbException.class, e -> assertThat(e.state()).isEqualTo(SqlState.INVALID_DATETIME_FORMAT));

        // int64 microseconds, int32 days, int32 months; dates as int32 days since 2000-01-01; times as int64 µs.
        assertThat(PgBinary.encode(iv, PgType.INTERVAL)).containsExactly(0, 0, 0, 1, (byte) 0xAD, 0x27, 0x48, 1,
                (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFD, 0, 0, 0, 14);
        assertThat(PgBinary.encode(new Value.Date(10_958), PgType.DATE)).containsExactly(0, 0, 0, 1);
        assertThat(PgBinary.encode(new Value.Time(1), PgType.TIME)).containsExactly(0, 0, 0, 0, 0, 0, 0, 1);

        var r = Seeds.random(info);
        for (int i = 0; i < 2000; i++) {
            Value interval = new Value.Interval(r.nextInt(), r.nextInt(), r.nextLong());
            assertThat(PgBinary.decode(PgBinary.encode(interval, PgType.INTERVAL), PgType.INTERVAL, UTC))
                    .isEqualTo(interval);
            Value date = new Value.Date(r.nextInt(-2_400_000, 2_100_000_000));
            assertThat(PgBinary.decode(PgBinary.encode(date, PgType.DATE), PgType.DATE, UTC)).isEqualTo(date);
            Value time = new Value.Time(r.nextLong(86_400_000_001L));
            assertThat(PgBinary.decode(PgBinary.encode(time, PgType.TIME), PgType.TIME, UTC)).isEqualTo(time);
        }
        assertThatThrownBy(() -> PgBinary.decode(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1}, PgType.TIME, UTC))
                .isInstanceOf(NodeDbException.class);
    }

    /** A binary timestamp without time zone is wall-clock time, placed in the session zone as PostgreSQL does. */
    @Test
    void binaryTimestampWithoutZoneIsWallClockInTheSessionZone() {
        Value noonWall = new Value.Timestamp(java.time.Instant.parse("2024-03-01T12:00:00Z").getEpochSecond()
                * 1_000_000L);
        byte[] wire = PgBinary.encode(noonWall, PgType.TIMESTAMP);
        assertThat(PgBinary.decode(wire, PgType.TIMESTAMP, java.time.ZoneId.of("Europe/Berlin")))
                .isEqualTo(Value.Timestamp.of(java.time.Instant.parse("2024-03-01T11:00:00Z")));
        assertThat(PgBinary.decode(wire, PgType.TIMESTAMPTZ, java.time.ZoneId.of("Europe/Berlin"))).isEqualTo(noonWall);
    }

    @Test
    void numericBinaryMatchesPostgresLayout() {
        // 12.50 in PostgreSQL: ndigits 2, weight 0, sign +, dscale 2, digits [12, 5000]
        assertThat(PgBinary.numeric(new BigDecimal("12.50")))
                .containsExactly(0, 2, 0, 0, 0, 0, 0, 2, 0, 12, 0x13, (byte) 0x88);
        assertThat(PgBinary.numeric(BigDecimal.ZERO)).containsExactly(0, 0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void malformedBinaryParametersAreErrorsNotCrashes(TestInfo info) {
        var r = Seeds.random(info);
        for (PgType t : PgType.values()) {
            for (int i = 0; i < 200; i++) {
                byte[] junk = new byte[r.nextInt(24)];
                r.nextBytes(junk);
                try {
                    PgBinary.decode(junk, t, UTC);
                } catch (NodeDbException expected) {
                    assertThat(expected.state()).isNotNull();
                } catch (RuntimeException e) {
                    if (!(e instanceof io.nodedb.core.value.ValueFormatException)) {
                        throw new AssertionError("type " + t + " threw " + e, e);
                    }
                }
            }
        }
    }

    private static PgMessage message(char type, String... cstrings) {
        io.netty.buffer.ByteBuf b = io.netty.buffer.Unpooled.buffer();
        for (String c : cstrings) {
            b.writeBytes(c.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            b.writeByte(0);
        }
        return new PgMessage((byte) type, b);
    }

    /** The in-place keyword test that decides whether a Query or Parse is planned on the event loop. */
    @Test
    void keywordPeekMatchesWholeWordsOnlyAndConsumesNothing() {
        for (String yes : new String[] {"INSERT INTO t VALUES (1)", "  \n\tinsert into t values (1)", "Insert(",
                "INSERT", "insert;"}) {
            PgMessage m = message('Q', yes);
            assertThat(m.peekStartsWithKeyword(0, "INSERT")).as(yes).isTrue();
            assertThat(m.readCString()).as("nothing consumed").isEqualTo(yes);
            m.release();
        }
        for (String no : new String[] {"INSERTS", "insert_x", "insert$1", "INSER", "SELECT 1", "/* c */ INSERT",
                "insertä", "", "  "}) {
            PgMessage m = message('Q', no);
            assertThat(m.peekStartsWithKeyword(0, "INSERT")).as(no).isFalse();
            m.release();
        }
        // Parse: the statement's name, then the text
        PgMessage parse = message('P', "s_1", "INSERT INTO t VALUES ($1)");
        assertThat(parse.peekCStringLength(0)).isEqualTo(3);
        assertThat(parse.peekStartsWithKeyword(parse.peekCStringLength(0) + 1, "INSERT")).isTrue();
        assertThat(parse.peekStartsWithKeyword(0, "INSERT")).isFalse();
        parse.release();
        PgMessage unterminated = new PgMessage((byte) 'P', io.netty.buffer.Unpooled.wrappedBuffer(new byte[] {'x'}));
        assertThat(unterminated.peekCStringLength(0)).isEqualTo(-1);
        unterminated.release();
    }
}
