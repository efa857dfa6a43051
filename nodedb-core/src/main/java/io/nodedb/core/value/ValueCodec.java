package io.nodedb.core.value;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * The binary encoding of {@link Value}s: MessagePack with NodeDB extension types. The format is specified in
 * {@code package-info.java}; this class is its only implementation. Stateless and thread-safe.
 *
 * <p>Equal values encode to equal bytes (integers take their smallest form, NaN is canonical, fields keep
 * their order), so encoded values can be compared and hashed directly, e.g. as index keys.
 */
public final class ValueCodec {
    /** Containers may nest this deep; both directions reject deeper values, so the stack stays bounded. */
    public static final int MAX_DEPTH = 512;

    static final int EXT_DECIMAL = 1;
    static final int EXT_TIMESTAMP = 2;
    static final int EXT_UUID = 3;
    static final int EXT_VECTOR = 4;
    static final int EXT_GEOMETRY = 5;
    static final int EXT_DATE = 6;
    static final int EXT_TIME = 7;
    static final int EXT_INTERVAL = 8;

    private ValueCodec() {}

    public static byte[] encode(Value value) {
        ByteSink sink = new ByteSink(64);
        encode(value, sink);
        return sink.toByteArray();
    }

    /**
     * Appends the encoding of {@code value} to {@code sink}.
     *
     * @throws IllegalArgumentException if containers nest deeper than {@link #MAX_DEPTH}
     */
    public static void encode(Value value, ByteSink sink) {
        Objects.requireNonNull(value, "value");
        write(value, sink, 0);
    }

    public static Value decode(byte[] buf) {
        return decode(buf, 0, buf.length);
    }

    /**
     * Decodes exactly one value occupying {@code buf[off, off + len)}.
     *
     * @throws ValueFormatException if the bytes are not exactly one well-formed value; its offset counts from
     *     {@code off}
     */
    public static Value decode(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        MsgPackReader reader = new MsgPackReader(buf, off, len);
        Value v = reader.read(0);
        reader.expectEnd();
        return v;
    }

    private static void write(Value value, ByteSink out, int depth) {
        switch (value) {
            case Value.Null n -> out.writeByte(0xc0);
            case Value.Bool b -> out.writeByte(b.value() ? 0xc3 : 0xc2);
            case Value.Int i -> writeLong(i.value(), out);
            case Value.Float f -> {
                out.writeByte(0xcb);
                // doubleToLongBits, not the raw variant: every NaN is equal, so every NaN gets the same bytes.
                long bits = Double.doubleToLongBits(f.value());
                if (bits != Double.doubleToRawLongBits(f.value())) {
                    out.markInexact();
                }
                out.writeLongBE(bits);
            }
            case Value.Str s -> writeString(s.value(), out);
            case Value.Bytes b -> {
                byte[] raw = b.raw();
                writeBinHeader(raw.length, out);
                out.write(raw);
            }
            case Value.Decimal d -> writeDecimal(d.value(), out);
            case Value.Timestamp t -> {
                writeExtHeader(EXT_TIMESTAMP, 8, out);
                out.writeLongBE(t.micros());
            }
            case Value.Date d -> {
                writeExtHeader(EXT_DATE, 4, out);
                out.writeIntBE(d.days());
            }
            case Value.Time t -> {
                writeExtHeader(EXT_TIME, 8, out);
                out.writeLongBE(t.micros());
            }
            case Value.Interval i -> {
                writeExtHeader(EXT_INTERVAL, 16, out);
                out.writeIntBE(i.months());
                out.writeIntBE(i.days());
                out.writeLongBE(i.micros());
            }
            case Value.Uuid u -> {
                writeExtHeader(EXT_UUID, 16, out);
                out.writeLongBE(u.value().getMostSignificantBits());
                out.writeLongBE(u.value().getLeastSignificantBits());
            }
            case Value.Vector v -> {
                float[] raw = v.raw();
                writeExtHeader(EXT_VECTOR, 4L * raw.length, out);
                out.ensureCapacity(4 * raw.length);
                for (float x : raw) {
                    out.writeIntLE(Float.floatToRawIntBits(x));
                }
            }
            case Value.Geometry g -> {
                byte[] raw = g.raw();
                writeExtHeader(EXT_GEOMETRY, raw.length, out);
                out.write(raw);
            }
            case Value.Array a -> {
                checkDepth(depth);
                List<Value> elements = a.elements();
                writeContainerHeader(elements.size(), 0x90, 0xdc, out);
                for (Value e : elements) {
                    write(e, out, depth + 1);
                }
            }
            case Value.Obj o -> {
                checkDepth(depth);
                FieldMap fields = o.map();
                int n = fields.size();
                writeContainerHeader(n, 0x80, 0xde, out);
                for (int i = 0; i < n; i++) {
                    writeString(fields.keyAt(i), out);
                    write(fields.valueAt(i), out, depth + 1);
                }
            }
        }
    }

    private static void checkDepth(int depth) {
        if (depth >= MAX_DEPTH) {
            throw new IllegalArgumentException("value nests deeper than " + MAX_DEPTH + " levels");
        }
    }

