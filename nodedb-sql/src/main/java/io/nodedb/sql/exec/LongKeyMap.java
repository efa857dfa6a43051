package io.nodedb.sql.exec;

/**
 * A hash map from long keys to values, open addressing with linear probing: a lookup is a few array reads, with no
 * key object and no equals call. Aggregation uses it for BIGINT group keys, the common case.
 */
final class LongKeyMap<V> {
    private long[] keys = new long[16];
    private Object[] values = new Object[16];
    private int size;

    @SuppressWarnings("unchecked")
    V get(long key) {
        int mask = keys.length - 1;
        for (int i = slot(key, mask); values[i] != null; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return (V) values[i];
            }
        }
        return null;
    }

    /** Adds a key that is not in the map yet. */
    void putNew(long key, V value) {
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        insert(keys, values, key, value);
        size++;
    }

    private void grow() {
        long[] newKeys = new long[keys.length * 2];
        Object[] newValues = new Object[values.length * 2];
        for (int i = 0; i < keys.length; i++) {
            if (values[i] != null) {
                insert(newKeys, newValues, keys[i], values[i]);
            }
        }
        keys = newKeys;
        values = newValues;
    }

    private static void insert(long[] keys, Object[] values, long key, Object value) {
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (values[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
    }

    /** Spreads the key's bits, since group keys are often small consecutive numbers. */
    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
