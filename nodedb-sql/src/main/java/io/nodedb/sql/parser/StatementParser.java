package io.nodedb.sql.parser;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;
import io.nodedb.sql.SqlErrors;
import io.nodedb.sql.ast.ColumnSpec;
import io.nodedb.sql.ast.Expr;
import io.nodedb.sql.ast.FromItem;
import io.nodedb.sql.ast.Query;
import io.nodedb.sql.ast.Statement;
import io.nodedb.sql.ast.TypeName;
import io.nodedb.sql.lexer.Token;
import io.nodedb.sql.lexer.TokenKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** DDL, DML and session statements; queries are delegated to {@link QueryParser}. */
final class StatementParser {
    private final String sql;
    private final TokenStream ts;
    private final ExprParser exprs;
    private final QueryParser queries;
    private final VectorStatements vectors;
    /** CHECK constraints met in the column list of the CREATE being parsed. */
    private final List<Statement.Check> pendingChecks = new ArrayList<>();
    private final List<Statement.Unique> pendingUniques = new ArrayList<>();
    /** A PRIMARY KEY of several columns met in the column list of the CREATE being parsed. */
    private Statement.PrimaryKey pendingPrimaryKey;
    private final List<Statement.ForeignKey> pendingForeignKeys = new ArrayList<>();

    StatementParser(String sql, TokenStream ts, ExprParser exprs, QueryParser queries) {
        this.sql = sql;
        this.ts = ts;
        this.exprs = exprs;
        this.queries = queries;
        this.vectors = new VectorStatements(ts, exprs);
    }

    Statement statement() {
        Token t = ts.peek();
        if (t.isSymbol("(")) {
            return new Statement.QueryStmt(queries.query());
        }
        if (t.kind() != TokenKind.WORD) {
            throw ts.error("a statement");
        }
        return switch (t.upper()) {
            case "SELECT", "WITH", "VALUES", "SEARCH" -> new Statement.QueryStmt(queries.query());
            case "CREATE" -> create();
            case "DROP" -> drop();
            case "ALTER" -> alter();
            case "TRUNCATE" -> truncate();
            case "DESCRIBE", "DESC" -> {
                ts.next();
                accept2("COLLECTION", "TABLE");
                int pos = ts.peek().pos();
                yield new Statement.Describe(ts.identifier("a collection name"), pos);
            }
            case "SHOW" -> show();
            case "INSERT" -> {
                ts.next();
                ts.expect("INTO");
                yield insert(false, t.pos());
            }
            case "UPSERT" -> {
                ts.next();
                ts.expect("INTO");
                yield insert(true, t.pos());
            }
            case "UPDATE" -> update();
            case "DELETE" -> delete();
            case "EXPLAIN" -> {
                ts.next();
                boolean analyze = ts.accept("ANALYZE");
                yield new Statement.Explain(statement(), analyze);
            }
            case "BEGIN", "START", "COMMIT", "END", "ROLLBACK", "ABORT", "SAVEPOINT", "RELEASE" -> transaction();
            case "SET" -> set();
            case "RESET" -> {
                ts.next();
                yield new Statement.ResetVar(ts.accept("ALL") ? null : ts.accept("TIME", "ZONE") ? "timezone"
                        : settingName());
            }
            default -> {
                if (NOT_YET.contains(t.upper())) {
                    throw SqlErrors.notSupported("statement " + t.upper(), t.pos());
                }
                throw ts.error("a statement");
            }
        };
    }

    /** NodeDB statements this engine recognises but does not run yet. */
    private static final java.util.Set<String> NOT_YET = java.util.Set.of("GRAPH", "MATCH", "LIVE",
            "COPY", "DEFINE", "CONVERT", "PUBLISH", "SUBSCRIBE", "CRDT", "BACKUP", "RESTORE", "LISTEN", "NOTIFY",
            "UNLISTEN", "DECLARE", "FETCH", "CLOSE", "DISCARD", "GRANT", "REVOKE", "KILL", "REFRESH", "ANALYZE",
            "VACUUM", "CALL", "PREPARE", "EXECUTE", "DEALLOCATE", "LOCK", "COMMENT");

