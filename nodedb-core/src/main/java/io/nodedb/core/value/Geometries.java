package io.nodedb.core.value;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.Ordinate;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.io.WKTWriter;

/**
 * WKT/WKB conversions for {@link Value.Geometry}. JTS readers and writers are not thread-safe, so one is created
 * per call; they are cheap next to the parsing itself.
 */
final class Geometries {
    static final GeometryFactory FACTORY = new GeometryFactory();

    /**
     * WKTWriter sizes its number format from the precision model; the default floating model allows 16 fraction
     * digits, which prints 1e-24 as 0. Claiming more digits than any double needs makes WKT output exact, so a
     * geometry survives WKB -> WKT -> WKB bit for bit.
     */
    private static final PrecisionModel EXACT_DIGITS = new PrecisionModel() {
        private static final long serialVersionUID = 1L;

        @Override
        public int getMaximumSignificantDigits() {
            return 400;
        }
    };

    private Geometries() {}

    static Geometry parseWkt(String wkt) {
        Objects.requireNonNull(wkt, "wkt");
        Geometry g;
        try {
            g = new WKTReader(FACTORY).read(wkt);
        } catch (ParseException | RuntimeException e) {
            throw new IllegalArgumentException("invalid WKT: " + e.getMessage(), e);
        }
        rejectTrailingText(wkt);
        return g;
    }

    /** JTS stops at the end of the first geometry and ignores the rest; a typo there should not be silent. */
    private static void rejectTrailingText(String wkt) {
        int depth = 0;
        boolean opened = false;
        for (int i = 0; i < wkt.length(); i++) {
            char c = wkt.charAt(i);
            if (opened && depth == 0 && !Character.isWhitespace(c)) {
                throw new IllegalArgumentException("invalid WKT: unexpected text after geometry at character " + (i + 1));
            }
            if (c == '(') {
                depth++;
                opened = true;
            } else if (c == ')') {
                depth--;
            }
        }
        if (!opened && !wkt.strip().regionMatches(true, wkt.strip().length() - 5, "EMPTY", 0, 5)) {
            throw new IllegalArgumentException("invalid WKT: unexpected text after geometry");
        }
    }

    static Geometry parseWkb(byte[] wkb) {
        try {
            return new WKBReader(FACTORY).read(wkb);
        } catch (ParseException | RuntimeException e) {
            throw new IllegalArgumentException("invalid WKB: " + e.getMessage(), e);
        }
    }

    static byte[] toWkb(Geometry g) {
        EnumSet<Ordinate> ordinates = ordinatesOf(g);
        WKBWriter w = new WKBWriter(ordinates.size());
        w.setOutputOrdinates(ordinates);
        return w.write(g);
    }

    static String toWkt(Geometry g) {
        WKTWriter w = new WKTWriter(4);
        w.setOutputOrdinates(ordinatesOf(g));
        w.setPrecisionModel(EXACT_DIGITS);
        return w.write(g);
    }

    /**
     * WKT for {@code wkb} when reading that WKT back yields the very same bytes, else null (non-canonical byte
     * order or flags, coordinates WKT cannot spell, or bytes that are not WKB at all).
     */
    static String canonicalWkt(byte[] wkb) {
        try {
            String wkt = toWkt(parseWkb(wkb));
            return Arrays.equals(toWkb(parseWkt(wkt)), wkb) ? wkt : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * JTS gives every sequence read from 2D WKT a Z slot holding NaN, so Z counts only when some coordinate has a
     * real Z value; otherwise 2D input would come out as 3D WKB.
     */
    private static EnumSet<Ordinate> ordinatesOf(Geometry g) {
        EnumSet<Ordinate> result = EnumSet.of(Ordinate.X, Ordinate.Y);
        g.apply(new CoordinateSequenceFilter() {
            @Override
            public void filter(CoordinateSequence seq, int i) {
                if (seq.hasZ() && !Double.isNaN(seq.getZ(i))) {
                    result.add(Ordinate.Z);
                }
                if (seq.hasM()) {
                    result.add(Ordinate.M);
                }
            }

            @Override
            public boolean isDone() {
                return false;
            }

            @Override
            public boolean isGeometryChanged() {
                return false;
            }
        });
        return result;
    }
}
