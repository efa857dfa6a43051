package io.nodedb.sql.system;

import io.nodedb.core.catalog.Catalog;
import io.nodedb.core.catalog.UserDef;
import io.nodedb.core.value.Value;

import java.util.ArrayList;
import java.util.List;

import static io.nodedb.sql.system.SystemTable.row;

/**
 * pg_catalog as PostgreSQL clients query it (psql's \d family, pgjdbc's DatabaseMetaData, GUI tools). Columns are
 * the ones those clients read, with PostgreSQL's names and types; tables for features NodeDB does not have
 * (triggers, policies, publications, ...) exist and are empty, so the clients' queries run and find nothing.
 */
final class PgCatalog {
    private static final String P = "pg_catalog";

    private PgCatalog() {
    }

    static void register() {
        SystemTables.add(P, "pg_namespace", "oid oid, nspname name, nspowner oid, nspacl _text", c -> List.of(
                row(Relations.PG_CATALOG, "pg_catalog", 10, null),
                row(Relations.PUBLIC, "public", 10, null),
                row(Relations.INFORMATION_SCHEMA, "information_schema", 10, null)));
        SystemTables.add(P, "pg_class", "oid oid, relname name, relnamespace oid, reltype oid, reloftype oid, "
                + "relowner oid, relam oid, relfilenode oid, reltablespace oid, relpages int4, reltuples float4, "
                + "relallvisible int4, reltoastrelid oid, relhasindex bool, relisshared bool, relpersistence char, "
                + "relkind char, relnatts int2, relchecks int2, relhasrules bool, relhastriggers bool, "
                + "relhassubclass bool, relrowsecurity bool, relforcerowsecurity bool, relispopulated bool, "
                + "relreplident char, relispartition bool, relrewrite oid, relacl _text, reloptions _text, "
                + "relpartbound pg_node_tree", PgCatalog::pgClass);
        SystemTables.add(P, "pg_attribute", "attrelid oid, attname name, atttypid oid, attstattarget int4, "
                + "attlen int2, attnum int2, attndims int4, attcacheoff int4, atttypmod int4, attbyval bool, "
                + "attalign char, attstorage char, attcompression char, attnotnull bool, atthasdef bool, "
                + "atthasmissing bool, attidentity char, attgenerated char, attisdropped bool, attislocal bool, "
                + "attinhcount int4, attcollation oid, attacl _text, attoptions _text, attfdwoptions _text",
                PgCatalog::pgAttribute);
        SystemTables.add(P, "pg_attrdef", "oid oid, adrelid oid, adnum int2, adbin pg_node_tree", c -> {
            List<Value[]> out = new ArrayList<>();
            for (Relations.Rel r : Relations.all(c.catalog())) {
                for (Relations.Attr a : r.attrs()) {
                    if (r.kind() == 'r' && a.defaultSql() != null) {
                        out.add(row(r.oid() * 1000 + a.attnum(), r.oid(), a.attnum(), a.defaultSql()));
                    }
                }
            }
            return out;
        });
        SystemTables.add(P, "pg_type", "oid oid, typname name, typnamespace oid, typowner oid, typlen int2, "
                + "typbyval bool, typtype char, typcategory char, typispreferred bool, typisdefined bool, "
                + "typdelim char, typrelid oid, typelem oid, typarray oid, typinput regproc, typoutput regproc, "
                + "typreceive regproc, typsend regproc, typalign char, typstorage char, typnotnull bool, "
                + "typbasetype oid, typtypmod int4, typndims int4, typcollation oid, typdefault text, typacl _text",
                c -> {
                    List<Value[]> out = new ArrayList<>();
                    for (PgTypes.PgType t : PgTypes.all()) {
                        out.add(row(t.oid(), t.name(), Relations.PG_CATALOG, 10, t.len(), t.len() > 0 && t.len() <= 8,
                                "b", String.valueOf(t.category()), false, true, ",", 0, t.elem(), t.array(),
                                t.elem() != 0 ? PgTypes.ARRAY_IN : 0, 0, 0,
                                0, t.len() == 8 ? "d" : "i", t.len() > 0 ? "p" : "x", false, 0, -1, 0, t.collation(),
                                null, null));
                    }
                    return out;
                });
        SystemTables.add(P, "pg_index", "indexrelid oid, indrelid oid, indnatts int2, indnkeyatts int2, "
                + "indisunique bool, indnullsnotdistinct bool, indisprimary bool, indisexclusion bool, "
                + "indimmediate bool, indisclustered bool, indisvalid bool, indcheckxmin bool, indisready bool, "
                + "indislive bool, indisreplident bool, indkey int2vector, indcollation oidvector, "
                + "indclass oidvector, indoption int2vector, indexprs pg_node_tree, indpred pg_node_tree", c -> {
                    List<Value[]> out = new ArrayList<>();
                    for (Relations.Rel r : Relations.all(c.catalog())) {
                        if (r.kind() == 'i') {
                            out.add(row(r.oid(), r.table(), r.keys().size(), r.keys().size(), r.unique(), false,
                                    r.primary(), false, true, false, true, false, true, true, false, r.keys(),
                                    List.of(), List.of(), List.of(), null, null));
                        }
                    }
                    return out;
                });
        SystemTables.add(P, "pg_constraint", "oid oid, conname name, connamespace oid, contype char, "
                + "condeferrable bool, condeferred bool, convalidated bool, conrelid oid, contypid oid, "
                + "conindid oid, conparentid oid, confrelid oid, confupdtype char, confdeltype char, "
                + "confmatchtype char, conislocal bool, coninhcount int4, connoinherit bool, conkey _int2, "
                + "confkey _int2, conpfeqop _oid, conppeqop _oid, conffeqop _oid, confdelsetcols _int2, "
                + "conexclop _oid, conbin pg_node_tree", c -> {
                    List<Value[]> out = new ArrayList<>();
                    for (Relations.Rel r : Relations.all(c.catalog())) {
                        if (r.kind() == 'i' && r.primary()) {
                            out.add(row(r.table() + Relations.CONSTRAINT_OFFSET, r.name(), Relations.PUBLIC, "p",
                                    false, false, true, r.table(), 0, r.oid(), 0, 0, " ", " ", " ", true, 0, true,
                                    r.keys(), null, null, null, null, null, null, null));
                        }
                    }
                    return out;
                });
        SystemTables.add(P, "pg_database", "oid oid, datname name, datdba oid, encoding int4, "
                + "datlocprovider char, datistemplate bool, datallowconn bool, datconnlimit int4, "
                + "datfrozenxid xid, datminmxid xid, dattablespace oid, datcollate text, datctype text, "
                + "daticulocale text, datcollversion text, datacl _text", c -> List.<Value[]>of(
                row(Relations.DATABASE_OID, Relations.DATABASE, Relations.SUPERUSER_OID, 6, "c", false, true, -1, 0,
                        0, 1663, "C.UTF-8", "C.UTF-8", null, null, null)));
        String roleColumns = "rolname name, rolsuper bool, rolinherit bool, rolcreaterole bool, rolcreatedb bool, "
                + "rolcanlogin bool, rolreplication bool, rolconnlimit int4, rolpassword text, "
                + "rolvaliduntil timestamptz, rolbypassrls bool, rolconfig _text, oid oid";
        SystemTables.add(P, "pg_roles", roleColumns, c -> {
            List<Value[]> out = new ArrayList<>();
            for (Relations.Role r : Relations.roles(c.catalog(), c.session())) {
                out.add(row(r.name(), r.superuser(), true, r.superuser(), r.superuser(), true, false, -1, "********",
                        null, r.superuser(), null, r.oid()));
            }
            return out;
        });
        SystemTables.add(P, "pg_user", "usename name, usesysid oid, usecreatedb bool, usesuper bool, "
                + "userepl bool, usebypassrls bool, passwd text, valuntil timestamptz, useconfig _text", c -> {
                    List<Value[]> out = new ArrayList<>();
                    for (Relations.Role r : Relations.roles(c.catalog(), c.session())) {
                        out.add(row(r.name(), r.oid(), r.superuser(), r.superuser(), false, r.superuser(), "********",
                                null, null));
                    }
                    return out;
                });
        SystemTables.add(P, "pg_authid", "oid oid, rolname name, rolsuper bool, rolinherit bool, "
                + "rolcreaterole bool, rolcreatedb bool, rolcanlogin bool, rolreplication bool, rolbypassrls bool, "
                + "rolconnlimit int4, rolpassword text, rolvaliduntil timestamptz", PgCatalog::pgAuthid);
        SystemTables.empty(P, "pg_auth_members", "oid oid, roleid oid, member oid, grantor oid, admin_option bool");
        SystemTables.add(P, "pg_am", "oid oid, amname name, amhandler regproc, amtype char", c -> List.of(
                row(2, "heap", 0, "t"), row(403, "btree", 0, "i")));
        SystemTables.add(P, "pg_tablespace", "oid oid, spcname name, spcowner oid, spcacl _text, "
                + "spcoptions _text", c -> List.of(row(1663, "pg_default", 10, null, null),
                row(1664, "pg_global", 10, null, null)));
        SystemTables.add(P, "pg_collation", "oid oid, collname name, collnamespace oid, collowner oid, "
                + "collprovider char, collisdeterministic bool, collencoding int4, collcollate text, "
                + "collctype text", c -> List.of(row(100, "default", Relations.PG_CATALOG, 10, "d", true, -1, null,
                null), row(950, "C", Relations.PG_CATALOG, 10, "c", true, -1, "C", "C")));
        SystemTables.add(P, "pg_tables", "schemaname name, tablename name, tableowner name, tablespace name, "
                + "hasindexes bool, hasrules bool, hastriggers bool, rowsecurity bool", c -> {
                    List<Value[]> out = new ArrayList<>();
                    for (var d : c.catalog().collections()) {
                        out.add(row("public", d.name(), Relations.SUPERUSER, null, true, false, false, false));
                    }
                    return out;
                });
        SystemTables.add(P, "pg_indexes", "schemaname name, tablename name, indexname name, tablespace name, "
                + "indexdef text", c -> {
                    List<Value[]> out = new ArrayList<>();
                    List<Relations.Rel> all = Relations.all(c.catalog());
                    for (Relations.Rel r : all) {
                        if (r.kind() == 'i') {
                            String table = all.stream().filter(t -> t.oid() == r.table()).findFirst()
                                    .map(Relations.Rel::name).orElse(null);
                            out.add(row("public", table, r.name(), null, r.definition()));
                        }
                    }
                    return out;
                });
        SystemTables.empty(P, "pg_description", "objoid oid, classoid oid, objsubid int4, description text");
        SystemTables.empty(P, "pg_shdescription", "objoid oid, classoid oid, description text");
        SystemTables.empty(P, "pg_inherits", "inhrelid oid, inhparent oid, inhseqno int4, inhdetachpending bool");
        SystemTables.empty(P, "pg_trigger", "oid oid, tgrelid oid, tgparentid oid, tgname name, tgfoid oid, "
                + "tgtype int2, tgenabled char, tgisinternal bool, tgconstrrelid oid, tgconstrindid oid, "
                + "tgconstraint oid, tgdeferrable bool, tginitdeferred bool, tgnargs int2, tgattr int2vector, "
                + "tgqual pg_node_tree, tgoldtable name, tgnewtable name");
        SystemTables.empty(P, "pg_rewrite", "oid oid, rulename name, ev_class oid, ev_type char, ev_enabled char, "
                + "is_instead bool, ev_qual pg_node_tree, ev_action pg_node_tree");
        SystemTables.empty(P, "pg_policy", "oid oid, polname name, polrelid oid, polcmd char, polpermissive bool, "
                + "polroles _oid, polqual pg_node_tree, polwithcheck pg_node_tree");
        SystemTables.empty(P, "pg_statistic_ext", "oid oid, stxrelid oid, stxname name, stxnamespace oid, "
                + "stxowner oid, stxstattarget int4, stxkeys int2vector, stxkind _char, stxexprs pg_node_tree");
        SystemTables.empty(P, "pg_publication", "oid oid, pubname name, pubowner oid, puballtables bool, "
                + "pubinsert bool, pubupdate bool, pubdelete bool, pubtruncate bool, pubviaroot bool");
        SystemTables.empty(P, "pg_publication_rel", "oid oid, prpubid oid, prrelid oid, prqual pg_node_tree, "
                + "prattrs int2vector");
        SystemTables.empty(P, "pg_publication_namespace", "oid oid, pnpubid oid, pnnspid oid");
        SystemTables.empty(P, "pg_partitioned_table", "partrelid oid, partstrat char, partnatts int2, "
                + "partdefid oid, partattrs int2vector, partclass oidvector, partcollation oidvector, "
                + "partexprs pg_node_tree");
        SystemTables.empty(P, "pg_foreign_table", "ftrelid oid, ftserver oid, ftoptions _text");
        SystemTables.empty(P, "pg_foreign_server", "oid oid, srvname name, srvowner oid, srvfdw oid, "
                + "srvtype text, srvversion text, srvacl _text, srvoptions _text");
        SystemTables.empty(P, "pg_sequence", "seqrelid oid, seqtypid oid, seqstart int8, seqincrement int8, "
                + "seqmax int8, seqmin int8, seqcache int8, seqcycle bool");
        SystemTables.empty(P, "pg_extension", "oid oid, extname name, extowner oid, extnamespace oid, "
                + "extrelocatable bool, extversion text, extconfig _oid, extcondition _text");
        SystemTables.empty(P, "pg_proc", "oid oid, proname name, pronamespace oid, proowner oid, prolang oid, "
                + "prokind char, proretset bool, prorettype oid, proargtypes oidvector, proargnames _text, "
                + "prosrc text");
        SystemTables.empty(P, "pg_foreign_data_wrapper", "oid oid, fdwname name, fdwowner oid, fdwhandler oid, "
                + "fdwvalidator oid, fdwacl _text, fdwoptions _text");
        SystemTables.empty(P, "pg_user_mapping", "oid oid, umuser oid, umserver oid, umoptions _text");
        SystemTables.empty(P, "pg_cast", "oid oid, castsource oid, casttarget oid, castfunc oid, castcontext char, "
                + "castmethod char");
        SystemTables.empty(P, "pg_operator", "oid oid, oprname name, oprnamespace oid, oprowner oid, oprkind char, "
                + "oprcanmerge bool, oprcanhash bool, oprleft oid, oprright oid, oprresult oid, oprcom oid, "
                + "oprnegate oid, oprcode regproc, oprrest regproc, oprjoin regproc");
        SystemTables.empty(P, "pg_event_trigger", "oid oid, evtname name, evtevent name, evtowner oid, "
                + "evtfoid oid, evtenabled char, evttags _text");
        SystemTables.empty(P, "pg_conversion", "oid oid, conname name, connamespace oid, conowner oid, "
                + "conforencoding int4, contoencoding int4, conproc regproc, condefault bool");
        SystemTables.empty(P, "pg_depend", "classid oid, objid oid, objsubid int4, refclassid oid, refobjid oid, "
                + "refobjsubid int4, deptype char");
        SystemTables.add(P, "pg_settings", "name text, setting text, unit text, category text, short_desc text, "
                + "context text, vartype text, source text", c -> List.of(
                row("server_version", "15.0", null, "Preset Options", "Shows the server version.", "internal",
                        "string", "default"),
                row("server_encoding", "UTF8", null, "Preset Options", "Shows the server encoding.", "internal",
                        "string", "default")));
    }

