package io.nodedb.sql.session;

import io.nodedb.core.catalog.CollectionDef;
import io.nodedb.core.catalog.CollectionKind;
import io.nodedb.core.catalog.ColumnDef;
import io.nodedb.core.catalog.IndexDef;
import io.nodedb.core.catalog.SchemaVersion;
import io.nodedb.core.document.Mutation;
import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.kv.KvOp;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueType;
import io.nodedb.sql.ColumnInfo;
import io.nodedb.sql.SqlErrors;
import io.nodedb.sql.StatementResult;
import io.nodedb.sql.ast.ColumnSpec;
import io.nodedb.sql.ast.Expr;
import io.nodedb.sql.ast.Statement;
import io.nodedb.sql.exec.ExecContext;
import io.nodedb.sql.expr.Casts;
import io.nodedb.sql.parser.TypeNames;
import io.nodedb.sql.plan.ExprBinder;
import io.nodedb.sql.plan.PlanContext;
import io.nodedb.sql.plan.QueryPlanner;
import io.nodedb.sql.plan.Scope;
import io.nodedb.sql.storage.KvRows;
import io.nodedb.sql.storage.TableInfo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * DDL and catalog queries. Outside a transaction block DDL is one log record, applied before the statement
 * returns. Inside one it is checked against the transaction's catalog and applied at COMMIT, in order with the
 * transaction's row writes and in the same record (see {@link TransactionDdl}); its later statements see it, other
 * sessions do not until then, and ROLLBACK (TO SAVEPOINT) undoes it. What involves the KV engine (KEY_VALUE
 * collections and their indexes) or the vector engine, and user management, writes outside the document log
 * record, so it stays refused inside a transaction block with 0A000.
 */
final class Ddl implements Compiled {
    private final Statement stmt;
    private final Function<CollectionDef, TableInfo> tables;

    Ddl(Statement stmt, Function<CollectionDef, TableInfo> tables) {
        this.stmt = stmt;
        this.tables = tables;
    }

