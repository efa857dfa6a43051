package io.nodedb.core.kv;

import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueCodec;
import io.nodedb.core.value.ValueFormatException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An equality index over one field of a collection's values, which are taken as MessagePack objects; {@code path}
 * walks nested objects. Field values are compared by their encoding, which {@link ValueCodec} makes canonical
 * (equal values, equal bytes), so 1 and 1.0 are different keys, as they are different values. Values that are not
 * objects, or lack the field, are not indexed. Kept in memory and rebuilt from the data when a snapshot loads.
 *
 * <p>Maintained by {@link KvStore} on every change; read under the collection's read lock.
 */
final class KvIndex {
    private record Bytes(byte[] b) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes other && Arrays.equals(b, other.b);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(b);
        }
    }

    private final String name;
    private final List<String> path;
    private final Map<Bytes, Set<Bytes>> entries = new HashMap<>();

    KvIndex(String name, List<String> path) {
        this.name = name;
        this.path = List.copyOf(path);
    }

    String name() {
        return name;
    }

    List<String> path() {
        return path;
    }

    void add(byte[] key, byte[] value) {
        byte[] field = extract(value);
        if (field != null) {
            entries.computeIfAbsent(new Bytes(field), f -> new HashSet<>(2)).add(new Bytes(key));
        }
    }

    void remove(byte[] key, byte[] value) {
        byte[] field = extract(value);
        if (field == null) {
            return;
        }
        Bytes f = new Bytes(field);
        Set<Bytes> keys = entries.get(f);
        if (keys != null && keys.remove(new Bytes(key)) && keys.isEmpty()) {
            entries.remove(f);
        }
    }

    /** Keys whose value has {@code fieldValue} at the path, in no particular order. */
    List<byte[]> lookup(Value fieldValue) {
        Set<Bytes> keys = entries.get(new Bytes(ValueCodec.encode(fieldValue)));
        if (keys == null) {
            return List.of();
        }
        List<byte[]> out = new ArrayList<>(keys.size());
        keys.forEach(k -> out.add(k.b));
        return out;
    }

    int distinctValues() {
        return entries.size();
    }

    private byte[] extract(byte[] value) {
        Value v;
        try {
            v = ValueCodec.decode(value);
        } catch (ValueFormatException notMessagePack) {
            return null; // opaque bytes (a RESP client's string, say) simply have no fields
        }
        for (String field : path) {
            if (!(v instanceof Value.Obj o) || (v = o.get(field)) == null) {
                return null;
            }
        }
        return ValueCodec.encode(v);
    }
}
