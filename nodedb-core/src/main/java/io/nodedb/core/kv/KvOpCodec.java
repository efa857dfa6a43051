package io.nodedb.core.kv;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueCodec;

import java.util.ArrayList;
import java.util.List;

/**
 * Payload of a {@link io.nodedb.core.engine.RecordTypes#KV_BATCH} record, encoded with {@link ValueCodec}
 * (MessagePack): {@code [1, nowMicros, [op...]]}, where 1 is the payload format and each op is an array whose
 * first element is its tag. Keys and values are MessagePack bin; times are microseconds since the epoch; an expiry
 * is an absolute time, 0 ({@link KvOp#TTL_DEFAULT}) or -1 ({@link KvOp#TTL_KEEP}).
 * <pre>
 * tag  fields after the tag                                   operation
 *  1   name, defaultTtlMicros, memoryBudgetBytes, ifNotExists  CreateKvCollection
 *  2   name, ifExists                                          DropKvCollection
 *  3   collection, key, value, expireAt, mode                  Put; mode 0 SET, 1 NX, 2 XX, 3 INSERT
 *  4   collection, key                                         Delete
 *  5   collection, key, expireAt                               Expire
 *  6   collection, key                                         Persist
 *  7   collection                                              Truncate
 *  8   collection, key, delta (int), expireAt                  Incr
 *  9   collection, key, delta (float64), expireAt              IncrFloat
 * 10   collection, key, expected (bin or nil), new, expireAt   Cas
 * 11   collection, key, value, expireAt                        GetSet
 * 12   collection, name, [field...], ifNotExists               CreateKvIndex
 * 13   collection, name, ifExists                              DropKvIndex
 * </pre>
 * Tags, mode numbers and the format number are part of the log format: add, never renumber. A reader rejects a
 * newer format rather than guess.
 */
public final class KvOpCodec {
    static final int FORMAT = 1;
    private static final int CREATE = 1;
    private static final int DROP = 2;
    private static final int PUT = 3;
    private static final int DELETE = 4;
    private static final int EXPIRE = 5;
    private static final int PERSIST = 6;
    private static final int TRUNCATE = 7;
    private static final int INCR = 8;
    private static final int INCR_FLOAT = 9;
    private static final int CAS = 10;
    private static final int GET_SET = 11;
    private static final int CREATE_INDEX = 12;
    private static final int DROP_INDEX = 13;
    private static final KvOp.PutMode[] MODES = KvOp.PutMode.values();

    private KvOpCodec() {
    }

    public static byte[] encode(KvBatch batch) {
        List<Value> ops = new ArrayList<>(batch.ops().size());
        for (KvOp op : batch.ops()) {
            ops.add(encodeOp(op));
        }
        return ValueCodec.encode(Value.Array.of(Value.of(FORMAT), Value.of(batch.nowMicros()), new Value.Array(ops)));
    }

    private static Value encodeOp(KvOp op) {
        return switch (op) {
            case KvOp.CreateKvCollection c -> Value.Array.of(Value.of(CREATE), Value.of(c.name()),
                    Value.of(c.defaultTtlMicros()), Value.of(c.memoryBudgetBytes()), Value.of(c.ifNotExists()));
            case KvOp.DropKvCollection d -> Value.Array.of(Value.of(DROP), Value.of(d.name()), Value.of(d.ifExists()));
            case KvOp.Put p -> Value.Array.of(Value.of(PUT), Value.of(p.collection()), bin(p.key()), bin(p.value()),
                    Value.of(p.expireAtMicros()), Value.of(p.mode().ordinal()));
            case KvOp.Delete d -> Value.Array.of(Value.of(DELETE), Value.of(d.collection()), bin(d.key()));
            case KvOp.Expire e -> Value.Array.of(Value.of(EXPIRE), Value.of(e.collection()), bin(e.key()),
                    Value.of(e.expireAtMicros()));
            case KvOp.Persist p -> Value.Array.of(Value.of(PERSIST), Value.of(p.collection()), bin(p.key()));
            case KvOp.Truncate t -> Value.Array.of(Value.of(TRUNCATE), Value.of(t.collection()));
            case KvOp.Incr i -> Value.Array.of(Value.of(INCR), Value.of(i.collection()), bin(i.key()),
                    Value.of(i.delta()), Value.of(i.expireAtMicros()));
            case KvOp.IncrFloat i -> Value.Array.of(Value.of(INCR_FLOAT), Value.of(i.collection()), bin(i.key()),
                    new Value.Float(i.delta()), Value.of(i.expireAtMicros()));
            case KvOp.Cas c -> Value.Array.of(Value.of(CAS), Value.of(c.collection()), bin(c.key()),
                    c.expected() == null ? Value.NULL : bin(c.expected()), bin(c.newValue()),
                    Value.of(c.expireAtMicros()));
            case KvOp.GetSet g -> Value.Array.of(Value.of(GET_SET), Value.of(g.collection()), bin(g.key()),
                    bin(g.value()), Value.of(g.expireAtMicros()));
            case KvOp.CreateKvIndex c -> {
                List<Value> path = new ArrayList<>(c.path().size());
                c.path().forEach(f -> path.add(Value.of(f)));
                yield Value.Array.of(Value.of(CREATE_INDEX), Value.of(c.collection()), Value.of(c.name()),
                        new Value.Array(path), Value.of(c.ifNotExists()));
            }
            case KvOp.DropKvIndex d -> Value.Array.of(Value.of(DROP_INDEX), Value.of(d.collection()),
                    Value.of(d.name()), Value.of(d.ifExists()));
        };
    }

