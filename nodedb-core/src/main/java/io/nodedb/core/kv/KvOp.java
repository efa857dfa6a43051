package io.nodedb.core.kv;

import java.util.List;
import java.util.Objects;

/**
 * One key-value operation in a {@link KvBatch}. Operations are resolved before they are logged: expiry times are
 * absolute microseconds since the epoch (so a restart or a replay never extends a TTL), and the batch carries the
 * time it was issued, which is the "now" the engine uses for every decision in it.
 *
 * <p>Expiry fields take an absolute time, or {@link #TTL_DEFAULT} or {@link #TTL_KEEP}. Byte arrays are not
 * copied: do not modify them after building the operation.
 */
public sealed interface KvOp {
    /**
     * A new key gets the collection's default TTL (none if it has none). {@link Put} and {@link GetSet} give an
     * existing key the default too, like a plain Redis SET; the other operations keep an existing key's expiry,
     * like Redis INCR.
     */
    long TTL_DEFAULT = 0;
    /** Keep an existing key's expiry (Redis KEEPTTL); a new key gets the collection's default. */
    long TTL_KEEP = -1;

    /** The collection the operation reads or changes. */
    String collection();

    enum PutMode {
        /** Write whether or not the key exists. */
        SET,
        /** Write only if the key does not exist (Redis NX). */
        NX,
        /** Write only if the key exists (Redis XX). */
        XX,
        /**
         * Write only if the key does not exist, else reject the whole batch with 23505 (SQL INSERT: a batch of
         * rows either all go in or none does).
         */
        INSERT
    }

    /**
     * @param defaultTtlMicros  TTL given to keys written without one, 0 for none
     * @param memoryBudgetBytes writes that would take the collection past this fail with 53200; 0 for no limit
     */
    record CreateKvCollection(String name, long defaultTtlMicros, long memoryBudgetBytes, boolean ifNotExists)
            implements KvOp {
        public CreateKvCollection {
            Objects.requireNonNull(name, "name");
        }

        public CreateKvCollection(String name, long defaultTtlMicros, long memoryBudgetBytes) {
            this(name, defaultTtlMicros, memoryBudgetBytes, false);
        }

        @Override
        public String collection() {
            return name;
        }
    }

    record DropKvCollection(String name, boolean ifExists) implements KvOp {
        public DropKvCollection {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String collection() {
            return name;
        }
    }

    record Put(String collection, byte[] key, byte[] value, long expireAtMicros, PutMode mode) implements KvOp {
        public Put {
            Objects.requireNonNull(collection, "collection");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(mode, "mode");
        }

        public Put(String collection, byte[] key, byte[] value) {
            this(collection, key, value, TTL_DEFAULT, PutMode.SET);
        }
    }

    record Delete(String collection, byte[] key) implements KvOp {
        public Delete {
            Objects.requireNonNull(collection, "collection");
            Objects.requireNonNull(key, "key");
        }
    }

    /** Sets an absolute expiry on a live key; a time already past deletes it, as in Redis. */
    record Expire(String collection, byte[] key, long expireAtMicros) implements KvOp {
        public Expire {
            Objects.requireNonNull(collection, "collection");
            Objects.requireNonNull(key, "key");
        }
    }

    /** Removes a live key's expiry. */
    record Persist(String collection, byte[] key) implements KvOp {
        public Persist {
            Objects.requireNonNull(collection, "collection");
            Objects.requireNonNull(key, "key");
        }
    }

    record Truncate(String collection) implements KvOp {
        public Truncate {
            Objects.requireNonNull(collection, "collection");
        }
    }

    /**
     * Adds {@code delta} to an integer value (a missing key counts as 0) and returns the new value. The stored
     * value must be a MessagePack integer, or text/bytes holding a decimal integer (what RESP clients write).
     */
    record Incr(String collection, byte[] key, long delta, long expireAtMicros) implements KvOp {
        public Incr {
            Objects.requireNonNull(collection, "collection");
            Objects.requireNonNull(key, "key");
        }
    }

    /** Like {@link Incr} for doubles; integers and decimal text are accepted as the current value. */
    record IncrFloat(String collection, byte[] key, double delta, long expireAtMicros) implements KvOp {
        public IncrFloat {
            Objects.requireNonNull(collection, "collection");
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * Writes {@code newValue} only if the live value equals {@code expected} byte for byte ({@code null}: only if
     * the key is absent). Returns whether it did.
     */
    record Cas(String collection, byte[] key, byte[] expected, byte[] newValue, long expireAtMicros) implements KvOp {
        public Cas {
            Objects.requireNonNull(collection, "collection");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(newValue, "newValue");
        }
    }

    /** Writes {@code value} and returns the previous live value (or NULL). */
    record GetSet(String collection, byte[] key, byte[] value, long expireAtMicros) implements KvOp {
        public GetSet {
            Objects.requireNonNull(collection, "collection");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * A secondary index over one field of MessagePack object values; {@code path} walks nested objects. Values
     * that are not objects, or lack the field, are simply not in the index.
     */
    record CreateKvIndex(String collection, String name, List<String> path, boolean ifNotExists) implements KvOp {
        public CreateKvIndex {
            Objects.requireNonNull(collection, "collection");
            Objects.requireNonNull(name, "name");
            path = List.copyOf(path);
            if (path.isEmpty()) {
                throw new IllegalArgumentException("an index path needs at least one field");
            }
        }
    }

    record DropKvIndex(String collection, String name, boolean ifExists) implements KvOp {
        public DropKvIndex {
            Objects.requireNonNull(collection, "collection");
            Objects.requireNonNull(name, "name");
        }
    }
}
