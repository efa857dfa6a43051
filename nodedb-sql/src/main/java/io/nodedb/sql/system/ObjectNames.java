package io.nodedb.sql.system;

import io.nodedb.core.catalog.Catalog;
import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;
import io.nodedb.sql.exec.ExecContext;
import io.nodedb.sql.expr.SqlValues;

import java.util.Set;

/**
 * Casts to PostgreSQL's object-identifier types ({@code 'users'::regclass}, {@code 'int8'::regtype}, ...): a name
 * becomes the object's oid, a number passes through. The result is the oid as a BIGINT; unlike PostgreSQL it is
 * not shown as a name again.
 */
public final class ObjectNames {
    private static final Set<String> REG_TYPES = Set.of("REGCLASS", "REGTYPE", "REGNAMESPACE", "REGROLE",
            "REGPROC", "REGPROCEDURE");

    private ObjectNames() {
    }

    public static boolean isRegType(String typeName) {
        return REG_TYPES.contains(typeName);
    }

    public static Value toOid(String regType, Value v, ExecContext ctx) {
        if (v.isNull() || v instanceof Value.Int) {
            return v;
        }
        String name = SqlValues.display(v).trim();
        if (name.matches("\\d+")) {
            return new Value.Int(Long.parseLong(name));
        }
        Catalog catalog = ctx.data().catalog();
        long oid = switch (regType) {
            case "REGCLASS" -> {
                Relations.Rel r = Relations.byName(catalog, name);
                if (r == null) {
                    throw new NodeDbException(SqlState.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist");
                }
                yield r.oid();
            }
            case "REGTYPE" -> {
                int t = PgTypes.oidOfSqlName(name);
                if (t == 0) {
                    throw new NodeDbException(SqlState.UNDEFINED_OBJECT, "type \"" + name + "\" does not exist");
                }
                yield t;
            }
            case "REGNAMESPACE" -> switch (name) {
                case "pg_catalog" -> Relations.PG_CATALOG;
                case "public" -> Relations.PUBLIC;
                case "information_schema" -> Relations.INFORMATION_SCHEMA;
                default -> throw new NodeDbException(SqlState.UNDEFINED_OBJECT, "schema \"" + name
                        + "\" does not exist");
            };
            case "REGROLE" -> Relations.roles(catalog, ctx.session()).stream().filter(r -> r.name().equals(name))
                    .findFirst().map(Relations.Role::oid).orElseThrow(() -> new NodeDbException(
                            SqlState.UNDEFINED_OBJECT, "role \"" + name + "\" does not exist"));
            default -> {
                // Functions are not catalogued; array_in is the one clients compare typinput with.
                String fn = name.startsWith("pg_catalog.") ? name.substring(11) : name;
                if (!fn.equals("array_in")) {
                    throw new NodeDbException(SqlState.UNDEFINED_FUNCTION, "function \"" + name + "\" does not exist");
                }
                yield PgTypes.ARRAY_IN;
            }
        };
        return new Value.Int(oid);
    }
}
