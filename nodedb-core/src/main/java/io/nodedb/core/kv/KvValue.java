package io.nodedb.core.kv;

/**
 * A value as read, with its expiry.
 *
 * @param value              a copy of the stored bytes
 * @param expireAtMicros     absolute expiry in microseconds since the epoch, 0 for none
 * @param remainingTtlMicros time left as of the read, -1 for none (Redis's PTTL convention, in microseconds)
 */
public record KvValue(byte[] value, long expireAtMicros, long remainingTtlMicros) {

    static KvValue of(byte[] value, long expireAtMicros, long now) {
        return new KvValue(value, expireAtMicros, expireAtMicros == 0 ? -1 : expireAtMicros - now);
    }
}
