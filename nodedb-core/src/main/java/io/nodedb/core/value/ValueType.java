package io.nodedb.core.value;

/**
 * The kinds of {@link Value}. The constant names are the SQL-facing type names, so error messages such as
 * "expected BIGINT, got TEXT" read the same in every layer.
 */
public enum ValueType {
    NULL,
    BOOL,
    BIGINT,
    DOUBLE,
    DECIMAL,
    TEXT,
    BYTES,
    TIMESTAMP,
    UUID,
    ARRAY,
    OBJECT,
    VECTOR,
    GEOMETRY,
    // Appended, so that the order ORDER BY gives values of different types (by this enum) stays as it was.
    DATE,
    TIME,
    INTERVAL
}