    private static void writeLong(long v, ByteSink out) {
        if (v >= 0) {
            if (v <= 0x7f) {
                out.writeByte((int) v);
            } else if (v <= 0xff) {
                out.writeByte(0xcc);
                out.writeByte((int) v);
            } else if (v <= 0xffff) {
                out.writeByte(0xcd);
                out.writeShortBE((int) v);
            } else if (v <= 0xffff_ffffL) {
                out.writeByte(0xce);
                out.writeIntBE((int) v);
            } else {
                out.writeByte(0xcf);
                out.writeLongBE(v);
            }
        } else if (v >= -32) {
            out.writeByte((int) v);
        } else if (v >= Byte.MIN_VALUE) {
            out.writeByte(0xd0);
            out.writeByte((int) v);
        } else if (v >= Short.MIN_VALUE) {
            out.writeByte(0xd1);
            out.writeShortBE((int) v);
        } else if (v >= Integer.MIN_VALUE) {
            out.writeByte(0xd2);
            out.writeIntBE((int) v);
        } else {
            out.writeByte(0xd3);
            out.writeLongBE(v);
        }
    }

    private static void writeContainerHeader(int n, int fixBase, int code16, ByteSink out) {
        if (n < 16) {
            out.writeByte(fixBase | n);
        } else if (n <= 0xffff) {
            out.writeByte(code16);
            out.writeShortBE(n);
        } else {
            out.writeByte(code16 + 1);
            out.writeIntBE(n);
        }
    }

    private static void writeBinHeader(int n, ByteSink out) {
        if (n <= 0xff) {
            out.writeByte(0xc4);
            out.writeByte(n);
        } else if (n <= 0xffff) {
            out.writeByte(0xc5);
            out.writeShortBE(n);
        } else {
            out.writeByte(0xc6);
            out.writeIntBE(n);
        }
    }

    private static void writeExtHeader(int type, long n, ByteSink out) {
        if (n > 0xffff_ffffL) {
            throw new IllegalStateException("extension payload too large: " + n + " bytes");
        }
        switch ((int) n) {
            case 1 -> out.writeByte(0xd4);
            case 2 -> out.writeByte(0xd5);
            case 4 -> out.writeByte(0xd6);
            case 8 -> out.writeByte(0xd7);
            case 16 -> out.writeByte(0xd8);
            default -> {
                if (n <= 0xff) {
                    out.writeByte(0xc7);
                    out.writeByte((int) n);
                } else if (n <= 0xffff) {
                    out.writeByte(0xc8);
                    out.writeShortBE((int) n);
                } else {
                    out.writeByte(0xc9);
                    out.writeIntBE((int) n);
                }
            }
        }
        out.writeByte(type);
    }

    private static void writeDecimal(BigDecimal d, ByteSink out) {
        byte[] unscaled = d.unscaledValue().toByteArray();
        int zigzag = (d.scale() << 1) ^ (d.scale() >> 31);
        int varintLen = varintLength(zigzag);
        writeExtHeader(EXT_DECIMAL, (long) varintLen + unscaled.length, out);
        int z = zigzag;
        while ((z & ~0x7f) != 0) {
            out.writeByte((z & 0x7f) | 0x80);
            z >>>= 7;
        }
        out.writeByte(z);
        out.write(unscaled);
    }

    private static int varintLength(int v) {
        int n = 1;
        while ((v & ~0x7f) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }

    /**
     * UTF-8 straight into the sink, sized first so the header can precede the bytes without a temporary array.
     * An unpaired surrogate becomes '?', matching {@link String#getBytes}.
     */
    static void writeString(String s, ByteSink out) {
        int chars = s.length();
        long len = chars;
        for (int i = 0; i < chars; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                continue;
            }
            if (c < 0x800) {
                len += 1;
            } else if (!Character.isSurrogate(c)) {
                len += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < chars && Character.isLowSurrogate(s.charAt(i + 1))) {
                len += 2; // four bytes for two chars
                i++;
            } else {
                out.markInexact(); // an unpaired surrogate, written as '?'
            }
        }
        if (len > 0xffff_ffffL) {
            throw new IllegalStateException("string too large to encode: " + len + " bytes");
        }
        int n = (int) len;
        if (n < 32) {
            out.writeByte(0xa0 | n);
        } else if (n <= 0xff) {
            out.writeByte(0xd9);
            out.writeByte(n);
        } else if (n <= 0xffff) {
            out.writeByte(0xda);
            out.writeShortBE(n);
        } else {
            out.writeByte(0xdb);
            out.writeIntBE(n);
        }
        out.ensureCapacity(n);
        for (int i = 0; i < chars; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out.putByteUnchecked(c);
            } else if (c < 0x800) {
                out.putByteUnchecked(0xc0 | (c >> 6));
                out.putByteUnchecked(0x80 | (c & 0x3f));
            } else if (!Character.isSurrogate(c)) {
                out.putByteUnchecked(0xe0 | (c >> 12));
                out.putByteUnchecked(0x80 | ((c >> 6) & 0x3f));
                out.putByteUnchecked(0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c) && i + 1 < chars && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out.putByteUnchecked(0xf0 | (cp >> 18));
                out.putByteUnchecked(0x80 | ((cp >> 12) & 0x3f));
                out.putByteUnchecked(0x80 | ((cp >> 6) & 0x3f));
                out.putByteUnchecked(0x80 | (cp & 0x3f));
            } else {
                out.putByteUnchecked('?');
            }
        }
    }
}