    private static List<Value[]> pgClass(SystemContext c) {
        List<Value[]> out = new ArrayList<>();
        List<Relations.Rel> all = Relations.all(c.catalog());
        for (Relations.Rel r : all) {
            out.add(row(r.oid(), r.name(), r.namespace(), 0, 0, Relations.SUPERUSER_OID, r.kind() == 'i' ? 403
                    : r.kind() == 'r' ? 2 : 0, r.oid(), 0, 0, -1.0, 0, 0, r.hasIndex(all), false, "p",
                    String.valueOf(r.kind()), r.attrs().size(), 0, false, false, false, false, false, true, "d",
                    false, 0, null, null, null));
        }
        return out;
    }

    private static List<Value[]> pgAttribute(SystemContext c) {
        List<Value[]> out = new ArrayList<>();
        for (Relations.Rel r : Relations.all(c.catalog())) {
            for (Relations.Attr a : r.attrs()) {
                PgTypes.PgType t = PgTypes.byOid(a.typeOid());
                int len = t == null ? -1 : t.len();
                out.add(row(r.oid(), a.name(), a.typeOid(), -1, len, a.attnum(), t != null && t.elem() != 0 ? 1 : 0,
                        -1, -1, len > 0 && len <= 8, "i", len > 0 ? "p" : "x", "", a.notNull(),
                        a.defaultSql() != null, false, "", "", false, true, 0, t == null ? 0 : t.collation(), null,
                        null, null));
            }
        }
        return out;
    }

    private static List<Value[]> pgAuthid(SystemContext c) {
        Catalog catalog = c.catalog();
        List<Value[]> out = new ArrayList<>();
        for (Relations.Role r : Relations.roles(catalog, c.session())) {
            UserDef u = catalog.findUser(r.name());
            // Only a superuser may see verifiers, as in PostgreSQL.
            String verifier = u == null || c.session() == null || !c.session().superuser() ? null : u.verifier();
            out.add(row(r.oid(), r.name(), r.superuser(), true, r.superuser(), r.superuser(), true, false,
                    r.superuser(), -1, verifier, null));
        }
        return out;
    }
}
