package io.nodedb.sql;

import io.nodedb.core.catalog.Catalog;
import io.nodedb.core.catalog.CollectionDef;
import io.nodedb.core.db.Database;
import io.nodedb.sql.ast.Statement;
import io.nodedb.sql.parser.Parser;
import io.nodedb.sql.session.Compiled;
import io.nodedb.sql.session.Compiler;
import io.nodedb.sql.storage.TableInfo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The SQL front end of one {@link Database}: opens sessions and caches work across them. Parsed statements are
 * cached by their text; each statement's plan is cached with the catalog version it was planned against and
 * replanned when DDL has changed the catalog since.
 */
public final class SqlEngine {
    private static final int PLAN_CACHE_SIZE = 1024;

    private final Database db;
    private final Compiler compiler;
    private final Map<Long, TableInfo> tables = new ConcurrentHashMap<>();
    private final Map<String, Parsed> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Parsed> eldest) {
            return size() > PLAN_CACHE_SIZE;
        }
    };

    /** Parsed statements of one SQL text, each with its plan for the catalog version it was made for. */
    static final class Parsed {
        final List<Statement> statements;
        final AtomicReferenceArray<Planned> plans;

        Parsed(List<Statement> statements) {
            this.statements = statements;
            this.plans = new AtomicReferenceArray<>(statements.size());
        }
    }

    /**
     * A plan stays valid while neither the catalog nor the set of vector indexes changes, for sessions in the time
     * zone it was planned in (text constants such as {@code TIMESTAMP '2024-03-01 10:00'} are read once, in it).
     */
    record Planned(Catalog catalog, long vectorGeneration, java.time.ZoneId zone, Compiled compiled) {
    }

    /**
     * Row streams holding a cursor over a snapshot, across all sessions (see {@link RowStream}). Every query opens
     * one, on every connection's thread, so it is an adder rather than one contended atomic.
     */
    private final java.util.concurrent.atomic.LongAdder openStreams = new java.util.concurrent.atomic.LongAdder();

    public SqlEngine(Database db) {
        this.db = db;
        this.compiler = new Compiler(this::table, db.vectors());
    }

    public Database database() {
        return db;
    }

    public Session newSession() {
        return newSession("nodedb");
    }

    /** A session for a user of trust authentication, where every user is a superuser. */
    public Session newSession(String user) {
        return newSession(user, true);
    }

    /**
     * A session for an authenticated user; superuser says whether the user may manage users (for password
     * authentication: {@code catalog.findUser(user).superuser()}).
     */
    public Session newSession(String user, boolean superuser) {
        return new Session(this, user, superuser);
    }

    /**
     * Row streams that still hold a cursor and a snapshot, in every session: a gauge for operators and tests that
     * check cursors are released after a result is read, closed, failed or its client went away.
     */
    public int openStreams() {
        return openStreams.intValue();
    }

    void streamOpened() {
        openStreams.increment();
    }

    void streamClosed() {
        openStreams.decrement();
    }

    /** The row layout of a collection definition; recomputed only when the definition changes. */
    TableInfo table(CollectionDef def) {
        TableInfo t = tables.get(def.id());
        if (t == null || t.def() != def) {
            t = new TableInfo(def);
            tables.put(def.id(), t);
        }
        return t;
    }

    Parsed parse(String sql) {
        synchronized (cache) {
            Parsed p = cache.get(sql);
            if (p != null) {
                return p;
            }
        }
        Parsed p = new Parsed(Parser.parse(sql));
        if (p.statements.stream().anyMatch(SqlEngine::holdsPassword)) {
            // Not cached: the text holds a password, which should live no longer than the statement.
            return p;
        }
        synchronized (cache) {
            cache.put(sql, p);
        }
        return p;
    }

    private static boolean holdsPassword(Statement s) {
        return s instanceof Statement.CreateUser || s instanceof Statement.AlterUser a && a.password() != null;
    }

    /**
     * The plan of statement i against {@code catalog} in the session's {@code zone} (text constants are read in it
     * when planning), replanned if the cached one is stale. A transaction's catalog holding its own DDL is
     * {@code private}: its plan is not cached, as no other session may use it.
     */
    Compiled plan(Parsed p, int i, Catalog catalog, boolean privateCatalog, java.time.ZoneId zone) {
        long vectorGeneration = db.vectors().generation();
        Planned planned = p.plans.get(i);
        if (planned != null && planned.catalog() == catalog && planned.vectorGeneration() == vectorGeneration
                && planned.zone().equals(zone)) {
            return planned.compiled();
        }
        Compiled c = compiler.compile(p.statements.get(i), catalog, zone);
        if (!privateCatalog) {
            p.plans.set(i, new Planned(catalog, vectorGeneration, zone, c));
        }
        return c;
    }
}
