package io.nodedb.sql.expr;

import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueType;
import io.nodedb.sql.SqlErrors;
import io.nodedb.sql.system.PgTypes;
import io.nodedb.sql.system.Relations;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The pg_catalog functions PostgreSQL clients call in their catalog queries (psql's \d family, pgjdbc's
 * DatabaseMetaData). They answer from the same relation model as the system tables; the ones about features
 * NodeDB does not have (comments, rules, triggers, publications, statistics objects) answer NULL or false.
 */
final class PgFunctions {
    private PgFunctions() {
    }

    static void register(Map<String, Functions.Def> defs) {
        strict(defs, "pg_get_userbyid", 1, 1, ValueType.TEXT, (a, c) -> new Value.Str(
                Relations.roleName(c.data().catalog(), c.session(), integer(a[0]))));
        // Visible means found through the search path (pg_catalog, public); information_schema is not on it.
        strict(defs, "pg_table_is_visible", 1, 1, ValueType.BOOL, (a, c) -> {
            Relations.Rel r = Relations.byOid(c.data().catalog(), integer(a[0]));
            return Value.Bool.of(r != null && r.namespace() != Relations.INFORMATION_SCHEMA);
        });
        for (String f : List.of("pg_type_is_visible", "pg_function_is_visible", "pg_operator_is_visible",
                "pg_conversion_is_visible", "pg_collation_is_visible", "pg_opclass_is_visible")) {
            strict(defs, f, 1, 1, ValueType.BOOL, (a, c) -> Value.TRUE);
        }
        strict(defs, "pg_tablespace_location", 1, 1, ValueType.TEXT, (a, c) -> new Value.Str(""));
        for (String f : List.of("has_table_privilege", "has_schema_privilege", "has_database_privilege",
                "has_column_privilege", "has_any_column_privilege")) {
            strict(defs, f, 2, 4, ValueType.BOOL, (a, c) -> Value.TRUE);
        }
        lenient(defs, "format_type", 2, 2, ValueType.TEXT, (a, c) -> a[0].isNull() ? Value.NULL
                : new Value.Str(PgTypes.format(integer(a[0]))));
        strict(defs, "pg_get_expr", 2, 3, ValueType.TEXT, (a, c) -> a[0]);
        lenient(defs, "array_to_string", 2, 3, ValueType.TEXT, (a, c) -> {
            if (a[0].isNull() || a[1].isNull()) {
                return Value.NULL;
            }
            List<String> parts = new ArrayList<>();
            for (Value e : array(a[0])) {
                if (!e.isNull()) {
                    parts.add(SqlValues.display(e));
                } else if (a.length > 2 && !a[2].isNull()) {
                    parts.add(SqlValues.display(a[2]));
                }
            }
            return new Value.Str(String.join(SqlValues.display(a[1]), parts));
        });
        for (String f : List.of("obj_description", "col_description", "shobj_description",
                "pg_get_statisticsobjdef_columns", "pg_get_partkeydef", "pg_get_viewdef", "pg_get_triggerdef",
                "pg_get_ruledef", "pg_get_serial_sequence", "pg_get_partition_constraintdef",
                "pg_get_function_result", "pg_get_function_arguments")) {
            lenient(defs, f, 0, 3, ValueType.TEXT, (a, c) -> Value.NULL);
        }
        strict(defs, "pg_relation_is_publishable", 1, 1, ValueType.BOOL, (a, c) -> Value.FALSE);
        strict(defs, "pg_is_in_recovery", 0, 0, ValueType.BOOL, (a, c) -> Value.FALSE);
        for (String f : List.of("pg_table_size", "pg_relation_size", "pg_total_relation_size",
                "pg_indexes_size", "pg_database_size")) {
            strict(defs, f, 1, 2, ValueType.BIGINT, (a, c) -> new Value.Int(0));
        }
        strict(defs, "pg_size_pretty", 1, 1, ValueType.TEXT, (a, c) -> new Value.Str(sizePretty(integer(a[0]))));
        strict(defs, "quote_ident", 1, 1, ValueType.TEXT, (a, c) -> new Value.Str(quoteIdent(
                SqlValues.display(a[0]))));
        strict(defs, "pg_encoding_to_char", 1, 1, ValueType.TEXT, (a, c) -> new Value.Str(
                integer(a[0]) == 6 ? "UTF8" : ""));
        strict(defs, "pg_get_indexdef", 1, 3, ValueType.TEXT, (a, c) -> {
            Relations.Rel r = Relations.byOid(c.data().catalog(), integer(a[0]));
            if (r == null || r.kind() != 'i') {
                return Value.NULL;
            }
            if (a.length > 1 && integer(a[1]) > 0) {
                int col = (int) integer(a[1]);
                return col <= r.attrs().size() ? new Value.Str(r.attrs().get(col - 1).name()) : Value.NULL;
            }
            return new Value.Str(r.definition());
        });
        strict(defs, "pg_get_constraintdef", 1, 2, ValueType.TEXT, (a, c) -> {
            long oid = integer(a[0]);
            for (Relations.Rel r : Relations.all(c.data().catalog())) {
                if (r.kind() == 'i' && r.primary() && r.table() + 0x50000000L == oid) {
                    return new Value.Str("PRIMARY KEY (" + String.join(", ", r.attrs().stream()
                            .map(Relations.Attr::name).toList()) + ")");
                }
            }
            return Value.NULL;
        });
        strict(defs, "current_database", 0, 0, ValueType.TEXT, (a, c) -> new Value.Str(Relations.DATABASE));
        strict(defs, "current_catalog", 0, 0, ValueType.TEXT, (a, c) -> new Value.Str(Relations.DATABASE));
        strict(defs, "current_schema", 0, 0, ValueType.TEXT, (a, c) -> new Value.Str("public"));
        strict(defs, "current_schemas", 1, 1, ValueType.ARRAY, (a, c) -> Value.TRUE.equals(a[0])
                ? Value.Array.of(new Value.Str("pg_catalog"), new Value.Str("public"))
                : Value.Array.of(new Value.Str("public")));
        strict(defs, "array_upper", 2, 2, ValueType.BIGINT, (a, c) -> array(a[0]).isEmpty() || integer(a[1]) != 1
                ? Value.NULL : new Value.Int(array(a[0]).size()));
        strict(defs, "array_lower", 2, 2, ValueType.BIGINT, (a, c) -> array(a[0]).isEmpty() || integer(a[1]) != 1
                ? Value.NULL : new Value.Int(1));
        // information_schema._pg_expandarray(arr) is a set-returning function yielding (x, n) per element. In a
        // select list it is rewritten to a LATERAL function in FROM (see plan.ExpandArrays); elsewhere it is
        // offered as a scalar over one-element arrays: {x: arr[1], n: 1}.
        strict(defs, "_pg_expandarray", 1, 1, ValueType.OBJECT, (a, c) -> {
            List<Value> arr = array(a[0]);
            if (arr.size() != 1) {
                throw SqlErrors.notSupported("_pg_expandarray over " + arr.size() + " elements (only one-element "
                        + "arrays)");
            }
            return Value.Obj.of("x", arr.getFirst(), "n", new Value.Int(1));
        });
    }

