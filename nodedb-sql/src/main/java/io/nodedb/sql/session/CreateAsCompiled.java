package io.nodedb.sql.session;

import io.nodedb.core.catalog.CollectionKind;
import io.nodedb.core.catalog.ColumnDef;
import io.nodedb.core.document.Mutation;
import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueType;
import io.nodedb.sql.ColumnInfo;
import io.nodedb.sql.StatementResult;
import io.nodedb.sql.ast.Statement;
import io.nodedb.sql.exec.ExecContext;
import io.nodedb.sql.exec.Operator;
import io.nodedb.sql.expr.SqlValues;
import io.nodedb.sql.expr.UuidV7;
import io.nodedb.sql.plan.PlannedQuery;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code CREATE TABLE|COLLECTION name AS query}: runs the query, then creates the collection and writes its rows in
 * one log record, so the new collection appears with all its rows or not at all.
 *
 * <p>A table gets one nullable column per result column, typed by the values (as the query's plan declares them,
 * or as the rows show them for schemaless fields), and no primary key: rows are keyed by generated UUIDv7s, as
 * PostgreSQL's CREATE TABLE AS copies no constraints. A collection stores each row as a document; a result column
 * {@code id} becomes the document id (23505 if two rows share one), otherwise ids are generated.
 */
record CreateAsCompiled(Statement.CreateAs stmt, PlannedQuery query, List<ValueType> paramTypes) implements Compiled {
    @Override
    public StatementResult execute(SessionState session, Value[] params) {
        String what = stmt.strict() ? "CREATE TABLE AS" : "CREATE COLLECTION AS";
        if (session.catalog().find(stmt.name()) != null) {
            if (stmt.ifNotExists()) {
                return StatementResult.command(what);
            }
            throw new NodeDbException(SqlState.DUPLICATE_TABLE, "collection \"" + stmt.name() + "\" already exists",
                    stmt.pos(), null);
        }
        ExecContext ctx = session.context(params, null, false);
        List<Value[]> planned = Operator.drain(query.root().open(ctx));
        List<ColumnInfo> columns = new ArrayList<>();
        List<Value[]> rows = new ArrayList<>();
        Results.expand(query.scope(), planned, columns, rows);
        checkNames(columns);
        List<Mutation> batch = new ArrayList<>();
        if (stmt.strict()) {
            List<ColumnDef> defs = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                defs.add(new ColumnDef(columns.get(i).name(), storedType(columns.get(i), rows, i), true, false, null));
            }
            batch.add(new Mutation.CreateCollection(stmt.name(), CollectionKind.STRICT, defs, Value.Obj.EMPTY, false));
        } else {
            batch.add(new Mutation.CreateCollection(stmt.name(), CollectionKind.DOCUMENT, List.of(), Value.Obj.EMPTY,
                    false));
        }
        if (stmt.withData()) {
            Set<Value> ids = new HashSet<>();
            for (Value[] row : rows) {
                Value.Obj.Builder doc = Value.Obj.builder();
                Value id = null;
                for (int i = 0; i < columns.size(); i++) {
                    doc.put(columns.get(i).name(), row[i]);
                    if (!stmt.strict() && columns.get(i).name().equals("id") && !row[i].isNull()) {
                        id = row[i];
                    }
                }
                if (id == null) {
                    id = stmt.strict() ? new Value.Uuid(UuidV7.next()) : new Value.Str(UuidV7.next().toString());
                    if (!stmt.strict()) {
                        doc.put("id", id);
                    }
                } else if (!ids.add(id)) {
                    throw new NodeDbException(SqlState.UNIQUE_VIOLATION, "duplicate key: the query returns id "
                            + SqlValues.display(id) + " twice, and a collection's id is its key", stmt.pos(), null);
                }
                batch.add(new Mutation.PutDocument(stmt.name(), id, doc.build(), Mutation.WriteMode.INSERT));
            }
        }
        Ddl.submit(session, stmt.pos(), batch.toArray(Mutation[]::new));
        // PostgreSQL's tags: the rows written, or the command itself when none were asked for
        return stmt.withData() ? new StatementResult("SELECT " + rows.size(), List.of(), List.of(), rows.size())
                : StatementResult.command(what);
    }

    private void checkNames(List<ColumnInfo> columns) {
        Set<String> seen = new HashSet<>();
        for (ColumnInfo c : columns) {
            if (!seen.add(c.name())) {
                throw new NodeDbException(SqlState.DUPLICATE_COLUMN, "column \"" + c.name() + "\" specified more "
                        + "than once (name the query's columns apart with AS)", stmt.pos(), null);
            }
        }
    }

    /**
     * The catalog's type name for a result column: its declared type, or the one type its non-null values share.
     * A column whose values mix types, or that holds only NULLs, has none a strict column could take.
     */
    private String storedType(ColumnInfo column, List<Value[]> rows, int i) {
        ValueType type = column.type();
        if (type == ValueType.VECTOR) {
            for (Value[] row : rows) {
                if (row[i] instanceof Value.Vector v) {
                    return "VECTOR(" + v.values().length + ")";
                }
            }
            throw new NodeDbException(SqlState.INDETERMINATE_DATATYPE, "column \"" + column.name() + "\" is a VECTOR"
                    + " of unknown dimension (no row has a value); cast it, e.g. ::VECTOR(3)", stmt.pos(), null);
        }
        if (type == ValueType.NULL) {
            throw new NodeDbException(SqlState.INDETERMINATE_DATATYPE, "column \"" + column.name() + "\" has no "
                    + "single type (its values are NULL or of several types); cast it in the query", stmt.pos(), null);
        }
        return type.name();
    }
}
