package io.nodedb.core.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.ByteOrderValues;
import org.locationtech.jts.io.WKBWriter;

/**
 * Random {@link Value}s of every kind, nested up to {@link #MAX_NESTING} containers deep, biased towards the
 * edges where encoders break: integer and length boundaries of each MessagePack family, -0.0 and NaN, extreme
 * decimal scales, supplementary characters, empty containers, keys that look like typed-JSON tags.
 *
 * <p>Strings are always well-formed UTF-16: an unpaired surrogate cannot survive UTF-8 by design.
 */
public final class RandomValues {
    static final int MAX_NESTING = 4;

    private static final long[] EDGE_LONGS = {
        0, 1, -1, 31, 32, -32, -33, 127, 128, -128, -129, 255, 256, 32767, 32768, -32768, -32769, 65535, 65536,
        Integer.MAX_VALUE, Integer.MAX_VALUE + 1L, Integer.MIN_VALUE, Integer.MIN_VALUE - 1L, 0xffff_ffffL,
        0x1_0000_0000L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 1, Long.MIN_VALUE + 1
    };

    private static final double[] EDGE_DOUBLES = {
        0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE,
        -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_NORMAL, 1.0, -1.0, 0.1, 1e10, 1e-10,
        9007199254740993.0, 123456789.123456789
    };

    private static final float[] EDGE_FLOATS = {
        0f, -0f, 1f, -1f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_NORMAL,
        1e-40f, 0.1f, 16777217f
    };

    private static final String[] EDGE_STRINGS = {
        "", "a", "$", "$decimal", "$obj", "$vector", "$float", "$wkb", "\u0000", "\"\\/\b\f\n\r\t", "\uFFFD",
        "\uD83D\uDE00", "\uDBFF\uDFFF", "\u00e9\u4e2d\uD834\uDD1E", "NaN", "null", "1.0", " ", "\u2028\u2029"
    };

    private static final int[] EDGE_LENGTHS = {0, 1, 15, 16, 17, 31, 32, 33, 255, 256, 257};

    private static final String[] WKTS = {
        "POINT (1 2)", "POINT EMPTY", "POINT Z (1 2 3)", "POINT M (1 2 3)", "POINT ZM (1 2 3 4)",
        "LINESTRING EMPTY", "GEOMETRYCOLLECTION EMPTY", "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), EMPTY)",
        "MULTIPOINT (EMPTY, (1 2))", "GEOMETRYCOLLECTION (POINT (1 2), LINESTRING (0 0, 1 1))"
    };

    private final RandomGenerator r;
    private final boolean exoticGeometry;
    private final GeometryFactory gf = new GeometryFactory();

    /** @param exoticGeometry also produce non-canonical WKB (little-endian) and bytes that are not WKB at all */
    public RandomValues(RandomGenerator r, boolean exoticGeometry) {
        this.r = r;
        this.exoticGeometry = exoticGeometry;
    }

    public Value next() {
        return value(0);
    }

    Value value(int depth) {
        // Containers get rarer with depth so values stay small on average while still reaching MAX_NESTING.
        if (depth < MAX_NESTING && r.nextInt(10) < 3 - depth / 2) {
            return r.nextBoolean() ? array(depth) : obj(depth);
        }
        return switch (r.nextInt(15)) {
            case 0 -> r.nextInt(4) == 0 ? Value.NULL : Value.Bool.of(r.nextBoolean());
            case 1 -> new Value.Int(longValue());
            case 2 -> new Value.Float(doubleValue());
            case 3 -> new Value.Decimal(decimal());
            case 4, 5 -> new Value.Str(string());
            case 6 -> new Value.Bytes(bytes());
            case 7 -> new Value.Timestamp(r.nextInt(5) == 0 ? longValue() : r.nextLong(-1L << 55, 1L << 55));
            case 8 -> new Value.Uuid(uuid());
            case 9 -> new Value.Vector(vector());
            case 10 -> geometry();
            case 11 -> new Value.Date(r.nextInt(DateTimeText.MIN_DATE_DAYS, DateTimeText.MAX_DATE_DAYS + 1));
            case 12 -> new Value.Time(r.nextLong(DateTimeText.MICROS_PER_DAY + 1));
            case 13 -> interval(r);
            default -> new Value.Int(r.nextInt(-100, 100));
        };
    }

