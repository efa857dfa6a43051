package io.nodedb.core.kv;

import java.util.List;

/**
 * The payload of one {@link io.nodedb.core.engine.RecordTypes#KV_BATCH} record: operations applied all or nothing,
 * and the time they were issued. The engine uses that time, never its own clock, to decide whether a key has
 * expired and to turn a collection's default TTL into an absolute expiry, so replaying the record gives the same
 * result on any machine at any later time.
 *
 * @param nowMicros microseconds since the epoch when the batch was issued
 */
public record KvBatch(long nowMicros, List<KvOp> ops) {
    public KvBatch {
        ops = List.copyOf(ops);
    }

    public static KvBatch of(long nowMicros, KvOp... ops) {
        return new KvBatch(nowMicros, List.of(ops));
    }
}
