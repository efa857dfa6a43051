package io.nodedb.sql.system;

import io.nodedb.core.value.Value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The registry of system tables by schema and name. */
public final class SystemTables {
    private static final Map<String, SystemTable> TABLES = new LinkedHashMap<>();
    private static final Set<String> VIEWS = Set.of("pg_roles", "pg_user", "pg_tables", "pg_indexes", "tables",
            "columns", "schemata");
    /** Oids PostgreSQL gives these catalogs; clients sometimes compare with them. */
    private static final Map<String, Integer> KNOWN_OIDS = Map.ofEntries(Map.entry("pg_type", 1247),
            Map.entry("pg_attribute", 1249), Map.entry("pg_proc", 1255), Map.entry("pg_class", 1259),
            Map.entry("pg_authid", 1260), Map.entry("pg_database", 1262), Map.entry("pg_namespace", 2615),
            Map.entry("pg_index", 2610), Map.entry("pg_constraint", 2606), Map.entry("pg_description", 2609),
            Map.entry("pg_am", 2601), Map.entry("pg_attrdef", 2604), Map.entry("pg_inherits", 2611),
            Map.entry("pg_trigger", 2620), Map.entry("pg_tablespace", 1213), Map.entry("pg_collation", 3456));

    static {
        PgCatalog.register();
        InformationSchema.register();
    }

    private SystemTables() {
    }

    static void add(String schema, String name, String columns, Function<SystemContext, List<Value[]>> rows) {
        int oid = KNOWN_OIDS.getOrDefault(name, 12000 + TABLES.size());
        TABLES.put(schema + "." + name, new SystemTable(schema, name, oid, SystemTable.columns(columns), rows));
    }

    /** A table that is always empty: the features it describes (triggers, policies, ...) do not exist here. */
    static void empty(String schema, String name, String columns) {
        add(schema, name, columns, c -> List.of());
    }

    /** The table, or null. schema null means pg_catalog (which PostgreSQL searches first). */
    public static SystemTable find(String schema, String name) {
        return TABLES.get((schema == null ? "pg_catalog" : schema) + "." + name);
    }

    public static List<SystemTable> all() {
        return new ArrayList<>(TABLES.values());
    }

    static boolean isView(SystemTable t) {
        return VIEWS.contains(t.name());
    }
}