    /** Field values across their whole range, often at an edge, with mixed signs. */
    static Value.Interval interval(RandomGenerator r) {
        int[] edgeInts = {Integer.MAX_VALUE, Integer.MIN_VALUE, 1, -1, 11, 12, -12, 30};
        int months = r.nextInt(4) == 0 ? edgeInts[r.nextInt(edgeInts.length)] : r.nextInt(-2400, 2400);
        int days = r.nextInt(4) == 0 ? edgeInts[r.nextInt(edgeInts.length)] : r.nextInt(-400, 400);
        long micros = r.nextInt(4) == 0 ? EDGE_LONGS[r.nextInt(EDGE_LONGS.length)]
                : r.nextLong(-100 * DateTimeText.MICROS_PER_DAY, 100 * DateTimeText.MICROS_PER_DAY);
        return new Value.Interval(r.nextInt(5) == 0 ? 0 : months, r.nextInt(5) == 0 ? 0 : days,
                r.nextInt(5) == 0 ? 0 : micros);
    }

    Value array(int depth) {
        int n = size();
        List<Value> elements = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            elements.add(value(depth + 1));
        }
        return new Value.Array(elements);
    }

    Value obj(int depth) {
        int n = size();
        Value.Obj.Builder b = Value.Obj.builder();
        Set<String> used = new HashSet<>();
        while (used.size() < n) {
            String key = used.isEmpty() && r.nextInt(8) == 0 ? "$" + string() : string();
            if (used.add(key)) {
                b.put(key, value(depth + 1));
            }
        }
        return b.build();
    }

    private int size() {
        int pick = r.nextInt(20);
        if (pick == 0) {
            return 15 + r.nextInt(3); // fixarray/fixmap boundary
        }
        if (pick == 1) {
            return 8 + r.nextInt(3); // FieldMap index threshold
        }
        return r.nextInt(5);
    }

    long longValue() {
        return switch (r.nextInt(4)) {
            case 0 -> EDGE_LONGS[r.nextInt(EDGE_LONGS.length)];
            case 1 -> r.nextLong() >> r.nextInt(64);
            case 2 -> r.nextInt(-40, 300);
            default -> r.nextLong();
        };
    }

    public double doubleValue() {
        return switch (r.nextInt(4)) {
            case 0 -> EDGE_DOUBLES[r.nextInt(EDGE_DOUBLES.length)];
            case 1 -> Double.longBitsToDouble(r.nextLong());
            case 2 -> (double) r.nextInt(-1000, 1000);
            default -> r.nextDouble() * Math.pow(10, r.nextInt(-20, 20));
        };
    }

    private double coordinate() {
        return switch (r.nextInt(4)) {
            case 0 -> r.nextInt(-180, 181);
            case 1 -> {
                double d = Double.longBitsToDouble(r.nextLong());
                yield Double.isFinite(d) ? d : -0.0;
            }
            default -> r.nextDouble() * 360 - 180;
        };
    }

    BigDecimal decimal() {
        switch (r.nextInt(10)) {
            case 0 -> {
                return BigDecimal.ZERO.setScale(r.nextInt(-5, 6));
            }
            case 1 -> {
                int scale = r.nextBoolean() ? Integer.MAX_VALUE : Integer.MIN_VALUE;
                return new BigDecimal(BigInteger.valueOf(r.nextLong()), scale);
            }
            case 2 -> {
                return new BigDecimal("12.50");
            }
            default -> {
                byte[] magnitude = new byte[1 + r.nextInt(r.nextInt(8) == 0 ? 60 : 10)];
                r.nextBytes(magnitude);
                return new BigDecimal(new BigInteger(magnitude), r.nextInt(-40, 41));
            }
        }
    }

    public String string() {
        int pick = r.nextInt(10);
        if (pick == 0) {
            return EDGE_STRINGS[r.nextInt(EDGE_STRINGS.length)];
        }
        int length = pick == 1 ? EDGE_LENGTHS[r.nextInt(EDGE_LENGTHS.length)] : r.nextInt(12);
        if (r.nextInt(3000) == 0) {
            length = 65535 + r.nextInt(3); // str16/str32 boundary, rarely: it is big
        }
        StringBuilder sb = new StringBuilder(length);
        int alphabet = r.nextInt(4);
        while (sb.length() < length) {
            int cp = switch (alphabet) {
                case 0 -> r.nextInt(0x20, 0x7f);
                case 1 -> r.nextInt(0, 0x800);
                case 2 -> r.nextBoolean() ? r.nextInt(0x1F300, 0x1FAFF) : r.nextInt(0x4e00, 0x9fff);
                default -> {
                    int c = r.nextInt(0, 0x110000);
                    yield Character.isSurrogate((char) c) && c <= 0xffff ? 'x' : c;
                }
            };
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }

    byte[] bytes() {
        int length = r.nextInt(3) == 0 ? EDGE_LENGTHS[r.nextInt(EDGE_LENGTHS.length)] : r.nextInt(20);
        if (r.nextInt(3000) == 0) {
            length = 65535 + r.nextInt(3);
        }
        byte[] b = new byte[length];
        r.nextBytes(b);
        return b;
    }

    UUID uuid() {
        return switch (r.nextInt(10)) {
            case 0 -> new UUID(0, 0);
            case 1 -> new UUID(-1, -1);
            default -> new UUID(r.nextLong(), r.nextLong());
        };
    }

    float[] vector() {
        float[] v = new float[r.nextInt(4) == 0 ? 0 : 1 + r.nextInt(r.nextInt(10) == 0 ? 100 : 8)];
        for (int i = 0; i < v.length; i++) {
            float f = r.nextInt(5) == 0
                    ? EDGE_FLOATS[r.nextInt(EDGE_FLOATS.length)]
                    : r.nextBoolean() ? Float.intBitsToFloat(r.nextInt()) : (float) r.nextGaussian();
            v[i] = Float.isFinite(f) ? f : 0.5f;
        }
        return v;
    }

    Value geometry() {
        int pick = r.nextInt(10);
        if (exoticGeometry && pick == 0) {
            return new Value.Geometry(bytes());
        }
        if (pick == 1) {
            return Value.Geometry.fromWkt(WKTS[r.nextInt(WKTS.length)]);
        }
        boolean z = r.nextInt(4) == 0;
        org.locationtech.jts.geom.Geometry g = switch (r.nextInt(4)) {
            case 0 -> gf.createPoint(coord(z));
            case 1 -> gf.createLineString(coords(2 + r.nextInt(4), z));
            case 2 -> {
                Coordinate[] ring = coords(4, z);
                ring[3] = ring[0].copy();
                yield gf.createPolygon(ring);
            }
            default -> gf.createMultiPointFromCoords(coords(1 + r.nextInt(4), z));
        };
        if (exoticGeometry && pick == 2) {
            return new Value.Geometry(new WKBWriter(z ? 3 : 2, ByteOrderValues.LITTLE_ENDIAN).write(g));
        }
        return Value.Geometry.fromJts(g);
    }

    private Coordinate[] coords(int n, boolean z) {
        Coordinate[] c = new Coordinate[n];
        for (int i = 0; i < n; i++) {
            c[i] = coord(z);
        }
        return c;
    }

    private Coordinate coord(boolean z) {
        return z ? new Coordinate(coordinate(), coordinate(), coordinate()) : new Coordinate(coordinate(), coordinate());
    }
}
