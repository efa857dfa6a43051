package io.nodedb.sql.system;

import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A read-only virtual table of the {@code pg_catalog} or {@code information_schema} schema, computed from the
 * catalog each time it is scanned (catalogs are small, and this way it can never be stale).
 *
 * @param oid  the table's own oid, as PostgreSQL assigns it where there is one (so {@code 'pg_class'::regclass}
 *             is 1259 here too)
 * @param rows the rows, in column order, for one catalog snapshot
 */
public record SystemTable(String schema, String name, int oid, List<Column> columns,
        Function<SystemContext, List<Value[]>> rows) {

    public record Column(String name, ValueType type, int typeOid) {
    }

    /**
     * Columns from a compact spec: {@code "oid oid, relname name, relkind char"}. Type words are PostgreSQL type
     * names; each maps onto the value model (oids are BIGINT) and keeps its PostgreSQL type oid for pg_attribute.
     */
    static List<Column> columns(String spec) {
        List<Column> out = new ArrayList<>();
        for (String part : spec.split(",")) {
            String[] nt = part.trim().split("\\s+");
            String type = nt[1].toLowerCase(Locale.ROOT);
            out.add(new Column(nt[0], valueType(type), PgTypes.oidOfName(type)));
        }
        return List.copyOf(out);
    }

    private static ValueType valueType(String pgType) {
        return switch (pgType) {
            case "oid", "int2", "int4", "int8", "regproc", "xid" -> ValueType.BIGINT;
            case "name", "text", "char", "pg_node_tree" -> ValueType.TEXT;
            case "bool" -> ValueType.BOOL;
            case "float4", "float8" -> ValueType.DOUBLE;
            case "timestamptz" -> ValueType.TIMESTAMP;
            default -> {
                if (pgType.startsWith("_") || pgType.endsWith("vector")) {
                    yield ValueType.ARRAY;
                }
                throw new IllegalArgumentException("no value type for " + pgType);
            }
        };
    }

    public String qualifiedName() {
        return schema + "." + name;
    }

    /** A row from plain Java values (Integer/Long, String, Boolean, Double, List, null). */
    static Value[] row(Object... values) {
        Value[] out = new Value[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] instanceof Value v ? v : Value.of(values[i]);
        }
        return out;
    }
}
