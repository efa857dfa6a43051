package io.nodedb.core.value;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A database value: what a column, a document field or an expression evaluates to. Every value is immutable;
 * records holding arrays copy on the way in and on the way out.
 *
 * <p>Equality is representational, chosen so that equal values always have equal encodings
 * ({@link ValueCodec}): {@link Float} compares with {@link Double#compare} (NaN equals NaN, -0.0 differs from 0.0),
 * {@link Decimal} with {@link BigDecimal#equals} (12.5 differs from 12.50), {@link Obj} by its fields in order.
 * SQL comparison semantics belong to the query layer, not here.
 */
public sealed interface Value
        permits Value.Null, Value.Bool, Value.Int, Value.Float, Value.Decimal, Value.Str, Value.Bytes,
                Value.Timestamp, Value.Date, Value.Time, Value.Interval, Value.Uuid, Value.Array, Value.Obj,
                Value.Vector, Value.Geometry {

    Null NULL = new Null();
    Bool TRUE = new Bool(true);
    Bool FALSE = new Bool(false);

    ValueType type();

    default boolean isNull() {
        return this instanceof Null;
    }

    // Strict typed views: no implicit conversions, so a BIGINT is never silently read as a DOUBLE.

    default boolean asBoolean() {
        return as(Bool.class, ValueType.BOOL).value();
    }

    default long asLong() {
        return as(Int.class, ValueType.BIGINT).value();
    }

    default double asDouble() {
        return as(Float.class, ValueType.DOUBLE).value();
    }

    default BigDecimal asDecimal() {
        return as(Decimal.class, ValueType.DECIMAL).value();
    }

    default String asString() {
        return as(Str.class, ValueType.TEXT).value();
    }

    default List<Value> asList() {
        return as(Array.class, ValueType.ARRAY).elements();
    }

    default Obj asObj() {
        return as(Obj.class, ValueType.OBJECT);
    }

    private <T extends Value> T as(Class<T> kind, ValueType expected) {
        if (kind.isInstance(this)) {
            return kind.cast(this);
        }
        throw new ValueTypeException(expected, type());
    }

    /**
     * Converts a plain Java value. Lists and maps convert recursively (map keys must be strings; the map's
     * iteration order becomes the field order). An {@link Instant} is truncated to the microsecond.
     *
     * @throws IllegalArgumentException for any other class, naming it
     */
    static Value of(Object o) {
        return JavaValues.toValue(o);
    }

    /** SQL NULL. Use {@link Value#NULL}; all instances are equal anyway. */
    record Null() implements Value {
        @Override
        public ValueType type() {
            return ValueType.NULL;
        }

        @Override
        public String toString() {
            return "NULL";
        }
    }

    record Bool(boolean value) implements Value {
        public static Bool of(boolean value) {
            return value ? TRUE : FALSE;
        }

        @Override
        public ValueType type() {
            return ValueType.BOOL;
        }
    }

    record Int(long value) implements Value {
        @Override
        public ValueType type() {
            return ValueType.BIGINT;
        }
    }

    /** A double. The record's generated equals already compares with {@link Double#compare}. */
    record Float(double value) implements Value {
        @Override
        public ValueType type() {
            return ValueType.DOUBLE;
        }
    }

    /** Exact decimal; the scale is part of the value (12.50 keeps its two fraction digits). */
    record Decimal(BigDecimal value) implements Value {
        public Decimal {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public ValueType type() {
            return ValueType.DECIMAL;
        }
    }

    /**
     * Text. Stored as UTF-8, so an unpaired surrogate cannot survive encoding; like {@link String#getBytes} the
     * encoder writes '?' for it.
     */
    record Str(String value) implements Value {
        public Str {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public ValueType type() {
            return ValueType.TEXT;
        }
    }

    record Bytes(byte[] value) implements Value {
        public Bytes {
            value = value.clone();
        }

        /** A copy; use {@link #length()} and {@link #byteAt(int)} to read without one. */
        @Override
        public byte[] value() {
            return value.clone();
        }

        /** The backing array, for encoders in this package that promise not to modify it. */
        byte[] raw() {
            return value;
        }

        public int length() {
            return value.length;
        }

        public byte byteAt(int i) {
            return value[i];
        }

        @Override
        public ValueType type() {
            return ValueType.BYTES;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes b && Arrays.equals(value, b.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Bytes[" + HexFormat.of().formatHex(value) + "]";
        }
    }

    /** Microseconds since 1970-01-01T00:00:00Z; the full long range (about ±292,000 years) is allowed. */
    record Timestamp(long micros) implements Value {
        /** Truncates to the microsecond (toward the past). */
        public static Timestamp of(Instant instant) {
            return new Timestamp(Timestamps.ofInstant(instant));
        }

        /**
         * Parses ISO-8601 such as {@code 2026-01-02T03:04:05.123456Z} (an offset instead of Z is accepted).
         *
         * @throws IllegalArgumentException if malformed, finer than a microsecond, or out of range
         */
        public static Timestamp parse(String iso) {
            return new Timestamp(Timestamps.parseMicros(iso));
        }

        public Instant toInstant() {
            return Timestamps.toInstant(micros);
        }

        /** ISO-8601 in UTC with 0, 3 or 6 fraction digits, as {@link Instant#toString()} would print it. */
        public String toIsoString() {
            return Timestamps.format(micros);
        }

        @Override
        public ValueType type() {
            return ValueType.TIMESTAMP;
        }

        @Override
        public String toString() {
            return "Timestamp[" + toIsoString() + "]";
        }
    }

    /**
     * A calendar date (proleptic Gregorian, no time zone) as days since 1970-01-01, from 4713 BC to 5874897 AD like
     * PostgreSQL's DATE.
     */
    record Date(int days) implements Value {
        public Date {
            if (days < DateTimeText.MIN_DATE_DAYS || days > DateTimeText.MAX_DATE_DAYS) {
                throw new IllegalArgumentException("date out of range: " + days + " days from 1970-01-01");
            }
        }

        /**
         * Parses {@code 2024-01-31} (also {@code 0044-03-15 BC}).
         *
         * @throws IllegalArgumentException if malformed
         * @throws ArithmeticException if a field or the date is out of range
         */
        public static Date parse(String text) {
            return new Date(DateTimeText.parseDate(text));
        }

        /** PostgreSQL's ISO output: {@code 2024-01-31}, years before 1 AD as {@code 0044-03-15 BC}. */
        public String toText() {
            return DateTimeText.formatDate(days);
        }

        @Override
        public ValueType type() {
            return ValueType.DATE;
        }

        @Override
        public String toString() {
            return "Date[" + toText() + "]";
        }
    }

    /** A time of day without a time zone: microseconds since midnight, 00:00:00 to 24:00:00 inclusive. */
    record Time(long micros) implements Value {
        public Time {
            if (micros < 0 || micros > DateTimeText.MICROS_PER_DAY) {
                throw new IllegalArgumentException("time of day out of range: " + micros + " microseconds");
            }
        }

        /**
         * Parses {@code HH:MM[:SS[.ffffff]]}; finer fractions round to the microsecond.
         *
         * @throws IllegalArgumentException if malformed
         * @throws ArithmeticException if a field is out of range
         */
        public static Time parse(String text) {
            return new Time(DateTimeText.parseTime(text));
        }

        /** {@code HH:MM:SS} with the fraction's significant digits, as PostgreSQL prints it. */
        public String toText() {
            return DateTimeText.formatTime(micros);
        }

        @Override
        public ValueType type() {
            return ValueType.TIME;
        }

        @Override
        public String toString() {
            return "Time[" + toText() + "]";
        }
    }

    /**
     * A span of time as PostgreSQL keeps it: months, days and microseconds, each with its own sign, because a month
     * has no fixed number of days and a day (across a daylight-saving change) no fixed number of hours. Equality here
     * is by the three fields; SQL comparison (where 1 day equals 24 hours) is the query layer's.
     */
    record Interval(int months, int days, long micros) implements Value {
        public static final Interval ZERO = new Interval(0, 0, 0);

        /**
         * Parses PostgreSQL interval input ({@code 1 day 02:00:00}, {@code 3 mons}, {@code -00:00:05},
         * {@code 1 hour 30 minutes}, {@code 5m}, ISO {@code P1DT2H}, {@code ... ago}).
         *
         * @throws IllegalArgumentException if malformed
         * @throws ArithmeticException if a field or the sum is out of range
         */
        public static Interval parse(String text) {
            return IntervalText.parse(text);
        }

        /**
         * Parses an SQL-standard qualified literal such as {@code INTERVAL '1' DAY} or {@code INTERVAL '1-2' YEAR TO
         * MONTH}, given the qualifier's last field (YEAR, MONTH, DAY, HOUR, MINUTE or SECOND): a bare number counts
         * that field, and smaller fields are dropped.
         *
         * @throws IllegalArgumentException if malformed
         * @throws ArithmeticException if a field or the sum is out of range
         */
        public static Interval parse(String text, String leastField) {
            return IntervalText.parse(text, leastField);
        }

        /** PostgreSQL's default ({@code postgres} IntervalStyle) output, e.g. {@code 1 year 2 mons 3 days 04:05:06}. */
        public String toText() {
            return IntervalText.format(this);
        }

        @Override
        public ValueType type() {
            return ValueType.INTERVAL;
        }

        @Override
        public String toString() {
            return "Interval[" + toText() + "]";
        }
    }

    record Uuid(UUID value) implements Value {
        public Uuid {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public ValueType type() {
            return ValueType.UUID;
        }
    }

    record Array(List<Value> elements) implements Value {
        public static final Array EMPTY = new Array(List.of());

        /** Rejects null elements; use {@link Value#NULL}. */
        public Array {
            elements = List.copyOf(elements);
        }

        public static Array of(Value... elements) {
            return new Array(List.of(elements));
        }

        public int size() {
            return elements.size();
        }

        public Value get(int i) {
            return elements.get(i);
        }

        @Override
        public ValueType type() {
            return ValueType.ARRAY;
        }
    }

    /**
     * A document: string keys, insertion order kept. {@link #fields()} is an unmodifiable map iterating in that
     * order; equality and the encodings are order-sensitive too.
     */
    record Obj(Map<String, Value> fields) implements Value {
        public static final Obj EMPTY = new Obj(FieldMap.EMPTY);

        /** Copies the map (unless it already is an Obj's), keeping its iteration order. */
        public Obj {
            fields = FieldMap.copyOf(fields);
        }

        public static Builder builder() {
            return new Builder();
        }

        public static Obj of(String k1, Value v1) {
            return builder().put(k1, v1).build();
        }

        public static Obj of(String k1, Value v1, String k2, Value v2) {
            return builder().put(k1, v1).put(k2, v2).build();
        }

        public static Obj of(String k1, Value v1, String k2, Value v2, String k3, Value v3) {
            return builder().put(k1, v1).put(k2, v2).put(k3, v3).build();
        }

        FieldMap map() {
            return (FieldMap) fields;
        }

        public int size() {
            return fields.size();
        }

        public boolean isEmpty() {
            return fields.isEmpty();
        }

        public boolean has(String name) {
            return fields.containsKey(name);
        }

        /** The field's value, or null when absent (a present SQL NULL is {@link Value#NULL}). */
        public Value get(String name) {
            return fields.get(name);
        }

        /** Field names in order. */
        public Set<String> names() {
            return fields.keySet();
        }

        public boolean getBoolean(String name) {
            return require(name, ValueType.BOOL).asBoolean();
        }

        public long getLong(String name) {
            return require(name, ValueType.BIGINT).asLong();
        }

        public double getDouble(String name) {
            return require(name, ValueType.DOUBLE).asDouble();
        }

        public BigDecimal getDecimal(String name) {
            return require(name, ValueType.DECIMAL).asDecimal();
        }

        public String getString(String name) {
            return require(name, ValueType.TEXT).asString();
        }

        public List<Value> getList(String name) {
            return require(name, ValueType.ARRAY).asList();
        }

        public Obj getObj(String name) {
            return require(name, ValueType.OBJECT).asObj();
        }

        private Value require(String name, ValueType expected) {
            Value v = fields.get(name);
            if (v == null) {
                throw new NoSuchElementException("no field '" + name + "'");
            }
            if (v.type() != expected) {
                throw new ValueTypeException("field '" + name + "'", expected, v.type());
            }
            return v;
        }

        /** A copy with {@code name} set: replaced in place if present, else appended. */
        public Obj with(String name, Value value) {
            return new Obj(map().with(name, value));
        }

        /** A copy without {@code name}; this object if it has no such field. */
        public Obj without(String name) {
            return has(name) ? new Obj(map().without(name)) : this;
        }

        @Override
        public ValueType type() {
            return ValueType.OBJECT;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Obj other && map().sameInOrder(other.map());
        }

        @Override
        public int hashCode() {
            return map().orderedHash();
        }

        /** Single use: {@link #build()} hands its storage to the Obj instead of copying it. */
        public static final class Builder {
            private final FieldMap.Builder fields;

            private Builder() {
                fields = new FieldMap.Builder(4);
            }

            /** Appends a field, or replaces the value of an existing one keeping its position. */
            public Builder put(String name, Value value) {
                fields.put(name, value);
                return this;
            }

            public Builder put(String name, Object value) {
                return put(name, Value.of(value));
            }

            public Obj build() {
                return new Obj(fields.build());
            }
        }
    }

    /** A dense float32 vector for similarity search. Components must be finite, as in pgvector. */
    record Vector(float[] values) implements Value {
        public Vector {
            values = values.clone();
            for (int i = 0; i < values.length; i++) {
                if (!java.lang.Float.isFinite(values[i])) {
                    throw new IllegalArgumentException("vector component " + i + " is not finite: " + values[i]);
                }
            }
        }

        /** A copy; use {@link #dimensions()} and {@link #get(int)} to read without one. */
        @Override
        public float[] values() {
            return values.clone();
        }

        float[] raw() {
            return values;
        }

        public int dimensions() {
            return values.length;
        }

        public float get(int i) {
            return values[i];
        }

        @Override
        public ValueType type() {
            return ValueType.VECTOR;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Vector v && Arrays.equals(values, v.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return "Vector" + Arrays.toString(values);
        }
    }

    /**
     * A geometry as OGC WKB. The constructor does not parse the bytes (values read back from storage were
     * checked when written); {@link #fromWkb} does. Geometries made here are written big-endian with only the
     * ordinates actually present; Z and M use the extended-WKB flag bits, as JTS writes them.
     */
    record Geometry(byte[] wkb) implements Value {
        public Geometry {
            wkb = wkb.clone();
        }

        /** @throws IllegalArgumentException with the parser's reason */
        public static Geometry fromWkt(String wkt) {
            return fromJts(Geometries.parseWkt(wkt));
        }

        /** Validates, then keeps the bytes as given. @throws IllegalArgumentException if not WKB */
        public static Geometry fromWkb(byte[] wkb) {
            Geometries.parseWkb(wkb);
            return new Geometry(wkb);
        }

        public static Geometry fromJts(org.locationtech.jts.geom.Geometry geometry) {
            return new Geometry(Geometries.toWkb(geometry));
        }

        /** @throws IllegalArgumentException if the bytes are not valid WKB */
        public org.locationtech.jts.geom.Geometry toJts() {
            return Geometries.parseWkb(wkb);
        }

        /** Exact WKT: coordinates print with as many digits as the double needs. */
        public String toWkt() {
            return Geometries.toWkt(toJts());
        }

        /** A copy. */
        @Override
        public byte[] wkb() {
            return wkb.clone();
        }

        byte[] raw() {
            return wkb;
        }

        @Override
        public ValueType type() {
            return ValueType.GEOMETRY;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Geometry g && Arrays.equals(wkb, g.wkb);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(wkb);
        }

        @Override
        public String toString() {
            try {
                return "Geometry[" + toWkt() + "]";
            } catch (IllegalArgumentException e) {
                return "Geometry[invalid WKB " + HexFormat.of().formatHex(wkb) + "]";
            }
        }
    }
}
