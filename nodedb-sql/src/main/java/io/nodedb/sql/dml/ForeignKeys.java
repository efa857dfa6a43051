package io.nodedb.sql.dml;

import io.nodedb.core.catalog.CollectionDef;
import io.nodedb.core.catalog.IndexDef;
import io.nodedb.core.document.Mutation;
import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;
import io.nodedb.sql.exec.ExecContext;
import io.nodedb.sql.expr.Casts;
import io.nodedb.sql.expr.SqlValues;
import io.nodedb.sql.plan.PlanContext;
import io.nodedb.sql.storage.TableInfo;
import io.nodedb.sql.storage.WriteSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * FOREIGN KEY constraints on rows (MATCH SIMPLE, NO ACTION): a written row whose key columns are all non-NULL needs
 * a parent row with those values (23503 otherwise), and a parent row may not be deleted, nor its referenced values
 * changed, while a row references them. Both are checked against what the statement sees, its transaction's and
 * its own earlier writes included, and then again by the applier when the transaction commits: each check that
 * passed adds a {@link Mutation.RequireDocument} or {@link Mutation.RequireIndexEntry} to the write set, so a
 * concurrent transaction that committed the opposite change in between makes this one fail with 23503 instead of
 * leaving a row without its parent. The re-check of "no row references this parent any more" needs an index on
 * the referencing columns; without one only the statement-time check runs.
 */
final class ForeignKeys {
    private ForeignKeys() {
    }

    /** One of a table's own constraints: where its values are and how to find the parent row. */
    record Child(TableInfo.ForeignKey fk, int[] columns, TableInfo parent, int[] parentColumns, IndexDef index) {
    }

    /** A constraint of some table (possibly this one) that references this table. */
    record Parent(TableInfo.ForeignKey fk, TableInfo child, int[] childColumns, int[] columns, IndexDef index) {
    }

    static List<Child> children(TableInfo table, PlanContext pc) {
        List<Child> out = new ArrayList<>();
        for (TableInfo.ForeignKey fk : table.foreignKeys()) {
            TableInfo parent = fk.parent().equals(table.name()) ? table : pc.table(fk.parent(), 0);
            boolean byKey = Set.copyOf(fk.parentColumns()).equals(Set.copyOf(keyNames(parent)));
            IndexDef index = byKey ? null : pc.catalog().indexesOf(parent.name()).stream()
                    .filter(ix -> ix.unique() && Set.copyOf(ix.fields()).equals(Set.copyOf(fk.parentColumns())))
                    .findFirst().orElseThrow();
            out.add(new Child(fk, indexes(table, fk.columns()), parent, indexes(parent, fk.parentColumns()), index));
        }
        return out;
    }

    static List<Parent> parents(TableInfo table, PlanContext pc) {
        List<Parent> out = new ArrayList<>();
        for (CollectionDef d : pc.catalog().collections()) {
            for (TableInfo.ForeignKey fk : TableInfo.foreignKeys(d)) {
                if (!fk.parent().equals(table.name())) {
                    continue;
                }
                TableInfo child = d.name().equals(table.name()) ? table : pc.table(d.name(), 0);
                IndexDef index = pc.catalog().indexesOf(child.name()).stream()
                        .filter(ix -> ix.fields().size() >= fk.columns().size()
                                && ix.fields().subList(0, fk.columns().size()).equals(fk.columns()))
                        .findFirst().orElse(null);
                out.add(new Parent(fk, child, indexes(child, fk.columns()), indexes(table, fk.parentColumns()),
                        index));
            }
        }
        return out;
    }

    private static List<String> keyNames(TableInfo t) {
        List<String> out = new ArrayList<>();
        for (int k : t.keyIndexes()) {
            out.add(t.columns().get(k).name());
        }
        return out;
    }

    private static int[] indexes(TableInfo t, List<String> names) {
        return names.stream().mapToInt(t::columnIndex).toArray();
    }

    /** @throws NodeDbException 23503 when the row's non-NULL key values have no parent row */
    static void requireParents(List<Child> children, Value[] row, ExecContext ctx, String table, WriteSet writes) {
        for (Child c : children) {
            Value[] values = new Value[c.columns().length];
            boolean hasNull = false;
            for (int i = 0; i < values.length; i++) {
                values[i] = row[c.columns()[i]];
                hasNull |= values[i].isNull();
            }
            // A row of a self-referencing table may reference itself: PostgreSQL checks it once it is written.
            boolean itself = c.parent().name().equals(table) && matches(row, c.parentColumns(), values);
            if (hasNull || itself) {
                continue;
            }
            String message = "insert or update on collection \"" + table + "\" violates foreign key constraint \""
                    + c.fk().name() + "\": key " + keyText(c.fk().columns(), values) + " is not present in collection \""
                    + c.parent().name() + "\"";
            Mutation atCommit = parentExists(c, values, ctx, message);
            if (atCommit == null) {
                throw new NodeDbException(SqlState.FOREIGN_KEY_VIOLATION, message);
            }
            writes.require(atCommit);
        }
    }

