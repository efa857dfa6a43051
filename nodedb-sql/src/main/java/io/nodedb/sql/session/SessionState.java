package io.nodedb.sql.session;

import io.nodedb.core.catalog.Catalog;
import io.nodedb.core.db.Database;
import io.nodedb.core.document.DocumentReadView;
import io.nodedb.core.document.Mutation;
import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;
import io.nodedb.sql.SqlErrors;
import io.nodedb.sql.exec.ExecContext;
import io.nodedb.sql.exec.SessionInfo;
import io.nodedb.sql.storage.DataView;
import io.nodedb.sql.storage.WriteSet;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A connection's state: user, settings and the open transaction. Writes of a statement are collected in its own
 * {@link WriteSet}; outside a transaction they are submitted as one batch, inside one they join the transaction's
 * write set, which COMMIT submits as one batch.
 *
 * <p>Snapshot isolation: BEGIN takes a read snapshot that every statement of the transaction reads; each write
 * carries the version of the row it replaces as of that snapshot, so COMMIT fails with 40001 when another
 * transaction committed a change to one of those rows first. A statement outside a transaction reads its own
 * snapshot, taken when it first reads and released when it ends.
 *
 * <p>The transaction's statements are planned against the snapshot's catalog with the transaction's own DDL
 * applied (see {@link TransactionDdl}); the DDL joins the write set in statement order, so COMMIT applies it with
 * the row writes in one log record, and ROLLBACK TO SAVEPOINT undoes it with them.
 */
public final class SessionState implements SessionInfo {
    private final Database db;
    private final String user;
    private final boolean superuser;
    private final Settings settings = new Settings();
    private WriteSet transaction;
    /**
     * Set while a row stream opened in the transaction may still read {@link #transaction}: the next write then
     * replaces it with a copy rather than changing what the stream iterates (copy on write, so a transaction that
     * never leaves a stream open never copies).
     */
    private boolean transactionShared;
    private DocumentReadView transactionSnapshot;
    /** The snapshot's catalog with the transaction's DDL applied; the snapshot itself when it made none. */
    private Catalog transactionCatalog;
    /** {@link #transactionSnapshot} read through {@link #transactionCatalog}. */
    private DocumentReadView transactionView;
    private DocumentReadView statementSnapshot;
    private final List<String> savepointNames = new ArrayList<>();
    private final List<Integer> savepointSizes = new ArrayList<>();
    /** Settings as BEGIN found them: ROLLBACK returns to them, since SET is transactional as in PostgreSQL. */
    private Settings.Saved settingsAtBegin;
    /**
     * After a SET LOCAL in the open transaction, the settings without the LOCAL changes (plain SET and RESET go to
     * both): what COMMIT keeps. Null while no SET LOCAL has run.
     */
    private Settings sessionSettings;
    /** Per savepoint: the settings, and {@link #sessionSettings}, as the savepoint found them. */
    private final List<Settings.Saved[]> savepointSettings = new ArrayList<>();
    private boolean failed;
    /** Set by another thread (a CancelRequest) while a statement runs; the running statement stops at its next batch. */
    private volatile boolean cancelRequested;
    private volatile boolean running;

    public SessionState(Database db, String user) {
        this(db, user, true);
    }

    /** superuser is decided by whoever opened the session (the authenticator); it gates user management. */
    public SessionState(Database db, String user, boolean superuser) {
        this.db = db;
        this.user = user;
        this.superuser = superuser;
    }

    @Override
    public boolean superuser() {
        return superuser;
    }

