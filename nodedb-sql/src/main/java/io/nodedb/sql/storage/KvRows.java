package io.nodedb.sql.storage;

import io.nodedb.core.catalog.Catalog;
import io.nodedb.core.catalog.CollectionDef;
import io.nodedb.core.catalog.CollectionKind;
import io.nodedb.core.document.Mutation;
import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.kv.KvOp;
import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueCodec;
import io.nodedb.core.value.ValueType;
import io.nodedb.sql.expr.SqlValues;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * How rows of a KEY_VALUE collection map onto the key-value engine. The key column becomes the key bytes (the text
 * of a TEXT, BIGINT or UUID key, so RESP clients see the same keys; raw bytes for BYTES); the other columns, except
 * {@code ttl}, become one MessagePack object, the value. The {@code ttl} column is not stored: written, it is a
 * number of seconds from the batch's time and becomes the key's absolute expiry; read, it is the whole seconds
 * left (rounded up), or NULL for a key without expiry.
 *
 * <p>Inside the SQL layer a KV row travels like a strict row: its image holds every column by name. Two reserved
 * fields ride along: {@value #KEEP_TTL} (the write keeps the key's current expiry: UPDATE, UPSERT and ON CONFLICT
 * DO UPDATE that do not assign {@code ttl}).
 */
public final class KvRows {
    /** The name of the TTL column every KV collection has. */
    public static final String TTL = "ttl";
    public static final String KEEP_TTL = "\u0000keep_ttl";

    private KvRows() {
    }

    /** Whether a collection is stored in the key-value engine. */
    public static boolean isKv(Catalog catalog, String collection) {
        CollectionDef def = catalog.find(collection);
        return def != null && def.kind() == CollectionKind.KEY_VALUE;
    }

    public static byte[] keyBytes(Value id) {
        return switch (id) {
            case Value.Bytes b -> b.value();
            case Value.Str s -> s.value().getBytes(StandardCharsets.UTF_8);
            case Value.Int i -> Long.toString(i.value()).getBytes(StandardCharsets.US_ASCII);
            case Value.Uuid u -> u.value().toString().getBytes(StandardCharsets.US_ASCII);
            default -> throw new NodeDbException(SqlState.DATATYPE_MISMATCH, "a key must be BIGINT, TEXT, UUID or "
                    + "BYTES, got " + id.type());
        };
    }

