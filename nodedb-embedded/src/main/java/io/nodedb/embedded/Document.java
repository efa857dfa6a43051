package io.nodedb.embedded;

import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueJson;
import io.nodedb.core.value.ValueType;
import io.nodedb.core.value.ValueTypeException;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * An immutable document: ordered fields with typed values. Build one from Java values
 * ({@code Document.of("name", "Alice", "age", 30)}) or from JSON; read fields with typed getters, which fail with a
 * clear message when the field holds another type.
 */
public final class Document {
    private final Value.Obj value;

    Document(Value.Obj value) {
        this.value = Objects.requireNonNull(value);
    }

    /** Alternating field names and Java values (String, Long, Double, Boolean, BigDecimal, Instant, UUID, List, Map, float[]...). */
    public static Document of(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("Document.of needs name/value pairs, got " + namesAndValues.length
                    + " arguments");
        }
        Value.Obj.Builder b = Value.Obj.builder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (!(namesAndValues[i] instanceof String name)) {
                throw new IllegalArgumentException("argument " + i + " must be a field name (String), got "
                        + namesAndValues[i]);
            }
            b.put(name, Value.of(namesAndValues[i + 1]));
        }
        return new Document(b.build());
    }

    public static Document of(Map<String, ?> fields) {
        return new Document(Value.of(fields).asObj());
    }

    public static Document of(Value.Obj value) {
        return new Document(value);
    }

    /** Parses a JSON object; numbers become BIGINT when integral, else DOUBLE. */
    public static Document fromJson(String json) {
        return new Document(ValueJson.fromJson(json).asObj());
    }

    public Value.Obj value() {
        return value;
    }

    public boolean has(String field) {
        return value.has(field);
    }

    /** The field's value, or null when the field is absent. */
    public Value get(String field) {
        return value.get(field);
    }

    public String getString(String field) {
        return value.getString(field);
    }

    public long getLong(String field) {
        return value.getLong(field);
    }

    public double getDouble(String field) {
        return value.getDouble(field);
    }

    public boolean getBoolean(String field) {
        return value.getBoolean(field);
    }

    public BigDecimal getDecimal(String field) {
        return value.getDecimal(field);
    }

    public Instant getInstant(String field) {
        return typed(field, Value.Timestamp.class, ValueType.TIMESTAMP).toInstant();
    }

    public UUID getUuid(String field) {
        return typed(field, Value.Uuid.class, ValueType.UUID).value();
    }

    private <T extends Value> T typed(String field, Class<T> type, ValueType expected) {
        Value v = value.get(field);
        if (v == null) {
            throw new IllegalArgumentException("document has no field '" + field + "'");
        }
        if (!type.isInstance(v)) {
            throw new ValueTypeException("field '" + field + "'", expected, v.type());
        }
        return type.cast(v);
    }

    public List<Value> getList(String field) {
        return value.getList(field);
    }

    public Document getDocument(String field) {
        return new Document(value.getObj(field));
    }

    public String toJson() {
        return ValueJson.toJson(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Document d && d.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return toJson();
    }
}
