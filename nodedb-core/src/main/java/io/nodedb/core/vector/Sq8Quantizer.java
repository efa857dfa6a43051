package io.nodedb.core.vector;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * Scalar quantization to 8 bits per component: each dimension's trained range [min, max] is cut into 255 equal
 * steps, and a value is stored as the nearest step (values outside the range clamp to its ends). Within the range
 * a component is off by at most half a step, so an encoded vector is within {@link #maxError()} of the original
 * in Euclidean norm. Immutable once trained.
 *
 * <p>A code c (0..255) is stored as the signed byte {@code c − 128}, so SIMD kernels can widen it with a plain
 * signed conversion: the value is then {@code zero[i] + s·step[i]}, with {@link #zero} = min + 128·step.
 */
final class Sq8Quantizer {
    private final float[] min;
    private final float[] max;
    private final float[] step;

    Sq8Quantizer(float[] min, float[] max) {
        if (min.length != max.length) {
            throw new IllegalArgumentException("min and max differ in length");
        }
        this.min = min.clone();
        this.max = max.clone();
        this.step = new float[min.length];
        for (int i = 0; i < min.length; i++) {
            if (!(max[i] >= min[i])) {
                throw new IllegalArgumentException("dimension " + i + ": max " + max[i] + " below min " + min[i]);
            }
            step[i] = (max[i] - min[i]) / 255f;
        }
    }

    /** Per-dimension min and max over the accepted stored vectors; an empty sample gives the range [0, 0]. */
    static Sq8Quantizer train(VectorStore vectors, int count, IntPredicate include) {
        int dim = vectors.dim();
        float[] lo = new float[dim];
        float[] hi = new float[dim];
        Arrays.fill(lo, Float.POSITIVE_INFINITY);
        Arrays.fill(hi, Float.NEGATIVE_INFINITY);
        float[] v = new float[dim];
        boolean any = false;
        for (int id = 0; id < count; id++) {
            if (!include.test(id)) {
                continue;
            }
            any = true;
            vectors.read(id, v);
            for (int i = 0; i < dim; i++) {
                lo[i] = Math.min(lo[i], v[i]);
                hi[i] = Math.max(hi[i], v[i]);
            }
        }
        if (!any) {
            Arrays.fill(lo, 0f);
            Arrays.fill(hi, 0f);
        }
        return new Sq8Quantizer(lo, hi);
    }

    int dim() {
        return min.length;
    }

    float[] min() {
        return min.clone();
    }

    float[] max() {
        return max.clone();
    }

    /** Upper bound of ‖decode(encode(v)) − v‖ for any v inside the trained range. */
    float maxError() {
        double sum = 0;
        for (float s : step) {
            sum += (s / 2.0) * (s / 2.0);
        }
        return (float) Math.sqrt(sum);
    }

    float step(int dimension) {
        return step[dimension];
    }

    /** Steps per dimension; shared, do not modify. */
    float[] steps() {
        return step;
    }

    /** The value a stored signed byte 0 stands for, per dimension: min + 128·step. */
    float[] zero() {
        float[] z = new float[min.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = min[i] + 128 * step[i];
        }
        return z;
    }

    void encode(float[] v, MemorySegment out, long off) {
        for (int i = 0; i < min.length; i++) {
            int code = 0;
            if (step[i] > 0) {
                code = Math.round((v[i] - min[i]) / step[i]);
                code = Math.max(0, Math.min(255, code));
            }
            out.set(ValueLayout.JAVA_BYTE, off + i, (byte) (code ^ 0x80));
        }
    }

    /** Decodes through a caller-owned byte buffer so the hot loop runs over arrays the JIT can vectorize. */
    void decode(MemorySegment codes, long off, byte[] scratch, float[] out) {
        MemorySegment.copy(codes, ValueLayout.JAVA_BYTE, off, scratch, 0, min.length);
        for (int i = 0; i < min.length; i++) {
            out[i] = min[i] + ((scratch[i] ^ 0x80) & 0xff) * step[i];
        }
    }
}
