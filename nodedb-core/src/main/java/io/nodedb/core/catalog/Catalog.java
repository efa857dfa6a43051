package io.nodedb.core.catalog;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable snapshot of the catalog. The applier builds a new snapshot for each DDL record and publishes it
 * atomically, so readers always see a consistent catalog without locks.
 */
public final class Catalog {
    public static final Catalog EMPTY = new Catalog(new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), 1);

    private final Map<String, CollectionDef> collections;
    private final Map<String, IndexDef> indexes;
    private final Map<String, UserDef> users;
    private final long nextId;

    private Catalog(TreeMap<String, CollectionDef> collections, TreeMap<String, IndexDef> indexes,
            TreeMap<String, UserDef> users, long nextId) {
        this.collections = Collections.unmodifiableMap(collections);
        this.indexes = Collections.unmodifiableMap(indexes);
        this.users = Collections.unmodifiableMap(users);
        this.nextId = nextId;
    }

    private Catalog(TreeMap<String, CollectionDef> collections, TreeMap<String, IndexDef> indexes, long nextId,
            Map<String, UserDef> users) {
        this(collections, indexes, new TreeMap<>(users), nextId);
    }

    public static Catalog of(Collection<CollectionDef> collections, Collection<IndexDef> indexes, long nextId) {
        return of(collections, indexes, java.util.List.of(), nextId);
    }

    public static Catalog of(Collection<CollectionDef> collections, Collection<IndexDef> indexes,
            Collection<UserDef> users, long nextId) {
        TreeMap<String, CollectionDef> c = new TreeMap<>();
        collections.forEach(d -> c.put(d.name(), d));
        TreeMap<String, IndexDef> i = new TreeMap<>();
        indexes.forEach(d -> i.put(d.name(), d));
        TreeMap<String, UserDef> u = new TreeMap<>();
        users.forEach(d -> u.put(d.name(), d));
        return new Catalog(c, i, u, nextId);
    }

    /** The user account, or null. Password authenticators check {@link UserDef#verifier()} against it. */
    public UserDef findUser(String name) {
        return users.get(name);
    }

    /** User accounts in name order. */
    public Collection<UserDef> users() {
        return users.values();
    }

    public Catalog withUser(UserDef user) {
        TreeMap<String, UserDef> u = new TreeMap<>(users);
        u.put(user.name(), user);
        return new Catalog(new TreeMap<>(collections), new TreeMap<>(indexes), u, nextId);
    }

    public Catalog withoutUser(String name) {
        TreeMap<String, UserDef> u = new TreeMap<>(users);
        u.remove(name);
        return new Catalog(new TreeMap<>(collections), new TreeMap<>(indexes), u, nextId);
    }

    /** The collection, or null. */
    public CollectionDef find(String name) {
        return collections.get(name);
    }

    /** The collection, or an error with SQLSTATE 42P01 naming it. */
    public CollectionDef require(String name) {
        CollectionDef d = collections.get(name);
        if (d == null) {
            throw new NodeDbException(SqlState.UNDEFINED_TABLE, "collection \"" + name + "\" does not exist");
        }
        return d;
    }

    /** Collections in name order. */
    public Collection<CollectionDef> collections() {
        return collections.values();
    }

    public IndexDef findIndex(String name) {
        return indexes.get(name);
    }

    public Collection<IndexDef> indexes() {
        return indexes.values();
    }

    public List<IndexDef> indexesOf(String collection) {
        List<IndexDef> out = new ArrayList<>();
        for (IndexDef d : indexes.values()) {
            if (d.collection().equals(collection)) {
                out.add(d);
            }
        }
        return out;
    }

    /** The next internal id to hand out; ids are assigned while applying, so every replay assigns the same ones. */
    public long nextId() {
        return nextId;
    }

    public Catalog withCollection(CollectionDef def) {
        TreeMap<String, CollectionDef> c = new TreeMap<>(collections);
        c.put(def.name(), def);
        return new Catalog(c, new TreeMap<>(indexes), Math.max(nextId, def.id() + 1), users);
    }

    public Catalog withoutCollection(String name) {
        TreeMap<String, CollectionDef> c = new TreeMap<>(collections);
        c.remove(name);
        TreeMap<String, IndexDef> i = new TreeMap<>(indexes);
        i.values().removeIf(d -> d.collection().equals(name));
        return new Catalog(c, i, nextId, users);
    }

    public Catalog withIndex(IndexDef def) {
        TreeMap<String, IndexDef> i = new TreeMap<>(indexes);
        i.put(def.name(), def);
        return new Catalog(new TreeMap<>(collections), i, Math.max(nextId, def.id() + 1), users);
    }

    public Catalog withoutIndex(String name) {
        TreeMap<String, IndexDef> i = new TreeMap<>(indexes);
        i.remove(name);
        return new Catalog(new TreeMap<>(collections), i, nextId, users);
    }
}
