package io.nodedb.embedded;

import io.nodedb.core.catalog.CollectionDef;
import io.nodedb.core.catalog.CollectionKind;
import io.nodedb.core.db.Database;
import io.nodedb.core.db.DatabaseOptions;
import io.nodedb.core.document.Mutation;
import io.nodedb.core.value.Value;
import io.nodedb.sql.Session;
import io.nodedb.sql.SqlEngine;
import io.nodedb.sql.StatementResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * NodeDB Lite: the database inside a JVM application. Same engines, log and storage as the server; no sockets.
 *
 * <pre>{@code
 * try (NodeDb db = NodeDb.open(Path.of("app-data"))) {
 *     DocumentCollection users = db.createCollection("users");
 *     users.put("u1", Document.of("name", "Alice", "age", 30));
 *     users.get("u1").map(d -> d.getString("name"));   // Optional[Alice]
 * }
 * }</pre>
 * Every write returns once it is durable (fsync'd with its group) and applied. Thread-safe.
 */
public final class NodeDb implements AutoCloseable {
    private final Database database;
    private final SqlEngine sql;

    private NodeDb(Database database) {
        this.database = database;
        this.sql = new SqlEngine(database);
    }

    /** Opens (or creates) a database in {@code dir}. Only one process may have a directory open at a time. */
    public static NodeDb open(Path dir) {
        return open(DatabaseOptions.onDisk(dir));
    }

    public static NodeDb open(DatabaseOptions options) {
        return new NodeDb(Database.open(options));
    }

    /** A database that lives in memory only and is gone at {@link #close()}. */
    public static NodeDb inMemory() {
        return open(DatabaseOptions.inMemory());
    }

    /** Creates a schemaless document collection; fails with 42P07 if it exists. */
    public DocumentCollection createCollection(String name) {
        database.submit(List.of(new Mutation.CreateCollection(name, CollectionKind.DOCUMENT, List.of(),
                Value.Obj.EMPTY, false)));
        return new DocumentCollection(database, name);
    }

    /** Creates a schemaless document collection unless one of that name exists. */
    public DocumentCollection createCollectionIfAbsent(String name) {
        database.submit(List.of(new Mutation.CreateCollection(name, CollectionKind.DOCUMENT, List.of(),
                Value.Obj.EMPTY, true)));
        return new DocumentCollection(database, name);
    }

    /** Drops a collection and all its documents; returns false if there was none. */
    public boolean dropCollection(String name) {
        return database.submit(List.of(new Mutation.DropCollection(name, true))).affected().getFirst() > 0;
    }

    /** An existing collection; fails with 42P01 if there is none. */
    public DocumentCollection collection(String name) {
        database.catalog().require(name);
        return new DocumentCollection(database, name);
    }

    /** Collection names in order. */
    public List<String> collections() {
        List<String> names = new ArrayList<>();
        for (CollectionDef d : database.catalog().collections()) {
            names.add(d.name());
        }
        return names;
    }

    /**
     * Runs SQL (one or more statements separated by {@code ;}) in its own autocommit session and returns the
     * result of the last statement. Parameters bind to {@code $1, $2, ...}; Java values convert as in
     * {@link Document#of(Object...)}.
     *
     * <pre>{@code
     * db.sql("CREATE COLLECTION users");
     * db.sql("INSERT INTO users (id, name) VALUES ($1, $2)", "u1", "Alice");
     * StatementResult r = db.sql("SELECT name FROM users WHERE id = $1", "u1");
     * }</pre>
     *
     * @throws io.nodedb.core.error.NodeDbException with the SQLSTATE and, for syntax errors, the position
     */
    public StatementResult sql(String statements, Object... parameters) {
        List<Value> params = new ArrayList<>(parameters.length);
        for (Object p : parameters) {
            params.add(Value.of(p));
        }
        Session session = sql.newSession();
        try {
            List<StatementResult> results = session.execute(statements, params);
            return results.isEmpty() ? StatementResult.command("") : results.getLast();
        } finally {
            session.close();
        }
    }

    /**
     * A SQL session of its own, for transactions ({@code BEGIN ... COMMIT}), prepared statements and settings.
     * Use it from one thread at a time; close it to roll back what it left open.
     */
    public Session newSession() {
        return sql.newSession();
    }

    /** The engine room, for the SQL layer and tools; applications rarely need it. */
    public Database database() {
        return database;
    }

    /** Waits for in-flight writes, checkpoints, and releases the data directory. */
    @Override
    public void close() {
        database.close();
    }
}
