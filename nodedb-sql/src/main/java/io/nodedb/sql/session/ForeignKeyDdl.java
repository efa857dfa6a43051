package io.nodedb.sql.session;

import io.nodedb.core.catalog.Catalog;
import io.nodedb.core.catalog.CollectionDef;
import io.nodedb.core.catalog.CollectionKind;
import io.nodedb.core.catalog.ColumnDef;
import io.nodedb.core.catalog.IndexDef;
import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;
import io.nodedb.sql.SqlErrors;
import io.nodedb.sql.ast.Statement;
import io.nodedb.sql.parser.TypeNames;
import io.nodedb.sql.storage.TableInfo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * FOREIGN KEY constraints as DDL sees them: checked and stored with CREATE TABLE, and the objects they tie together
 * kept from being dropped, truncated or renamed under them (the rows are checked in {@code dml.ForeignKeys}).
 */
final class ForeignKeyDdl {
    private ForeignKeyDdl() {
    }

    /**
     * The constraints of a table being created, checked against the catalog (or against the table itself for a
     * self-reference) and with the parent's columns spelled out; empty when there are none.
     */
    static List<TableInfo.ForeignKey> resolve(Statement.CreateCollection c, List<ColumnDef> columns,
            List<String> ownKey, Catalog catalog) {
        List<TableInfo.ForeignKey> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Statement.ForeignKey fk : c.foreignKeys()) {
            if (!c.kind().equals("STRICT")) {
                throw SqlErrors.notSupported("FOREIGN KEY constraints on a " + (c.kind().equals("KEY_VALUE")
                        ? "KEY_VALUE" : "schemaless") + " collection", fk.pos());
            }
            for (String col : fk.columns()) {
                column(columns, col, fk.pos());
            }
            boolean self = fk.parent().equals(c.name());
            CollectionDef parent = self ? null : catalog.find(fk.parent());
            if (!self && parent == null) {
                throw SqlErrors.undefinedTable(fk.parent(), fk.pos());
            }
            if (parent != null && parent.kind() != CollectionKind.STRICT) {
                throw SqlErrors.notSupported("a FOREIGN KEY referencing a collection that is not a strict table",
                        fk.pos());
            }
            List<ColumnDef> parentColumns = self ? columns : parent.currentSchema().columns();
            List<String> parentKey = self ? ownKey : TableInfo.primaryKeyColumns(parent);
            List<String> referenced = fk.parentColumns().isEmpty() ? parentKey : fk.parentColumns();
            if (referenced.isEmpty()) {
                throw new NodeDbException(SqlState.INVALID_FOREIGN_KEY, "there is no primary key for referenced "
                        + "collection \"" + fk.parent() + "\"", fk.pos(), null);
            }
            if (referenced.size() != fk.columns().size()) {
                throw new NodeDbException(SqlState.INVALID_FOREIGN_KEY, "number of referencing and referenced "
                        + "columns for foreign key disagree", fk.pos(), null);
            }
            for (String name : referenced) {
                column(parentColumns, name, fk.pos());
            }
            Set<String> wanted = new HashSet<>(referenced);
            boolean unique = wanted.size() == referenced.size() && (wanted.equals(Set.copyOf(parentKey))
                    || !self && catalog.indexesOf(fk.parent()).stream().anyMatch(ix -> ix.unique()
                    && ix.fields().size() == wanted.size() && wanted.equals(Set.copyOf(ix.fields()))));
            if (!unique) {
                throw new NodeDbException(SqlState.INVALID_FOREIGN_KEY, "there is no unique constraint matching "
                        + "given keys for referenced collection \"" + fk.parent() + "\"", fk.pos(), null);
            }
            for (int i = 0; i < referenced.size(); i++) {
                ColumnDef child = column(columns, fk.columns().get(i), fk.pos());
                ColumnDef target = column(parentColumns, referenced.get(i), fk.pos());
                if (TypeNames.fromCatalog(child.type()).base() != TypeNames.fromCatalog(target.type()).base()) {
                    throw new NodeDbException(SqlState.DATATYPE_MISMATCH, "foreign key constraint cannot be "
                            + "implemented: key columns \"" + child.name() + "\" and \"" + target.name()
                            + "\" are of incompatible types: " + child.type() + " and " + target.type(),
                            fk.pos(), null);
                }
            }
            String name = fk.name() != null ? fk.name() : c.name() + "_" + String.join("_", fk.columns()) + "_fkey";
            if (!names.add(name)) {
                throw new NodeDbException(SqlState.DUPLICATE_OBJECT, "constraint \"" + name + "\" for collection \""
                        + c.name() + "\" already exists", fk.pos(), null);
            }
            out.add(new TableInfo.ForeignKey(name, fk.columns(), fk.parent(), referenced));
        }
        return out;
    }

    static Value toOption(List<TableInfo.ForeignKey> keys) {
        return new Value.Array(keys.stream().map(TableInfo.ForeignKey::toValue).toList());
    }

    private static ColumnDef column(List<ColumnDef> columns, String name, int pos) {
        return columns.stream().filter(col -> col.name().equals(name)).findFirst()
                .orElseThrow(() -> SqlErrors.undefinedColumn(name, pos));
    }

    /** The constraints of other collections that reference {@code parent}, as (child, constraint) pairs. */
    static List<String> referencing(Catalog catalog, String parent) {
        List<String> out = new ArrayList<>();
        for (CollectionDef d : catalog.collections()) {
            for (TableInfo.ForeignKey fk : TableInfo.foreignKeys(d)) {
                if (fk.parent().equals(parent) && !d.name().equals(parent)) {
                    out.add("constraint \"" + fk.name() + "\" on collection \"" + d.name() + "\"");
                }
            }
        }
        return out;
    }

    /** 2BP01 when another collection's foreign key references {@code parent} (DROP), 0A000 for TRUNCATE. */
    static void requireUnreferenced(Catalog catalog, String parent, String what, int pos) {
        List<String> refs = referencing(catalog, parent);
        if (refs.isEmpty()) {
            return;
        }
        if (what.equals("TRUNCATE")) {
            throw new NodeDbException(SqlState.FEATURE_NOT_SUPPORTED, "cannot truncate a collection referenced in "
                    + "a foreign key constraint (" + refs.getFirst() + ")", pos, null);
        }
        throw new NodeDbException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop collection \"" + parent
                + "\" because other objects depend on it: " + String.join(", ", refs), pos, null);
    }

    /** 2BP01 when a foreign key uses the column, on either side, before it is dropped or renamed. */
    static void requireColumnUnused(Catalog catalog, CollectionDef table, String column, String verb, int pos) {
        for (TableInfo.ForeignKey fk : TableInfo.foreignKeys(table)) {
            if (fk.columns().contains(column) || fk.parent().equals(table.name())
                    && fk.parentColumns().contains(column)) {
                throw used(table.name(), column, verb, fk.name(), pos);
            }
        }
        for (CollectionDef d : catalog.collections()) {
            for (TableInfo.ForeignKey fk : TableInfo.foreignKeys(d)) {
                if (fk.parent().equals(table.name()) && fk.parentColumns().contains(column)) {
                    throw used(table.name(), column, verb, fk.name(), pos);
                }
            }
        }
    }

    private static NodeDbException used(String table, String column, String verb, String constraint, int pos) {
        return new NodeDbException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot " + verb + " column \"" + column
                + "\" of collection \"" + table + "\" because foreign key constraint \"" + constraint
                + "\" uses it", pos, null);
    }

    /** Whether the unique index is one a foreign key of another collection relies on. */
    static boolean indexInUse(Catalog catalog, IndexDef index) {
        for (CollectionDef d : catalog.collections()) {
            for (TableInfo.ForeignKey fk : TableInfo.foreignKeys(d)) {
                if (fk.parent().equals(index.collection()) && index.unique()
                        && Set.copyOf(fk.parentColumns()).equals(Set.copyOf(index.fields()))
                        && !Set.copyOf(fk.parentColumns()).equals(Set.copyOf(TableInfo.primaryKeyColumns(
                        catalog.require(index.collection()))))) {
                    return true;
                }
            }
        }
        return false;
    }
}
