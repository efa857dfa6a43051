package io.nodedb.server.resp;

import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueCodec;
import io.nodedb.core.value.ValueFormatException;
import io.nodedb.core.value.ValueJson;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How RESP data is stored in the key-value engine. Every value the RESP adapter writes is exactly one MessagePack
 * value, so the bytes say what they are:
 * <ul>
 *   <li>a string is MessagePack {@code bin} (a {@link Value.Bytes}); binary-safe, 2-5 bytes of header;</li>
 *   <li>a counter is what the engine's atomics write: an integer after INCR, a float after INCRBYFLOAT. GET
 *       renders it as decimal text, so RESP clients see Redis's string semantics;</li>
 *   <li>a hash is a MessagePack map (a {@link Value.Obj}, i.e. a document) of field to {@code bin};</li>
 *   <li>a sorted set is {@code ["nodedb.zset", [member, score, member, score, ...]]}, sorted by (score, member).</li>
 * </ul>
 * Raw bytes would be ambiguous: the engine's INCR reads values as MessagePack, and a one-byte string such as "7"
 * is also the MessagePack integer 55. Values written by others (SQL documents, text) are rendered too: text as
 * UTF-8, other scalars in decimal or as JSON; bytes that are not MessagePack at all are returned as they are.
 */
final class RespValues {
    static final String ZSET_TAG = "nodedb.zset";

    enum Kind { STRING, HASH, ZSET }

    private RespValues() {
    }

    /** A string as MessagePack {@code bin}, with the smallest header, as the value codec writes it. */
    static byte[] string(byte[] raw) {
        int n = raw.length;
        int header = n < 256 ? 2 : n < 65536 ? 3 : 5;
        byte[] out = new byte[header + n];
        if (header == 2) {
            out[0] = (byte) 0xc4;
            out[1] = (byte) n;
        } else if (header == 3) {
            out[0] = (byte) 0xc5;
            out[1] = (byte) (n >>> 8);
            out[2] = (byte) n;
        } else {
            out[0] = (byte) 0xc6;
            out[1] = (byte) (n >>> 24);
            out[2] = (byte) (n >>> 16);
            out[3] = (byte) (n >>> 8);
            out[4] = (byte) n;
        }
        System.arraycopy(raw, 0, out, header, n);
        return out;
    }

    /** The stored value decoded, or null if the bytes are not one MessagePack value (raw bytes from elsewhere). */
    static Value decode(byte[] stored) {
        try {
            return ValueCodec.decode(stored);
        } catch (ValueFormatException e) {
            return null;
        }
    }

    static Kind kind(Value v) {
        if (v instanceof Value.Obj) {
            return Kind.HASH;
        }
        if (v instanceof Value.Array a && a.size() == 2 && a.get(0) instanceof Value.Str s && s.value().equals(ZSET_TAG)
                && a.get(1) instanceof Value.Array) {
            return Kind.ZSET;
        }
        return Kind.STRING;
    }

    static Kind kindOfStored(byte[] stored) {
        if (isBin(stored)) {
            return Kind.STRING;
        }
        Value v = decode(stored);
        return v == null ? Kind.STRING : kind(v);
    }

    /** What GET returns for a stored value; WRONGTYPE for hashes and sorted sets. */
    static byte[] stringOf(byte[] stored) {
        if (isBin(stored)) {
            int header = stored[0] == (byte) 0xc4 ? 2 : stored[0] == (byte) 0xc5 ? 3 : 5;
            return Arrays.copyOfRange(stored, header, stored.length);
        }
        Value v = decode(stored);
        if (v == null) {
            return stored;
        }
        if (kind(v) != Kind.STRING) {
            throw RespError.wrongType();
        }
        return render(v);
    }

    /** Fast check for the common case, a string this adapter wrote: a {@code bin} header whose length fits. */
    private static boolean isBin(byte[] b) {
        if (b.length < 2) {
            return false;
        }
        long len;
        int header;
        switch (b[0]) {
            case (byte) 0xc4 -> { len = b[1] & 0xff; header = 2; }
            case (byte) 0xc5 -> {
                if (b.length < 3) {
                    return false;
                }
                len = ((b[1] & 0xff) << 8) | (b[2] & 0xff);
                header = 3;
            }
            case (byte) 0xc6 -> {
                if (b.length < 5) {
                    return false;
                }
                len = ((long) (b[1] & 0xff) << 24) | ((b[2] & 0xff) << 16) | ((b[3] & 0xff) << 8) | (b[4] & 0xff);
                header = 5;
            }
            default -> { return false; }
        }
        return header + len == b.length;
    }