    public Database db() {
        return db;
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public String setting(String name) {
        return settings.get(name);
    }

    @Override
    public ZoneId zone() {
        return settings.zone();
    }

    public Settings settings() {
        return settings;
    }

    public boolean inTransaction() {
        return transaction != null;
    }

    /** The catalog statements are planned against: the transaction's (see the class comment), else the latest. */
    public Catalog catalog() {
        return transaction != null ? transactionCatalog : db.catalog();
    }

    /** Whether {@link #catalog()} holds DDL no other session sees, so plans made for it are not to be shared. */
    public boolean privateCatalog() {
        return transaction != null && transactionCatalog != transactionSnapshot.catalog();
    }

    public boolean failed() {
        return failed;
    }

    public void markFailed() {
        if (transaction != null) {
            failed = true;
        }
    }

    /** The data a statement reads, with the given statement-local writes (may be null) laid over. */
    public DataView view(WriteSet statementWrites) {
        return view(statementWrites, false);
    }

    /**
     * As {@link #view(WriteSet)}; {@code singleRead} says the statement reads one document and nothing else, so
     * outside a transaction it needs no snapshot.
     */
    public DataView view(WriteSet statementWrites, boolean singleRead) {
        return dataView(statementWrites, singleRead && statementWrites == null);
    }

    /** {@code withoutSnapshot}: outside a transaction the statement's reads need no snapshot. */
    private DataView dataView(WriteSet statementWrites, boolean withoutSnapshot) {
        // Immutable lists, which the view keeps without copying.
        List<WriteSet> overlays = transaction == null
                ? (statementWrites == null ? List.of() : List.of(statementWrites))
                : (statementWrites == null ? List.of(transaction) : List.of(transaction, statementWrites));
        DocumentReadView snapshot = transactionView;
        if (snapshot == null) {
            if (statementSnapshot == null) {
                statementSnapshot = withoutSnapshot ? db.singleReadView() : db.readView();
            }
            snapshot = statementSnapshot;
        }
        return new DataView(snapshot, overlays, db);
    }

    /** Marks the start of a statement, so that only a statement that is running can be cancelled. */
    public void beginStatement() {
        cancelRequested = false;
        running = true;
    }

    /** Asks the running statement, if any, to stop with 57014. */
    public void cancel() {
        if (running) {
            cancelRequested = true;
        }
    }

    @Override
    public boolean cancelRequested() {
        return cancelRequested;
    }

    public void endStatement() {
        running = false;
        cancelRequested = false;
        if (statementSnapshot != null) {
            statementSnapshot.close();
            statementSnapshot = null;
        }
    }

    /**
     * Hands the snapshot the running statement took outside a transaction to the caller, who must close it: a
     * row stream keeps reading it after the statement's end. Null inside a transaction (the stream reads the
     * transaction's snapshot, which COMMIT or ROLLBACK closes) or when the statement read nothing yet.
     */
    public DocumentReadView detachStatementSnapshot() {
        DocumentReadView s = statementSnapshot;
        statementSnapshot = null;
        return s;
    }

    /**
     * Says that a row stream reads the transaction's pending writes after its statement ended: later statements of
     * the transaction write to a copy, so the stream sees the transaction as it was when it started (as a
     * PostgreSQL cursor does) and never iterates writes that change under it.
     */
    public void shareTransactionWrites() {
        if (transaction != null) {
            transactionShared = true;
        }
    }

    /** The transaction's write set, copied first if a stream may still read it. */
    private WriteSet transactionWrites() {
        if (transactionShared) {
            transaction = transaction.copy();
            transactionShared = false;
        }
        return transaction;
    }

    public ExecContext context(Value[] params, WriteSet statementWrites) {
        return context(params, statementWrites, false);
    }

    /**
     * An execution context for a write whose every read is made again when its record is applied, against the
     * state it applies to (an INSERT's primary-key lookups, answered again by the applier's duplicate check, and its
     * foreign-key lookups, which become checks in the record): outside a transaction it reads without a snapshot,
     * as a single read does ({@link Database#singleReadView}), since no answer a snapshot gives could change the
     * outcome. Inside a transaction it reads the transaction's snapshot like any statement.
     */
    public ExecContext rereadWriteContext(Value[] params, WriteSet statementWrites) {
        return new ExecContext(params, SessionState::clockMicros, dataView(statementWrites, true), this);
    }

    /** An execution context; {@code singleRead} as in {@link #view(WriteSet, boolean)}. */
    public ExecContext context(Value[] params, WriteSet statementWrites, boolean singleRead) {
        return new ExecContext(params, SessionState::clockMicros, view(statementWrites, singleRead), this);
    }

    private static long clockMicros() {
        return Value.Timestamp.of(Instant.now()).micros();
    }

    /** Makes a statement's writes take effect: now, or at COMMIT inside a transaction. */
    public void apply(WriteSet writes) {
        if (writes.isEmpty()) {
            return;
        }
        VectorWriteCheck.check(db.vectors(), writes.mutations());
        if (transaction != null) {
            kvOnly(transaction.mutations(), writes.mutations());
            transactionWrites().addAll(writes);
        } else {
            submit(writes);
        }
    }

    /**
     * Submits writes as one log record: a document batch, or a KV batch when they all go to KEY_VALUE collections.
     * Writes to both kinds cannot share a record (each engine applies its own record type), so they are refused
     * rather than split into two records that could apply separately.
     */
    private void submit(WriteSet writes) {
        submit(writes, null);
    }

    /**
     * As {@link #submit(WriteSet)}; a transaction's document writes are led by checks that every collection of
     * {@code base} (its snapshot's catalog, null outside a transaction) they write or change is unchanged.
     */
    private void submit(WriteSet writes, Catalog base) {
        boolean waitForFsync = settings.synchronousCommit();
        if (kvOnly(List.of(), writes.mutations())) {
            long now = db.clockMicros();
            db.submitKv(now, io.nodedb.sql.storage.KvRows.toOps(writes.mutations(), db.catalog(), now,
                    db.kv()::exists), waitForFsync);
        } else if (base != null) {
            db.submit(TransactionDdl.guarded(base, writes.mutations()), waitForFsync);
        } else {
            db.submit(writes.mutations(), waitForFsync, writes.knownAbsent());
        }
    }

    /** Whether the writes (earlier ones first) all go to KV collections; 0A000 if they mix KV and others. */
    private boolean kvOnly(List<io.nodedb.core.document.Mutation> earlier,
            List<io.nodedb.core.document.Mutation> later) {
        int kv = 0;
        int other = 0;
        for (List<io.nodedb.core.document.Mutation> list : List.of(earlier, later)) {
            for (io.nodedb.core.document.Mutation m : list) {
                String c = switch (m) {
                    case io.nodedb.core.document.Mutation.PutDocument p -> p.collection();
                    case io.nodedb.core.document.Mutation.DeleteDocument d -> d.collection();
                    default -> null;
                };
                if (c != null && io.nodedb.sql.storage.KvRows.isKv(catalog(), c)) {
                    kv++;
                } else {
                    other++;
                }
            }
        }
        if (kv > 0 && other > 0) {
            throw SqlErrors.notSupported("writing KEY_VALUE and other collections in one statement or transaction");
        }
        return kv > 0;
    }

    public void requireNoTransaction(String what) {
        if (transaction != null) {
            throw SqlErrors.notSupported(what + " inside a transaction block");
        }
    }

    /**
     * Runs DDL mutations: now as one log record outside a transaction; inside one they are checked against the
     * transaction's catalog (the errors the applier would give), change it for the transaction's later statements
     * and join its write set. All of {@code batch} takes effect or, on an error, none of it.
     */
    public void ddl(List<Mutation> batch) {
        if (transaction == null) {
            db.submit(batch);
            return;
        }
        kvOnly(transaction.mutations(), batch);
        TransactionDdl.check(transactionCatalog, batch, db.vectors());
        for (Mutation m : batch) {
            record(m);
        }
    }

    /** Adds one mutation to the transaction, applying it to the transaction's catalog if it is DDL. */
    private void record(Mutation m) {
        WriteSet writes = transactionWrites();
        Catalog next = TransactionDdl.apply(transactionCatalog, m, writes);
        writes.add(m);
        if (next != transactionCatalog) {
            transactionCatalog = next;
            transactionView = transactionSnapshot.withCatalog(next);
        }
    }

    /**
     * SET, or SET LOCAL, which lasts until the transaction ends and outside one does nothing (PostgreSQL warns and
     * ignores it too).
     */
    public void set(String name, String value, boolean local) {
        if (transaction == null) {
            if (!local) {
                settings.set(name, value);
            }
            return;
        }
        if (local) {
            Settings before = sessionSettings == null ? settings.copy() : sessionSettings;
            settings.set(name, value);
            sessionSettings = before;
        } else {
            settings.set(name, value);
            if (sessionSettings != null) {
                sessionSettings.set(name, value);
            }
        }
    }

    /** RESET name, or RESET ALL when name is null. */
    public void reset(String name) {
        for (Settings s : sessionSettings == null ? List.of(settings) : List.of(settings, sessionSettings)) {
            if (name == null) {
                s.resetAll();
            } else {
                s.reset(name);
            }
        }
    }

    public void begin() {
        if (transaction == null) {
            settingsAtBegin = settings.save();
            transaction = new WriteSet();
            transactionSnapshot = db.readView();
            transactionCatalog = transactionSnapshot.catalog();
            transactionView = transactionSnapshot;
            failed = false;
        }
    }

    /** Returns the tag: COMMIT, or ROLLBACK when the transaction had failed. */
    public String commit() {
        WriteSet writes = transaction;
        Catalog base = transactionSnapshot == null ? null : transactionSnapshot.catalog();
        boolean wasFailed = failed;
        if (wasFailed) {
            restoreSettings(settingsAtBegin);
        } else if (sessionSettings != null) {
            settings.restore(sessionSettings.save());
        }
        clear();
        if (writes == null) {
            return "COMMIT";
        }
        if (wasFailed) {
            return "ROLLBACK";
        }
        if (!writes.isEmpty()) {
            submit(writes, base);
        }
        return "COMMIT";
    }

    public void rollback() {
        restoreSettings(settingsAtBegin);
        clear();
    }

    private void restoreSettings(Settings.Saved saved) {
        if (saved != null) {
            settings.restore(saved);
        }
    }

    private void clear() {
        if (transactionSnapshot != null) {
            transactionSnapshot.close();
            transactionSnapshot = null;
        }
        transaction = null;
        transactionCatalog = null;
        transactionView = null;
        transactionShared = false;
        failed = false;
        savepointNames.clear();
        savepointSizes.clear();
        savepointSettings.clear();
        settingsAtBegin = null;
        sessionSettings = null;
    }

    public void savepoint(String name) {
        requireTransaction("SAVEPOINT");
        savepointNames.add(name);
        savepointSizes.add(transaction.size());
        savepointSettings.add(new Settings.Saved[] {settings.save(),
                sessionSettings == null ? null : sessionSettings.save()});
    }

    public void rollbackTo(String name) {
        requireTransaction("ROLLBACK TO SAVEPOINT");
        int i = find(name);
        List<Mutation> keep = List.copyOf(transaction.mutations().subList(0, savepointSizes.get(i)));
        // Replayed rather than cut, so the DDL after the savepoint leaves the transaction's catalog too.
        transaction = new WriteSet();
        transactionShared = false;
        transactionCatalog = transactionSnapshot.catalog();
        transactionView = transactionSnapshot;
        keep.forEach(this::record);
        Settings.Saved[] saved = savepointSettings.get(i);
        settings.restore(saved[0]);
        if (saved[1] == null) {
            sessionSettings = null;
        } else {
            sessionSettings.restore(saved[1]);
        }
        while (savepointNames.size() > i + 1) {
            savepointNames.removeLast();
            savepointSizes.removeLast();
            savepointSettings.removeLast();
        }
        failed = false;
    }

    public void release(String name) {
        requireTransaction("RELEASE SAVEPOINT");
        int i = find(name);
        while (savepointNames.size() > i) {
            savepointNames.removeLast();
            savepointSizes.removeLast();
            savepointSettings.removeLast();
        }
    }

    private int find(String name) {
        int i = savepointNames.lastIndexOf(name);
        if (i < 0) {
            throw SqlErrors.invalidSavepoint(name);
        }
        return i;
    }

    private void requireTransaction(String what) {
        if (transaction == null) {
            throw new NodeDbException(SqlState.NO_ACTIVE_SQL_TRANSACTION, what
                    + " can only be used in transaction blocks");
        }
    }
}
