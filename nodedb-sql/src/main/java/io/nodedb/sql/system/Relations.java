package io.nodedb.sql.system;

import io.nodedb.core.catalog.Catalog;
import io.nodedb.core.catalog.CollectionDef;
import io.nodedb.core.catalog.ColumnDef;
import io.nodedb.core.catalog.IndexDef;
import io.nodedb.core.catalog.UserDef;
import io.nodedb.sql.exec.SessionInfo;
import io.nodedb.sql.storage.TableInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalog seen as PostgreSQL relations, the one source pg_class, pg_attribute, pg_index, pg_constraint and
 * information_schema are all generated from.
 *
 * <p>Oids are derived, never stored, and stable across restarts: a collection or secondary index is
 * {@code 16384 + its catalog id} (ids are never reused); every collection has a primary-key index named
 * {@code <collection>_pkey} with oid {@code collection oid + 0x40000000} and a constraint with oid
 * {@code collection oid + 0x50000000}; a user's oid comes from a hash of the name. Strict collections show their
 * columns; a schemaless collection shows two: {@code id} (its key, text) and {@code document} (the whole document,
 * jsonb), because its fields are not declared anywhere.
 */
public final class Relations {
    public static final int PG_CATALOG = 11;
    public static final int PUBLIC = 2200;
    public static final int INFORMATION_SCHEMA = 13000;
    public static final int SUPERUSER_OID = 10;
    public static final String SUPERUSER = "nodedb";
    public static final int DATABASE_OID = 5;
    public static final String DATABASE = "nodedb";
    static final int FIRST_USER_OID = 16384;
    static final int PKEY_OFFSET = 0x40000000;
    static final int CONSTRAINT_OFFSET = 0x50000000;

    /** A column: attnum is 1-based; typmod -1 when none. */
    public record Attr(String name, int typeOid, boolean notNull, String defaultSql, int attnum) {
    }

    /**
     * A relation: kind is r (table), v (view) or i (index). For an index, {@code table} is the indexed relation's
     * oid and {@code keys} the indexed attnums (0 for a field that is not a column), {@code primary} and
     * {@code unique} its flags.
     */
    public record Rel(long oid, String name, int namespace, char kind, List<Attr> attrs, long table, List<Long> keys,
            boolean primary, boolean unique, String definition) {
        public boolean hasIndex(List<Rel> all) {
            return all.stream().anyMatch(r -> r.kind == 'i' && r.table == oid);
        }
    }

    private Relations() {
    }

    public static long collectionOid(CollectionDef d) {
        return FIRST_USER_OID + d.id();
    }

    public static long userOid(String name) {
        return name.equals(SUPERUSER) ? SUPERUSER_OID : 0x60000000L + (name.hashCode() & 0x0FFFFFFF);
    }

    /**
     * The relations of the last catalog snapshot asked for. Catalog snapshots are immutable and replaced on DDL, so
     * catalog queries that call pg_table_is_visible or pg_get_indexdef once per row build the list once.
     */
    private static volatile Cached last;

    private record Cached(Catalog catalog, List<Rel> rels) {
    }

    /** Every relation: collections, their indexes, then the system tables. */
    public static List<Rel> all(Catalog catalog) {
        Cached c = last;
        if (c != null && c.catalog() == catalog) {
            return c.rels();
        }
        List<Rel> rels = List.copyOf(build(catalog));
        last = new Cached(catalog, rels);
        return rels;
    }

