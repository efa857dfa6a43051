package io.nodedb.sql.system;

import io.nodedb.core.value.ValueType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The PostgreSQL types pg_type lists, with their real oids (clients hard-code them), and how NodeDB column types
 * map onto them: BIGINT int8, DOUBLE float8, DECIMAL numeric, TEXT text, BOOL bool, BYTES bytea, TIMESTAMP
 * timestamptz, DATE date, TIME time, INTERVAL interval, UUID uuid, OBJECT and ARRAY jsonb, VECTOR(n) float4[],
 * GEOMETRY text (as WKT on the wire).
 */
public final class PgTypes {
    /**
     * One type: typname, the name format_type prints, length, category, element (for arrays) and array type.
     */
    public record PgType(int oid, String name, String display, int len, char category, int elem, int array,
            int collation) {
    }

    /** The oid of the array_in function, the typinput of every array type (pgjdbc tests arrays with it). */
    public static final int ARRAY_IN = 750;

    private static final Map<Integer, PgType> BY_OID = new LinkedHashMap<>();
    private static final Map<String, PgType> BY_NAME = new LinkedHashMap<>();

    private static void type(int oid, String name, String display, int len, char cat, int array) {
        int collation = cat == 'S' ? 100 : 0;
        add(new PgType(oid, name, display, len, cat, 0, array, collation));
        if (array != 0) {
            add(new PgType(array, "_" + name, display + "[]", -1, 'A', oid, 0, collation));
        }
    }

    private static void add(PgType t) {
        BY_OID.put(t.oid(), t);
        BY_NAME.put(t.name(), t);
    }

    static {
        type(16, "bool", "boolean", 1, 'B', 1000);
        type(17, "bytea", "bytea", -1, 'U', 1001);
        type(18, "char", "\"char\"", 1, 'S', 1002);
        type(19, "name", "name", 64, 'S', 1003);
        type(20, "int8", "bigint", 8, 'N', 1016);
        type(21, "int2", "smallint", 2, 'N', 1005);
        type(22, "int2vector", "int2vector", -1, 'A', 0);
        type(23, "int4", "integer", 4, 'N', 1007);
        type(24, "regproc", "regproc", 4, 'N', 1008);
        type(25, "text", "text", -1, 'S', 1009);
        type(26, "oid", "oid", 4, 'N', 1028);
        type(28, "xid", "xid", 4, 'U', 1011);
        type(30, "oidvector", "oidvector", -1, 'A', 0);
        type(114, "json", "json", -1, 'U', 199);
        type(194, "pg_node_tree", "pg_node_tree", -1, 'Z', 0);
        type(700, "float4", "real", 4, 'N', 1021);
        type(701, "float8", "double precision", 8, 'N', 1022);
        type(705, "unknown", "unknown", -2, 'X', 0);
        type(1043, "varchar", "character varying", -1, 'S', 1015);
        type(1082, "date", "date", 4, 'D', 1182);
        type(1083, "time", "time without time zone", 8, 'D', 1183);
        type(1114, "timestamp", "timestamp without time zone", 8, 'D', 1115);
        type(1184, "timestamptz", "timestamp with time zone", 8, 'D', 1185);
        type(1186, "interval", "interval", 16, 'T', 1187);
        type(1700, "numeric", "numeric", -1, 'N', 1231);
        type(2205, "regclass", "regclass", 4, 'N', 2210);
        type(2206, "regtype", "regtype", 4, 'N', 2211);
        type(2950, "uuid", "uuid", 16, 'U', 2951);
        type(3802, "jsonb", "jsonb", -1, 'U', 3807);
    }

    private PgTypes() {
    }

    public static List<PgType> all() {
        return List.copyOf(BY_OID.values());
    }

    public static PgType byOid(long oid) {
        return oid < Integer.MIN_VALUE || oid > Integer.MAX_VALUE ? null : BY_OID.get((int) oid);
    }

    /** The oid of a pg_type name (int8, _text, ...), or 0. */
    public static int oidOfName(String name) {
        PgType t = BY_NAME.get(name.toLowerCase(Locale.ROOT));
        return t == null ? 0 : t.oid();
    }

    /** The pg_type a NodeDB column type (as the catalog stores it: BIGINT, VECTOR(3), ...) is presented as. */
    public static PgType forColumnType(String stored) {
        if (stored.startsWith("VECTOR")) {
            return BY_OID.get(1021);
        }
        return BY_OID.get(switch (ValueType.valueOf(stored)) {
            case BIGINT -> 20;
            case DOUBLE -> 701;
            case DECIMAL -> 1700;
            case BOOL -> 16;
            case BYTES -> 17;
            case TIMESTAMP -> 1184;
            case DATE -> 1082;
            case TIME -> 1083;
            case INTERVAL -> 1186;
            case UUID -> 2950;
            case OBJECT, ARRAY -> 3802;
            case TEXT, GEOMETRY, NULL -> 25;
            case VECTOR -> 1021;
        });
    }

    /** format_type(oid, typmod): the SQL name of a type as psql shows it. */
    public static String format(long oid) {
        PgType t = byOid(oid);
        return t == null ? "???" : t.display();
    }

    /** The type oid a regtype cast of this name gives (accepts SQL spellings such as bigint and integer), or 0. */
    public static int oidOfSqlName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.startsWith("pg_catalog.")) {
            n = n.substring("pg_catalog.".length());
        }
        for (PgType t : BY_OID.values()) {
            if (t.name().equals(n) || t.display().equals(n)) {
                return t.oid();
            }
        }
        return switch (n) {
            case "int", "integer" -> 23;
            case "boolean" -> 16;
            case "double" -> 701;
            case "string" -> 25;
            default -> 0;
        };
    }
}
