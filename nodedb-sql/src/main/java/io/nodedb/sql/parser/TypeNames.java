package io.nodedb.sql.parser;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.ValueType;
import io.nodedb.sql.ast.TypeName;
import io.nodedb.sql.lexer.Token;
import io.nodedb.sql.lexer.TokenKind;

/** SQL type names and their aliases, mapped onto the value model. */
public final class TypeNames {
    private TypeNames() {
    }

    static TypeName parse(TokenStream ts) {
        Token t = ts.peek();
        if (t.is("PG_CATALOG") && ts.peek(1).isSymbol(".")) {
            // ::pg_catalog.text and friends: the built-in types all live in pg_catalog.
            ts.next();
            ts.next();
            t = ts.peek();
        }
        if (t.kind() == TokenKind.QUOTED && t.text().equals("char")) {
            ts.next();
            return arrayed(ts, simple(ValueType.TEXT));
        }
        if (t.kind() != TokenKind.WORD) {
            throw ts.error("a type name");
        }
        ts.next();
        TypeName type = switch (t.upper()) {
            case "BIGINT", "INT", "INTEGER", "INT8", "INT4", "INT2", "SMALLINT", "INT64", "INT32" ->
                    simple(ValueType.BIGINT);
            case "FLOAT", "FLOAT8", "FLOAT4", "REAL", "FLOAT64", "FLOAT32" -> simple(ValueType.DOUBLE);
            case "DOUBLE" -> {
                ts.accept("PRECISION");
                yield simple(ValueType.DOUBLE);
            }
            case "TEXT", "STRING", "VARCHAR", "CHAR", "CHARACTER" -> {
                if (t.is("CHARACTER")) {
                    ts.accept("VARYING");
                }
                skipModifiers(ts);
                yield simple(ValueType.TEXT);
            }
            case "BOOL", "BOOLEAN" -> simple(ValueType.BOOL);
            case "NAME" -> simple(ValueType.TEXT);
            // Object identifiers are numbers; the reg* types also convert names to oids (see Casts.OID_TYPES).
            case "OID", "REGCLASS", "REGTYPE", "REGPROC", "REGPROCEDURE", "REGNAMESPACE", "REGROLE", "XID" ->
                    new TypeName(ValueType.BIGINT, t.upper(), 0);
            case "BYTES", "BYTEA", "BLOB" -> simple(ValueType.BYTES);
            case "TIMESTAMP", "TIMESTAMPTZ" -> {
                if (ts.accept("WITH", "TIME", "ZONE") || ts.accept("WITHOUT", "TIME", "ZONE")) {
                    yield simple(ValueType.TIMESTAMP);
                }
                yield simple(ValueType.TIMESTAMP);
            }
            case "DATE" -> simple(ValueType.DATE);
            case "TIME" -> {
                if (ts.accept("WITH", "TIME", "ZONE")) {
                    throw new NodeDbException(SqlState.FEATURE_NOT_SUPPORTED, "type TIME WITH TIME ZONE is not "
                            + "supported; use TIME or TIMESTAMP", t.pos(), null);
                }
                ts.accept("WITHOUT", "TIME", "ZONE");
                yield simple(ValueType.TIME);
            }
            case "TIMETZ" -> throw new NodeDbException(SqlState.FEATURE_NOT_SUPPORTED, "type TIMETZ is not "
                    + "supported; use TIME or TIMESTAMP", t.pos(), null);
            case "INTERVAL" -> {
                // A column or cast keeps every field: the qualifier is accepted for compatibility and not applied.
                intervalQualifier(ts);
                yield simple(ValueType.INTERVAL);
            }
            case "DECIMAL", "NUMERIC" -> {
                skipModifiers(ts);
                yield simple(ValueType.DECIMAL);
            }
            case "UUID" -> simple(ValueType.UUID);
            case "GEOMETRY" -> simple(ValueType.GEOMETRY);
            case "JSON", "JSONB", "OBJECT" -> simple(ValueType.OBJECT);
            case "ARRAY" -> simple(ValueType.ARRAY);
            case "VECTOR" -> {
                ts.expectSymbol("(");
                Token n = ts.peek();
                if (n.kind() != TokenKind.INTEGER || Long.parseLong(n.text().length() > 9 ? "0" : n.text()) < 1) {
                    throw ts.error("a positive dimension");
                }
                ts.next();
                ts.expectSymbol(")");
                int dim = Integer.parseInt(n.text());
                yield new TypeName(ValueType.VECTOR, "VECTOR(" + dim + ")", dim);
            }
            case "DATETIME" -> throw new NodeDbException(SqlState.FEATURE_NOT_SUPPORTED,
                    "type DATETIME is not supported; use TIMESTAMP", t.pos(), null);
            default -> throw new NodeDbException(SqlState.UNDEFINED_OBJECT, "type \"" + t.text()
                    + "\" does not exist", t.pos(), null);
        };
        return arrayed(ts, type);
    }

    /**
     * An SQL-standard interval qualifier ({@code DAY}, {@code YEAR TO MONTH}, {@code HOUR TO SECOND(3)}, ...) if one
     * follows: its last, least significant field, or null when there is none.
     */
    static String intervalQualifier(TokenStream ts) {
        if (!isIntervalField(ts.peek())) {
            return null;
        }
        String field = ts.next().upper();
        if (ts.accept("TO")) {
            if (!isIntervalField(ts.peek())) {
                throw ts.error("an interval field (YEAR, MONTH, DAY, HOUR, MINUTE or SECOND)");
            }
            field = ts.next().upper();
        }
        if (field.equals("SECOND")) {
            skipModifiers(ts);
        }
        return field;
    }

    private static boolean isIntervalField(Token t) {
        return t.kind() == TokenKind.WORD && switch (t.upper()) {
            case "YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND" -> true;
            default -> false;
        };
    }

    private static TypeName arrayed(TokenStream ts, TypeName type) {
        if (ts.atSymbol("[") && ts.peek(1).isSymbol("]")) {
            ts.next();
            ts.next();
            return simple(ValueType.ARRAY);
        }
        return type;
    }

    private static void skipModifiers(TokenStream ts) {
        if (ts.acceptSymbol("(")) {
            do {
                if (ts.peek().kind() != TokenKind.INTEGER) {
                    throw ts.error("an integer type modifier");
                }
                ts.next();
            } while (ts.acceptSymbol(","));
            ts.expectSymbol(")");
        }
    }

    public static TypeName simple(ValueType type) {
        return new TypeName(type, type.name(), 0);
    }

    /** Reads back a type name as the catalog stores it (the normalised name). */
    public static TypeName fromCatalog(String stored) {
        if (stored.startsWith("VECTOR(")) {
            int dim = Integer.parseInt(stored.substring(7, stored.length() - 1));
            return new TypeName(ValueType.VECTOR, stored, dim);
        }
        return simple(ValueType.valueOf(stored));
    }
}