    private static List<Rel> build(Catalog catalog) {
        List<Rel> out = new ArrayList<>();
        for (CollectionDef d : catalog.collections()) {
            long oid = collectionOid(d);
            List<Attr> attrs = attrs(d);
            out.add(new Rel(oid, d.name(), PUBLIC, 'r', attrs, 0, List.of(), false, false, null));
            List<Attr> pk = keyAttrs(d, attrs);
            if (!pk.isEmpty()) {
                out.add(new Rel(oid + PKEY_OFFSET, d.name() + "_pkey", PUBLIC, 'i', pk, oid,
                        pk.stream().map(a -> (long) a.attnum()).toList(), true, true, "CREATE UNIQUE INDEX "
                        + d.name() + "_pkey ON public." + d.name() + " USING btree ("
                        + String.join(", ", pk.stream().map(Attr::name).toList()) + ")"));
            }
            for (IndexDef idx : catalog.indexesOf(d.name())) {
                List<Attr> cols = new ArrayList<>();
                List<Long> keys = new ArrayList<>();
                for (String f : idx.fields()) {
                    Attr a = attrs.stream().filter(x -> x.name().equals(f)).findFirst().orElse(null);
                    cols.add(new Attr(f, a == null ? 25 : a.typeOid(), false, null, cols.size() + 1));
                    keys.add(a == null ? 0L : a.attnum());
                }
                out.add(new Rel(FIRST_USER_OID + idx.id(), idx.name(), PUBLIC, 'i', cols, oid, keys, false,
                        idx.unique(), "CREATE " + (idx.unique() ? "UNIQUE " : "") + "INDEX " + idx.name()
                        + " ON public." + d.name() + " USING btree (" + String.join(", ", idx.fields()) + ")"));
            }
        }
        for (SystemTable t : SystemTables.all()) {
            List<Attr> attrs = new ArrayList<>();
            for (SystemTable.Column c : t.columns()) {
                attrs.add(new Attr(c.name(), c.typeOid(), false, null, attrs.size() + 1));
            }
            out.add(new Rel(t.oid(), t.name(), t.schema().equals("pg_catalog") ? PG_CATALOG : INFORMATION_SCHEMA,
                    SystemTables.isView(t) ? 'v' : 'r', attrs, 0, List.of(), false, false, null));
        }
        return out;
    }

    /** The primary key's columns in key order: {@code id} of a schemaless collection, none for a hidden key. */
    private static List<Attr> keyAttrs(CollectionDef d, List<Attr> attrs) {
        if (d.currentSchema() == null) {
            return List.of(attrs.getFirst());
        }
        List<Attr> out = new ArrayList<>();
        for (String name : TableInfo.primaryKeyColumns(d)) {
            attrs.stream().filter(a -> a.name().equals(name)).findFirst().ifPresent(out::add);
        }
        return out;
    }

    public static List<Attr> attrs(CollectionDef d) {
        List<Attr> out = new ArrayList<>();
        if (d.currentSchema() == null) {
            out.add(new Attr("id", 25, true, null, 1));
            out.add(new Attr("document", 3802, false, null, 2));
            return out;
        }
        for (ColumnDef c : d.currentSchema().columns()) {
            out.add(new Attr(c.name(), PgTypes.forColumnType(c.type()).oid(), !c.nullable() || c.primaryKey(),
                    c.defaultSql(), out.size() + 1));
        }
        return out;
    }

    public static Rel byOid(Catalog catalog, long oid) {
        for (Rel r : all(catalog)) {
            if (r.oid() == oid) {
                return r;
            }
        }
        return null;
    }

    /** A relation by (optionally schema-qualified) name, as a regclass cast resolves it; null when none. */
    public static Rel byName(Catalog catalog, String name) {
        String n = name;
        int ns = -1;
        int dot = n.indexOf('.');
        if (dot > 0 && !n.startsWith("\"")) {
            String schema = n.substring(0, dot);
            ns = switch (schema) {
                case "pg_catalog" -> PG_CATALOG;
                case "information_schema" -> INFORMATION_SCHEMA;
                case "public" -> PUBLIC;
                default -> -2;
            };
            n = n.substring(dot + 1);
        }
        if (n.startsWith("\"") && n.endsWith("\"") && n.length() >= 2) {
            n = n.substring(1, n.length() - 1);
        }
        for (Rel r : all(catalog)) {
            if (r.name().equals(n) && (ns == -1 || ns == r.namespace())) {
                return r;
            }
        }
        return null;
    }

    /** Roles: the built-in superuser, the catalog's users, and the session's user when trust auth let it in. */
    public record Role(long oid, String name, boolean superuser) {
    }

    public static List<Role> roles(Catalog catalog, SessionInfo session) {
        Map<String, Role> out = new LinkedHashMap<>();
        out.put(SUPERUSER, new Role(SUPERUSER_OID, SUPERUSER, true));
        for (UserDef u : catalog.users()) {
            out.putIfAbsent(u.name(), new Role(userOid(u.name()), u.name(), u.superuser()));
        }
        if (session != null && session.user() != null) {
            out.putIfAbsent(session.user(), new Role(userOid(session.user()), session.user(), session.superuser()));
        }
        return List.copyOf(out.values());
    }

    public static String roleName(Catalog catalog, SessionInfo session, long oid) {
        for (Role r : roles(catalog, session)) {
            if (r.oid() == oid) {
                return r.name();
            }
        }
        return "unknown (OID=" + oid + ")";
    }

    public static String namespaceName(long oid) {
        return oid == PG_CATALOG ? "pg_catalog" : oid == PUBLIC ? "public" : oid == INFORMATION_SCHEMA
                ? "information_schema" : null;
    }
}
