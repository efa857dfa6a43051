package io.nodedb.core.kv;

/** A key with its value, as returned by scans and index lookups; arrays are copies. */
public record KvEntry(byte[] key, byte[] value, long expireAtMicros) {
}