    /** The check that the parent row still exists at commit, or null when the statement sees no parent row. */
    private static Mutation parentExists(Child c, Value[] values, ExecContext ctx, String message) {
        TableInfo parent = c.parent();
        Value[] cast = new Value[values.length];
        for (int i = 0; i < values.length; i++) {
            cast[i] = Casts.cast(values[i], parent.columns().get(c.parentColumns()[i]).type(), ctx.zone());
        }
        if (c.index() == null) {
            int[] key = parent.keyIndexes();
            List<Value> ordered = new ArrayList<>();
            for (int k : key) {
                for (int i = 0; i < cast.length; i++) {
                    if (c.parentColumns()[i] == k) {
                        ordered.add(cast[i]);
                    }
                }
            }
            Value id = parent.compositeKey() ? TableInfo.compositeId(ordered) : ordered.getFirst();
            return ctx.data().get(parent.name(), id) == null ? null
                    : new Mutation.RequireDocument(parent.name(), id, message);
        }
        List<Value> lookup = new ArrayList<>();
        for (String field : c.index().fields()) {
            lookup.add(cast[c.fk().parentColumns().indexOf(field)]);
        }
        for (Value[] candidate : ctx.data().indexRows(parent, c.index().name(), lookup)) {
            if (matches(candidate, c.parentColumns(), cast)) {
                return new Mutation.RequireIndexEntry(c.index().name(), lookup, true, message);
            }
        }
        return null;
    }

    /**
     * @param after the row as updated, or null when it is deleted
     * @throws NodeDbException 23503 when a row still references the values the parent row gives up
     */
    static void requireUnreferenced(List<Parent> parents, Value[] before, Value[] after, ExecContext ctx,
            String table, WriteSet writes) {
        for (Parent p : parents) {
            Value[] values = new Value[p.columns().length];
            boolean hasNull = false;
            boolean changed = after == null;
            for (int i = 0; i < values.length; i++) {
                values[i] = before[p.columns()[i]];
                hasNull |= values[i].isNull();
                changed |= after != null && !SqlValues.notDistinct(values[i], after[p.columns()[i]]);
            }
            if (hasNull || !changed) {
                continue;
            }
            String message = "update or delete on collection \"" + table + "\" violates foreign key constraint \""
                    + p.fk().name() + "\" on collection \"" + p.child().name() + "\": key "
                    + keyText(p.fk().parentColumns(), values) + " is still referenced from collection \""
                    + p.child().name() + "\"";
            if (referenced(p, values, before, ctx)) {
                throw new NodeDbException(SqlState.FOREIGN_KEY_VIOLATION, message);
            }
            if (p.index() != null) {
                writes.require(new Mutation.RequireIndexEntry(p.index().name(), childLookup(p, values, ctx.zone()),
                        false, message));
            }
        }
    }

    /** The parent's values cast to the referencing columns' types, in the order of the child index's fields. */
    private static List<Value> childLookup(Parent p, Value[] values, java.time.ZoneId zone) {
        List<Value> lookup = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            lookup.add(Casts.cast(values[i], p.child().columns().get(p.childColumns()[i]).type(), zone));
        }
        return lookup;
    }

    private static boolean referenced(Parent p, Value[] values, Value[] parentRow, ExecContext ctx) {
        TableInfo child = p.child();
        boolean self = child.name().equals(p.fk().parent());
        Value parentId = parentRow[parentRow.length - 1];
        List<Value[]> candidates = new ArrayList<>();
        if (p.index() != null) {
            candidates = ctx.data().indexRows(child, p.index().name(), childLookup(p, values, ctx.zone()));
        } else {
            for (Map.Entry<Value, Value.Obj> e : ctx.data().scan(child.name())) {
                candidates.add(child.decode(e.getKey(), e.getValue()));
            }
        }
        for (Value[] row : candidates) {
            // A row that references only itself goes with it, as PostgreSQL checks after the statement.
            boolean itself = self && parentId != null && SqlValues.notDistinct(row[row.length - 1], parentId);
            if (!itself && matches(row, p.childColumns(), values)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(Value[] row, int[] columns, Value[] values) {
        for (int i = 0; i < columns.length; i++) {
            Value.Bool eq = SqlValues.equal(row[columns[i]], values[i]);
            if (eq == null || !eq.value()) {
                return false;
            }
        }
        return true;
    }

    private static String keyText(List<String> names, Value[] values) {
        List<String> shown = new ArrayList<>();
        for (Value v : values) {
            shown.add(SqlValues.display(v));
        }
        return "(" + String.join(", ", names) + ")=(" + String.join(", ", shown) + ")";
    }
}
