package io.nodedb.sql.session;

import io.nodedb.core.catalog.Catalog;
import io.nodedb.core.catalog.CollectionDef;
import io.nodedb.core.catalog.ColumnDef;
import io.nodedb.core.catalog.IndexDef;
import io.nodedb.core.document.CatalogChanges;
import io.nodedb.core.document.Mutation;
import io.nodedb.core.value.Value;
import io.nodedb.core.vector.VectorEngine;
import io.nodedb.sql.SqlErrors;
import io.nodedb.sql.storage.WriteSet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DDL inside a transaction block: the catalog the transaction's later statements see, and the checks its COMMIT
 * carries.
 *
 * <p>The transaction's catalog is its snapshot's with each of its DDL mutations applied as the applier will apply
 * them at COMMIT ({@link CatalogChanges}), so ids, schema versions and errors agree. Ids handed out there are
 * provisional (the applier assigns its own at COMMIT; mutations name collections, never ids): they only have to
 * be new to the snapshot, where a new id has no rows. That is also how TRUNCATE hides the snapshot's rows from the
 * transaction: the collection and its indexes get fresh ids, as the applier gives them. Reads through an index the
 * transaction created find no entries in the snapshot, so {@code DataView} scans instead.
 *
 * <p>Concurrency: COMMIT puts a {@link Mutation.RequireCollection} check first in its record for every
 * collection of the snapshot it writes or changes, so a concurrent DROP, ALTER or constraint change committed
 * after BEGIN fails the commit with 40001 and nothing is applied. Two transactions creating the same name: the
 * second COMMIT fails with 42P07 from the applier, also with nothing applied.
 */
final class TransactionDdl {
    private TransactionDdl() {
    }

    /** Checks that the whole batch applies to the transaction's catalog, before any of it is recorded. */
    static void check(Catalog catalog, List<Mutation> batch, VectorEngine vectors) {
        Catalog c = catalog;
        for (Mutation m : batch) {
            String gone = m instanceof Mutation.DropCollection d ? d.name()
                    : m instanceof Mutation.TruncateCollection t ? t.name() : null;
            if (gone != null && c.find(gone) != null && !vectors.indexesOn(gone).isEmpty()) {
                // The vector engine follows committed records by collection name, not this transaction's catalog.
                throw SqlErrors.notSupported("dropping or truncating collection \"" + gone + "\", which has a "
                        + "vector index, inside a transaction block");
            }
            c = next(c, m);
        }
    }

    /**
     * The transaction's catalog after {@code m} (the same instance for a row write), updating the images of
     * pending rows the change affects.
     */
    static Catalog apply(Catalog catalog, Mutation m, WriteSet writes) {
        Catalog next = next(catalog, m);
        switch (m) {
            case Mutation.DropCollection d -> writes.forget(d.name());
            case Mutation.TruncateCollection t -> writes.forget(t.name());
            case Mutation.AlterSchema a -> writes.rewriteImages(a.name(),
                    renames(catalog.require(a.name()), next.require(a.name())));
            default -> {
            }
        }
        return next;
    }

    private static Catalog next(Catalog catalog, Mutation m) {
        return CatalogChanges.apply(catalog, m, 0);
    }

    /**
     * Maps a pending row written under {@code before}'s columns onto {@code after}'s, by column id: a renamed
     * column keeps its value, a dropped one loses it, and an added one is left out so that it reads its fill
     * value, as the stored rows do.
     */
    private static java.util.function.UnaryOperator<Value.Obj> renames(CollectionDef before, CollectionDef after) {
        Map<Integer, String> oldNames = new HashMap<>();
        for (ColumnDef c : before.currentSchema().columns()) {
            oldNames.put(c.id(), c.name());
        }
        List<String[]> kept = new ArrayList<>();
        for (ColumnDef c : after.currentSchema().columns()) {
            String old = oldNames.get(c.id());
            if (old != null) {
                kept.add(new String[] {old, c.name()});
            }
        }
        return row -> {
            Value.Obj.Builder b = Value.Obj.builder();
            for (String[] k : kept) {
                Value v = row.get(k[0]);
                if (v != null) {
                    b.put(k[1], v);
                }
            }
            return b.build();
        };
    }

    /**
     * The transaction's mutations led by a {@link Mutation.RequireCollection} check for every collection of the
     * snapshot's catalog {@code base} that they write or change.
     */
    static List<Mutation> guarded(Catalog base, List<Mutation> mutations) {
        Set<String> touched = new LinkedHashSet<>();
        for (Mutation m : mutations) {
            String name = switch (m) {
                case Mutation.PutDocument p -> p.collection();
                case Mutation.DeleteDocument d -> d.collection();
                case Mutation.RequireDocument r -> r.collection();
                case Mutation.CreateCollection c -> c.name();
                case Mutation.DropCollection d -> d.name();
                case Mutation.AlterSchema a -> a.name();
                case Mutation.SetOptions o -> o.name();
                case Mutation.TruncateCollection t -> t.name();
                case Mutation.CreateIndex c -> c.collection();
                case Mutation.DropIndex d -> {
                    IndexDef index = base.findIndex(d.name());
                    yield index == null ? null : index.collection();
                }
                default -> null;
            };
            if (name != null) {
                touched.add(name);
            }
        }
        List<Mutation> out = new ArrayList<>(touched.size() + mutations.size());
        for (String name : touched) {
            CollectionDef def = base.find(name);
            if (def != null) {
                out.add(CatalogChanges.requireUnchanged(def));
            }
        }
        out.addAll(mutations);
        return out;
    }
}