    private boolean accept2(String a, String b) {
        return ts.accept(a) || ts.accept(b);
    }

    private Statement create() {
        int pos = ts.next().pos();
        pendingChecks.clear();
        pendingUniques.clear();
        if (ts.at("VECTOR")) {
            return vectors.create(pos);
        }
        boolean unique = ts.accept("UNIQUE");
        if (ts.accept("INDEX")) {
            return createIndex(unique, pos);
        }
        if (!unique && ts.accept("USER")) {
            String name = ts.identifier("a user name");
            String[] pwRole = userOptions();
            if (pwRole[0] == null) {
                throw ts.error("WITH PASSWORD");
            }
            return new Statement.CreateUser(name, pwRole[0], pwRole[1], pos);
        }
        if (unique) {
            throw ts.error("INDEX");
        }
        boolean table = ts.accept("TABLE");
        if (!table && !ts.accept("COLLECTION")) {
            Token what = ts.peek();
            if (what.kind() == TokenKind.WORD && !what.is("IF")) {
                throw SqlErrors.notSupported("CREATE " + what.upper(), what.pos());
            }
            throw ts.error("COLLECTION, TABLE or INDEX");
        }
        boolean ifNotExists = ts.accept("IF", "NOT", "EXISTS");
        String name = ts.identifier("a collection name");
        if (ts.accept("AS")) {
            Query query = queries.query();
            boolean withData = true;
            if (ts.accept("WITH")) {
                withData = !ts.accept("NO");
                ts.expect("DATA");
            }
            return new Statement.CreateAs(name, table, ifNotExists, query, withData, pos);
        }
        String kind = table ? "STRICT" : "DOCUMENT";
        List<String> optionKeys = new ArrayList<>();
        List<Expr> optionValues = new ArrayList<>();
        if (ts.accept("TYPE")) {
            Token k = ts.next();
            switch (k.upper()) {
                case "DOCUMENT" -> {
                    if (ts.accept("STRICT")) {
                        kind = "STRICT";
                    } else {
                        ts.accept("SCHEMALESS");
                    }
                }
                case "STRICT" -> kind = "STRICT";
                case "KEY_VALUE", "KV" -> kind = "KEY_VALUE";
                default -> throw SqlErrors.notSupported("collection type " + k.text(), k.pos());
            }
        } else if (ts.accept("STRICT")) {
            kind = "STRICT";
        }
        if (ts.at("WITH")) {
            options(optionKeys, optionValues);
        }
        ts.accept("FIELDS");
        List<ColumnSpec> columns = ts.atSymbol("(") ? columnList() : List.of();
        if (ts.at("WITH") && optionKeys.isEmpty()) {
            options(optionKeys, optionValues);
        }
        int storage = optionKeys.indexOf("storage");
        if (storage >= 0) {
            Expr v = optionValues.get(storage);
            String s = v instanceof Expr.Literal l && l.value() instanceof Value.Str str
                    ? str.value().toLowerCase(Locale.ROOT) : "";
            switch (s) {
                case "strict" -> kind = "STRICT";
                case "kv", "key_value" -> kind = "KEY_VALUE";
                case "document", "schemaless" -> {
                }
                default -> throw SqlErrors.notSupported("storage '" + s + "'", v.pos());
            }
            optionKeys.remove(storage);
            optionValues.remove(storage);
        }
        if (kind.equals("STRICT") && columns.isEmpty()) {
            throw new NodeDbException(SqlState.SYNTAX_ERROR, "a strict collection needs a column list",
                    ts.peek().pos(), null);
        }
        List<Statement.Check> checks = List.copyOf(pendingChecks);
        pendingChecks.clear();
        List<Statement.Unique> uniques = List.copyOf(pendingUniques);
        pendingUniques.clear();
        Statement.PrimaryKey primaryKey = pendingPrimaryKey;
        pendingPrimaryKey = null;
        List<Statement.ForeignKey> foreignKeys = List.copyOf(pendingForeignKeys);
        pendingForeignKeys.clear();
        return new Statement.CreateCollection(name, kind, columns, optionKeys, optionValues, ifNotExists, pos,
                checks, uniques, primaryKey, foreignKeys);
    }

