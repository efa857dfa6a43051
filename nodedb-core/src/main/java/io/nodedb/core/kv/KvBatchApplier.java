package io.nodedb.core.kv;

import io.nodedb.core.engine.ApplyResult;
import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueCodec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Applies one batch: every operation or none. Runs on the applier thread under the engine's mutation lock.
 *
 * <p><b>Atomicity.</b> Each collection the batch touches is write-locked on first touch and stays locked until the
 * end, so readers never see part of a batch. Key changes go to a {@link KvUndoLog}; catalog changes (create, drop)
 * go to an overlay that is published only on commit. A rejected batch rolls back and leaves no trace.
 *
 * <p><b>Determinism.</b> Every decision uses the batch's time ({@code now}), never a clock: whether a key is live,
 * what absolute expiry a default TTL gives. Keys expired as of {@code now} count as absent whether or not the reaper
 * has removed them yet, and the reaper never removes a key that is live at the engine's log time, so the same
 * records give the same results on replay.
 *
 * <p><b>Memory budgets</b> are checked after the last operation, only for batches that can grow the data (so a
 * batch of deletes always succeeds). A collection over its budget first drops its keys expired as of {@code now}
 * (which are logically gone anyway, so the verdict cannot depend on when the reaper last ran), then fails the batch
 * with 53200 if still over. Nothing live is ever evicted to make room.
 */
final class KvBatchApplier {
    private final Map<String, KvCollection> published;
    private final KvOptions options;
    private final LongSupplier seeds;
    private final long lsn;
    private final long now;
    private final KvUndoLog undo = new KvUndoLog();
    /** Catalog changes of this batch: a name mapped to null was dropped. */
    private final Map<String, KvCollection> overlay = new HashMap<>();
    private final List<KvCollection> created = new ArrayList<>();
    private final List<KvCollection> droppedPublished = new ArrayList<>();
    private final Map<KvCollection, Long> locks = new IdentityHashMap<>();
    private final Map<KvCollection, Boolean> touched = new LinkedHashMap<>();
    private boolean grows;

    KvBatchApplier(Map<String, KvCollection> published, KvOptions options, LongSupplier seeds, long lsn, long now) {
        this.published = published;
        this.options = options;
        this.seeds = seeds;
        this.lsn = lsn;
        this.now = now;
    }

    ApplyResult apply(List<KvOp> ops) {
        List<Long> affected = new ArrayList<>(ops.size());
        List<Value> returned = new ArrayList<>(ops.size());
        try {
            try {
                for (KvOp op : ops) {
                    affected.add(applyOne(op, returned));
                }
                if (grows) {
                    checkBudgets();
                }
            } catch (NodeDbException e) {
                undo.rollback();
                created.forEach(c -> c.store().close());
                return ApplyResult.failed(lsn, e);
            }
            commit();
            return ApplyResult.ok(lsn, affected, returned);
        } finally {
            locks.forEach((c, stamp) -> c.lock.unlockWrite(stamp));
        }
    }

    private void commit() {
        undo.commit();
        for (KvCollection c : touched.keySet()) {
            c.lastWriteLsn = lsn;
        }
        for (KvCollection c : droppedPublished) {
            c.dropped = true;
            published.remove(c.name, c);
            c.store().close();
        }
        for (KvCollection c : created) {
            if (overlay.get(c.name) == c) {
                published.put(c.name, c);
            } else {
                c.store().close(); // created and dropped in the same batch
            }
        }
    }

    private KvCollection resolve(String name) {
        if (overlay.containsKey(name)) {
            return overlay.get(name);
        }
        return published.get(name);
    }

    private KvCollection require(String name) {
        KvCollection c = resolve(name);
        if (c == null) {
            throw new NodeDbException(SqlState.UNDEFINED_TABLE, "kv collection \"" + name + "\" does not exist");
        }
        touch(c);
        return c;
    }

    private void touch(KvCollection c) {
        if (!locks.containsKey(c)) {
            locks.put(c, c.lock.writeLock());
        }
        touched.put(c, Boolean.TRUE);
    }

    KvStore newStore() {
        return new KvStore(options.initialCapacity(), seeds.getAsLong(), now);
    }