    /** A scalar as Redis text: integers and floats in decimal, text as UTF-8, anything else as JSON. */
    static byte[] render(Value v) {
        return switch (v) {
            case Value.Bytes b -> b.value();
            case Value.Str s -> s.value().getBytes(StandardCharsets.UTF_8);
            case Value.Int i -> Long.toString(i.value()).getBytes(StandardCharsets.US_ASCII);
            case Value.Float f -> formatDouble(f.value()).getBytes(StandardCharsets.US_ASCII);
            case Value.Decimal d -> d.value().toPlainString().getBytes(StandardCharsets.US_ASCII);
            case Value.Bool b -> (b.value() ? "1" : "0").getBytes(StandardCharsets.US_ASCII);
            default -> ValueJson.toJson(v).getBytes(StandardCharsets.UTF_8);
        };
    }

    /**
     * A double as Redis prints scores and INCRBYFLOAT results: integral values without a fraction, others in the
     * shortest form that reads back as the same double, exponents only for very large or small magnitudes.
     */
    static String formatDouble(double d) {
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e17) {
            return Long.toString((long) d);
        }
        double a = Math.abs(d);
        if (a >= 1e17 || a < 1e-5) {
            String s = Double.toString(d).toLowerCase(java.util.Locale.ROOT);
            int e = s.indexOf('e');
            String mantissa = s.substring(0, e).replaceAll("\\.0$", "");
            String exp = s.substring(e + 1);
            return mantissa + "e" + (exp.startsWith("-") ? exp : "+" + exp);
        }
        return new java.math.BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    }

    /** Parses a Redis float argument ("1.5", "-3", "inf", "+inf", "-inf"); NaN and other text are rejected. */
    static double parseDouble(byte[] arg) {
        String s = new String(arg, StandardCharsets.US_ASCII).trim();
        switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "inf", "+inf" -> { return Double.POSITIVE_INFINITY; }
            case "-inf" -> { return Double.NEGATIVE_INFINITY; }
            default -> { }
        }
        if (s.isEmpty() || !s.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+'
                || c == 'e' || c == 'E')) {
            throw new RespError("ERR value is not a valid float");
        }
        try {
            double d = Double.parseDouble(s);
            if (Double.isNaN(d)) {
                throw new RespError("ERR value is not a valid float");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new RespError("ERR value is not a valid float");
        }
    }

    // ---- hashes ----

    /** The fields of a stored hash, in stored order; WRONGTYPE if the key holds something else. */
    static Map<String, Value> hash(byte[] stored) {
        if (stored == null) {
            return new LinkedHashMap<>();
        }
        Value v = isBin(stored) ? null : decode(stored);
        if (!(v instanceof Value.Obj o)) {
            throw RespError.wrongType();
        }
        return new LinkedHashMap<>(o.fields());
    }

    static byte[] encodeHash(Map<String, Value> fields) {
        return ValueCodec.encode(new Value.Obj(fields));
    }

    /**
     * A hash field name: documents key fields by text, so the bytes must be UTF-8 (Redis allows any bytes; see
     * docs/resp.md).
     */
    static String fieldName(byte[] raw) {
        String s = new String(raw, StandardCharsets.UTF_8);
        if (!Arrays.equals(s.getBytes(StandardCharsets.UTF_8), raw)) {
            throw new RespError("ERR hash field names must be valid UTF-8");
        }
        return s;
    }

    // ---- sorted sets ----

    record ZEntry(byte[] member, double score) {
    }

    static final Comparator<ZEntry> ZORDER = Comparator.comparingDouble(ZEntry::score)
            .thenComparing(ZEntry::member, Arrays::compareUnsigned);

    /** The members of a stored sorted set in (score, member) order; WRONGTYPE if the key holds something else. */
    static List<ZEntry> zset(byte[] stored) {
        List<ZEntry> out = new ArrayList<>();
        if (stored == null) {
            return out;
        }
        Value v = isBin(stored) ? null : decode(stored);
        if (v == null || kind(v) != Kind.ZSET) {
            throw RespError.wrongType();
        }
        List<Value> flat = ((Value.Array) ((Value.Array) v).get(1)).elements();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            byte[] member = flat.get(i) instanceof Value.Bytes b ? b.value() : render(flat.get(i));
            double score = flat.get(i + 1) instanceof Value.Float f ? f.value()
                    : flat.get(i + 1) instanceof Value.Int n ? n.value() : 0;
            out.add(new ZEntry(member, score));
        }
        return out;
    }

    static byte[] encodeZset(List<ZEntry> sorted) {
        List<Value> flat = new ArrayList<>(sorted.size() * 2);
        for (ZEntry e : sorted) {
            flat.add(new Value.Bytes(e.member()));
            flat.add(new Value.Float(e.score()));
        }
        return ValueCodec.encode(new Value.Array(List.of(new Value.Str(ZSET_TAG), new Value.Array(flat))));
    }
}