    /** {@code WITH (k = v, ...)} or the beta form {@code WITH k = v, ...}. */
    private void options(List<String> keys, List<Expr> values) {
        options(ts, exprs, "WITH", keys, values);
    }

    /** {@code <keyword> (k = v, ...)} or without the parentheses. */
    static void options(TokenStream ts, ExprParser exprs, String keyword, List<String> keys, List<Expr> values) {
        ts.expect(keyword);
        boolean parens = ts.acceptSymbol("(");
        do {
            keys.add(ts.anyName("an option name"));
            ts.expectSymbol("=");
            values.add(exprs.parse());
        } while (ts.acceptSymbol(","));
        if (parens) {
            ts.expectSymbol(")");
        }
    }

    private List<ColumnSpec> columnList() {
        ts.expectSymbol("(");
        List<ColumnSpec> columns = new ArrayList<>();
        do {
            if (ts.at("UNIQUE") || ts.at("CONSTRAINT") && ts.peek(2).is("UNIQUE")) {
                int pos = ts.peek().pos();
                String constraint = ts.accept("CONSTRAINT") ? ts.identifier("a constraint name") : null;
                ts.expect("UNIQUE");
                pendingUniques.add(new Statement.Unique(constraint, queries.nameList(), pos));
                continue;
            }
            if (ts.at("FOREIGN") && ts.peek(1).is("KEY") || ts.at("CONSTRAINT") && ts.peek(2).is("FOREIGN")) {
                int pos = ts.peek().pos();
                String constraint = ts.accept("CONSTRAINT") ? ts.identifier("a constraint name") : null;
                ts.expect("FOREIGN");
                ts.expect("KEY");
                List<String> cols = queries.nameList();
                pendingForeignKeys.add(references(constraint, cols, pos));
                continue;
            }
            if (ts.at("CONSTRAINT") || ts.at("CHECK")) {
                pendingChecks.add(check());
                continue;
            }
            if (ts.at("PRIMARY")) {
                int pos = ts.next().pos();
                ts.expect("KEY");
                List<String> names = queries.nameList();
                if (pendingPrimaryKey != null) {
                    throw new NodeDbException(SqlState.SYNTAX_ERROR, "multiple primary keys are not allowed", pos,
                            null);
                }
                if (names.size() > 1) {
                    pendingPrimaryKey = new Statement.PrimaryKey(names, pos);
                    continue;
                }
                for (int i = 0; i < columns.size(); i++) {
                    ColumnSpec c = columns.get(i);
                    if (c.name().equals(names.getFirst())) {
                        columns.set(i, new ColumnSpec(c.name(), c.type(), true, true, c.defaultExpr(),
                                c.defaultSql(), c.pos()));
                    }
                }
                continue;
            }
            columns.add(column());
        } while (ts.acceptSymbol(","));
        ts.expectSymbol(")");
        return columns;
    }

    private ColumnSpec column() {
        int pos = ts.peek().pos();
        String name = ts.identifier("a column name");
        TypeName type = TypeNames.parse(ts);
        boolean notNull = false;
        boolean pk = false;
        Expr def = null;
        String defSql = null;
        while (true) {
            if (ts.accept("NOT", "NULL")) {
                notNull = true;
            } else if (ts.accept("NULL")) {
                notNull = false;
            } else if (ts.accept("PRIMARY", "KEY")) {
                pk = true;
                notNull = true;
            } else if (ts.accept("DEFAULT")) {
                int start = ts.peek().pos() - 1;
                def = exprs.parse();
                defSql = sql.substring(start, ts.lastEnd());
            } else if (ts.at("REFERENCES")) {
                pendingForeignKeys.add(references(null, List.of(name), ts.peek().pos()));
            } else if (ts.at("UNIQUE")) {
                pendingUniques.add(new Statement.Unique(null, List.of(name), ts.next().pos()));
            } else if (ts.at("CHECK") || ts.at("CONSTRAINT")) {
                Statement.Check c = check();
                pendingChecks.add(new Statement.Check(c.name(), name, c.condition(), c.sql(), c.pos()));
            } else {
                break;
            }
        }
        return new ColumnSpec(name, type, notNull, pk, def, defSql, pos);
    }

