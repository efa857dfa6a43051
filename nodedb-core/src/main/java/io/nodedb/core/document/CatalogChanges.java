package io.nodedb.core.document;

import io.nodedb.core.catalog.Catalog;
import io.nodedb.core.catalog.CollectionDef;
import io.nodedb.core.catalog.CollectionKind;
import io.nodedb.core.catalog.ColumnDef;
import io.nodedb.core.catalog.IndexDef;
import io.nodedb.core.catalog.SchemaVersion;
import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.ValueCodec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * What a collection or index DDL mutation does to a catalog, with the errors that reject it. The applier uses it
 * for the committed catalog, and a transaction for the catalog its own statements see before COMMIT, so both
 * assign schema versions and column ids alike and refuse the same statements.
 */
public final class CatalogChanges {
    private CatalogChanges() {
    }

    /**
     * The catalog after {@code m}; the same instance when it changes no collection or index (IF [NOT] EXISTS, row
     * writes, checks; user accounts are the applier's alone, as no transaction may change them). TRUNCATE gives the
     * collection and its indexes fresh ids, under which nothing is stored: the old rows and entries are left to
     * the background deletion of retired ranges.
     *
     * @param lsn the LSN recorded as a new collection's creation
     */
    public static Catalog apply(Catalog catalog, Mutation m, long lsn) {
        return switch (m) {
            case Mutation.CreateCollection c -> {
                if (catalog.find(c.name()) != null) {
                    if (c.ifNotExists()) {
                        yield catalog;
                    }
                    throw new NodeDbException(SqlState.DUPLICATE_TABLE, "collection \"" + c.name()
                            + "\" already exists");
                }
                List<SchemaVersion> schemas = c.columns().isEmpty() ? List.of()
                        : List.of(new SchemaVersion(1, withColumnIds(c.name(), List.of(), c.columns())));
                yield catalog.withCollection(new CollectionDef(catalog.nextId(), c.name(), c.kind(), schemas,
                        c.options(), lsn));
            }
            case Mutation.DropCollection d -> {
                if (catalog.find(d.name()) == null) {
                    if (d.ifExists()) {
                        yield catalog;
                    }
                    throw new NodeDbException(SqlState.UNDEFINED_TABLE, "collection \"" + d.name()
                            + "\" does not exist");
                }
                yield catalog.withoutCollection(d.name());
            }
            case Mutation.AlterSchema a -> {
                CollectionDef def = catalog.require(a.name());
                List<SchemaVersion> schemas = new ArrayList<>(def.schemas());
                schemas.add(new SchemaVersion(schemas.isEmpty() ? 1 : schemas.getLast().version() + 1,
                        withColumnIds(a.name(), schemas, a.columns())));
                yield catalog.withCollection(new CollectionDef(def.id(), def.name(), def.kind(), schemas,
                        def.options(), def.createdLsn()));
            }
            case Mutation.SetOptions o -> {
                CollectionDef def = catalog.require(o.name());
                yield catalog.withCollection(new CollectionDef(def.id(), def.name(), def.kind(), def.schemas(),
                        o.options(), def.createdLsn()));
            }
            case Mutation.TruncateCollection t -> {
                CollectionDef def = DocumentEngine.requireDocumentCollection(catalog, t.name());
                Catalog next = catalog.withCollection(new CollectionDef(catalog.nextId(), def.name(), def.kind(),
                        def.schemas(), def.options(), def.createdLsn()));
                for (IndexDef index : catalog.indexesOf(t.name())) {
                    next = next.withIndex(new IndexDef(next.nextId(), index.name(), index.collection(),
                            index.fields(), index.unique()));
                }
                yield next;
            }
            case Mutation.CreateIndex c -> {
                // A KEY_VALUE collection's index is kept by the KV engine; the catalog only records it.
                CollectionDef kvDef = catalog.find(c.collection());
                if (kvDef == null || kvDef.kind() != CollectionKind.KEY_VALUE) {
                    DocumentEngine.requireDocumentCollection(catalog, c.collection());
                }
                if (catalog.findIndex(c.name()) != null) {
                    if (c.ifNotExists()) {
                        yield catalog;
                    }
                    throw new NodeDbException(SqlState.DUPLICATE_OBJECT, "index \"" + c.name() + "\" already exists");
                }
                yield catalog.withIndex(new IndexDef(catalog.nextId(), c.name(), c.collection(), c.fields(),
                        c.unique()));
            }
            case Mutation.DropIndex d -> {
                if (catalog.findIndex(d.name()) == null) {
                    if (d.ifExists()) {
                        yield catalog;
                    }
                    throw new NodeDbException(SqlState.UNDEFINED_OBJECT, "index \"" + d.name() + "\" does not exist");
                }
                yield catalog.withoutIndex(d.name());
            }
            default -> catalog;
        };
    }

    /**
     * The check that a collection still has the definition {@code def} when a record is applied: same id (not
     * dropped or dropped and created again), same schema version and same options (constraints, history).
     */
    public static Mutation.RequireCollection requireUnchanged(CollectionDef def) {
        return new Mutation.RequireCollection(def.name(), def.id(),
                def.currentSchema() == null ? 0 : def.currentSchema().version(), optionsChecksum(def));
    }

    /** Whether the catalog's collection still matches a {@link #requireUnchanged} check. */
    static boolean unchanged(Catalog catalog, Mutation.RequireCollection r) {
        CollectionDef def = catalog.find(r.name());
        return def != null && requireUnchanged(def).equals(r);
    }

    /** CRC-32 of the options' stored encoding: the same on every replay, unlike a Java hash code. */
    private static long optionsChecksum(CollectionDef def) {
        CRC32 crc = new CRC32();
        crc.update(ValueCodec.encode(def.options()));
        return crc.getValue();
    }

    /**
     * Gives new columns (id 0) fresh ids, never reusing one from an earlier schema version, and checks that an
     * existing id belongs to an earlier version and that names are unique.
     */
    private static List<ColumnDef> withColumnIds(String collection, List<SchemaVersion> earlier, List<ColumnDef> cols) {
        int maxId = 0;
        Set<Integer> known = new HashSet<>();
        for (SchemaVersion s : earlier) {
            for (ColumnDef c : s.columns()) {
                maxId = Math.max(maxId, c.id());
                known.add(c.id());
            }
        }
        Set<String> names = new HashSet<>();
        List<ColumnDef> out = new ArrayList<>(cols.size());
        for (ColumnDef c : cols) {
            if (!names.add(c.name())) {
                throw new NodeDbException(SqlState.DUPLICATE_COLUMN, "column \"" + c.name() + "\" specified more than "
                        + "once for \"" + collection + "\"");
            }
            if (c.id() == 0) {
                out.add(c.withId(++maxId));
            } else if (!known.contains(c.id())) {
                throw new NodeDbException(SqlState.UNDEFINED_COLUMN, "column id " + c.id() + " of \"" + c.name()
                        + "\" is not a column of \"" + collection + "\"");
            } else {
                out.add(c);
            }
        }
        return out;
    }
}