    @Override
    public StatementResult execute(SessionState session, Value[] params) {
        return switch (stmt) {
            case Statement.CreateCollection c -> create(session, c);
            case Statement.DropCollection d -> {
                ForeignKeyDdl.requireUnreferenced(session.catalog(), d.name(), "DROP", d.pos());
                if (KvRows.isKv(session.catalog(), d.name())) {
                    session.requireNoTransaction("DROP of a KEY_VALUE collection");
                    // The engine's data goes first: a crash in between leaves an empty collection, not orphaned keys.
                    session.db().submitKv(List.of(new KvOp.DropKvCollection(d.name(), true)));
                }
                submit(session, d.pos(), new Mutation.DropCollection(d.name(), d.ifExists()));
                yield StatementResult.command("DROP COLLECTION");
            }
            case Statement.AlterCollection a -> alter(session, a);
            case Statement.CreateIndex c -> createIndex(session, c);
            case Statement.DropIndex d -> {
                IndexDef index = session.catalog().findIndex(d.name());
                if (index != null && ForeignKeyDdl.indexInUse(session.catalog(), index)) {
                    throw new NodeDbException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop index \""
                            + d.name() + "\" because a foreign key constraint needs it", d.pos(), null);
                }
                if (index != null && KvRows.isKv(session.catalog(), index.collection())
                        && session.db().kv().exists(index.collection())) {
                    session.requireNoTransaction("DROP INDEX of a KEY_VALUE collection");
                    session.db().submitKv(List.of(new KvOp.DropKvIndex(index.collection(), d.name(), true)));
                }
                submit(session, d.pos(), new Mutation.DropIndex(d.name(), d.ifExists()));
                yield StatementResult.command("DROP INDEX");
            }
            case Statement.Truncate t -> {
                session.catalog().require(t.name());
                ForeignKeyDdl.requireUnreferenced(session.catalog(), t.name(), "TRUNCATE", t.pos());
                if (KvRows.isKv(session.catalog(), t.name())) {
                    session.requireNoTransaction("TRUNCATE of a KEY_VALUE collection");
                    if (session.db().kv().exists(t.name())) {
                        session.db().submitKv(List.of(new KvOp.Truncate(t.name())));
                    }
                    yield StatementResult.command("TRUNCATE");
                }
                submit(session, t.pos(), new Mutation.TruncateCollection(t.name()));
                yield StatementResult.command("TRUNCATE");
            }
            case Statement.CreateUser u -> Users.create(session, u);
            case Statement.AlterUser u -> Users.alter(session, u);
            case Statement.DropUser u -> Users.drop(session, u);
            case Statement.Describe d -> describe(session, d);
            case Statement.ShowCollections s -> showCollections(session);
            case Statement.ShowIndexes s -> showIndexes(session, s);
            case Statement.ShowStorage s -> KvStorage.show(session.db());
            case Statement.AddCheck a -> ConstraintDdl.add(session, a, tables.apply(
                    session.catalog().require(a.collection())), new PlanContext(session.catalog(), tables));
            case Statement.DropConstraint d -> ConstraintDdl.drop(session, d, tables.apply(
                    session.catalog().require(d.collection())));
            default -> throw new IllegalStateException("not DDL: " + stmt);
        };
    }

    /** Runs the statement's DDL mutations; an error the catalog raises (42P07, ...) points at the statement. */
    static void submit(SessionState session, int pos, Mutation... batch) {
        try {
            session.ddl(List.of(batch));
        } catch (NodeDbException e) {
            if (e.position() > 0) {
                throw e;
            }
            throw new NodeDbException(e.state(), e.getMessage(), pos, e);
        }
    }

    /**
     * The unique indexes that carry UNIQUE constraints, created in the collection's own log record. Named as
     * PostgreSQL names them ({@code <collection>_<columns>_key}) unless the constraint is named; one that repeats
     * the primary key adds nothing and is left out.
     */
    private static List<Mutation> uniqueIndexes(Statement.CreateCollection c, List<ColumnDef> columns, boolean kv) {
        List<Mutation> out = new ArrayList<>();
        for (Statement.Unique u : c.uniques()) {
            if (kv) {
                throw SqlErrors.notSupported("UNIQUE constraints on a KEY_VALUE collection", u.pos());
            }
            for (String name : u.columns()) {
                if (!columns.isEmpty() && columns.stream().noneMatch(col -> col.name().equals(name))) {
                    throw SqlErrors.undefinedColumn(name, u.pos());
                }
            }
            boolean primaryKey = u.columns().size() == 1 && columns.stream()
                    .anyMatch(col -> col.primaryKey() && col.name().equals(u.columns().getFirst()));
            if (!primaryKey) {
                String name = u.name() != null ? u.name() : c.name() + "_" + String.join("_", u.columns()) + "_key";
                out.add(new Mutation.CreateIndex(name, c.name(), u.columns(), true, false));
            }
        }
        return out;
    }

    private StatementResult create(SessionState session, Statement.CreateCollection c) {
        List<ColumnDef> columns = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int pks = 0;
        PlanContext pc = new PlanContext(session.catalog(), tables);
        boolean kv = c.kind().equals("KEY_VALUE");
        if (kv) {
            session.requireNoTransaction("CREATE of a KEY_VALUE collection");
        }
        List<ColumnSpec> specs = kv ? KvStorage.columns(c) : c.columns();
        for (ColumnSpec col : specs) {
            if (!names.add(col.name())) {
                throw new NodeDbException(SqlState.DUPLICATE_COLUMN, "column \"" + col.name()
                        + "\" specified more than once", col.pos(), null);
            }
            if (col.primaryKey() && ++pks > 1) {
                throw new NodeDbException(SqlState.SYNTAX_ERROR, "multiple primary keys for collection \""
                        + c.name() + "\" are not allowed", col.pos(), null);
            }
            if (col.primaryKey() && !isKeyType(col.type().base())) {
                throw new NodeDbException(SqlState.DATATYPE_MISMATCH, "a primary key must be BIGINT, TEXT, UUID or "
                        + "BYTES, not " + col.type().name(), col.pos(), null);
            }
            if (col.defaultExpr() != null) {
                defaultBinder(pc).bind(col.defaultExpr());
            }
            columns.add(new ColumnDef(col.name(), col.type().name(), !col.notNull(), col.primaryKey(),
                    col.defaultSql()));
        }
        if (c.primaryKey() != null) {
            pks = compositeKey(c, columns, pks, kv);
        }
        Value.Obj.Builder options = Value.Obj.builder();
        ExprBinder constants = defaultBinder(pc);
        ExecContext ctx = session.context(new Value[0], null);
        for (int i = 0; i < c.optionKeys().size(); i++) {
            String key = c.optionKeys().get(i).toLowerCase(java.util.Locale.ROOT);
            Expr value = c.optionValues().get(i);
            if (kv && !key.equals(KvRows.TTL) && !key.equals("memory_budget")) {
                throw new NodeDbException(SqlState.INVALID_PARAMETER_VALUE, "unknown option \"" + key + "\" for a "
                        + "KEY_VALUE collection (ttl, memory_budget)", value.pos(), null);
            }
            options.put(kv ? key : c.optionKeys().get(i),
                    constants.bind(kv ? Expr.Interval.seconds(value) : value).eval().eval(new Value[0], ctx));
        }
        if (!c.foreignKeys().isEmpty()) {
            List<String> ownKey = c.primaryKey() != null ? c.primaryKey().columns()
                    : columns.stream().filter(ColumnDef::primaryKey).map(ColumnDef::name).toList();
            options.put(TableInfo.FOREIGN_KEYS_OPTION, ForeignKeyDdl.toOption(ForeignKeyDdl.resolve(c, columns,
                    ownKey, session.catalog())));
        }
        if (c.primaryKey() != null) {
            options.put(TableInfo.PRIMARY_KEY_OPTION, new Value.Array(c.primaryKey().columns().stream()
                    .map(n -> (Value) Value.of(n)).toList()));
        }
        Value.Obj opts = options.build();
        CollectionKind kind = kv ? CollectionKind.KEY_VALUE
                : c.kind().equals("STRICT") ? CollectionKind.STRICT : CollectionKind.DOCUMENT;
        KvOp.CreateKvCollection kvCreate = kv ? KvRows.createOp(new CollectionDef(0, c.name(), kind, List.of(),
                opts, 0), true) : null; // checks the options before anything is logged
        if (!c.checks().isEmpty()) {
            if (kv) {
                throw SqlErrors.notSupported("CHECK constraints on a KEY_VALUE collection", c.checks().getFirst().pos());
            }
            List<SchemaVersion> schemas = kind == CollectionKind.STRICT ? List.of(new SchemaVersion(1, columns))
                    : List.of();
            opts = ConstraintDdl.withChecks(opts, new CollectionDef(0, c.name(), kind, schemas, opts, 0), c.checks(),
                    pc);
        }
        if (kv && pks == 0) {
            throw new NodeDbException(SqlState.SYNTAX_ERROR, "a KEY_VALUE collection needs a PRIMARY KEY column",
                    c.pos(), null);
        }
        List<Mutation> batch = new ArrayList<>();
        batch.add(new Mutation.CreateCollection(c.name(), kind, columns, opts, c.ifNotExists() && c.uniques().isEmpty()));
        batch.addAll(uniqueIndexes(c, columns, kv));
        if (batch.size() > 1 && c.ifNotExists() && session.catalog().find(c.name()) != null) {
            return StatementResult.command("CREATE COLLECTION");
        }
        submit(session, c.pos(), batch.toArray(Mutation[]::new));
        CollectionDef created = session.catalog().find(c.name());
        if (kvCreate != null && created != null && created.kind() == CollectionKind.KEY_VALUE) {
            // (IF NOT EXISTS over a collection of another kind changes nothing, so no engine collection either)
            session.db().submitKv(List.of(kvCreate));
        }
        return StatementResult.command("CREATE COLLECTION");
    }

    /**
     * Checks a {@code PRIMARY KEY (a, b, ...)} of several columns and marks its columns as key columns (NOT NULL);
     * its order is kept in the {@link TableInfo#PRIMARY_KEY_OPTION} option. Returns the new count of keys.
     */
    private static int compositeKey(Statement.CreateCollection c, List<ColumnDef> columns, int pks, boolean kv) {
        Statement.PrimaryKey key = c.primaryKey();
        if (kv || !c.kind().equals("STRICT")) {
            throw SqlErrors.notSupported("a primary key of several columns on a " + (kv ? "KEY_VALUE" : "schemaless")
                    + " collection", key.pos());
        }
        if (pks > 0) {
            throw new NodeDbException(SqlState.SYNTAX_ERROR, "multiple primary keys for collection \"" + c.name()
                    + "\" are not allowed", key.pos(), null);
        }
        Set<String> seen = new HashSet<>();
        for (String name : key.columns()) {
            if (!seen.add(name)) {
                throw new NodeDbException(SqlState.DUPLICATE_COLUMN, "column \"" + name + "\" appears twice in "
                        + "primary key constraint", key.pos(), null);
            }
            int i = 0;
            while (i < columns.size() && !columns.get(i).name().equals(name)) {
                i++;
            }
            if (i == columns.size()) {
                throw new NodeDbException(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" named in key does not "
                        + "exist", key.pos(), null);
            }
            ColumnDef col = columns.get(i);
            ValueType t = TypeNames.fromCatalog(col.type()).base();
            if (!isKeyType(t) && t != ValueType.DATE && t != ValueType.TIMESTAMP) {
                throw new NodeDbException(SqlState.DATATYPE_MISMATCH, "a primary key column must be BIGINT, TEXT, "
                        + "UUID, BYTES, DATE or TIMESTAMP, not " + col.type(), key.pos(), null);
            }
            columns.set(i, new ColumnDef(col.name(), col.type(), false, true, col.defaultSql()));
        }
        return pks + 1;
    }

    private static boolean isKeyType(ValueType t) {
        return t == ValueType.BIGINT || t == ValueType.TEXT || t == ValueType.UUID || t == ValueType.BYTES;
    }

    private ExprBinder defaultBinder(PlanContext pc) {
        return new ExprBinder(pc, new QueryPlanner(pc), Scope.empty(null), Map.of(), null, "DEFAULT expressions");
    }

    private StatementResult alter(SessionState session, Statement.AlterCollection a) {
        CollectionDef def = session.catalog().require(a.name());
        if (def.kind() == CollectionKind.KEY_VALUE) {
            throw SqlErrors.notSupported("ALTER on KEY_VALUE collection \"" + a.name() + "\"");
        }
        if (def.kind() != CollectionKind.STRICT) {
            throw SqlErrors.notSupported("ALTER on schemaless collection \"" + a.name() + "\" (it has no columns)");
        }
        TableInfo table = tables.apply(def);
        List<ColumnDef> columns = new ArrayList<>(def.currentSchema().columns());
        List<Value> history = new ArrayList<>(table.history());
        switch (a.action()) {
            case "ADD" -> {
                ColumnSpec col = a.column();
                if (table.columnIndex(col.name()) >= 0) {
                    throw new NodeDbException(SqlState.DUPLICATE_COLUMN, "column \"" + col.name()
                            + "\" of collection \"" + a.name() + "\" already exists", col.pos(), null);
                }
                if (col.primaryKey()) {
                    throw SqlErrors.notSupported("adding a primary key column", col.pos());
                }
                // The fill is what an INSERT by this session would write, so its constants are read in its zone.
                PlanContext pc = new PlanContext(session.catalog(), tables, null, session.zone());
                Value fill = Value.NULL;
                if (col.defaultExpr() != null) {
                    ExecContext ctx = session.context(new Value[0], null);
                    fill = Casts.assign(defaultBinder(pc).bind(col.defaultExpr()).eval().eval(new Value[0], ctx),
                            col.type(), col.name(), ctx.zone());
                }
                if (fill.isNull() && col.notNull() && !session.view(null).scan(a.name()).isEmpty()) {
                    throw new NodeDbException(SqlState.NOT_NULL_VIOLATION, "column \"" + col.name()
                            + "\" of collection \"" + a.name() + "\" contains null values");
                }
                columns.add(new ColumnDef(col.name(), col.type().name(), !col.notNull(), false, col.defaultSql()));
                history.add(Value.Obj.of("column", Value.of(col.name()), "value", fill));
            }
            case "DROP" -> {
                int i = table.columnIndex(a.oldName());
                if (i < 0) {
                    if (a.ifExists()) {
                        return StatementResult.command("ALTER COLLECTION");
                    }
                    throw SqlErrors.undefinedColumn(a.oldName(), a.pos());
                }
                ForeignKeyDdl.requireColumnUnused(session.catalog(), def, a.oldName(), "drop", a.pos());
                if (table.isKeyColumn(i)) {
                    throw SqlErrors.notSupported(table.compositeKey() ? "dropping a column of the primary key"
                            : "dropping the primary key column", a.pos());
                }
                columns.remove(i);
                history.removeIf(h -> h.asObj().getString("column").equals(a.oldName()));
            }
            default -> {
                int i = table.columnIndex(a.oldName());
                if (i < 0) {
                    throw SqlErrors.undefinedColumn(a.oldName(), a.pos());
                }
                if (table.columnIndex(a.newName()) >= 0) {
                    throw new NodeDbException(SqlState.DUPLICATE_COLUMN, "column \"" + a.newName()
                            + "\" of collection \"" + a.name() + "\" already exists", a.pos(), null);
                }
                ForeignKeyDdl.requireColumnUnused(session.catalog(), def, a.oldName(), "rename", a.pos());
                ColumnDef c = columns.get(i);
                columns.set(i, c.withName(a.newName()));
                history.replaceAll(h -> h.asObj().getString("column").equals(a.oldName())
                        ? h.asObj().with("column", Value.of(a.newName())) : h);
            }
        }
        Value.Obj options = def.options().with(TableInfo.HISTORY_OPTION, new Value.Array(history));
        if ("RENAME".equals(a.action()) && def.options().get(TableInfo.PRIMARY_KEY_OPTION) != null) {
            options = options.with(TableInfo.PRIMARY_KEY_OPTION, new Value.Array(TableInfo.primaryKeyColumns(def)
                    .stream().map(n -> (Value) Value.of(n.equals(a.oldName()) ? a.newName() : n)).toList()));
        }
        ConstraintDdl.requireChecksStillBind(table, columns, a, new PlanContext(session.catalog(), tables));
        submit(session, a.pos(), new Mutation.AlterSchema(a.name(), columns),
                new Mutation.SetOptions(a.name(), options));
        return StatementResult.command("ALTER COLLECTION");
    }

    private StatementResult createIndex(SessionState session, Statement.CreateIndex c) {
        CollectionDef def = session.catalog().find(c.collection());
        if (def == null) {
            throw SqlErrors.undefinedTable(c.collection(), c.pos());
        }
        if (def.kind() == CollectionKind.KEY_VALUE) {
            session.requireNoTransaction("CREATE INDEX on a KEY_VALUE collection");
            return createKvIndex(session, def, c);
        }
        if (def.kind() == CollectionKind.STRICT) {
            TableInfo table = tables.apply(def);
            for (String f : c.fields()) {
                if (table.columnIndex(f.split("\\.")[0]) < 0) {
                    throw SqlErrors.undefinedColumn(f, c.pos());
                }
            }
        }
        String name = c.name() != null ? c.name()
                : c.collection() + "_" + String.join("_", c.fields()).replace('.', '_') + "_idx";
        submit(session, c.pos(), new Mutation.CreateIndex(name, c.collection(), c.fields(), c.unique(),
                c.ifNotExists()));
        return StatementResult.command("CREATE INDEX");
    }

    /**
     * An index of a KEY_VALUE collection: recorded in the catalog (so the planner sees it), then built by the KV
     * engine over one field of the stored MessagePack objects. Without the engine's index (a crash between the two
     * records), reads fall back to a scan, which the planner's filter above makes correct.
     */
    private StatementResult createKvIndex(SessionState session, CollectionDef def, Statement.CreateIndex c) {
        TableInfo table = tables.apply(def);
        if (c.unique() || c.fields().size() != 1) {
            throw SqlErrors.notSupported("a UNIQUE or multi-column index on KEY_VALUE collection \"" + def.name()
                    + "\"", c.pos());
        }
        String field = c.fields().getFirst();
        int col = table.columnIndex(field);
        if (col < 0) {
            throw SqlErrors.undefinedColumn(field, c.pos());
        }
        if (col == table.pkIndex() || field.equals(KvRows.TTL) || KvRows.valueColumns(table).size() < 2) {
            throw SqlErrors.notSupported("an index on \"" + field + "\" of KEY_VALUE collection \"" + def.name()
                    + "\" (only value columns, and only when there are several: one value column is stored bare)",
                    c.pos());
        }
        String name = c.name() != null ? c.name() : def.name() + "_" + field + "_idx";
        submit(session, c.pos(), new Mutation.CreateIndex(name, def.name(), c.fields(), false,
                c.ifNotExists()));
        List<KvOp> ops = new ArrayList<>();
        if (!session.db().kv().exists(def.name())) {
            ops.add(KvRows.createOp(def, true));
        }
        ops.add(new KvOp.CreateKvIndex(def.name(), name, List.of(field), true));
        session.db().submitKv(ops);
        return StatementResult.command("CREATE INDEX");
    }

    private StatementResult describe(SessionState session, Statement.Describe d) {
        CollectionDef def = session.catalog().find(d.name());
        if (def == null) {
            throw SqlErrors.undefinedTable(d.name(), d.pos());
        }
        List<Value[]> rows = new ArrayList<>();
        if (def.kind() == CollectionKind.STRICT || def.kind() == CollectionKind.KEY_VALUE) {
            for (TableInfo.Column c : tables.apply(def).columns()) {
                rows.add(new Value[] {Value.of(c.name()), Value.of(c.type().name()), Value.of(c.nullable()),
                        c.defaultSql() == null ? Value.NULL : Value.of(c.defaultSql()), Value.of(c.primaryKey())});
            }
        } else {
            Map<String, Set<String>> seen = new LinkedHashMap<>();
            var docs = session.view(null).scan(d.name());
            for (int i = 0; i < Math.min(docs.size(), 1000); i++) {
                for (Map.Entry<String, Value> f : docs.get(i).getValue().fields().entrySet()) {
                    seen.computeIfAbsent(f.getKey(), k -> new java.util.TreeSet<>()).add(f.getValue().type().name());
                }
            }
            seen.forEach((field, types) -> rows.add(new Value[] {Value.of(field), Value.of(String.join("|", types)),
                    Value.of(!field.equals("id")), Value.NULL, Value.of(field.equals("id"))}));
        }
        return new StatementResult("DESCRIBE", DESCRIBE_COLUMNS, rows, rows.size());
    }

    private static StatementResult showCollections(SessionState session) {
        List<Value[]> rows = new ArrayList<>();
        for (CollectionDef d : session.catalog().collections()) {
            rows.add(new Value[] {Value.of(d.name()), Value.of(d.kind().storedName())});
        }
        return new StatementResult("SHOW", SHOW_COLLECTIONS_COLUMNS, rows, rows.size());
    }

    private static StatementResult showIndexes(SessionState session, Statement.ShowIndexes s) {
        List<Value[]> rows = new ArrayList<>();
        for (IndexDef d : session.catalog().indexes()) {
            if (s.collection() == null || s.collection().equals(d.collection())) {
                rows.add(new Value[] {Value.of(d.name()), Value.of(d.collection()),
                        Value.of(String.join(", ", d.fields())), Value.of(d.unique())});
            }
        }
        return new StatementResult("SHOW", SHOW_INDEXES_COLUMNS, rows, rows.size());
    }

    private static final List<ColumnInfo> DESCRIBE_COLUMNS = List.of(new ColumnInfo("column", ValueType.TEXT),
            new ColumnInfo("type", ValueType.TEXT), new ColumnInfo("nullable", ValueType.BOOL),
            new ColumnInfo("default", ValueType.TEXT), new ColumnInfo("primary_key", ValueType.BOOL));
    private static final List<ColumnInfo> SHOW_COLLECTIONS_COLUMNS = List.of(new ColumnInfo("name", ValueType.TEXT),
            new ColumnInfo("kind", ValueType.TEXT));
    private static final List<ColumnInfo> SHOW_INDEXES_COLUMNS = List.of(new ColumnInfo("name", ValueType.TEXT),
            new ColumnInfo("collection", ValueType.TEXT), new ColumnInfo("fields", ValueType.TEXT),
            new ColumnInfo("unique", ValueType.BOOL));

    /** The result columns of the statements that return rows, known before running them (Describe needs them). */
    @Override
    public List<ColumnInfo> columns() {
        return switch (stmt) {
            case Statement.Describe d -> DESCRIBE_COLUMNS;
            case Statement.ShowCollections s -> SHOW_COLLECTIONS_COLUMNS;
            case Statement.ShowIndexes s -> SHOW_INDEXES_COLUMNS;
            case Statement.ShowStorage s -> KvStorage.COLUMNS;
            default -> List.of();
        };
    }
}