    /**
     * {@code REFERENCES parent [(columns)] [ON DELETE|UPDATE NO ACTION|RESTRICT]}; the other actions (CASCADE, SET
     * NULL, SET DEFAULT) are 0A000.
     */
    private Statement.ForeignKey references(String constraint, List<String> columns, int pos) {
        ts.expect("REFERENCES");
        String parent = ts.identifier("a collection name");
        List<String> parentColumns = ts.atSymbol("(") ? queries.nameList() : List.of();
        while (ts.at("ON") && (ts.peek(1).is("DELETE") || ts.peek(1).is("UPDATE"))) {
            ts.next();
            ts.next();
            int at = ts.peek().pos();
            if (!ts.accept("NO", "ACTION") && !ts.accept("RESTRICT")) {
                String action = ts.accept("CASCADE") ? "CASCADE" : ts.accept("SET", "NULL") ? "SET NULL"
                        : ts.accept("SET", "DEFAULT") ? "SET DEFAULT" : null;
                if (action != null) {
                    throw SqlErrors.notSupported("the foreign key action " + action, at);
                }
                throw ts.error("NO ACTION, RESTRICT, CASCADE, SET NULL or SET DEFAULT");
            }
        }
        return new Statement.ForeignKey(constraint, columns, parent, parentColumns, pos);
    }

    /** {@code [CONSTRAINT name] CHECK (condition)}. */
    private Statement.Check check() {
        int pos = ts.peek().pos();
        String name = ts.accept("CONSTRAINT") ? ts.identifier("a constraint name") : null;
        ts.expect("CHECK");
        ts.expectSymbol("(");
        int start = ts.peek().pos() - 1;
        Expr condition = exprs.parse();
        String text = sql.substring(start, ts.lastEnd());
        ts.expectSymbol(")");
        return new Statement.Check(name, null, condition, text, pos);
    }

    private Statement createIndex(boolean unique, int pos) {
        boolean ifNotExists = ts.accept("IF", "NOT", "EXISTS");
        String name = ts.at("ON") ? null : ts.identifier("an index name");
        ts.expect("ON");
        String collection = ts.identifier("a collection name");
        List<String> fields = new ArrayList<>();
        if (ts.accept("FIELDS")) {
            do {
                fields.add(ts.fieldPath());
            } while (ts.acceptSymbol(","));
        } else {
            ts.expectSymbol("(");
            do {
                fields.add(ts.fieldPath());
            } while (ts.acceptSymbol(","));
            ts.expectSymbol(")");
        }
        return new Statement.CreateIndex(name, collection, fields, unique, ifNotExists, pos);
    }


    /**
     * {@code [WITH] [PASSWORD 'pw'] [ROLE r]} in either order: returns {password, role}, each null when absent.
     */
    private String[] userOptions() {
        String[] out = new String[2];
        ts.accept("WITH");
        while (true) {
            if (out[0] == null && ts.accept("PASSWORD")) {
                Token pw = ts.peek();
                if (pw.kind() != TokenKind.STRING) {
                    throw ts.error("a quoted password");
                }
                ts.next();
                out[0] = pw.text();
            } else if (out[1] == null && ts.accept("ROLE")) {
                out[1] = ts.peek().kind() == TokenKind.STRING ? ts.next().text() : ts.identifier("a role name");
            } else {
                return out;
            }
        }
    }

