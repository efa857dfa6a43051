package io.nodedb.core.vector;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Plain loops: the reference the SIMD kernels are tested against, and the fallback when the Vector API is absent.
 * Sums accumulate in float, like the SIMD lanes, so both round alike in magnitude.
 */
final class ScalarKernels implements VectorKernels {
    static final ScalarKernels INSTANCE = new ScalarKernels();

    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfLong L = ValueLayout.JAVA_LONG_UNALIGNED;

    private ScalarKernels() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public float l2(MemorySegment a, long ao, MemorySegment b, long bo, int dim) {
        float sum = 0;
        for (int i = 0; i < dim; i++) {
            float d = a.get(F, ao + 4L * i) - b.get(F, bo + 4L * i);
            sum = Math.fma(d, d, sum);
        }
        return sum;
    }

    @Override
    public float dot(MemorySegment a, long ao, MemorySegment b, long bo, int dim) {
        float sum = 0;
        for (int i = 0; i < dim; i++) {
            sum = Math.fma(a.get(F, ao + 4L * i), b.get(F, bo + 4L * i), sum);
        }
        return sum;
    }

    @Override
    public float cosine(MemorySegment a, long ao, MemorySegment b, long bo, int dim) {
        float ab = 0;
        float aa = 0;
        float bb = 0;
        for (int i = 0; i < dim; i++) {
            float x = a.get(F, ao + 4L * i);
            float y = b.get(F, bo + 4L * i);
            ab = Math.fma(x, y, ab);
            aa = Math.fma(x, x, aa);
            bb = Math.fma(y, y, bb);
        }
        return cosineFrom(ab, aa, bb);
    }

    static float cosineFrom(float ab, float aa, float bb) {
        if (aa == 0 || bb == 0) {
            return 1f;
        }
        return (float) (1.0 - ab / Math.sqrt((double) aa * bb));
    }

    @Override
    public float manhattan(MemorySegment a, long ao, MemorySegment b, long bo, int dim) {
        float sum = 0;
        for (int i = 0; i < dim; i++) {
            sum += Math.abs(a.get(F, ao + 4L * i) - b.get(F, bo + 4L * i));
        }
        return sum;
    }

    @Override
    public float chebyshev(MemorySegment a, long ao, MemorySegment b, long bo, int dim) {
        float max = 0;
        for (int i = 0; i < dim; i++) {
            max = Math.max(max, Math.abs(a.get(F, ao + 4L * i) - b.get(F, bo + 4L * i)));
        }
        return max;
    }

    @Override
    public float hamming(MemorySegment a, long ao, MemorySegment b, long bo, int dim) {
        int count = 0;
        for (int i = 0; i < dim; i++) {
            if (a.get(F, ao + 4L * i) != b.get(F, bo + 4L * i)) {
                count++;
            }
        }
        return count;
    }

    @Override
    public float jaccard(MemorySegment a, long ao, MemorySegment b, long bo, int dim) {
        float shared = 0;
        float union = 0;
        for (int i = 0; i < dim; i++) {
            float x = a.get(F, ao + 4L * i);
            float y = b.get(F, bo + 4L * i);
            float ax = Math.abs(x);
            float ay = Math.abs(y);
            if (x * y > 0) {
                shared += Math.min(ax, ay);
            }
            union += Math.max(ax, ay);
        }
        return jaccardFrom(shared, union);
    }

    static float jaccardFrom(float shared, float union) {
        return union == 0 ? 0f : 1f - shared / union;
    }

    @Override
    public float pearson(MemorySegment a, long ao, MemorySegment b, long bo, int dim) {
        if (dim == 0) {
            return 1f;
        }
        float sa = 0;
        float sb = 0;
        for (int i = 0; i < dim; i++) {
            sa += a.get(F, ao + 4L * i);
            sb += b.get(F, bo + 4L * i);
        }
        float ma = sa / dim;
        float mb = sb / dim;
        float cov = 0;
        float va = 0;
        float vb = 0;
        for (int i = 0; i < dim; i++) {
            float x = a.get(F, ao + 4L * i) - ma;
            float y = b.get(F, bo + 4L * i) - mb;
            cov = Math.fma(x, y, cov);
            va = Math.fma(x, x, va);
            vb = Math.fma(y, y, vb);
        }
        return pearsonFrom(cov, va, vb);
    }

    static float pearsonFrom(float cov, float va, float vb) {
        if (va == 0 || vb == 0) {
            return 1f;
        }
        return (float) (1.0 - cov / Math.sqrt((double) va * vb));
    }

    @Override
    public float sq8L2(float[] a, float[] step, MemorySegment codes, long off, int dim) {
        float sum = 0;
        for (int i = 0; i < dim; i++) {
            float d = a[i] - codes.get(ValueLayout.JAVA_BYTE, off + i) * step[i];
            sum = Math.fma(d, d, sum);
        }
        return sum;
    }

    @Override
    public float sq8Dot(float[] w, MemorySegment codes, long off, int dim) {
        float sum = 0;
        for (int i = 0; i < dim; i++) {
            sum = Math.fma(w[i], codes.get(ValueLayout.JAVA_BYTE, off + i), sum);
        }
        return sum;
    }

    @Override
    public int hammingBits(MemorySegment a, long ao, MemorySegment b, long bo, int words) {
        int count = 0;
        for (int i = 0; i < words; i++) {
            count += Long.bitCount(a.get(L, ao + 8L * i) ^ b.get(L, bo + 8L * i));
        }
        return count;
    }
}
