package io.nodedb.core.value;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Microsecond timestamps to and from {@link Instant} and ISO-8601 text. */
final class Timestamps {
    private static final long MICROS_PER_SECOND = 1_000_000L;

    private Timestamps() {}

    /**
     * Floors to the microsecond. Negative instants are split as (seconds + 1, nanos - 1s) first, because the
     * earliest representable timestamp would otherwise overflow in {@code seconds * 1_000_000} before the
     * nanos bring it back into range.
     *
     * @param exact reject instants finer than a microsecond instead of truncating them
     * @throws ArithmeticException when out of range
     */
    static long toMicros(Instant instant, boolean exact) {
        long seconds = instant.getEpochSecond();
        int nanos = instant.getNano();
        if (exact && nanos % 1000 != 0) {
            throw new IllegalArgumentException("timestamp " + instant + " is finer than a microsecond");
        }
        if (seconds < 0 && nanos > 0) {
            return Math.addExact(Math.multiplyExact(seconds + 1, MICROS_PER_SECOND), nanos / 1000 - MICROS_PER_SECOND);
        }
        return Math.addExact(Math.multiplyExact(seconds, MICROS_PER_SECOND), nanos / 1000);
    }

    static long ofInstant(Instant instant) {
        try {
            return toMicros(instant, false);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("instant out of TIMESTAMP range: " + instant, e);
        }
    }

    static Instant toInstant(long micros) {
        return Instant.ofEpochSecond(
                Math.floorDiv(micros, MICROS_PER_SECOND), Math.floorMod(micros, MICROS_PER_SECOND) * 1000L);
    }

    static String format(long micros) {
        return DateTimeFormatter.ISO_INSTANT.format(toInstant(micros));
    }

    static long parseMicros(String iso) {
        Instant instant;
        try {
            instant = DateTimeFormatter.ISO_INSTANT.parse(iso, Instant::from);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("invalid timestamp '" + iso + "': " + e.getMessage(), e);
        }
        try {
            return toMicros(instant, true);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("timestamp " + iso + " is out of range", e);
        }
    }
}
