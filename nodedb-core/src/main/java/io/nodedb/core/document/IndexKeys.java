package io.nodedb.core.document;

import static io.nodedb.core.value.DateTimeText.MICROS_PER_DAY;

import io.nodedb.core.catalog.IndexDef;
import io.nodedb.core.value.ByteSink;
import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueCodec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Keys of the indexes column family: {@code index id (8 bytes, big-endian) | field values | document id}; the
 * entry's value is the document's key suffix (its encoded id), so a lookup never decodes the key.
 *
 * <p>Each field value is encoded so that unsigned byte order equals value order within a type, and no encoding
 * is a prefix of another (so an equality lookup on leading fields is a prefix scan):
 * <pre>
 * 0x00                  NULL (sorts first)
 * 0x02 / 0x03           false / true
 * 0x10 + 8 bytes        BIGINT, sign bit flipped, big-endian
 * 0x11 + 8 bytes        DOUBLE, IEEE bits made sortable (negative: all bits flipped; positive: sign flipped)
 * 0x18 + 8 bytes        TIMESTAMP micros, sign bit flipped
 * 0x19 + 4 bytes        DATE days, sign bit flipped
 * 0x1A + 8 bytes        TIME micros
 * 0x1B + 16 bytes       INTERVAL as SQL orders it: whole days (a month counted as 30) then the remaining
 *                       micros of the day (days sign-flipped), so '1 day' and '24 hours' are one key
 * 0x20 + bytes + 00 01  TEXT, UTF-8 with 0x00 written as 00 FF
 * 0x30 + 16 bytes       UUID
 * 0x40 + bytes + 00 01  other types: their MessagePack encoding, escaped like TEXT (equality only)
 * </pre>
 */
public final class IndexKeys {
    private IndexKeys() {
    }

    /** The values of the index's fields in a document; absent fields are NULL. Paths use dots: {@code a.b}. */
    public static List<Value> fieldValues(IndexDef index, Value.Obj document) {
        List<Value> out = new ArrayList<>(index.fields().size());
        for (String path : index.fields()) {
            out.add(field(document, path));
        }
        return out;
    }

    static Value field(Value.Obj document, String path) {
        Value v = document;
        int start = 0;
        while (true) {
            int dot = path.indexOf('.', start);
            String part = dot < 0 ? path.substring(start) : path.substring(start, dot);
            if (!(v instanceof Value.Obj o)) {
                return Value.NULL;
            }
            v = o.get(part);
            if (v == null) {
                return Value.NULL;
            }
            if (dot < 0) {
                return v;
            }
            start = dot + 1;
        }
    }

    /** Index id followed by the encoded values: the prefix every entry with these leading values starts with. */
    public static byte[] prefix(long indexId, List<Value> values) {
        ByteSink sink = new ByteSink(32);
        sink.writeLongBE(indexId);
        for (Value v : values) {
            encode(v, sink);
        }
        return sink.toByteArray();
    }

    /**
     * The values encoded as an index encodes them, without an index id: order-preserving and prefix-free, so the
     * tuple of a composite primary key sorts like its columns and a leading column's encoding is a prefix of it.
     */
    public static byte[] tuple(List<Value> values) {
        ByteSink sink = new ByteSink(32);
        for (Value v : values) {
            encode(v, sink);
        }
        return sink.toByteArray();
    }

    static byte[] entry(long indexId, List<Value> values, byte[] documentKey) {
        byte[] prefix = prefix(indexId, values);
        byte[] out = new byte[prefix.length + documentKey.length - 8];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(documentKey, 8, out, prefix.length, documentKey.length - 8);
        return out;
    }

    static void encode(Value v, ByteSink sink) {
        switch (v) {
            case Value.Null n -> sink.writeByte(0x00);
            case Value.Bool b -> sink.writeByte(b.value() ? 0x03 : 0x02);
            case Value.Int i -> {
                sink.writeByte(0x10);
                sink.writeLongBE(i.value() ^ Long.MIN_VALUE);
            }
            case Value.Float f -> {
                long bits = Double.doubleToLongBits(f.value() == 0.0 ? 0.0 : f.value());
                sink.writeByte(0x11);
                sink.writeLongBE(bits < 0 ? ~bits : bits ^ Long.MIN_VALUE);
            }
            case Value.Timestamp t -> {
                sink.writeByte(0x18);
                sink.writeLongBE(t.micros() ^ Long.MIN_VALUE);
            }
            case Value.Date d -> {
                sink.writeByte(0x19);
                sink.writeIntBE(d.days() ^ Integer.MIN_VALUE);
            }
            case Value.Time t -> {
                sink.writeByte(0x1A);
                sink.writeLongBE(t.micros());
            }
            case Value.Interval i -> {
                sink.writeByte(0x1B);
                sink.writeLongBE((i.months() * 30L + i.days() + Math.floorDiv(i.micros(), MICROS_PER_DAY))
                        ^ Long.MIN_VALUE);
                sink.writeLongBE(Math.floorMod(i.micros(), MICROS_PER_DAY));
            }
            case Value.Str s -> {
                sink.writeByte(0x20);
                escaped(s.value().getBytes(StandardCharsets.UTF_8), sink);
            }
            case Value.Uuid u -> {
                sink.writeByte(0x30);
                sink.writeLongBE(u.value().getMostSignificantBits());
                sink.writeLongBE(u.value().getLeastSignificantBits());
            }
            default -> {
                sink.writeByte(0x40);
                escaped(ValueCodec.encode(v), sink);
            }
        }
    }

    private static void escaped(byte[] bytes, ByteSink sink) {
        for (byte b : bytes) {
            sink.writeByte(b);
            if (b == 0) {
                sink.writeByte(0xFF);
            }
        }
        sink.writeByte(0x00);
        sink.writeByte(0x01);
    }

    /** The smallest key greater than every key starting with {@code prefix}, or null if there is none. */
    public static byte[] prefixEnd(byte[] prefix) {
        byte[] end = prefix.clone();
        for (int i = end.length - 1; i >= 0; i--) {
            if (end[i] != (byte) 0xFF) {
                end[i]++;
                return java.util.Arrays.copyOf(end, i + 1);
            }
        }
        return null;
    }
}
