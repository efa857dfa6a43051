package io.nodedb.server.resp;

import io.nodedb.core.engine.ApplyResult;
import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.kv.KvEngine;
import io.nodedb.core.kv.KvEntry;
import io.nodedb.core.kv.KvOp;
import io.nodedb.core.kv.KvOptions;
import io.nodedb.core.kv.KvScanPage;
import io.nodedb.core.kv.KvValue;
import io.nodedb.core.value.Value;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * One connection's state (current collection, authentication, subscriptions) and the commands. Runs on the
 * connection's own virtual thread, one batch of commands at a time, so it needs no locking.
 *
 * <p><b>Batching.</b> A run of consecutive write commands that map onto plain engine operations (SET, MSET, DEL,
 * EXPIRE, INCR...) goes to the engine as one {@code submitKv} call: one log record, one fsync, however long the
 * run. The engine applies a batch all-or-nothing, so if the shared batch is rejected (one INCR on a non-number,
 * say) every command of the run is retried alone, and each gets its own reply or error, exactly as if they had
 * been sent one by one. Reads and read-modify-write commands end a run, which keeps replies in command order and
 * makes every write visible to the commands after it.
 */
final class RespSession {
    static final String DEFAULT_COLLECTION = "default";
    /** Most operations in one shared batch; a longer run is split. */
    private static final int MAX_BATCH_OPS = 4096;
    /** Most value bytes in one shared batch, well under the log's 64 MiB record limit. */
    private static final long MAX_BATCH_BYTES = 8 << 20;
    /**
     * Off only to measure what batching buys ({@code -Dnodedb.resp.batchWrites=false}): each write command then
     * gets its own log record, as if the client had not pipelined.
     */
    private static final boolean BATCH_WRITES = !"false".equals(System.getProperty("nodedb.resp.batchWrites"));

    final RespContext context;
    final RespConnection connection;
    final KvEngine kv;
    private final RespStructures structures;
    String collection = DEFAULT_COLLECTION;
    private boolean authenticated;
    private String clientName;
    private final Set<String> subscriptions = new LinkedHashSet<>();

    RespSession(RespContext context, RespConnection connection) {
        this.context = context;
        this.connection = connection;
        this.kv = context.database.kv();
        this.authenticated = context.authCheck == null;
        this.structures = new RespStructures(this);
    }

    RespOut out() {
        return connection.out();
    }

    // ---- running a batch ----

    /** A write command turned into engine operations, and how to reply once they are applied. */
    record Planned(List<KvOp> ops, Replier replier, Function<NodeDbException, String> errors) {
        /** Roughly what the operations add to a log record: keys and values. */
        long bytes() {
            long n = 0;
            for (KvOp op : ops) {
                n += 16 + switch (op) {
                    case KvOp.Put put -> put.key().length + put.value().length;
                    case KvOp.Delete d -> d.key().length;
                    case KvOp.Expire e -> e.key().length;
                    case KvOp.Persist pe -> pe.key().length;
                    case KvOp.Incr i -> i.key().length;
                    case KvOp.IncrFloat f -> f.key().length;
                    default -> 0;
                };
            }
            return n;
        }
    }

    @FunctionalInterface
    private interface Replier {
        void reply(RespOut out, List<Long> affected, List<Value> returned);
    }

    /** Commands that only read the engine's memory (or nothing): they never wait for the log or a lock holder. */
    private static final Set<String> NEVER_WAIT = Set.of("GET", "MGET", "EXISTS", "STRLEN", "TTL", "PTTL", "TYPE",
            "PING", "ECHO", "DBSIZE", "HGET", "HMGET", "HGETALL", "HLEN", "HEXISTS", "ZSCORE", "ZCARD");

