package io.nodedb.server.resp;

import io.nodedb.core.kv.KvOp;
import io.nodedb.core.kv.KvValue;
import io.nodedb.core.value.Value;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Hashes and sorted sets. Both live as one MessagePack value under the key (see {@link RespValues}), so every
 * change is read-modify-write: read the bytes, compute the new value, and write it with a compare-and-set on the
 * bytes read. If another client changed the key in between, the CAS fails and the change is recomputed from the
 * new value, so concurrent writers never lose each other's updates. Cost is proportional to the size of the
 * whole value, which is why these structures suit moderate sizes (see docs/resp.md).
 */
final class RespStructures {
    /** CAS attempts before giving up; each failure means another writer made progress, so this is generous. */
    private static final int MAX_ATTEMPTS = 10_000;
    /**
     * The engine has no conditional delete, but a CAS may set an absolute expiry: one already in the past makes
     * the written value absent at once (and the reaper frees it), which deletes the key only if it still held
     * what was read. Redis deletes a hash or sorted set whose last element is removed.
     */
    private static final long EXPIRED = 1;

    private final RespSession session;

    RespStructures(RespSession session) {
        this.session = session;
    }

    /** What a read-modify-write decided: the new stored bytes (null: no write), or delete, and the reply. */
    private record Change(byte[] value, boolean delete, Runnable reply) {
        static Change none(Runnable reply) {
            return new Change(null, false, reply);
        }
    }

