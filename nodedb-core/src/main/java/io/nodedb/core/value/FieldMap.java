package io.nodedb.core.value;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * The immutable, insertion-ordered field map behind {@link Value.Obj}. Parallel arrays rather than a
 * LinkedHashMap: most documents have a handful of fields, where a linear scan beats hashing and the arrays cost
 * a fraction of the memory. A hash index is added only past {@link #INDEX_THRESHOLD} fields.
 *
 * <p>{@link #equals} and {@link #hashCode} follow the {@link Map} contract (order-insensitive); {@link Value.Obj}
 * layers its order-sensitive equality on top via {@link #sameInOrder}.
 */
final class FieldMap extends AbstractMap<String, Value> {
    static final int INDEX_THRESHOLD = 8;
    static final FieldMap EMPTY = new FieldMap(new String[0], new Value[0], null);

    private final String[] keys;
    private final Value[] values;
    private final HashMap<String, Integer> index;
    private Set<Entry<String, Value>> entrySet;

    private FieldMap(String[] keys, Value[] values, HashMap<String, Integer> index) {
        this.keys = keys;
        this.values = values;
        this.index = index;
    }

    static FieldMap copyOf(Map<String, ? extends Value> source) {
        if (source instanceof FieldMap fm) {
            return fm;
        }
        Builder b = new Builder(source.size());
        for (Entry<String, ? extends Value> e : source.entrySet()) {
            b.put(e.getKey(), e.getValue());
        }
        return b.build();
    }

    @Override
    public int size() {
        return keys.length;
    }

    String keyAt(int i) {
        return keys[i];
    }

    Value valueAt(int i) {
        return values[i];
    }

    int indexOf(Object key) {
        if (index != null) {
            Integer i = index.get(key);
            return i == null ? -1 : i;
        }
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Value get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : values[i];
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public Set<Entry<String, Value>> entrySet() {
        Set<Entry<String, Value>> es = entrySet;
        if (es == null) {
            es = new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, Value>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < keys.length;
                        }

                        @Override
                        public Entry<String, Value> next() {
                            if (next >= keys.length) {
                                throw new NoSuchElementException();
                            }
                            int i = next++;
                            return Map.entry(keys[i], values[i]);
                        }
                    };
                }

                @Override
                public int size() {
                    return keys.length;
                }
            };
            entrySet = es;
        }
        return es;
    }

    FieldMap with(String key, Value value) {
        Builder b = builderFrom(1);
        b.put(key, value);
        return b.build();
    }

    FieldMap without(String key) {
        Builder b = builderFrom(0);
        b.remove(key);
        return b.build();
    }

    private Builder builderFrom(int extra) {
        Builder b = new Builder(keys.length + extra);
        for (int i = 0; i < keys.length; i++) {
            b.append(keys[i], values[i]);
        }
        return b;
    }

    boolean sameInOrder(FieldMap other) {
        return Arrays.equals(keys, other.keys) && Arrays.equals(values, other.values);
    }

    int orderedHash() {
        return 31 * Arrays.hashCode(keys) + Arrays.hashCode(values);
    }

    /**
     * Collects fields in order. Single use: {@link #build} hands the arrays over without copying, so the decoders
     * pay for one allocation per object.
     */
    static final class Builder {
        private String[] keys;
        private Value[] values;
        private int size;
        private HashMap<String, Integer> index;

        Builder(int expectedSize) {
            int cap = Math.max(expectedSize, 4);
            keys = new String[cap];
            values = new Value[cap];
        }

        int size() {
            return size;
        }

        private int indexOf(String key) {
            if (index != null) {
                Integer i = index.get(key);
                return i == null ? -1 : i;
            }
            for (int i = 0; i < size; i++) {
                if (keys[i].equals(key)) {
                    return i;
                }
            }
            return -1;
        }

        /** Appends a field; returns false, changing nothing, when the key is already present. */
        boolean add(String key, Value value) {
            checkOpen();
            Objects.requireNonNull(key, "field name");
            Objects.requireNonNull(value, "field value");
            if (indexOf(key) >= 0) {
                return false;
            }
            append(key, value);
            return true;
        }

        /** Appends a field, or replaces the value of an existing one in place (LinkedHashMap semantics). */
        void put(String key, Value value) {
            checkOpen();
            Objects.requireNonNull(key, "field name");
            Objects.requireNonNull(value, "field value");
            int i = indexOf(key);
            if (i >= 0) {
                values[i] = value;
            } else {
                append(key, value);
            }
        }

        boolean remove(String key) {
            checkOpen();
            int i = indexOf(key);
            if (i < 0) {
                return false;
            }
            System.arraycopy(keys, i + 1, keys, i, size - i - 1);
            System.arraycopy(values, i + 1, values, i, size - i - 1);
            size--;
            keys[size] = null;
            values[size] = null;
            if (index != null) {
                rebuildIndex();
            }
            return true;
        }

        private void append(String key, Value value) {
            if (size == keys.length) {
                int cap = keys.length * 2;
                keys = Arrays.copyOf(keys, cap);
                values = Arrays.copyOf(values, cap);
            }
            keys[size] = key;
            values[size] = value;
            size++;
            if (index != null) {
                index.put(key, size - 1);
            } else if (size > INDEX_THRESHOLD) {
                rebuildIndex();
            }
        }

        private void rebuildIndex() {
            if (size <= INDEX_THRESHOLD) {
                index = null;
                return;
            }
            index = HashMap.newHashMap(size);
            for (int i = 0; i < size; i++) {
                index.put(keys[i], i);
            }
        }

        private void checkOpen() {
            if (keys == null) {
                throw new IllegalStateException("builder already used");
            }
        }

        FieldMap build() {
            checkOpen();
            FieldMap result;
            if (size == 0) {
                result = EMPTY;
            } else {
                String[] k = size == keys.length ? keys : Arrays.copyOf(keys, size);
                Value[] v = size == values.length ? values : Arrays.copyOf(values, size);
                result = new FieldMap(k, v, index);
            }
            keys = null;
            values = null;
            index = null;
            return result;
        }
    }
}