    private Statement drop() {
        int pos = ts.next().pos();
        if (ts.at("VECTOR")) {
            return vectors.drop(pos);
        }
        if (ts.accept("USER")) {
            boolean ifExists = ts.accept("IF", "EXISTS");
            return new Statement.DropUser(ts.identifier("a user name"), ifExists, pos);
        }
        if (ts.accept("INDEX")) {
            boolean ifExists = ts.accept("IF", "EXISTS");
            return new Statement.DropIndex(ts.identifier("an index name"), ifExists, pos);
        }
        if (!accept2("COLLECTION", "TABLE")) {
            Token what = ts.peek();
            if (what.kind() == TokenKind.WORD) {
                throw SqlErrors.notSupported("DROP " + what.upper(), what.pos());
            }
            throw ts.error("COLLECTION, TABLE or INDEX");
        }
        boolean ifExists = ts.accept("IF", "EXISTS");
        return new Statement.DropCollection(ts.identifier("a collection name"), ifExists, pos);
    }

    private Statement alter() {
        int pos = ts.next().pos();
        if (ts.at("VECTOR")) {
            return vectors.alter(pos);
        }
        if (ts.accept("USER")) {
            String name = ts.identifier("a user name");
            String[] pwRole = userOptions();
            if (pwRole[0] == null && pwRole[1] == null) {
                throw ts.error("PASSWORD or ROLE");
            }
            return new Statement.AlterUser(name, pwRole[0], pwRole[1], pos);
        }
        if (!accept2("COLLECTION", "TABLE")) {
            throw ts.error("COLLECTION or TABLE");
        }
        boolean ifExists = ts.accept("IF", "EXISTS");
        String name = ts.identifier("a collection name");
        if (ts.accept("ADD")) {
            if (ts.at("CONSTRAINT") || ts.at("CHECK")) {
                return new Statement.AddCheck(name, check(), pos);
            }
            ts.accept("COLUMN");
            ColumnSpec added = column();
            if (!pendingChecks.isEmpty()) {
                throw SqlErrors.notSupported("CHECK in ADD COLUMN (add the column, then ADD CONSTRAINT ... CHECK)",
                        pendingChecks.getFirst().pos());
            }
            return new Statement.AlterCollection(name, "ADD", added, null, null, false, pos);
        }
        if (ts.accept("DROP")) {
            if (ts.accept("CONSTRAINT")) {
                boolean constraintIfExists = ts.accept("IF", "EXISTS");
                return new Statement.DropConstraint(name, ts.identifier("a constraint name"), constraintIfExists,
                        pos);
            }
            ts.accept("COLUMN");
            boolean columnIfExists = ts.accept("IF", "EXISTS");
            return new Statement.AlterCollection(name, "DROP", null, ts.identifier("a column name"), null,
                    columnIfExists, pos);
        }
        if (ts.accept("RENAME")) {
            ts.accept("COLUMN");
            String from = ts.identifier("a column name");
            ts.expect("TO");
            return new Statement.AlterCollection(name, "RENAME", null, from, ts.identifier("a column name"),
                    false, pos);
        }
        Token what = ts.peek();
        if (what.kind() == TokenKind.WORD) {
            throw SqlErrors.notSupported("ALTER ... " + what.upper(), what.pos());
        }
        throw ts.error("ADD, DROP or RENAME");
    }

    private Statement truncate() {
        int pos = ts.next().pos();
        accept2("TABLE", "COLLECTION");
        return new Statement.Truncate(ts.identifier("a collection name"), pos);
    }

    private Statement show() {
        ts.next();
        if (accept2("COLLECTIONS", "TABLES")) {
            return new Statement.ShowCollections();
        }
        if (ts.accept("INDEXES") || ts.accept("INDEX")) {
            String on = null;
            if (accept2("ON", "FROM")) {
                on = ts.identifier("a collection name");
            }
            return new Statement.ShowIndexes(on);
        }
        if (ts.at("VECTOR")) {
            return vectors.show();
        }
        if (ts.accept("STORAGE")) {
            return new Statement.ShowStorage();
        }
        if (ts.accept("ALL")) {
            return new Statement.ShowVar(null);
        }
        if (ts.accept("TIME", "ZONE")) {
            return new Statement.ShowVar("timezone");
        }
        return new Statement.ShowVar(settingName());
    }

    private String settingName() {
        StringBuilder b = new StringBuilder(ts.anyName("a setting name"));
        while (ts.acceptSymbol(".")) {
            b.append('.').append(ts.anyName("a setting name"));
        }
        return b.toString();
    }

