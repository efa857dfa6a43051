package io.nodedb.server.pgwire;

import io.nodedb.core.value.ValueType;

/** The PostgreSQL types NodeDB values travel as, with their OIDs from pg_type. */
enum PgType {
    BOOL(16, 1),
    BYTEA(17, -1),
    INT8(20, 8),
    INT2(21, 2),
    INT4(23, 4),
    TEXT(25, -1),
    JSON(114, -1),
    FLOAT4(700, 4),
    FLOAT8(701, 8),
    UNKNOWN(705, -2),
    VARCHAR(1043, -1),
    TIMESTAMP(1114, 8),
    TIMESTAMPTZ(1184, 8),
    DATE(1082, 4),
    TIME(1083, 8),
    INTERVAL(1186, 16),
    NUMERIC(1700, -1),
    UUID(2950, 16),
    JSONB(3802, -1),
    BOOL_ARRAY(1000, -1),
    INT2_ARRAY(1005, -1),
    INT4_ARRAY(1007, -1),
    TEXT_ARRAY(1009, -1),
    INT8_ARRAY(1016, -1),
    FLOAT4_ARRAY(1021, -1),
    FLOAT8_ARRAY(1022, -1),
    VARCHAR_ARRAY(1015, -1),
    TIMESTAMP_ARRAY(1115, -1),
    TIMESTAMPTZ_ARRAY(1185, -1),
    DATE_ARRAY(1182, -1),
    TIME_ARRAY(1183, -1),
    INTERVAL_ARRAY(1187, -1),
    NUMERIC_ARRAY(1231, -1),
    UUID_ARRAY(2951, -1),
    BYTEA_ARRAY(1001, -1),
    JSONB_ARRAY(3807, -1);

    final int oid;
    final int size;

    PgType(int oid, int size) {
        this.oid = oid;
        this.size = size;
    }

    /** values() clones its array on every call; Bind looks up each parameter's type. */
    private static final PgType[] ALL = values();

    static PgType byOid(int oid) {
        for (PgType t : ALL) {
            if (t.oid == oid) {
                return t;
            }
        }
        return null;
    }

    /** The element type of an array type, or null. */
    PgType element() {
        return switch (this) {
            case BOOL_ARRAY -> BOOL;
            case INT2_ARRAY -> INT2;
            case INT4_ARRAY -> INT4;
            case INT8_ARRAY -> INT8;
            case TEXT_ARRAY -> TEXT;
            case VARCHAR_ARRAY -> VARCHAR;
            case FLOAT4_ARRAY -> FLOAT4;
            case FLOAT8_ARRAY -> FLOAT8;
            case TIMESTAMP_ARRAY -> TIMESTAMP;
            case TIMESTAMPTZ_ARRAY -> TIMESTAMPTZ;
            case DATE_ARRAY -> DATE;
            case TIME_ARRAY -> TIME;
            case INTERVAL_ARRAY -> INTERVAL;
            case NUMERIC_ARRAY -> NUMERIC;
            case UUID_ARRAY -> UUID;
            case BYTEA_ARRAY -> BYTEA;
            case JSONB_ARRAY -> JSONB;
            default -> null;
        };
    }

    /** The wire type a result column of this NodeDB type is described as. */
    static PgType forValueType(ValueType t) {
        return switch (t) {
            case NULL, TEXT -> TEXT;
            case BOOL -> BOOL;
            case BIGINT -> INT8;
            case DOUBLE -> FLOAT8;
            case DECIMAL -> NUMERIC;
            case BYTES -> BYTEA;
            case TIMESTAMP -> TIMESTAMPTZ;
            case DATE -> DATE;
            case TIME -> TIME;
            case INTERVAL -> INTERVAL;
            case UUID -> UUID;
            case ARRAY, OBJECT -> JSONB;
            case VECTOR -> FLOAT4_ARRAY;
            case GEOMETRY -> TEXT;
        };
    }
}