    private void update(byte[] key, Function<byte[], Change> body) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            KvValue cur = session.read(key);
            byte[] stored = cur == null ? null : cur.value();
            Change c = body.apply(stored);
            if ((c.value == null && !c.delete) || (c.delete && stored == null)) {
                c.reply.run();
                return;
            }
            byte[] next = c.delete ? (c.value != null ? c.value : RespValues.encodeHash(Map.of())) : c.value;
            KvOp op = new KvOp.Cas(session.collection, key, stored, next, c.delete ? EXPIRED : KvOp.TTL_KEEP);
            RespSession.Result r = session.submit(List.of(op));
            if (r.returned().getFirst() instanceof Value.Bool b && b.value()) {
                c.reply.run();
                return;
            }
            session.context.casRetries.increment();
        }
        throw new RespError("ERR too much contention on this key, try again");
    }

    void execute(String name, byte[][] a) {
        RespOut out = session.out();
        switch (name) {
            case "HSET", "HMSET" -> {
                if (a.length < 4 || a.length % 2 != 0) {
                    throw RespError.arity(name);
                }
                update(a[1], stored -> {
                    Map<String, Value> h = RespValues.hash(stored);
                    long added = 0;
                    for (int i = 2; i < a.length; i += 2) {
                        added += h.put(RespValues.fieldName(a[i]), new Value.Bytes(a[i + 1])) == null ? 1 : 0;
                    }
                    long n = added;
                    return new Change(RespValues.encodeHash(h), false, () -> {
                        if (name.equals("HSET")) {
                            out.integer(n);
                        } else {
                            out.ok();
                        }
                    });
                });
            }
            case "HSETNX" -> {
                RespSession.arity(a, 4, 4);
                update(a[1], stored -> {
                    Map<String, Value> h = RespValues.hash(stored);
                    String f = RespValues.fieldName(a[2]);
                    if (h.containsKey(f)) {
                        return Change.none(() -> out.integer(0));
                    }
                    h.put(f, new Value.Bytes(a[3]));
                    return new Change(RespValues.encodeHash(h), false, () -> out.integer(1));
                });
            }
            case "HDEL" -> {
                RespSession.arity(a, 3, Integer.MAX_VALUE);
                update(a[1], stored -> {
                    Map<String, Value> h = RespValues.hash(stored);
                    long removed = 0;
                    for (int i = 2; i < a.length; i++) {
                        removed += h.remove(RespValues.fieldName(a[i])) != null ? 1 : 0;
                    }
                    long n = removed;
                    if (n == 0) {
                        return Change.none(() -> out.integer(0));
                    }
                    return new Change(RespValues.encodeHash(h), h.isEmpty(), () -> out.integer(n));
                });
            }
            case "HGET" -> {
                RespSession.arity(a, 3, 3);
                Value v = hashOf(a[1]).get(RespValues.fieldName(a[2]));
                out.bulk(v == null ? null : RespValues.render(v));
            }
            case "HMGET" -> {
                RespSession.arity(a, 3, Integer.MAX_VALUE);
                Map<String, Value> h = hashOf(a[1]);
                out.array(a.length - 2);
                for (int i = 2; i < a.length; i++) {
                    Value v = h.get(RespValues.fieldName(a[i]));
                    out.bulk(v == null ? null : RespValues.render(v));
                }
            }
            case "HGETALL", "HKEYS", "HVALS" -> {
                RespSession.arity(a, 2, 2);
                Map<String, Value> h = hashOf(a[1]);
                boolean keys = !name.equals("HVALS");
                boolean values = !name.equals("HKEYS");
                out.array(h.size() * (keys && values ? 2 : 1));
                h.forEach((f, v) -> {
                    if (keys) {
                        out.bulk(f);
                    }
                    if (values) {
                        out.bulk(RespValues.render(v));
                    }
                });
            }
            case "HLEN" -> {
                RespSession.arity(a, 2, 2);
                out.integer(hashOf(a[1]).size());
            }
            case "HEXISTS" -> {
                RespSession.arity(a, 3, 3);
                out.integer(hashOf(a[1]).containsKey(RespValues.fieldName(a[2])) ? 1 : 0);
            }
            case "ZADD" -> zadd(a, out);
            case "ZREM" -> {
                RespSession.arity(a, 3, Integer.MAX_VALUE);
                update(a[1], stored -> {
                    List<RespValues.ZEntry> z = RespValues.zset(stored);
                    int before = z.size();
                    for (int i = 2; i < a.length; i++) {
                        int at = indexOf(z, a[i]);
                        if (at >= 0) {
                            z.remove(at);
                        }
                    }
                    long n = before - z.size();
                    if (n == 0) {
                        return Change.none(() -> out.integer(0));
                    }
                    return new Change(RespValues.encodeZset(z), z.isEmpty(), () -> out.integer(n));
                });
            }
            case "ZCARD" -> {
                RespSession.arity(a, 2, 2);
                out.integer(zsetOf(a[1]).size());
            }
            case "ZSCORE" -> {
                RespSession.arity(a, 3, 3);
                List<RespValues.ZEntry> z = zsetOf(a[1]);
                int at = indexOf(z, a[2]);
                out.bulk(at < 0 ? null : RespValues.formatDouble(z.get(at).score()));
            }
            case "ZRANK", "ZREVRANK" -> {
                RespSession.arity(a, 3, 3);
                List<RespValues.ZEntry> z = zsetOf(a[1]);
                int at = indexOf(z, a[2]);
                if (at < 0) {
                    out.nullBulk();
                } else {
                    out.integer(name.equals("ZRANK") ? at : z.size() - 1 - at);
                }
            }
            case "ZRANGE" -> zrange(a, out);
            default -> throw new IllegalStateException("not a structure command: " + name);
        }
    }

    private Map<String, Value> hashOf(byte[] key) {
        KvValue v = session.read(key);
        return RespValues.hash(v == null ? null : v.value());
    }

    private List<RespValues.ZEntry> zsetOf(byte[] key) {
        KvValue v = session.read(key);
        return RespValues.zset(v == null ? null : v.value());
    }

    /** Linear: members are ordered by score, not by name (see the size note in docs/resp.md). */
    private static int indexOf(List<RespValues.ZEntry> z, byte[] member) {
        for (int i = 0; i < z.size(); i++) {
            if (Arrays.equals(z.get(i).member(), member)) {
                return i;
            }
        }
        return -1;
    }

    /** ZADD key [NX|XX] [GT|LT] [CH] [INCR] score member [score member ...] */
    private void zadd(byte[][] a, RespOut out) {
        RespSession.arity(a, 4, Integer.MAX_VALUE);
        boolean nx = false;
        boolean xx = false;
        boolean gt = false;
        boolean lt = false;
        boolean ch = false;
        boolean incr = false;
        int i = 2;
        options:
        for (; i < a.length; i++) {
            switch (new String(a[i], StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT)) {
                case "NX" -> nx = true;
                case "XX" -> xx = true;
                case "GT" -> gt = true;
                case "LT" -> lt = true;
                case "CH" -> ch = true;
                case "INCR" -> incr = true;
                default -> {
                    break options; // the first argument that is not an option starts the score/member pairs
                }
            }
        }
        int pairs = a.length - i;
        if (pairs <= 0 || pairs % 2 != 0) {
            throw RespError.syntax();
        }
        if (nx && xx) {
            throw new RespError("ERR XX and NX options at the same time are not compatible");
        }
        if ((gt && lt) || (nx && (gt || lt))) {
            throw new RespError("ERR GT, LT, and/or NX options at the same time are not compatible");
        }
        if (incr && pairs != 2) {
            throw new RespError("ERR INCR option supports a single increment-element pair");
        }
        double[] scores = new double[pairs / 2];
        for (int p = 0; p < scores.length; p++) {
            scores[p] = RespValues.parseDouble(a[i + 2 * p]);
        }
        int first = i;
        boolean fNx = nx, fXx = xx, fGt = gt, fLt = lt, fCh = ch, fIncr = incr;
        update(a[1], stored -> {
            List<RespValues.ZEntry> z = RespValues.zset(stored);
            long added = 0;
            long changed = 0;
            Double incrResult = null;
            for (int p = 0; p < scores.length; p++) {
                byte[] member = a[first + 2 * p + 1];
                int at = indexOf(z, member);
                double score = scores[p];
                if (at >= 0) {
                    double old = z.get(at).score();
                    if (fNx) {
                        continue;
                    }
                    if (fIncr) {
                        score = old + score;
                        if (Double.isNaN(score)) {
                            throw new RespError("ERR resulting score is not a number (NaN)");
                        }
                    }
                    if ((fGt && score <= old) || (fLt && score >= old)) {
                        continue;
                    }
                    incrResult = score;
                    if (score != old) {
                        z.set(at, new RespValues.ZEntry(member, score));
                        changed++;
                    }
                } else {
                    if (fXx) {
                        continue;
                    }
                    z.add(new RespValues.ZEntry(member, score));
                    added++;
                    incrResult = score;
                }
            }
            long reply = fCh ? added + changed : added;
            Double inc = incrResult;
            Runnable r = fIncr ? () -> out.bulk(inc == null ? null : RespValues.formatDouble(inc))
                    : () -> out.integer(reply);
            if (added == 0 && changed == 0) {
                return Change.none(r);
            }
            z.sort(RespValues.ZORDER);
            return new Change(RespValues.encodeZset(z), false, r);
        });
    }

    /** ZRANGE key start stop [WITHSCORES]: by rank, negative ranks count from the end. */
    private void zrange(byte[][] a, RespOut out) {
        RespSession.arity(a, 4, 5);
        boolean withScores = false;
        if (a.length == 5) {
            if (!new String(a[4], StandardCharsets.US_ASCII).equalsIgnoreCase("WITHSCORES")) {
                throw RespError.syntax();
            }
            withScores = true;
        }
        long start = RespSession.integer(a[2]);
        long stop = RespSession.integer(a[3]);
        List<RespValues.ZEntry> z = zsetOf(a[1]);
        int n = z.size();
        if (start < 0) {
            start = Math.max(0, n + start);
        }
        if (stop < 0) {
            stop = n + stop;
        }
        stop = Math.min(stop, n - 1L);
        List<RespValues.ZEntry> range = start > stop ? List.of() : z.subList((int) start, (int) stop + 1);
        out.array(range.size() * (withScores ? 2 : 1));
        for (RespValues.ZEntry e : range) {
            out.bulk(e.member());
            if (withScores) {
                out.bulk(RespValues.formatDouble(e.score()));
            }
        }
    }
}