    private Statement set() {
        ts.next();
        boolean local = !ts.accept("SESSION") && ts.accept("LOCAL");
        if (ts.accept("TIME", "ZONE")) {
            return new Statement.SetVar("timezone", timeZoneValue(), local);
        }
        String name = settingName();
        if (!ts.acceptSymbol("=")) {
            ts.expect("TO");
        }
        if (ts.accept("DEFAULT")) {
            return new Statement.SetVar(name, null, local);
        }
        StringBuilder value = new StringBuilder(settingValue());
        while (ts.acceptSymbol(",")) {
            value.append(", ").append(settingValue());
        }
        return new Statement.SetVar(name, value.toString(), local);
    }

    /**
     * SET TIME ZONE's value: LOCAL and DEFAULT (null, the default zone), {@code INTERVAL '+05:30' [HOUR TO MINUTE]}
     * (passed on as written for the setting to read), or a setting value.
     */
    private String timeZoneValue() {
        if (ts.accept("LOCAL") || ts.accept("DEFAULT")) {
            return null;
        }
        if (!ts.accept("INTERVAL")) {
            return settingValue();
        }
        Token t = ts.next();
        if (t.kind() != TokenKind.STRING) {
            throw ts.error("an interval string");
        }
        if (ts.accept("HOUR")) {
            if (ts.accept("TO")) {
                ts.expect("MINUTE");
            }
        }
        return "INTERVAL '" + t.text() + "'";
    }

    private String settingValue() {
        Token t = ts.peek();
        boolean negative = false;
        if (t.isSymbol("-")) {
            ts.next();
            negative = true;
            t = ts.peek();
        }
        return switch (t.kind()) {
            case STRING, QUOTED -> {
                ts.next();
                yield t.text();
            }
            case INTEGER, DECIMAL -> {
                ts.next();
                yield (negative ? "-" : "") + t.text();
            }
            case WORD -> {
                ts.next();
                yield t.text().toLowerCase(Locale.ROOT);
            }
            default -> throw ts.error("a setting value");
        };
    }

    private Statement transaction() {
        Token t = ts.next();
        switch (t.upper()) {
            case "BEGIN" -> {
                if (!ts.accept("TRANSACTION")) {
                    ts.accept("WORK");
                }
                skipTransactionModes();
                return new Statement.Transaction("BEGIN", null);
            }
            case "START" -> {
                ts.expect("TRANSACTION");
                skipTransactionModes();
                return new Statement.Transaction("BEGIN", null);
            }
            case "COMMIT", "END" -> {
                if (!ts.accept("TRANSACTION")) {
                    ts.accept("WORK");
                }
                return new Statement.Transaction("COMMIT", null);
            }
            case "ROLLBACK", "ABORT" -> {
                if (!ts.accept("TRANSACTION")) {
                    ts.accept("WORK");
                }
                if (ts.accept("TO")) {
                    ts.accept("SAVEPOINT");
                    return new Statement.Transaction("ROLLBACK_TO", ts.identifier("a savepoint name"));
                }
                return new Statement.Transaction("ROLLBACK", null);
            }
            case "SAVEPOINT" -> {
                return new Statement.Transaction("SAVEPOINT", ts.identifier("a savepoint name"));
            }
            default -> {
                ts.accept("SAVEPOINT");
                return new Statement.Transaction("RELEASE", ts.identifier("a savepoint name"));
            }
        }
    }

    private void skipTransactionModes() {
        while (true) {
            if (ts.accept("ISOLATION", "LEVEL")) {
                if (ts.accept("READ")) {
                    if (!ts.accept("COMMITTED")) {
                        ts.expect("UNCOMMITTED");
                    }
                } else if (!ts.accept("SERIALIZABLE")) {
                    ts.expect("REPEATABLE");
                    ts.expect("READ");
                }
            } else if (ts.accept("READ", "WRITE") || ts.accept("READ", "ONLY")) {
                continue;
            } else if (!ts.acceptSymbol(",")) {
                return;
            }
        }
    }