    private static Value bin(byte[] b) {
        return new Value.Bytes(b);
    }

    /** @throws NodeDbException DATA_CORRUPTED if the payload is not a well-formed batch of a known format */
    public static KvBatch decode(byte[] payload) {
        try {
            List<Value> top = ValueCodec.decode(payload).asList();
            long format = top.get(0).asLong();
            if (format != FORMAT) {
                throw new IllegalArgumentException("unknown kv batch format " + format + "; this build reads "
                        + FORMAT);
            }
            long now = top.get(1).asLong();
            List<Value> items = top.get(2).asList();
            List<KvOp> ops = new ArrayList<>(items.size());
            for (Value item : items) {
                ops.add(decodeOp(item.asList()));
            }
            return new KvBatch(now, ops);
        } catch (RuntimeException e) {
            throw new NodeDbException(SqlState.DATA_CORRUPTED, "undecodable kv batch: " + e.getMessage(), e);
        }
    }

    private static KvOp decodeOp(List<Value> f) {
        return switch ((int) f.get(0).asLong()) {
            case CREATE -> new KvOp.CreateKvCollection(f.get(1).asString(), f.get(2).asLong(), f.get(3).asLong(),
                    f.get(4).asBoolean());
            case DROP -> new KvOp.DropKvCollection(f.get(1).asString(), f.get(2).asBoolean());
            case PUT -> new KvOp.Put(f.get(1).asString(), bytes(f.get(2)), bytes(f.get(3)), f.get(4).asLong(),
                    MODES[(int) f.get(5).asLong()]);
            case DELETE -> new KvOp.Delete(f.get(1).asString(), bytes(f.get(2)));
            case EXPIRE -> new KvOp.Expire(f.get(1).asString(), bytes(f.get(2)), f.get(3).asLong());
            case PERSIST -> new KvOp.Persist(f.get(1).asString(), bytes(f.get(2)));
            case TRUNCATE -> new KvOp.Truncate(f.get(1).asString());
            case INCR -> new KvOp.Incr(f.get(1).asString(), bytes(f.get(2)), f.get(3).asLong(), f.get(4).asLong());
            case INCR_FLOAT -> new KvOp.IncrFloat(f.get(1).asString(), bytes(f.get(2)), f.get(3).asDouble(),
                    f.get(4).asLong());
            case CAS -> new KvOp.Cas(f.get(1).asString(), bytes(f.get(2)),
                    f.get(3).isNull() ? null : bytes(f.get(3)), bytes(f.get(4)), f.get(5).asLong());
            case GET_SET -> new KvOp.GetSet(f.get(1).asString(), bytes(f.get(2)), bytes(f.get(3)), f.get(4).asLong());
            case CREATE_INDEX -> {
                List<String> path = new ArrayList<>();
                f.get(3).asList().forEach(v -> path.add(v.asString()));
                yield new KvOp.CreateKvIndex(f.get(1).asString(), f.get(2).asString(), path, f.get(4).asBoolean());
            }
            case DROP_INDEX -> new KvOp.DropKvIndex(f.get(1).asString(), f.get(2).asString(), f.get(3).asBoolean());
            default -> throw new IllegalArgumentException("unknown kv operation tag " + f.get(0));
        };
    }

    private static byte[] bytes(Value v) {
        if (v instanceof Value.Bytes b) {
            return b.value();
        }
        throw new IllegalArgumentException("expected bin, found " + v.type());
    }
}