    /** The key as a value of the key column's type, or null if the bytes cannot be one (a RESP-written key). */
    public static Value keyValue(byte[] key, ValueType type) {
        try {
            return switch (type) {
                case BYTES -> new Value.Bytes(key);
                case BIGINT -> new Value.Int(Long.parseLong(new String(key, StandardCharsets.US_ASCII)));
                case UUID -> new Value.Uuid(UUID.fromString(new String(key, StandardCharsets.US_ASCII)));
                default -> new Value.Str(new String(key, StandardCharsets.UTF_8));
            };
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The image the SQL layer reads: the value's fields, the key, and the seconds left. With one value column the
     * stored value is that column; a value that is not a MessagePack object (written over RESP or by an atomic)
     * reads as the first value column.
     */
    public static Value.Obj readForm(TableInfo table, Value id, byte[] value, long expireAtMicros, long nowMicros) {
        Value v;
        try {
            v = ValueCodec.decode(value);
        } catch (RuntimeException e) {
            v = new Value.Bytes(value);
        }
        List<TableInfo.Column> cols = valueColumns(table);
        if (v instanceof Value.Bytes b && !cols.isEmpty() && cols.getFirst().type().base() == ValueType.TEXT) {
            v = new Value.Str(new String(b.value(), StandardCharsets.UTF_8)); // a RESP string
        }
        Value.Obj obj = cols.size() == 1 || !(v instanceof Value.Obj) ? cols.isEmpty() ? Value.Obj.builder().build()
                : Value.Obj.of(cols.getFirst().name(), v) : (Value.Obj) v;
        obj = obj.with(table.columns().get(table.pkIndex()).name(), id);
        return obj.with(TTL, expireAtMicros == 0 ? Value.NULL
                : new Value.Int(Math.max(0, ceilDiv(expireAtMicros - nowMicros, 1_000_000L))));
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    /** A TTL in seconds (any number) as microseconds; null means none. 22023 unless positive. */
    public static long ttlMicros(Value ttl, String collection) {
        BigDecimal seconds = switch (ttl) {
            case Value.Int i -> BigDecimal.valueOf(i.value());
            case Value.Float f when Double.isFinite(f.value()) -> BigDecimal.valueOf(f.value());
            case Value.Decimal d -> d.value();
            default -> throw new NodeDbException(SqlState.INVALID_PARAMETER_VALUE, "a ttl must be a number of "
                    + "seconds or an INTERVAL, got " + SqlValues.display(ttl) + " for collection \"" + collection
                    + "\"");
        };
        BigDecimal micros = seconds.movePointRight(6).setScale(0, RoundingMode.CEILING);
        if (micros.signum() <= 0 || micros.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 4)) > 0) {
            throw new NodeDbException(SqlState.INVALID_PARAMETER_VALUE, "a ttl must be positive and below 10^12 "
                    + "seconds, got " + SqlValues.display(ttl) + " for collection \"" + collection + "\"");
        }
        return micros.longValueExact();
    }

    /** The columns stored in the value: all but the key and {@code ttl}. */
    public static List<TableInfo.Column> valueColumns(TableInfo table) {
        List<TableInfo.Column> out = new ArrayList<>(table.columns().size());
        for (int i = 0; i < table.columns().size(); i++) {
            TableInfo.Column c = table.columns().get(i);
            if (i != table.pkIndex() && !c.name().equals(TTL)) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * The stored value: with one value column its value alone (so RESP clients and the atomics see a plain string
     * or number), otherwise the value columns as a MessagePack object in column order.
     */
    public static byte[] valueBytes(TableInfo table, Value.Obj image) {
        List<TableInfo.Column> cols = valueColumns(table);
        if (cols.size() == 1) {
            Value v = image.get(cols.getFirst().name());
            return ValueCodec.encode(v == null ? Value.NULL : v);
        }
        Value.Obj.Builder b = Value.Obj.builder();
        for (TableInfo.Column c : cols) {
            Value v = image.get(c.name());
            b.put(c.name(), v == null ? Value.NULL : v);
        }
        return ValueCodec.encode(b.build());
    }

    /** The value columns of a stored value, by name (see {@link #readForm}). */
    public static Value.Obj valueFields(TableInfo table, byte[] value) {
        Value.Obj o = readForm(table, Value.NULL, value, 0, 0);
        return o.without(table.columns().get(table.pkIndex()).name()).without(TTL);
    }

    /**
     * The key-value operations for a set of document-style mutations on KV collections, each collection created
     * first if the engine does not have it yet (see docs/architecture.md, "KV collections and the catalog").
     */
    public static List<KvOp> toOps(List<Mutation> mutations, Catalog catalog, long nowMicros,
            java.util.function.Predicate<String> engineHas) {
        List<KvOp> ops = new ArrayList<>(mutations.size() + 1);
        Set<String> ensured = new HashSet<>();
        for (Mutation m : mutations) {
            String collection = switch (m) {
                case Mutation.PutDocument p -> p.collection();
                case Mutation.DeleteDocument d -> d.collection();
                default -> throw new IllegalStateException("not a KV write: " + m);
            };
            TableInfo table = new TableInfo(catalog.require(collection));
            if (ensured.add(collection) && !engineHas.test(collection)) {
                ops.add(createOp(table.def(), true));
            }
            switch (m) {
                case Mutation.PutDocument p -> {
                    Value.Obj image = p.document();
                    Value ttl = image.get(TTL);
                    long expire;
                    if (image.has(KEEP_TTL)) {
                        expire = KvOp.TTL_KEEP;
                    } else if (ttl == null || ttl.isNull()) {
                        expire = KvOp.TTL_DEFAULT;
                    } else {
                        expire = nowMicros + ttlMicros(ttl, collection);
                    }
                    KvOp.PutMode mode = switch (p.mode()) {
                        case INSERT -> KvOp.PutMode.INSERT;            // a concurrent insert rejects the batch
                        case INSERT_IF_ABSENT -> KvOp.PutMode.NX;      // ON CONFLICT DO NOTHING
                        case UPDATE -> KvOp.PutMode.XX;                // a concurrent delete wins
                        default -> KvOp.PutMode.SET;
                    };
                    ops.add(new KvOp.Put(collection, keyBytes(p.id()), valueBytes(table, image), expire, mode));
                }
                case Mutation.DeleteDocument d -> ops.add(new KvOp.Delete(collection, keyBytes(d.id())));
                default -> throw new IllegalStateException();
            }
        }
        return ops;
    }

    /** The engine-side collection for a catalog record: its default TTL and memory budget from the options. */
    public static KvOp.CreateKvCollection createOp(CollectionDef def, boolean ifNotExists) {
        Value ttl = def.options().get(TTL);
        long ttlMicros = ttl == null || ttl.isNull() ? 0 : ttlMicros(ttl, def.name());
        Value budget = def.options().get("memory_budget");
        long bytes = 0;
        if (budget != null && !budget.isNull()) {
            if (!(budget instanceof Value.Int i) || i.value() <= 0) {
                throw new NodeDbException(SqlState.INVALID_PARAMETER_VALUE, "memory_budget must be a positive "
                        + "number of bytes, got " + SqlValues.display(budget));
            }
            bytes = i.value();
        }
        return new KvOp.CreateKvCollection(def.name(), ttlMicros, bytes, ifNotExists);
    }
}