    private long applyOne(KvOp op, List<Value> returned) {
        Value result = Value.NULL;
        long n = switch (op) {
            case KvOp.CreateKvCollection c -> create(c);
            case KvOp.DropKvCollection d -> drop(d);
            case KvOp.Put p -> put(p);
            case KvOp.Delete d -> {
                Target t = target(d.collection(), d.key());
                if (t.pos < 0) {
                    yield 0;
                }
                t.store.remove(t.pos, undo);
                yield 1;
            }
            case KvOp.Expire e -> expire(e);
            case KvOp.Persist p -> {
                Target t = target(p.collection(), p.key());
                if (t.pos < 0 || t.store.expireAt(t.pos) == 0) {
                    yield 0;
                }
                t.store.setExpire(t.pos, 0, undo);
                yield 1;
            }
            case KvOp.Truncate t -> truncate(t);
            case KvOp.Incr i -> {
                grows = true;
                Target t = target(i.collection(), i.key());
                long current = t.pos < 0 ? 0 : KvNumbers.asLong(t.store.valueAt(t.pos), i.collection(), i.key());
                long next;
                try {
                    next = Math.addExact(current, i.delta());
                } catch (ArithmeticException overflow) {
                    throw new NodeDbException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "incrementing " + current + " by "
                            + i.delta() + " overflows a 64-bit integer (key " + KvNumbers.show(i.key()) + ")");
                }
                write(t, i.key(), ValueCodec.encode(new Value.Int(next)), expiry(i.expireAtMicros(), t, false));
                result = new Value.Int(next);
                yield 1;
            }
            case KvOp.IncrFloat i -> {
                grows = true;
                Target t = target(i.collection(), i.key());
                double current = t.pos < 0 ? 0 : KvNumbers.asDouble(t.store.valueAt(t.pos), i.collection(), i.key());
                double next = current + i.delta();
                if (!Double.isFinite(next)) {
                    throw new NodeDbException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "incrementing " + current + " by "
                            + i.delta() + " gives " + next + " (key " + KvNumbers.show(i.key()) + ")");
                }
                write(t, i.key(), ValueCodec.encode(new Value.Float(next)), expiry(i.expireAtMicros(), t, false));
                result = new Value.Float(next);
                yield 1;
            }
            case KvOp.Cas c -> {
                grows = true;
                Target t = target(c.collection(), c.key());
                boolean match = c.expected() == null ? t.pos < 0 : t.pos >= 0 && t.store.valueEquals(t.pos, c.expected());
                if (match) {
                    write(t, c.key(), c.newValue(), expiry(c.expireAtMicros(), t, false));
                }
                result = Value.Bool.of(match);
                yield match ? 1 : 0;
            }
            case KvOp.GetSet g -> {
                grows = true;
                Target t = target(g.collection(), g.key());
                byte[] previous = t.pos < 0 ? null : t.store.valueAt(t.pos);
                write(t, g.key(), g.value(), expiry(g.expireAtMicros(), t, true));
                result = previous == null ? Value.NULL : new Value.Bytes(previous);
                yield 1;
            }
            case KvOp.CreateKvIndex c -> createIndex(c);
            case KvOp.DropKvIndex d -> dropIndex(d);
        };
        returned.add(result);
        return n;
    }

    private long create(KvOp.CreateKvCollection c) {
        if (c.name().isEmpty() || c.defaultTtlMicros() < 0 || c.memoryBudgetBytes() < 0) {
            throw new NodeDbException(SqlState.INVALID_PARAMETER_VALUE, "kv collection needs a name, a TTL >= 0 "
                    + "and a memory budget >= 0; got \"" + c.name() + "\", " + c.defaultTtlMicros() + " us, "
                    + c.memoryBudgetBytes() + " bytes");
        }
        if (resolve(c.name()) != null) {
            if (c.ifNotExists()) {
                return 0;
            }
            throw new NodeDbException(SqlState.DUPLICATE_TABLE, "kv collection \"" + c.name() + "\" already exists");
        }
        KvCollection coll = new KvCollection(c.name(), c.defaultTtlMicros(), c.memoryBudgetBytes(), newStore(), lsn);
        overlay.put(c.name(), coll);
        created.add(coll);
        touch(coll);
        return 1;
    }

    private long drop(KvOp.DropKvCollection d) {
        KvCollection c = resolve(d.name());
        if (c == null) {
            if (d.ifExists()) {
                return 0;
            }
            throw new NodeDbException(SqlState.UNDEFINED_TABLE, "kv collection \"" + d.name() + "\" does not exist");
        }
        touch(c);
        overlay.put(d.name(), null);
        touched.remove(c);
        if (!created.contains(c)) {
            droppedPublished.add(c);
        }
        return 1;
    }

    private long put(KvOp.Put p) {
        grows = true;
        Target t = target(p.collection(), p.key());
        if (p.mode() == KvOp.PutMode.INSERT && t.pos >= 0) {
            throw new NodeDbException(SqlState.UNIQUE_VIOLATION, "duplicate key: kv collection \"" + p.collection()
                    + "\" already has key " + KvNumbers.show(p.key()));
        }
        if ((p.mode() == KvOp.PutMode.NX && t.pos >= 0) || (p.mode() == KvOp.PutMode.XX && t.pos < 0)) {
            return 0;
        }
        write(t, p.key(), p.value(), expiry(p.expireAtMicros(), t, true));
        return 1;
    }

    private long expire(KvOp.Expire e) {
        if (e.expireAtMicros() <= 0) {
            throw new NodeDbException(SqlState.INVALID_PARAMETER_VALUE, "an expiry must be an absolute time in "
                    + "microseconds since the epoch, got " + e.expireAtMicros());
        }
        Target t = target(e.collection(), e.key());
        if (t.pos < 0) {
            return 0;
        }
        if (e.expireAtMicros() <= now) {
            t.store.remove(t.pos, undo);
        } else {
            t.store.setExpire(t.pos, e.expireAtMicros(), undo);
        }
        return 1;
    }

    private long truncate(KvOp.Truncate op) {
        KvCollection c = require(op.collection());
        KvStore previous = c.store();
        long live = previous.liveCount(now);
        KvStore fresh = newStore();
        for (KvIndex i : previous.indexes()) {
            fresh.addIndex(new KvIndex(i.name(), i.path()));
        }
        c.setStore(fresh);
        undo.swapped(c, previous, fresh);
        return live;
    }

    private long createIndex(KvOp.CreateKvIndex op) {
        KvStore s = require(op.collection()).store();
        if (s.index(op.name()) != null) {
            if (op.ifNotExists()) {
                return 0;
            }
            throw new NodeDbException(SqlState.DUPLICATE_OBJECT, "kv collection \"" + op.collection()
                    + "\" already has an index \"" + op.name() + "\"");
        }
        KvIndex index = new KvIndex(op.name(), op.path());
        s.addIndex(index);
        undo.indexAdded(s, index);
        return 1;
    }

    private long dropIndex(KvOp.DropKvIndex op) {
        KvStore s = require(op.collection()).store();
        KvIndex index = s.index(op.name());
        if (index == null) {
            if (op.ifExists()) {
                return 0;
            }
            throw new NodeDbException(SqlState.UNDEFINED_OBJECT, "kv collection \"" + op.collection()
                    + "\" has no index \"" + op.name() + "\"");
        }
        s.removeIndex(index);
        undo.indexRemoved(s, index);
        return 1;
    }

    /** The collection, store, hash and live position of one key, looked up once per operation. */
    private record Target(KvCollection collection, KvStore store, long hash, int pos) {
    }

    private Target target(String collection, byte[] key) {
        KvCollection c = require(collection);
        KvStore s = c.store();
        s.beforeWrite();
        long h = s.hash(key);
        return new Target(c, s, h, s.findLive(key, h, now));
    }

    private void write(Target t, byte[] key, byte[] value, long expire) {
        if (value.length > options.maxValueBytes()) {
            throw new NodeDbException(SqlState.PROGRAM_LIMIT_EXCEEDED, "value of " + value.length + " bytes for key "
                    + KvNumbers.show(key) + " exceeds the limit of " + options.maxValueBytes() + " bytes");
        }
        t.store.put(key, t.hash, value, expire, undo);
    }

    /**
     * The absolute expiry a write gives the key. {@code putLike}: a plain write replaces the TTL with the default;
     * otherwise (INCR, CAS) an existing key keeps its TTL.
     */
    private long expiry(long requested, Target t, boolean putLike) {
        if (requested > 0) {
            return requested;
        }
        if (requested < KvOp.TTL_KEEP) {
            throw new NodeDbException(SqlState.INVALID_PARAMETER_VALUE, "invalid expiry " + requested
                    + ": use an absolute time in microseconds, 0 for the collection default or -1 to keep the TTL");
        }
        boolean keep = requested == KvOp.TTL_KEEP || !putLike;
        if (keep && t.pos >= 0) {
            return t.store.expireAt(t.pos);
        }
        return t.collection.defaultExpireAt(now);
    }

    private void checkBudgets() {
        for (KvCollection c : touched.keySet()) {
            long budget = c.memoryBudgetBytes;
            if (budget <= 0 || c.store().usedBytes() <= budget) {
                continue;
            }
            c.store().purgeExpired(now);
            if (c.store().usedBytes() > budget) {
                throw new NodeDbException(SqlState.OUT_OF_MEMORY, "kv collection \"" + c.name + "\" would use "
                        + c.store().usedBytes() + " bytes, over its memory budget of " + budget + " bytes; nothing "
                        + "was written. Delete keys, set TTLs or raise the budget, then retry");
            }
        }
        long total = options.memoryBudgetBytes();
        if (total > 0 && totalUsed() > total) {
            for (KvCollection c : live()) {
                touchForPurge(c);
                c.store().purgeExpired(now);
            }
            long used = totalUsed();
            if (used > total) {
                throw new NodeDbException(SqlState.OUT_OF_MEMORY, "key-value data would use " + used + " bytes, over "
                        + "the node's key-value memory budget of " + total + " bytes; nothing was written. Delete "
                        + "keys, set TTLs or raise the budget, then retry");
            }
        }
    }

    /** Locks without marking the collection changed: purging expired keys is not a logical change. */
    private void touchForPurge(KvCollection c) {
        if (!locks.containsKey(c)) {
            locks.put(c, c.lock.writeLock());
        }
    }

    private List<KvCollection> live() {
        List<KvCollection> out = new ArrayList<>();
        for (KvCollection c : published.values()) {
            if (!overlay.containsKey(c.name)) {
                out.add(c);
            }
        }
        for (KvCollection c : overlay.values()) {
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    private long totalUsed() {
        long sum = 0;
        for (KvCollection c : live()) {
            sum += c.store().usedBytes();
        }
        return sum;
    }
}
