package io.nodedb.sql.storage;

import io.nodedb.core.document.Mutation;
import io.nodedb.core.value.Value;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes not yet submitted: the mutations in order, and the resulting row images per collection so that reads
 * can overlay them on the committed state. A null image is a deletion. Each write carries the version it expects
 * to replace, so COMMIT fails with 40001 if another transaction committed a change to that row first.
 */
public final class WriteSet {
    private final List<Mutation> mutations = new ArrayList<>();
    /** Checks the applier makes after this set's writes (see {@link #require}). */
    private final List<Mutation> checks = new ArrayList<>();
    /** The same check is made once: a thousand child rows of one parent need one. */
    private final java.util.Set<Mutation> checked = new java.util.HashSet<>();
    private final Map<String, TreeMap<Value, Value.Obj>> images = new HashMap<>();
    /** Positions of puts whose ids were read absent as of {@link #absentAsOf}; null while there are none. */
    private java.util.BitSet knownAbsent;
    private long absentAsOf = -1;

    public void put(String collection, Value id, Value.Obj row, Mutation.WriteMode mode, long expectedVersion) {
        mutations.add(new Mutation.PutDocument(collection, id, row, mode, expectedVersion));
        images.computeIfAbsent(collection, c -> new TreeMap<>(IdOrder.INSTANCE)).put(id, row);
    }

    /**
     * Like {@link #put}, for a row whose id the statement read absent from the committed state as of the store's
     * applied LSN {@code absentAsOf} ({@link DataView#absentAsOf}; -1: not known), so that the applier need not
     * read it again while nothing was applied since (see {@link io.nodedb.core.document.KnownAbsent}).
     */
    public void putAbsent(String collection, Value id, Value.Obj row, Mutation.WriteMode mode, long expectedVersion,
            long absentAsOf) {
        int position = mutations.size();
        put(collection, id, row, mode, expectedVersion);
        if (absentAsOf < 0 || (knownAbsent != null && this.absentAsOf != absentAsOf)) {
            return; // reads of different states: keep only the first state's
        }
        if (knownAbsent == null) {
            knownAbsent = new java.util.BitSet();
            this.absentAsOf = absentAsOf;
        }
        knownAbsent.set(position);
    }

    /**
     * What the applier may take as known about this set's writes when they are submitted as {@link #mutations()};
     * null when nothing is. Not carried over by {@link #addAll} or {@link #copy}: a transaction's writes are
     * checked in full.
     */
    public io.nodedb.core.document.KnownAbsent knownAbsent() {
        return knownAbsent == null ? null : new io.nodedb.core.document.KnownAbsent(absentAsOf, knownAbsent);
    }

    public void delete(String collection, Value id, long expectedVersion) {
        mutations.add(new Mutation.DeleteDocument(collection, id, expectedVersion));
        images.computeIfAbsent(collection, c -> new TreeMap<>(IdOrder.INSTANCE)).put(id, null);
    }

    /**
     * Adds a check that writes nothing ({@link Mutation.RequireDocument}, {@link Mutation.RequireIndexEntry}). It goes
     * after every write of this set, so it sees the statement's own writes, whatever order they were made in.
     */
    public void require(Mutation check) {
        if (checked.add(check)) {
            checks.add(check);
        }
    }

    public void addAll(WriteSet other) {
        for (Mutation m : other.mutations()) {
            add(m);
        }
    }

    /** Adds one mutation after the others: a write also updates the images, anything else is kept as it is. */
    public void add(Mutation m) {
        switch (m) {
            case Mutation.PutDocument p -> put(p.collection(), p.id(), p.document(), p.mode(), p.expectedVersion());
            case Mutation.DeleteDocument d -> delete(d.collection(), d.id(), d.expectedVersion());
            default -> mutations.add(m);
        }
    }

    /**
     * Drops the images of a collection that a transaction dropped or truncated: its later reads must see none of
     * them (the mutations stay, as the log record must still apply them in order).
     */
    public void forget(String collection) {
        images.remove(collection);
    }

    /** Rewrites the images of a collection whose columns a transaction renamed, dropped or added. */
    public void rewriteImages(String collection, java.util.function.UnaryOperator<Value.Obj> rewrite) {
        TreeMap<Value, Value.Obj> rows = images.get(collection);
        if (rows != null) {
            rows.replaceAll((id, row) -> row == null ? null : rewrite.apply(row));
        }
    }

    /** An independent copy, for a reader that must not see later writes (and must not race with them). */
    public WriteSet copy() {
        WriteSet c = new WriteSet();
        c.mutations.addAll(mutations);
        c.checks.addAll(checks);
        c.checked.addAll(checked);
        // Copied rather than rebuilt from the mutations: DDL may have rewritten or dropped images since.
        images.forEach((collection, rows) -> c.images.put(collection, new TreeMap<>(rows)));
        return c;
    }

    /** The writes in order, then the checks. */
    public List<Mutation> mutations() {
        if (checks.isEmpty()) {
            return mutations;
        }
        List<Mutation> all = new ArrayList<>(mutations);
        all.addAll(checks);
        return all;
    }

    public boolean isEmpty() {
        return mutations.isEmpty() && checks.isEmpty();
    }

    public int size() {
        return mutations.size() + checks.size();
    }

    /** The images of one collection, or null when this set has not touched it. */
    TreeMap<Value, Value.Obj> images(String collection) {
        return images.get(collection);
    }
}
