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
    private final Map<String, TreeMap<Value, Value.Obj>> images = new HashMap<>();

    public void put(String collection, Value id, Value.Obj row, Mutation.WriteMode mode, long expectedVersion) {
        mutations.add(new Mutation.PutDocument(collection, id, row, mode, expectedVersion));
        images.computeIfAbsent(collection, c -> new TreeMap<>(IdOrder.INSTANCE)).put(id, row);
    }

    public void delete(String collection, Value id, long expectedVersion) {
        mutations.add(new Mutation.DeleteDocument(collection, id, expectedVersion));
        images.computeIfAbsent(collection, c -> new TreeMap<>(IdOrder.INSTANCE)).put(id, null);
    }

    public void addAll(WriteSet other) {
        for (Mutation m : other.mutations) {
            apply(m);
        }
    }

    private void apply(Mutation m) {
        switch (m) {
            case Mutation.PutDocument p -> put(p.collection(), p.id(), p.document(), p.mode(), p.expectedVersion());
            case Mutation.DeleteDocument d -> delete(d.collection(), d.id(), d.expectedVersion());
            default -> mutations.add(m);
        }
    }

    /** An independent copy, for a reader that must not see later writes (and must not race with them). */
    public WriteSet copy() {
        WriteSet c = new WriteSet();
        c.addAll(this);
        return c;
    }

    public List<Mutation> mutations() {
        return mutations;
    }

    public boolean isEmpty() {
        return mutations.isEmpty();
    }

    public int size() {
        return mutations.size();
    }

    /** Keeps only the first {@code count} mutations (ROLLBACK TO SAVEPOINT) and rebuilds the images. */
    public void truncate(int count) {
        List<Mutation> keep = new ArrayList<>(mutations.subList(0, count));
        mutations.clear();
        images.clear();
        keep.forEach(this::apply);
    }

    /** The images of one collection, or null when this set has not touched it. */
    TreeMap<Value, Value.Obj> images(String collection) {
        return images.get(collection);
    }
}