    private Statement insert(boolean upsert, int pos) {
        String table = ts.identifier("a collection name");
        String alias = ts.accept("AS") ? ts.identifier("an alias") : null;
        List<String> columns = List.of();
        List<List<Expr>> rows = null;
        Query source = null;
        if (ts.atSymbol("(") && !(ts.peek(1).is("SELECT") || ts.peek(1).is("WITH") || ts.peek(1).is("VALUES"))) {
            columns = queries.nameList();
        }
        if (ts.accept("VALUES")) {
            rows = queries.valueRows();
        } else if (ts.atSymbol("{")) {
            int p = ts.next().pos();
            rows = List.of(List.of(exprs.objectBody(p)));
        } else if (ts.atSymbol("[")) {
            int p = ts.next().pos();
            Expr.ArrayLit arr = (Expr.ArrayLit) exprs.arrayBody(p, "]");
            rows = new ArrayList<>();
            for (Expr item : arr.items()) {
                if (!(item instanceof Expr.ObjectLit)) {
                    throw new NodeDbException(SqlState.SYNTAX_ERROR, "a batch insert takes object literals",
                            item.pos(), null);
                }
                rows.add(List.of(item));
            }
        } else if (ts.accept("DEFAULT", "VALUES")) {
            rows = List.of(List.of());
        } else {
            if (!(ts.at("SELECT") || ts.at("WITH") || ts.atSymbol("("))) {
                throw ts.error("VALUES, SELECT or an object literal");
            }
            source = queries.query();
        }
        if (rows != null && !columns.isEmpty() && rows.getFirst().size() == 1
                && rows.getFirst().getFirst() instanceof Expr.ObjectLit o) {
            throw new NodeDbException(SqlState.SYNTAX_ERROR, "an object literal insert takes no column list",
                    o.pos(), null);
        }
        String onConflict = null;
        List<String> target = List.of();
        List<Statement.Assignment> updates = List.of();
        Expr conflictWhere = null;
        if (ts.accept("ON", "CONFLICT")) {
            if (ts.atSymbol("(")) {
                target = queries.nameList();
            }
            ts.expect("DO");
            if (ts.accept("NOTHING")) {
                onConflict = "NOTHING";
            } else {
                ts.expect("UPDATE");
                ts.expect("SET");
                onConflict = "UPDATE";
                updates = assignments();
                conflictWhere = ts.accept("WHERE") ? exprs.parse() : null;
            }
        }
        return new Statement.Insert(table, alias, columns, rows, source, upsert, onConflict, target, updates,
                conflictWhere, returning(), pos);
    }

    private List<Statement.Assignment> assignments() {
        List<Statement.Assignment> out = new ArrayList<>();
        do {
            int pos = ts.peek().pos();
            String column = ts.identifier("a column name");
            ts.expectSymbol("=");
            out.add(new Statement.Assignment(column, exprs.parse(), pos));
        } while (ts.acceptSymbol(","));
        return out;
    }

    private List<Query.SelectItem> returning() {
        return ts.accept("RETURNING") ? queries.selectItems() : List.of();
    }

    private Statement update() {
        int pos = ts.next().pos();
        String table = ts.identifier("a collection name");
        String alias = alias();
        ts.expect("SET");
        List<Statement.Assignment> assignments = assignments();
        List<FromItem> from = ts.accept("FROM") ? queries.fromList() : List.of();
        Expr where = ts.accept("WHERE") ? exprs.parse() : null;
        return new Statement.Update(table, alias, assignments, from, where, returning(), pos);
    }

    private Statement delete() {
        int pos = ts.next().pos();
        ts.expect("FROM");
        String table = ts.identifier("a collection name");
        String alias = alias();
        List<FromItem> using = ts.accept("USING") ? queries.fromList() : List.of();
        Expr where = ts.accept("WHERE") ? exprs.parse() : null;
        return new Statement.Delete(table, alias, using, where, returning(), pos);
    }

    private String alias() {
        if (ts.accept("AS")) {
            return ts.identifier("an alias");
        }
        return ts.atIdentifier() ? ts.identifier("an alias") : null;
    }
}