    /** Whether every command of a read is one that never waits, so the event loop may run it. */
    static boolean neverWaits(List<Object> frames) {
        if (frames.size() > 64) {
            return false; // a long pipeline could hold the event loop (and its other connections) too long
        }
        for (Object f : frames) {
            if (!(f instanceof byte[][] cmd) || cmd.length == 0 || cmd[0].length > 8
                    || !NEVER_WAIT.contains(new String(cmd[0], StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The commands of one read planned as writes, if every one of them is a write that plans into engine operations
     * and they fit one batch; null when the read needs the general path ({@link #run}).
     */
    List<Planned> planWrites(List<Object> frames) {
        if (!authenticated || !subscriptions.isEmpty() || frames.size() > MAX_BATCH_OPS
                || (frames.size() > 1 && !BATCH_WRITES)) {
            return null;
        }
        List<Planned> out = new ArrayList<>(frames.size());
        long bytes = 0;
        int ops = 0;
        for (Object f : frames) {
            if (!(f instanceof byte[][] cmd) || cmd.length == 0) {
                return null;
            }
            Planned p;
            try {
                p = plan(new String(cmd[0], StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT), cmd);
            } catch (RespError | NodeDbException e) {
                return null; // the general path reports it, in order
            }
            if (p == null) {
                return null;
            }
            ops += p.ops.size();
            bytes += p.bytes();
            if (ops > MAX_BATCH_OPS || bytes > MAX_BATCH_BYTES) {
                return null;
            }
            out.add(p);
        }
        return out;
    }

    /**
     * Submits planned writes as one batch without waiting. The future yields whether it was applied; on false
     * nothing of it was, and the caller runs the read through {@link #run} (which retries each command alone).
     */
    java.util.concurrent.CompletableFuture<ApplyResult> submitWrites(List<Planned> run) {
        List<KvOp> all = new ArrayList<>();
        if (!kv.exists(collection)) {
            all.add(new KvOp.CreateKvCollection(collection, 0, 0, true));
        }
        run.forEach(p -> all.addAll(p.ops));
        return context.database.submitKvAsync(all);
    }

    /** Writes the replies of writes {@link #submitWrites} applied. */
    void replyWrites(List<Planned> run, ApplyResult r) {
        context.commands.add(run.size());
        // skips a created collection's result
        replyAll(run, r.affected(), r.returned(), r.affected().size() - run.stream().mapToInt(p -> p.ops.size()).sum());
    }

    /** Replies to each planned command of one applied batch, whose results start at {@code at}. */
    private void replyAll(List<Planned> run, List<Long> affected, List<Value> returned, int at) {
        context.writeBatches.increment();
        context.batchedCommands.add(run.size());
        for (Planned p : run) {
            int n = p.ops.size();
            p.replier.reply(out(), affected.subList(at, at + n), returned.subList(at, at + n));
            at += n;
        }
    }

    /** Runs the commands of one read, in order. Returns true if the connection must close afterwards. */
    boolean run(List<Object> frames) {
        List<Planned> run = new ArrayList<>();
        int runOps = 0;
        long runBytes = 0;
        for (Object frame : frames) {
            if (frame instanceof RespProtocolException e) {
                submitRun(run);
                context.protocolErrors.increment();
                out().error("ERR Protocol error: " + e.getMessage());
                return true;
            }
            byte[][] cmd = (byte[][]) frame;
            String name = new String(cmd[0], StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT);
            context.commands.increment();
            Planned p;
            try {
                p = authenticated && subscriptions.isEmpty() ? plan(name, cmd) : null;
            } catch (RespError e) {
                submitRun(run);
                runOps = 0;
                runBytes = 0;
                error(e.getMessage());
                continue;
            }
            if (p != null) {
                long bytes = p.bytes();
                if (runOps + p.ops.size() > MAX_BATCH_OPS || runBytes + bytes > MAX_BATCH_BYTES) {
                    submitRun(run);
                    runOps = 0;
                    runBytes = 0;
                }
                run.add(p);
                runOps += p.ops.size();
                runBytes += bytes;
                continue;
            }
            submitRun(run);
            runOps = 0;
            runBytes = 0;
            try {
                if (execute(name, cmd)) {
                    return true;
                }
            } catch (RespError e) {
                error(e.getMessage());
            } catch (NodeDbException e) {
                error(generic(e));
            }
            connection.flushIfLarge();
        }
        submitRun(run);
        return false;
    }

    private void error(String message) {
        context.errors.increment();
        out().error(message);
    }

    private void submitRun(List<Planned> run) {
        if (run.isEmpty()) {
            return;
        }
        if (run.size() > 1 && BATCH_WRITES) {
            List<KvOp> ops = new ArrayList<>();
            run.forEach(p -> ops.addAll(p.ops));
            try {
                Result r = submit(ops);
                replyAll(run, r.affected, r.returned, 0);
                run.clear();
                connection.flushIfLarge();
                return;
            } catch (NodeDbException rejected) {
                // one command spoiled the shared batch, and nothing of it was applied: run each alone below
            }
        }
        for (Planned p : run) {
            try {
                Result r = submit(p.ops);
                context.writeBatches.increment();
                context.batchedCommands.increment();
                p.replier.reply(out(), r.affected, r.returned);
            } catch (NodeDbException e) {
                error(p.errors.apply(e));
            }
        }
        run.clear();
        connection.flushIfLarge();
    }

    // ---- engine access shared with RespStructures ----

    record Result(List<Long> affected, List<Value> returned) {
    }

    /**
     * Submits operations on the current collection, creating it first if it does not exist (in the same batch,
     * so the write and the creation are one atomic record).
     */
    Result submit(List<KvOp> ops) {
        boolean create = !kv.exists(collection);
        try {
            return submit(ops, create);
        } catch (NodeDbException e) {
            if (!create && e.state() == SqlState.UNDEFINED_TABLE) {
                return submit(ops, true); // dropped between the check and the write
            }
            throw e;
        }
    }

    private Result submit(List<KvOp> ops, boolean create) {
        List<KvOp> all = ops;
        if (create) {
            all = new ArrayList<>(ops.size() + 1);
            all.add(new KvOp.CreateKvCollection(collection, 0, 0, true));
            all.addAll(ops);
        }
        ApplyResult r = context.database.submitKv(all);
        int skip = create ? 1 : 0;
        return new Result(r.affected().subList(skip, r.affected().size()),
                r.returned().subList(skip, r.returned().size()));
    }

    /** The live value of a key in the current collection, or null (a missing collection holds nothing). */
    KvValue read(byte[] key) {
        try {
            return kv.get(collection, key);
        } catch (NodeDbException e) {
            if (e.state() == SqlState.UNDEFINED_TABLE) {
                return null;
            }
            throw e;
        }
    }

    static long now() {
        return KvOptions.systemMicros();
    }

    static String generic(NodeDbException e) {
        if (e.state() == SqlState.OUT_OF_MEMORY) {
            return "OOM " + e.getMessage();
        }
        return "ERR " + e.getMessage();
    }

    // ---- writes that batch ----

    private Planned plan(String name, byte[][] a) {
        return switch (name) {
            case "SET" -> {
                SetArgs s = SetArgs.parse(a, 3, now());
                if (s.get) {
                    yield null;
                }
                yield new Planned(List.of(new KvOp.Put(collection, a[1], RespValues.string(a[2]), s.expire, s.mode)),
                        (out, n, r) -> {
                            if (n.getFirst() == 1) {
                                out.ok();
                            } else {
                                out.nullBulk();
                            }
                        }, RespSession::generic);
            }
            case "SETNX" -> {
                arity(a, 3, 3);
                yield new Planned(List.of(new KvOp.Put(collection, a[1], RespValues.string(a[2]), KvOp.TTL_DEFAULT,
                        KvOp.PutMode.NX)), (out, n, r) -> out.integer(n.getFirst()), RespSession::generic);
            }
            case "SETEX", "PSETEX" -> {
                arity(a, 4, 4);
                long t = integer(a[2]);
                if (t <= 0) {
                    throw new RespError("ERR invalid expire time in '" + name.toLowerCase(java.util.Locale.ROOT) + "' command");
                }
                long expire = expireAt(now(), t, name.equals("SETEX") ? 1_000_000 : 1_000, name);
                yield new Planned(List.of(new KvOp.Put(collection, a[1], RespValues.string(a[3]), expire,
                        KvOp.PutMode.SET)), (out, n, r) -> out.ok(), RespSession::generic);
            }
            case "MSET" -> {
                if (a.length < 3 || a.length % 2 == 0) {
                    throw RespError.arity(name);
                }
                List<KvOp> ops = new ArrayList<>();
                for (int i = 1; i < a.length; i += 2) {
                    ops.add(new KvOp.Put(collection, a[i], RespValues.string(a[i + 1])));
                }
                yield new Planned(ops, (out, n, r) -> out.ok(), RespSession::generic);
            }
            case "DEL", "UNLINK" -> {
                arity(a, 2, Integer.MAX_VALUE);
                List<KvOp> ops = new ArrayList<>();
                for (int i = 1; i < a.length; i++) {
                    ops.add(new KvOp.Delete(collection, a[i]));
                }
                yield new Planned(ops, (out, n, r) -> out.integer(n.stream().mapToLong(Long::longValue).sum()),
                        RespSession::generic);
            }
            case "EXPIRE", "PEXPIRE", "EXPIREAT", "PEXPIREAT" -> {
                arity(a, 3, 3);
                long t = integer(a[2]);
                long unit = name.startsWith("P") ? 1_000 : 1_000_000;
                long expire = name.endsWith("AT") ? expireAt(0, t, unit, name) : expireAt(now(), t, unit, name);
                // the engine takes absolute times > 0; anything at or before now deletes the key, as in Redis
                yield new Planned(List.of(new KvOp.Expire(collection, a[1], Math.max(1, expire))),
                        (out, n, r) -> out.integer(n.getFirst()), RespSession::generic);
            }
            case "PERSIST" -> {
                arity(a, 2, 2);
                yield new Planned(List.of(new KvOp.Persist(collection, a[1])),
                        (out, n, r) -> out.integer(n.getFirst()), RespSession::generic);
            }
            case "INCR", "DECR", "INCRBY", "DECRBY" -> {
                boolean by = name.endsWith("BY");
                arity(a, by ? 3 : 2, by ? 3 : 2);
                long delta = by ? integer(a[2]) : 1;
                if (name.startsWith("DECR")) {
                    if (delta == Long.MIN_VALUE) {
                        throw new RespError("ERR decrement would overflow");
                    }
                    delta = -delta;
                }
                byte[] key = a[1];
                yield new Planned(List.of(new KvOp.Incr(collection, key, delta, KvOp.TTL_DEFAULT)),
                        (out, n, r) -> out.integer(((Value.Int) r.getFirst()).value()),
                        e -> numericError(e, key, false));
            }
            case "INCRBYFLOAT" -> {
                arity(a, 3, 3);
                double delta = RespValues.parseDouble(a[2]);
                if (Double.isInfinite(delta)) {
                    throw new RespError("ERR increment would produce NaN or Infinity");
                }
                byte[] key = a[1];
                yield new Planned(List.of(new KvOp.IncrFloat(collection, key, delta, KvOp.TTL_DEFAULT)),
                        (out, n, r) -> out.bulk(RespValues.formatDouble(((Value.Float) r.getFirst()).value())),
                        e -> numericError(e, key, true));
            }
            default -> null;
        };
    }

    /** Redis's wording for a failed INCR: WRONGTYPE for hashes and sorted sets, else not a number / overflow. */
    private String numericError(NodeDbException e, byte[] key, boolean isFloat) {
        if (e.state() == SqlState.CANNOT_COERCE) {
            KvValue v = read(key);
            if (v != null && RespValues.kindOfStored(v.value()) != RespValues.Kind.STRING) {
                return RespError.WRONGTYPE;
            }
            return isFloat ? "ERR value is not a valid float" : "ERR value is not an integer or out of range";
        }
        if (e.state() == SqlState.NUMERIC_VALUE_OUT_OF_RANGE) {
            return isFloat ? "ERR increment would produce NaN or Infinity" : "ERR increment or decrement would overflow";
        }
        return generic(e);
    }

    /** SET's options, resolved to an engine expiry and put mode. */
    record SetArgs(long expire, KvOp.PutMode mode, boolean get) {
        static SetArgs parse(byte[][] a, int from, long now) {
            if (a.length < 3) {
                throw RespError.arity("set");
            }
            long expire = KvOp.TTL_DEFAULT;
            boolean timed = false;
            KvOp.PutMode mode = KvOp.PutMode.SET;
            boolean get = false;
            for (int i = from; i < a.length; i++) {
                String opt = new String(a[i], StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT);
                switch (opt) {
                    case "NX", "XX" -> {
                        if (mode != KvOp.PutMode.SET) {
                            throw RespError.syntax();
                        }
                        mode = opt.equals("NX") ? KvOp.PutMode.NX : KvOp.PutMode.XX;
                    }
                    case "GET" -> get = true;
                    case "KEEPTTL" -> {
                        if (timed) {
                            throw RespError.syntax();
                        }
                        timed = true;
                        expire = KvOp.TTL_KEEP;
                    }
                    case "EX", "PX", "EXAT", "PXAT" -> {
                        if (timed || i + 1 >= a.length) {
                            throw RespError.syntax();
                        }
                        timed = true;
                        long t = integer(a[++i]);
                        if (t <= 0) {
                            throw new RespError("ERR invalid expire time in 'set' command");
                        }
                        long unit = opt.startsWith("P") ? 1_000 : 1_000_000;
                        expire = expireAt(opt.endsWith("AT") ? 0 : now, t, unit, "set");
                        if (expire <= 0) {
                            throw new RespError("ERR invalid expire time in 'set' command");
                        }
                    }
                    default -> throw RespError.syntax();
                }
            }
            return new SetArgs(expire, mode, get);
        }
    }

    /** {@code base + amount * unit} microseconds, or the Redis error when it does not fit. */
    static long expireAt(long base, long amount, long unit, String command) {
        try {
            return Math.addExact(base, Math.multiplyExact(amount, unit));
        } catch (ArithmeticException e) {
            throw new RespError("ERR invalid expire time in '" + command.toLowerCase(Locale.ROOT) + "' command");
        }
    }

    static long integer(byte[] arg) {
        String s = new String(arg, StandardCharsets.US_ASCII);
        try {
            long v = Long.parseLong(s);
            if (s.startsWith("+") || (s.length() > 1 && (s.startsWith("0") || s.startsWith("-0")))) {
                throw RespError.notInteger(); // Redis accepts only the canonical form
            }
            return v;
        } catch (NumberFormatException e) {
            throw RespError.notInteger();
        }
    }

    static void arity(byte[][] a, int min, int max) {
        if (a.length < min || a.length > max) {
            throw RespError.arity(new String(a[0], StandardCharsets.US_ASCII));
        }
    }

    // ---- everything else ----

    /** Runs a command that is not batched. Returns true if the connection must close after the replies. */
    private boolean execute(String name, byte[][] a) {
        RespOut out = out();
        if (!authenticated && !name.equals("AUTH") && !name.equals("QUIT") && !name.equals("HELLO")) {
            throw new RespError("NOAUTH Authentication required.");
        }
        if (!subscriptions.isEmpty() && !RespServerCommands.allowedWhileSubscribed(name)) {
            throw new RespError("ERR Can't execute '" + name.toLowerCase(Locale.ROOT) + "': only (P|S)SUBSCRIBE / "
                    + "(P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context");
        }
        switch (name) {
            case "GET" -> {
                arity(a, 2, 2);
                KvValue v = read(a[1]);
                out.bulk(v == null ? null : RespValues.stringOf(v.value()));
            }
            case "SET" -> {
                SetArgs s = SetArgs.parse(a, 3, now());
                if (s.get) {
                    setGet(a[1], a[2], s);
                } else {
                    Result r = submit(List.of(new KvOp.Put(collection, a[1], RespValues.string(a[2]), s.expire, s.mode)));
                    if (r.affected.getFirst() == 1) {
                        out.ok();
                    } else {
                        out.nullBulk();
                    }
                }
            }
            case "GETSET" -> {
                arity(a, 3, 3);
                setGet(a[1], a[2], new SetArgs(KvOp.TTL_DEFAULT, KvOp.PutMode.SET, true));
            }
            case "STRLEN" -> {
                arity(a, 2, 2);
                KvValue v = read(a[1]);
                out.integer(v == null ? 0 : RespValues.stringOf(v.value()).length);
            }
            case "MGET" -> {
                arity(a, 2, Integer.MAX_VALUE);
                out.array(a.length - 1);
                for (int i = 1; i < a.length; i++) {
                    KvValue v = read(a[i]);
                    boolean string = v != null && RespValues.kindOfStored(v.value()) == RespValues.Kind.STRING;
                    out.bulk(string ? RespValues.stringOf(v.value()) : null);
                }
            }
            case "EXISTS" -> {
                arity(a, 2, Integer.MAX_VALUE);
                long n = 0;
                for (int i = 1; i < a.length; i++) {
                    n += read(a[i]) != null ? 1 : 0;
                }
                out.integer(n);
            }
            case "TYPE" -> {
                arity(a, 2, 2);
                KvValue v = read(a[1]);
                out.simple(v == null ? "none" : switch (RespValues.kindOfStored(v.value())) {
                    case STRING -> "string";
                    case HASH -> "hash";
                    case ZSET -> "zset";
                });
            }
            case "TTL", "PTTL" -> {
                arity(a, 2, 2);
                KvValue v = read(a[1]);
                if (v == null) {
                    out.integer(-2);
                } else if (v.remainingTtlMicros() < 0) {
                    out.integer(-1);
                } else {
                    long ms = (v.remainingTtlMicros() + 500) / 1000;
                    out.integer(name.equals("TTL") ? (ms + 500) / 1000 : ms);
                }
            }
            case "SCAN" -> scan(a);
            case "KEYS" -> keys(a);
            case "DBSIZE" -> {
                arity(a, 1, 1);
                out.integer(kv.exists(collection) ? sizeOrZero(collection) : 0);
            }
            case "FLUSHDB" -> {
                arity(a, 1, 2);
                submit(List.of(new KvOp.Truncate(collection)));
                out.ok();
            }
            case "FLUSHALL" -> {
                arity(a, 1, 2);
                List<KvOp> ops = new ArrayList<>();
                kv.stats().forEach(s -> ops.add(new KvOp.Truncate(s.name())));
                if (!ops.isEmpty()) {
                    context.database.submitKv(ops);
                }
                out.ok();
            }
            case "SELECT" -> {
                arity(a, 2, 2);
                String target = new String(a[1], StandardCharsets.UTF_8);
                if (target.isEmpty()) {
                    throw new RespError("ERR collection name must not be empty");
                }
                collection = target.equals("0") ? DEFAULT_COLLECTION : target;
                out.ok();
            }
            case "HGET", "HSET", "HMSET", "HSETNX", "HMGET", "HDEL", "HGETALL", "HLEN", "HEXISTS", "HKEYS", "HVALS",
                 "ZADD", "ZREM", "ZRANK", "ZREVRANK", "ZRANGE", "ZCARD", "ZSCORE" -> structures.execute(name, a);
            default -> {
                return new RespServerCommands(this).execute(name, a);
            }
        }
        return false;
    }

    private long sizeOrZero(String name) {
        try {
            return kv.size(name);
        } catch (NodeDbException e) {
            return 0;
        }
    }

    /**
     * SET with GET (and GETSET): the old value must be a string, so it is read and checked first. NX writes only
     * into an absent key (retrying if another client creates it meanwhile); otherwise GETSET swaps the value and
     * returns what was really there, so the reply never misses a concurrent write.
     */
    private void setGet(byte[] key, byte[] value, SetArgs s) {
        byte[] stored = RespValues.string(value);
        for (int attempt = 0; ; attempt++) {
            KvValue cur = read(key);
            byte[] old = cur == null ? null : RespValues.stringOf(cur.value()); // WRONGTYPE stops here
            if (s.mode == KvOp.PutMode.NX) {
                if (cur != null) {
                    out().bulk(old);
                    return;
                }
                Result r = submit(List.of(new KvOp.Put(collection, key, stored, s.expire, KvOp.PutMode.NX)));
                if (r.affected.getFirst() == 1) {
                    out().nullBulk();
                    return;
                }
                context.casRetries.increment();
                continue;
            }
            if (s.mode == KvOp.PutMode.XX && cur == null) {
                out().nullBulk();
                return;
            }
            Result r = submit(List.of(new KvOp.GetSet(collection, key, stored, s.expire)));
            Value previous = r.returned.getFirst();
            out().bulk(previous instanceof Value.Bytes b ? RespValues.stringOf(b.value()) : null);
            return;
        }
    }

    private void scan(byte[][] a) {
        arity(a, 2, Integer.MAX_VALUE);
        long cursor;
        try {
            cursor = Long.parseUnsignedLong(new String(a[1], StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            throw new RespError("ERR invalid cursor");
        }
        String match = null;
        int count = 10;
        RespValues.Kind type = null;
        for (int i = 2; i < a.length; i++) {
            String opt = new String(a[i], StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT);
            if (i + 1 >= a.length) {
                throw RespError.syntax();
            }
            switch (opt) {
                case "MATCH" -> match = new String(a[++i], StandardCharsets.UTF_8);
                case "COUNT" -> {
                    long c = integer(a[++i]);
                    if (c < 1) {
                        throw RespError.syntax();
                    }
                    count = (int) Math.min(c, 1 << 20);
                }
                case "TYPE" -> type = switch (new String(a[++i], StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT)) {
                    case "string" -> RespValues.Kind.STRING;
                    case "hash" -> RespValues.Kind.HASH;
                    case "zset" -> RespValues.Kind.ZSET;
                    default -> null;
                };
                default -> throw RespError.syntax();
            }
        }
        KvScanPage page = scanPage(cursor, match, count);
        List<byte[]> keys = new ArrayList<>(page.entries().size());
        for (KvEntry e : page.entries()) {
            if (type == null || RespValues.kindOfStored(e.value()) == type) {
                keys.add(e.key());
            }
        }
        RespOut out = out();
        out.array(2);
        out.bulk(Long.toUnsignedString(page.nextCursor()));
        out.array(keys.size());
        keys.forEach(out::bulk);
    }

    private KvScanPage scanPage(long cursor, String match, int count) {
        try {
            return kv.scan(collection, cursor, match, count);
        } catch (NodeDbException e) {
            if (e.state() == SqlState.UNDEFINED_TABLE) {
                return new KvScanPage(0, List.of());
            }
            throw e;
        }
    }

    private void keys(byte[][] a) {
        arity(a, 2, 2);
        String match = new String(a[1], StandardCharsets.UTF_8);
        List<byte[]> keys = new ArrayList<>();
        long cursor = 0;
        do {
            KvScanPage page = scanPage(cursor, match, 1024);
            page.entries().forEach(e -> keys.add(e.key()));
            cursor = page.nextCursor();
        } while (cursor != 0);
        RespOut out = out();
        out.array(keys.size());
        keys.forEach(out::bulk);
    }

    // ---- connection state used by RespServerCommands ----

    boolean authenticated() {
        return authenticated;
    }

    void authenticated(boolean yes) {
        authenticated = yes;
    }

    String clientName() {
        return clientName;
    }

    void clientName(String name) {
        clientName = name;
    }

    Set<String> subscriptions() {
        return subscriptions;
    }

    /** The connection is gone: stop receiving messages. */
    void close() {
        for (String ch : subscriptions) {
            context.pubSub.unsubscribe(ch.getBytes(StandardCharsets.ISO_8859_1), connection);
        }
        subscriptions.clear();
    }
}