    private static void strict(Map<String, Functions.Def> defs, String name, int min, int max, ValueType result,
            Functions.Impl impl) {
        defs.put(name, new Functions.Def(name, min, max, true, false, result, impl));
    }

    /** Functions that decide themselves what a NULL argument means. */
    private static void lenient(Map<String, Functions.Def> defs, String name, int min, int max, ValueType result,
            Functions.Impl impl) {
        defs.put(name, new Functions.Def(name, min, max, false, false, result, impl));
    }

    private static long integer(Value v) {
        return switch (v) {
            case Value.Int i -> i.value();
            default -> Long.parseLong(SqlValues.display(v).trim());
        };
    }

    private static List<Value> array(Value v) {
        if (v instanceof Value.Array a) {
            return a.elements();
        }
        throw SqlErrors.invalidParameter("an array is required, got " + v.type());
    }

    /** PostgreSQL's pg_size_pretty: bytes below 10 kB, then kB, MB, GB, TB, each rounded half up. */
    static String sizePretty(long bytes) {
        String[] units = {"bytes", "kB", "MB", "GB", "TB", "PB"};
        long v = bytes;
        int u = 0;
        while (u < units.length - 1 && Math.abs(v) >= 10 * 1024) {
            v = (v + (v >= 0 ? 512 : -512)) / 1024;
            u++;
        }
        return v + " " + units[u];
    }

    /** Quotes an identifier when it is not a plain lower-case name, as quote_ident does. */
    static String quoteIdent(String s) {
        if (s.matches("[a-z_][a-z0-9_$]*")) {
            return s;
        }
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
