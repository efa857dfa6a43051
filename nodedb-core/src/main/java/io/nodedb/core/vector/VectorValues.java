package io.nodedb.core.vector;

import io.nodedb.core.value.Value;

import java.util.List;

/** Finds a vector in a document: a {@code VECTOR(n)} value or an array of numbers at a dotted field path. */
public final class VectorValues {
    private VectorValues() {
    }

    /** The value at {@code path} ("a.b.c"), or null when a step is missing or not an object. */
    public static Value field(Value.Obj doc, String path) {
        Value v = doc;
        int start = 0;
        while (true) {
            if (!(v instanceof Value.Obj o)) {
                return null;
            }
            int dot = path.indexOf('.', start);
            String step = dot < 0 ? path.substring(start) : path.substring(start, dot);
            v = o.fields().get(step);
            if (dot < 0 || v == null) {
                return v;
            }
            start = dot + 1;
        }
    }

    /**
     * The components of a vector-like value, or null if it is not one: a {@link Value.Vector}, or an array whose
     * elements are all numbers. Finiteness and dimension are the caller's to check.
     */
    public static float[] toFloats(Value v) {
        switch (v) {
            case Value.Vector vec -> {
                return vec.values();
            }
            case Value.Array a -> {
                List<Value> items = a.elements();
                float[] out = new float[items.size()];
                for (int i = 0; i < out.length; i++) {
                    switch (items.get(i)) {
                        case Value.Int n -> out[i] = n.value();
                        case Value.Float f -> out[i] = (float) f.value();
                        case Value.Decimal d -> out[i] = d.value().floatValue();
                        default -> {
                            return null;
                        }
                    }
                }
                return out;
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * The vector an index on {@code path} with dimension {@code dim} takes from the document, or null when the
     * document has none there or one it cannot take (wrong dimension, a component not finite, not numbers). SQL
     * writes are checked before they are logged (see the SQL layer), so null here means "not indexed", not an error.
     */
    public static float[] indexable(Value.Obj doc, String path, int dim) {
        if (doc == null) {
            return null;
        }
        Value v = field(doc, path);
        if (v == null || v.isNull()) {
            return null;
        }
        float[] f = toFloats(v);
        if (f == null || f.length != dim) {
            return null;
        }
        for (float x : f) {
            if (!Float.isFinite(x)) {
                return null;
            }
        }
        return f;
    }

    static boolean sameVector(float[] a, float[] b) {
        return a != null && b != null && java.util.Arrays.equals(a, b);
    }
}
