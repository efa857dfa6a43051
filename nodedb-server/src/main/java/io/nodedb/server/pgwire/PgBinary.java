package io.nodedb.server.pgwire;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueJson;
import io.nodedb.sql.expr.TimeZones;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.BufferUnderflowException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * PostgreSQL's binary format for values: big-endian; timestamps as microseconds since 2000-01-01 UTC, dates as int32
 * days since 2000-01-01, times as int64 microseconds since midnight, intervals as int64 microseconds, int32 days,
 * int32 months.
 */
final class PgBinary {
    /** Microseconds from 1970-01-01 to 2000-01-01, PostgreSQL's epoch. */
    static final long PG_EPOCH_MICROS = 946_684_800_000_000L;
    /** Days from 1970-01-01 to 2000-01-01. */
    static final int PG_EPOCH_DAYS = 10_957;
    private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);

    private PgBinary() {
    }

    static byte[] encode(Value v, PgType type) {
        return switch (type) {
            case BOOL -> new byte[] {(byte) (v.asBoolean() ? 1 : 0)};
            case INT2 -> ByteBuffer.allocate(2).putShort((short) v.asLong()).array();
            case INT4 -> ByteBuffer.allocate(4).putInt((int) v.asLong()).array();
            case INT8 -> ByteBuffer.allocate(8).putLong(v.asLong()).array();
            case FLOAT4 -> ByteBuffer.allocate(4).putFloat((float) number(v)).array();
            case FLOAT8 -> ByteBuffer.allocate(8).putDouble(number(v)).array();
            case NUMERIC -> numeric(v instanceof Value.Decimal d ? d.value()
                    : v instanceof Value.Int i ? BigDecimal.valueOf(i.value()) : BigDecimal.valueOf(number(v)));
            case BYTEA -> ((Value.Bytes) v).value();
            case TIMESTAMP, TIMESTAMPTZ -> ByteBuffer.allocate(8)
                    .putLong(((Value.Timestamp) v).micros() - PG_EPOCH_MICROS).array();
            case DATE -> ByteBuffer.allocate(4).putInt(((Value.Date) v).days() - PG_EPOCH_DAYS).array();
            case TIME -> ByteBuffer.allocate(8).putLong(((Value.Time) v).micros()).array();
            case INTERVAL -> {
                Value.Interval i = (Value.Interval) v;
                yield ByteBuffer.allocate(16).putLong(i.micros()).putInt(i.days()).putInt(i.months()).array();
            }
            case UUID -> {
                UUID u = ((Value.Uuid) v).value();
                yield ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits())
                        .array();
            }
            case JSONB -> {
                byte[] json = ValueJson.toJson(v).getBytes(StandardCharsets.UTF_8);
                yield ByteBuffer.allocate(1 + json.length).put((byte) 1).put(json).array();
            }
            case JSON -> ValueJson.toJson(v).getBytes(StandardCharsets.UTF_8);
            case FLOAT4_ARRAY -> {
                if (v instanceof Value.Vector vec) {
                    List<Value> items = new ArrayList<>();
                    for (int i = 0; i < vec.dimensions(); i++) {
                        items.add(Value.of((double) vec.get(i)));
                    }
                    yield array(items, PgType.FLOAT4);
                }
                yield array(v.asList(), PgType.FLOAT4);
            }
            default -> {
                PgType element = type.element();
                yield element != null ? array(v.asList(), element) : PgText.encode(v, java.time.ZoneOffset.UTC);
            }
        };
    }

    private static double number(Value v) {
        return v instanceof Value.Int i ? i.value() : v.asDouble();
    }

    private static byte[] array(List<Value> items, PgType element) {
        List<byte[]> encoded = new ArrayList<>(items.size());
        int size = 20;
        boolean hasNull = false;
        for (Value item : items) {
            byte[] e = item.isNull() ? null : encode(item, element);
            hasNull |= e == null;
            encoded.add(e);
            size += 4 + (e == null ? 0 : e.length);
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.putInt(1).putInt(hasNull ? 1 : 0).putInt(element.oid).putInt(items.size()).putInt(1);
        for (byte[] e : encoded) {
            if (e == null) {
                b.putInt(-1);
            } else {
                b.putInt(e.length).put(e);
            }
        }
        return b.array();
    }

    /** NUMERIC: int16 ndigits, int16 weight, int16 sign, int16 dscale, then base-10000 digits. */
    static byte[] numeric(BigDecimal value) {
        int dscale = Math.max(0, value.scale());
        BigDecimal abs = value.abs();
        // Align the scale to a multiple of 4 so the digits split cleanly into base-10000 groups.
        int alignedScale = (dscale + 3) / 4 * 4;
        BigInteger unscaled = abs.setScale(alignedScale).unscaledValue();
        List<Short> groups = new ArrayList<>();
        while (unscaled.signum() > 0) {
            BigInteger[] qr = unscaled.divideAndRemainder(TEN_THOUSAND);
            groups.addFirst(qr[1].shortValue());
            unscaled = qr[0];
        }
        int fractionGroups = alignedScale / 4;
        int weight = groups.size() - fractionGroups - 1;
        while (!groups.isEmpty() && groups.getLast() == 0) {
            groups.removeLast();
        }
        while (!groups.isEmpty() && groups.getFirst() == 0) {
            groups.removeFirst();
            weight--;
        }
        if (groups.isEmpty()) {
            weight = 0;
        }
        ByteBuffer b = ByteBuffer.allocate(8 + 2 * groups.size());
        b.putShort((short) groups.size()).putShort((short) weight)
                .putShort((short) (value.signum() < 0 ? 0x4000 : 0)).putShort((short) dscale);
        groups.forEach(b::putShort);
        return b.array();
    }

    static BigDecimal decodeNumeric(ByteBuffer b) {
        int ndigits = b.getShort();
        int weight = b.getShort();
        int sign = b.getShort() & 0xFFFF;
        int dscale = b.getShort();
        if (sign == 0xC000) {
            throw new NodeDbException(SqlState.INVALID_PARAMETER_VALUE, "NaN is not a valid NUMERIC value here");
        }
        BigInteger unscaled = BigInteger.ZERO;
        for (int i = 0; i < ndigits; i++) {
            unscaled = unscaled.multiply(TEN_THOUSAND).add(BigInteger.valueOf(b.getShort()));
        }
        BigDecimal v = new BigDecimal(unscaled).scaleByPowerOfTen(4 * (weight - ndigits + 1));
        v = v.setScale(Math.max(dscale, 0), java.math.RoundingMode.UNNECESSARY);
        return sign == 0x4000 ? v.negate() : v;
    }

    /**
     * Parses a parameter sent in binary format; a {@code timestamp} (without time zone) is wall-clock time in
     * {@code zone}, the session's, as PostgreSQL converts it to {@code timestamptz}.
     */
    static Value decode(byte[] bytes, PgType type, ZoneId zone) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        try {
            Value v = switch (type) {
                case BOOL -> Value.of(b.get() != 0);
                case INT2 -> Value.of((long) b.getShort());
                case INT4 -> Value.of((long) b.getInt());
                case INT8 -> Value.of(b.getLong());
                case FLOAT4 -> Value.of((double) b.getFloat());
                case FLOAT8 -> Value.of(b.getDouble());
                case NUMERIC -> new Value.Decimal(decodeNumeric(b));
                case BYTEA -> new Value.Bytes(bytes);
                case TIMESTAMPTZ -> new Value.Timestamp(b.getLong() + PG_EPOCH_MICROS);
                case TIMESTAMP -> new Value.Timestamp(TimeZones.fromWallClock(b.getLong() + PG_EPOCH_MICROS, zone));
                case DATE -> new Value.Date(Math.addExact(b.getInt(), PG_EPOCH_DAYS));
                case TIME -> new Value.Time(b.getLong());
                case INTERVAL -> {
                    long micros = b.getLong();
                    int days = b.getInt();
                    yield new Value.Interval(b.getInt(), days, micros);
                }
                case UUID -> new Value.Uuid(new UUID(b.getLong(), b.getLong()));
                case JSONB -> {
                    if (b.get() != 1) {
                        throw new NodeDbException(SqlState.INVALID_PARAMETER_VALUE, "unsupported jsonb version");
                    }
                    yield ValueJson.fromJson(new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8));
                }
                case JSON -> ValueJson.fromJson(new String(bytes, StandardCharsets.UTF_8));
                case TEXT, VARCHAR, UNKNOWN -> Value.of(new String(bytes, StandardCharsets.UTF_8));
                default -> {
                    if (type.element() == null) {
                        throw new NodeDbException(SqlState.FEATURE_NOT_SUPPORTED, "binary format for type "
                                + type + " is not supported");
                    }
                    yield decodeArray(b, type.element(), zone);
                }
            };
            boolean wholeBuffer = switch (type) {
                case BYTEA, JSONB, JSON, TEXT, VARCHAR, UNKNOWN -> true;
                default -> false;
            };
            if (!wholeBuffer && b.hasRemaining()) {
                throw new NodeDbException(SqlState.INVALID_PARAMETER_VALUE, "binary " + type + " parameter has "
                        + b.remaining() + " bytes too many");
            }
            return v;
        } catch (BufferUnderflowException | ArithmeticException | IllegalArgumentException e) {
            throw new NodeDbException(SqlState.INVALID_PARAMETER_VALUE, "malformed binary " + type + " parameter");
        }
    }

    private static Value decodeArray(ByteBuffer b, PgType element, ZoneId zone) {
        int dims = b.getInt();
        b.getInt(); // has-null flag: the per-element lengths say it too
        b.getInt(); // element oid: we trust the declared parameter type
        if (dims == 0) {
            return Value.Array.EMPTY;
        }
        if (dims != 1) {
            throw new NodeDbException(SqlState.FEATURE_NOT_SUPPORTED, "only one-dimensional arrays are supported");
        }
        int n = b.getInt();
        b.getInt();
        if (n < 0 || n > b.remaining() / 4) {
            throw new NodeDbException(SqlState.INVALID_PARAMETER_VALUE, "malformed binary array parameter");
        }
        List<Value> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int len = b.getInt();
            if (len < 0) {
                out.add(Value.NULL);
                continue;
            }
            if (len > b.remaining()) {
                throw new BufferUnderflowException();
            }
            byte[] e = new byte[len];
            b.get(e);
            out.add(decode(e, element, zone));
        }
        return new Value.Array(out);
    }
}
