package io.nodedb.sql.session;

import io.nodedb.core.catalog.CollectionDef;
import io.nodedb.core.catalog.CollectionKind;
import io.nodedb.core.document.Mutation;
import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;
import io.nodedb.sql.SqlErrors;
import io.nodedb.sql.StatementResult;
import io.nodedb.sql.ast.Statement;
import io.nodedb.sql.dml.Checks;
import io.nodedb.sql.exec.ExecContext;
import io.nodedb.sql.plan.PlanContext;
import io.nodedb.sql.storage.TableInfo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CHECK constraints in DDL: named and validated in CREATE, added (after checking every existing row) and dropped
 * by ALTER COLLECTION. They are stored in the collection's options ({@link TableInfo#CHECKS_OPTION}) and enforced
 * where rows are built for writing ({@code RowBuilder}).
 */
final class ConstraintDdl {
    private ConstraintDdl() {
    }

    /**
     * The options of a new collection with its CHECK constraints named and bound against the new table; the
     * options unchanged when there are none.
     */
    static Value.Obj withChecks(Value.Obj options, CollectionDef proposed, List<Statement.Check> checks,
            PlanContext pc) {
        if (checks.isEmpty()) {
            return options;
        }
        TableInfo table = new TableInfo(proposed);
        List<Value> stored = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Statement.Check c : checks) {
            String name = c.name() != null ? c.name() : defaultName(proposed.name(), c.column(), names);
            if (!names.add(name)) {
                throw new NodeDbException(SqlState.DUPLICATE_OBJECT, "constraint \"" + name + "\" for collection \""
                        + proposed.name() + "\" already exists", c.pos(), null);
            }
            Checks.bind(table, c.condition(), pc);
            stored.add(stored(name, c.sql()));
        }
        return options.with(TableInfo.CHECKS_OPTION, new Value.Array(stored));
    }

    /** A constraint as the collection's options hold it (see {@link TableInfo#checks()}). */
    private static Value stored(String name, String sql) {
        return Value.Obj.of("name", Value.of(name), "sql", Value.of(sql));
    }

    /** PostgreSQL's naming: {@code t_col_check} for a column constraint, {@code t_check}, {@code t_check1}, ... */
    private static String defaultName(String collection, String column, Set<String> taken) {
        String base = collection + (column != null ? "_" + column : "") + "_check";
        String name = base;
        for (int i = 1; taken.contains(name); i++) {
            name = base + i;
        }
        return name;
    }

    /**
     * Refuses an ALTER that would leave a CHECK constraint naming a column that no longer exists (2BP01): a
     * constraint's condition is stored as text, so dropping or renaming a column it uses would make every later
     * write to the collection fail.
     */
    static void requireChecksStillBind(TableInfo table, List<io.nodedb.core.catalog.ColumnDef> newColumns,
            Statement.AlterCollection a, PlanContext pc) {
        CollectionDef def = table.def();
        List<io.nodedb.core.catalog.SchemaVersion> schemas = new ArrayList<>(def.schemas());
        schemas.add(new io.nodedb.core.catalog.SchemaVersion(schemas.size() + 1, newColumns));
        TableInfo altered = new TableInfo(new CollectionDef(def.id(), def.name(), def.kind(), schemas, def.options(),
                def.createdLsn()));
        for (TableInfo.Check c : table.checks()) {
            try {
                Checks.bind(altered, io.nodedb.sql.parser.Parser.parseExpression(c.sql()), pc);
            } catch (NodeDbException e) {
                throw new NodeDbException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot " + a.action()
                        .toLowerCase(java.util.Locale.ROOT) + " column \"" + a.oldName() + "\" of collection \""
                        + a.name() + "\" because check constraint \"" + c.name() + "\" uses it (drop the "
                        + "constraint first)", a.pos(), null);
            }
        }
    }

    static StatementResult add(SessionState session, Statement.AddCheck a, TableInfo table, PlanContext pc) {
        CollectionDef def = table.def();
        if (def.kind() == CollectionKind.KEY_VALUE) {
            throw SqlErrors.notSupported("CHECK constraints on KEY_VALUE collection \"" + a.collection() + "\"",
                    a.pos());
        }
        Set<String> names = new HashSet<>();
        List<Value> stored = new ArrayList<>();
        for (TableInfo.Check c : table.checks()) {
            names.add(c.name());
            stored.add(stored(c.name(), c.sql()));
        }
        Statement.Check c = a.check();
        String name = c.name() != null ? c.name() : defaultName(a.collection(), null, names);
        if (!names.add(name)) {
            throw new NodeDbException(SqlState.DUPLICATE_OBJECT, "constraint \"" + name + "\" for collection \""
                    + a.collection() + "\" already exists", c.pos(), null);
        }
        Checks.Compiled check = new Checks.Compiled(name, Checks.bind(table, c.condition(), pc));
        ExecContext ctx = session.context(new Value[0], null);
        for (Map.Entry<Value, Value.Obj> row : session.view(null).scan(a.collection())) {
            if (!check.passes(table.decode(row.getKey(), row.getValue()), ctx)) {
                throw new NodeDbException(SqlState.CHECK_VIOLATION, "check constraint \"" + name + "\" of collection \""
                        + a.collection() + "\" is violated by some row", c.pos(), null);
            }
        }
        stored.add(stored(name, c.sql()));
        Ddl.submit(session, a.pos(), new Mutation.SetOptions(a.collection(),
                def.options().with(TableInfo.CHECKS_OPTION, new Value.Array(stored))));
        return StatementResult.command("ALTER COLLECTION");
    }

    static StatementResult drop(SessionState session, Statement.DropConstraint d, TableInfo table) {
        List<Value> kept = new ArrayList<>();
        boolean found = false;
        for (TableInfo.Check c : table.checks()) {
            if (c.name().equals(d.name())) {
                found = true;
            } else {
                kept.add(stored(c.name(), c.sql()));
            }
        }
        if (!found) {
            if (d.ifExists()) {
                return StatementResult.command("ALTER COLLECTION");
            }
            throw new NodeDbException(SqlState.UNDEFINED_OBJECT, "constraint \"" + d.name() + "\" of collection \""
                    + d.collection() + "\" does not exist", d.pos(), null);
        }
        Value.Obj options = kept.isEmpty() ? table.def().options().without(TableInfo.CHECKS_OPTION)
                : table.def().options().with(TableInfo.CHECKS_OPTION, new Value.Array(kept));
        Ddl.submit(session, d.pos(), new Mutation.SetOptions(d.collection(), options));
        return StatementResult.command("ALTER COLLECTION");
    }
}
