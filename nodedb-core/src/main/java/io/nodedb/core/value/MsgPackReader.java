package io.nodedb.core.value;

import static io.nodedb.core.value.ValueCodec.EXT_DATE;
import static io.nodedb.core.value.ValueCodec.EXT_DECIMAL;
import static io.nodedb.core.value.ValueCodec.EXT_GEOMETRY;
import static io.nodedb.core.value.ValueCodec.EXT_INTERVAL;
import static io.nodedb.core.value.ValueCodec.EXT_TIME;
import static io.nodedb.core.value.ValueCodec.EXT_TIMESTAMP;
import static io.nodedb.core.value.ValueCodec.EXT_UUID;
import static io.nodedb.core.value.ValueCodec.EXT_VECTOR;
import static io.nodedb.core.value.ValueCodec.MAX_DEPTH;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Decodes one value for {@link ValueCodec}. The input is untrusted (a torn page, a corrupt log record, a
 * client's bytes), so every read is bounds-checked first and every declared length or element count is checked
 * against the bytes that remain before anything is allocated: a five-byte input cannot make us allocate 4 GB.
 * Errors report the offset of the item's first byte, counted from the start of the value.
 */
final class MsgPackReader {
    private static final VarHandle SHORT_BE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] buf;
    private final int base;
    private final int end;
    private int pos;

    MsgPackReader(byte[] buf, int off, int len) {
        this.buf = buf;
        this.base = off;
        this.end = off + len;
        this.pos = off;
    }

    void expectEnd() {
        if (pos != end) {
            throw error("trailing bytes after value", pos);
        }
    }

    private ValueFormatException error(String problem, int at) {
        return ValueFormatException.atOffset(problem, at - base);
    }

    private void needFixed(int start, int n, String what) {
        if (n > end - pos) {
            throw error("truncated " + what, start);
        }
    }

    private void needDeclared(int start, long n, String what) {
        if (n > end - pos) {
            throw error("truncated " + what + " (declares " + n + " bytes, " + (end - pos) + " remain)", start);
        }
    }

    private int u8(int start, String what) {
        needFixed(start, 1, what);
        return buf[pos++] & 0xff;
    }

    private int u16(int start, String what) {
        needFixed(start, 2, what);
        int v = (short) SHORT_BE.get(buf, pos) & 0xffff;
        pos += 2;
        return v;
    }

    private int i32(int start, String what) {
        needFixed(start, 4, what);
        int v = (int) INT_BE.get(buf, pos);
        pos += 4;
        return v;
    }

    private long u32(int start, String what) {
        return i32(start, what) & 0xffff_ffffL;
    }

    private long i64(int start, String what) {
        needFixed(start, 8, what);
        long v = (long) LONG_BE.get(buf, pos);
        pos += 8;
        return v;
    }

    /** @param depth number of containers enclosing this value */
    Value read(int depth) {
        int start = pos;
        if (pos >= end) {
            throw error(pos == base ? "empty input" : "truncated value", start);
        }
        int b = buf[pos++] & 0xff;
        if (b <= 0x7f) {
            return new Value.Int(b);
        }
        if (b >= 0xe0) {
            return new Value.Int((byte) b);
        }
        switch (b >>> 4) {
            case 0x8 -> {
                return map(b & 0x0f, start, depth);
            }
            case 0x9 -> {
                return array(b & 0x0f, start, depth);
            }
            case 0xa, 0xb -> {
                return new Value.Str(string(b & 0x1f, start));
            }
            default -> {}
        }
        return switch (b) {
            case 0xc0 -> Value.NULL;
            case 0xc2 -> Value.FALSE;
            case 0xc3 -> Value.TRUE;
            case 0xc4 -> bytes(u8(start, "binary"), start);
            case 0xc5 -> bytes(u16(start, "binary"), start);
            case 0xc6 -> bytes(u32(start, "binary"), start);
            case 0xc7 -> ext(u8(start, "extension"), start);
            case 0xc8 -> ext(u16(start, "extension"), start);
            case 0xc9 -> ext(u32(start, "extension"), start);
            case 0xca -> new Value.Float(Float.intBitsToFloat(i32(start, "float")));
            case 0xcb -> new Value.Float(Double.longBitsToDouble(i64(start, "float")));
            case 0xcc -> new Value.Int(u8(start, "int"));
            case 0xcd -> new Value.Int(u16(start, "int"));
            case 0xce -> new Value.Int(u32(start, "int"));
            case 0xcf -> {
                long v = i64(start, "int");
                if (v < 0) {
                    throw error("uint64 " + Long.toUnsignedString(v) + " out of BIGINT range", start);
                }
                yield new Value.Int(v);
            }
            case 0xd0 -> new Value.Int((byte) u8(start, "int"));
            case 0xd1 -> new Value.Int((short) u16(start, "int"));
            case 0xd2 -> new Value.Int(i32(start, "int"));
            case 0xd3 -> new Value.Int(i64(start, "int"));
            case 0xd4 -> ext(1, start);
            case 0xd5 -> ext(2, start);
            case 0xd6 -> ext(4, start);
            case 0xd7 -> ext(8, start);
            case 0xd8 -> ext(16, start);
            case 0xd9 -> new Value.Str(string(u8(start, "string"), start));
            case 0xda -> new Value.Str(string(u16(start, "string"), start));
            case 0xdb -> new Value.Str(string(u32(start, "string"), start));
            case 0xdc -> array(u16(start, "array"), start, depth);
            case 0xdd -> array(u32(start, "array"), start, depth);
            case 0xde -> map(u16(start, "map"), start, depth);
            case 0xdf -> map(u32(start, "map"), start, depth);
            default -> throw error("reserved type byte 0x" + HexFormat.of().toHexDigits((byte) b), start);
        };
    }

    private String string(long n, int start) {
        needDeclared(start, n, "string");
        int len = (int) n;
        String s = new String(buf, pos, len, StandardCharsets.UTF_8);
        // The lenient decoder maps malformed input to U+FFFD; only then is the slower strict check worth running
        // (U+FFFD may also be genuine). Corrupt text must fail here, not come back subtly altered.
        if (s.indexOf('\uFFFD') >= 0 && !isValidUtf8(pos, len)) {
            throw error("invalid UTF-8 in string", start);
        }
        pos += len;
        return s;
    }

    private boolean isValidUtf8(int off, int len) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(buf, off, len));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private Value bytes(long n, int start) {
        needDeclared(start, n, "binary");
        int from = pos;
        pos += (int) n;
        return new Value.Bytes(Arrays.copyOfRange(buf, from, pos));
    }

    private void enter(int depth, int start) {
        if (depth >= MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH + " levels", start);
        }
    }

    private Value array(long n, int start, int depth) {
        enter(depth, start);
        // Every element takes at least one byte.
        if (n > end - pos) {
            throw error("truncated array (declares " + n + " elements, " + (end - pos) + " bytes remain)", start);
        }
        Value[] elements = new Value[(int) n];
        for (int i = 0; i < elements.length; i++) {
            elements[i] = read(depth + 1);
        }
        return new Value.Array(List.of(elements));
    }

    private Value map(long n, int start, int depth) {
        enter(depth, start);
        // Every entry takes at least two bytes.
        if (n > (end - pos) / 2) {
            throw error("truncated map (declares " + n + " entries, " + (end - pos) + " bytes remain)", start);
        }
        FieldMap.Builder fields = new FieldMap.Builder((int) n);
        for (long i = 0; i < n; i++) {
            int keyStart = pos;
            String key = key();
            Value value = read(depth + 1);
            if (!fields.add(key, value)) {
                throw error("duplicate map key \"" + key + "\"", keyStart);
            }
        }
        return new Value.Obj(fields.build());
    }

    private String key() {
        int start = pos;
        if (pos >= end) {
            throw error("truncated map key", start);
        }
        int b = buf[pos++] & 0xff;
        long n;
        if ((b & 0xe0) == 0xa0) {
            n = b & 0x1f;
        } else if (b == 0xd9) {
            n = u8(start, "string");
        } else if (b == 0xda) {
            n = u16(start, "string");
        } else if (b == 0xdb) {
            n = u32(start, "string");
        } else {
            throw error("map key must be a string, found type byte 0x" + HexFormat.of().toHexDigits((byte) b), start);
        }
        return string(n, start);
    }

    private Value ext(long n, int start) {
        needFixed(start, 1, "extension");
        int type = buf[pos++];
        needDeclared(start, n, "extension");
        int len = (int) n;
        int p = pos;
        pos += len;
        return switch (type) {
            case EXT_DECIMAL -> decimal(p, len, start);
            case EXT_TIMESTAMP -> {
                expectLength("timestamp", len, 8, start);
                yield new Value.Timestamp((long) LONG_BE.get(buf, p));
            }
            case EXT_UUID -> {
                expectLength("uuid", len, 16, start);
                yield new Value.Uuid(new UUID((long) LONG_BE.get(buf, p), (long) LONG_BE.get(buf, p + 8)));
            }
            case EXT_VECTOR -> vector(p, len, start);
            case EXT_GEOMETRY -> new Value.Geometry(Arrays.copyOfRange(buf, p, p + len));
            case EXT_DATE -> {
                expectLength("date", len, 4, start);
                int days = (int) INT_BE.get(buf, p);
                if (days < DateTimeText.MIN_DATE_DAYS || days > DateTimeText.MAX_DATE_DAYS) {
                    throw error("date " + days + " days from 1970-01-01 is out of range", start);
                }
                yield new Value.Date(days);
            }
            case EXT_TIME -> {
                expectLength("time", len, 8, start);
                long micros = (long) LONG_BE.get(buf, p);
                if (micros < 0 || micros > DateTimeText.MICROS_PER_DAY) {
                    throw error("time " + micros + " microseconds after midnight is out of range", start);
                }
                yield new Value.Time(micros);
            }
            case EXT_INTERVAL -> {
                expectLength("interval", len, 16, start);
                yield new Value.Interval((int) INT_BE.get(buf, p), (int) INT_BE.get(buf, p + 4),
                        (long) LONG_BE.get(buf, p + 8));
            }
            default -> throw error("unknown extension type " + type, start);
        };
    }

    private void expectLength(String what, int len, int expected, int start) {
        if (len != expected) {
            throw error(what + " extension must be " + expected + " bytes, not " + len, start);
        }
    }

    private Value vector(int p, int len, int start) {
        if (len % 4 != 0) {
            throw error("vector extension length " + len + " is not a multiple of 4", start);
        }
        float[] values = new float[len / 4];
        for (int i = 0; i < values.length; i++) {
            float f = Float.intBitsToFloat((int) INT_LE.get(buf, p + 4 * i));
            if (!Float.isFinite(f)) {
                throw error("non-finite vector component " + i, p + 4 * i);
            }
            values[i] = f;
        }
        return new Value.Vector(values);
    }

    /** Payload: zigzag LEB128 scale (at most five bytes), then the unscaled value, two's complement big-endian. */
    private Value decimal(int p, int len, int start) {
        int limit = p + len;
        int i = p;
        int zigzag = 0;
        for (int shift = 0; ; shift += 7) {
            if (i >= limit) {
                throw error("truncated decimal scale", start);
            }
            int b = buf[i++] & 0xff;
            // The fifth byte may carry only the top four bits of the int and must end the varint.
            if (shift == 28 && (b & 0xf0) != 0) {
                throw error("decimal scale does not fit in 32 bits", start);
            }
            zigzag |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        if (i == limit) {
            throw error("decimal has no unscaled value", start);
        }
        int scale = (zigzag >>> 1) ^ -(zigzag & 1);
        return new Value.Decimal(new BigDecimal(new BigInteger(buf, i, limit - i), scale));
    }
}
