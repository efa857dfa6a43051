package io.nodedb.core.vector;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Kernels on the Vector API at the preferred species width. Each loop runs whole lanes up to
 * {@code loopBound(dim)} and finishes the remainder with scalar code rather than masks: masked loads are slow on
 * CPUs without AVX-512, and the tail is at most one lane-width of work.
 *
 * <p>Lane-wise operations (add, sub, fma, abs, min, max, compare) are exact per lane, and horizontal sums run in
 * a fixed order ({@link #sum}), so a given input always gives the same bits on a given lane width, compiled or
 * interpreted. A different lane width (AVX2 against AVX-512) sums in a different order and may differ in the
 * last bits.
 *
 * <p>Only touch this class after {@link VectorKernels#simdAvailable()} said yes: it links against
 * {@code jdk.incubator.vector}.
 */
final class SimdKernels implements VectorKernels {
    static final SimdKernels INSTANCE = new SimdKernels();

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Long> LS = LongVector.SPECIES_PREFERRED;
    private static final int LANES = S.length();
    /** Bytes that widen to one float vector; none below 8 lanes (there is no 32-bit shape), then SQ8 is scalar. */
    private static final VectorSpecies<Byte> BS = LANES >= 8
            ? VectorSpecies.of(byte.class, VectorShape.forBitSize(LANES * 8)) : null;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfLong L = ValueLayout.JAVA_LONG_UNALIGNED;

    private SimdKernels() {
    }

    @Override
    public String name() {
        return "simd(" + LANES + " lanes)";
    }

    private static FloatVector load(MemorySegment s, long off, int i) {
        return FloatVector.fromMemorySegment(S, s, off + 4L * i, ORDER);
    }

    /**
     * Halving shuffles for {@link #sum}: step t moves lane i + width/2^(t+1) onto lane i. Built once; a constant
     * shuffle compiles to one permute instruction.
     */
    private static final VectorShuffle<Float>[] HALVES = halves();

    @SuppressWarnings("unchecked")
    private static VectorShuffle<Float>[] halves() {
        int steps = Integer.numberOfTrailingZeros(LANES);
        VectorShuffle<Float>[] out = new VectorShuffle[steps];
        for (int t = 0, half = LANES >> 1; t < steps; t++, half >>= 1) {
            int h = half;
            out[t] = VectorShuffle.fromOp(S, i -> (i + h) % LANES);
        }
        return out;
    }

    /**
     * Adds the lanes in a fixed pairwise tree: lane i with lane i + width/2, then the same on the lower half, and
     * so on, then lane 0. {@code reduceLanes(ADD)} leaves the order unspecified, and in practice the JIT's
     * intrinsic and the interpreter's fallback add in different orders, so the same call could round differently
     * before and after compilation; a graph built from such distances would not be replayable. Lane-wise adds
     * and permutes are exact per lane, so this tree gives the same bits compiled or interpreted, and it takes
     * log2(width) dependent adds where adding left to right took width (16 on AVX-512, a third of a 128-dimension
     * distance) and a store to an array.
     */
    private static float sum(FloatVector v) {
        for (VectorShuffle<Float> h : HALVES) {
            v = v.add(v.rearrange(h));
        }
        return v.lane(0);
    }

    private static float at(MemorySegment s, long off, int i) {
        return s.get(F, off + 4L * i);
    }

    @Override
    public float l2(MemorySegment a, long ao, MemorySegment b, long bo, int dim) {
        // Two accumulators halve the chain of dependent FMAs; they are added lane-wise in a fixed order.
        FloatVector acc = FloatVector.zero(S);
        FloatVector acc2 = FloatVector.zero(S);
        int bound = S.loopBound(dim);
        int bound2 = S.loopBound(dim) & ~(2 * LANES - 1);
        int i = 0;
        for (; i < bound2; i += 2 * LANES) {
            FloatVector d = load(a, ao, i).sub(load(b, bo, i));
            FloatVector d2 = load(a, ao, i + LANES).sub(load(b, bo, i + LANES));
            acc = d.fma(d, acc);
            acc2 = d2.fma(d2, acc2);
        }
        for (; i < bound; i += LANES) {
            FloatVector d = load(a, ao, i).sub(load(b, bo, i));
            acc = d.fma(d, acc);
        }
        float sum = sum(acc.add(acc2));
        for (; i < dim; i++) {
            float d = at(a, ao, i) - at(b, bo, i);
            sum = Math.fma(d, d, sum);
        }
        return sum;
    }

    @Override
    public float dot(MemorySegment a, long ao, MemorySegment b, long bo, int dim) {
        FloatVector acc = FloatVector.zero(S);
        FloatVector acc2 = FloatVector.zero(S);
        int bound = S.loopBound(dim);
        int bound2 = S.loopBound(dim) & ~(2 * LANES - 1);
        int i = 0;
        for (; i < bound2; i += 2 * LANES) {
            acc = load(a, ao, i).fma(load(b, bo, i), acc);
            acc2 = load(a, ao, i + LANES).fma(load(b, bo, i + LANES), acc2);
        }
        for (; i < bound; i += LANES) {
            acc = load(a, ao, i).fma(load(b, bo, i), acc);
        }
        float sum = sum(acc.add(acc2));
        for (; i < dim; i++) {
            sum = Math.fma(at(a, ao, i), at(b, bo, i), sum);
        }
        return sum;
    }

    @Override
    public float cosine(MemorySegment a, long ao, MemorySegment b, long bo, int dim) {
        FloatVector ab = FloatVector.zero(S);
        FloatVector aa = FloatVector.zero(S);
        FloatVector bb = FloatVector.zero(S);
        int bound = S.loopBound(dim);
        int i = 0;
        for (; i < bound; i += LANES) {
            FloatVector x = load(a, ao, i);
            FloatVector y = load(b, bo, i);
            ab = x.fma(y, ab);
            aa = x.fma(x, aa);
            bb = y.fma(y, bb);
        }
        float sab = sum(ab);
        float saa = sum(aa);
        float sbb = sum(bb);
        for (; i < dim; i++) {
            float x = at(a, ao, i);
            float y = at(b, bo, i);
            sab = Math.fma(x, y, sab);
            saa = Math.fma(x, x, saa);
            sbb = Math.fma(y, y, sbb);
        }
        return ScalarKernels.cosineFrom(sab, saa, sbb);
    }

    @Override
    public float manhattan(MemorySegment a, long ao, MemorySegment b, long bo, int dim) {
        FloatVector acc = FloatVector.zero(S);
        int bound = S.loopBound(dim);
        int i = 0;
        for (; i < bound; i += LANES) {
            acc = acc.add(load(a, ao, i).sub(load(b, bo, i)).abs());
        }
        float sum = sum(acc);
        for (; i < dim; i++) {
            sum += Math.abs(at(a, ao, i) - at(b, bo, i));
        }
        return sum;
    }

    @Override
    public float chebyshev(MemorySegment a, long ao, MemorySegment b, long bo, int dim) {
        FloatVector acc = FloatVector.zero(S);
        int bound = S.loopBound(dim);
        int i = 0;
        for (; i < bound; i += LANES) {
            acc = acc.max(load(a, ao, i).sub(load(b, bo, i)).abs());
        }
        float max = acc.reduceLanes(VectorOperators.MAX);
        for (; i < dim; i++) {
            max = Math.max(max, Math.abs(at(a, ao, i) - at(b, bo, i)));
        }
        return max;
    }

    @Override
    public float hamming(MemorySegment a, long ao, MemorySegment b, long bo, int dim) {
        int count = 0;
        int bound = S.loopBound(dim);
        int i = 0;
        for (; i < bound; i += LANES) {
            count += load(a, ao, i).compare(VectorOperators.NE, load(b, bo, i)).trueCount();
        }
        for (; i < dim; i++) {
            if (at(a, ao, i) != at(b, bo, i)) {
                count++;
            }
        }
        return count;
    }

    @Override
    public float jaccard(MemorySegment a, long ao, MemorySegment b, long bo, int dim) {
        FloatVector shared = FloatVector.zero(S);
        FloatVector union = FloatVector.zero(S);
        int bound = S.loopBound(dim);
        int i = 0;
        for (; i < bound; i += LANES) {
            FloatVector x = load(a, ao, i);
            FloatVector y = load(b, bo, i);
            FloatVector ax = x.abs();
            FloatVector ay = y.abs();
            VectorMask<Float> same = x.mul(y).compare(VectorOperators.GT, 0f);
            shared = shared.add(ax.min(ay), same);
            union = union.add(ax.max(ay));
        }
        float s = sum(shared);
        float u = sum(union);
        for (; i < dim; i++) {
            float x = at(a, ao, i);
            float y = at(b, bo, i);
            float ax = Math.abs(x);
            float ay = Math.abs(y);
            if (x * y > 0) {
                s += Math.min(ax, ay);
            }
            u += Math.max(ax, ay);
        }
        return ScalarKernels.jaccardFrom(s, u);
    }

    @Override
    public float pearson(MemorySegment a, long ao, MemorySegment b, long bo, int dim) {
        if (dim == 0) {
            return 1f;
        }
        FloatVector va = FloatVector.zero(S);
        FloatVector vb = FloatVector.zero(S);
        int bound = S.loopBound(dim);
        int i = 0;
        for (; i < bound; i += LANES) {
            va = va.add(load(a, ao, i));
            vb = vb.add(load(b, bo, i));
        }
        float sa = sum(va);
        float sb = sum(vb);
        for (; i < dim; i++) {
            sa += at(a, ao, i);
            sb += at(b, bo, i);
        }
        float ma = sa / dim;
        float mb = sb / dim;
        FloatVector mav = FloatVector.broadcast(S, ma);
        FloatVector mbv = FloatVector.broadcast(S, mb);
        FloatVector cov = FloatVector.zero(S);
        FloatVector xx = FloatVector.zero(S);
        FloatVector yy = FloatVector.zero(S);
        for (i = 0; i < bound; i += LANES) {
            FloatVector x = load(a, ao, i).sub(mav);
            FloatVector y = load(b, bo, i).sub(mbv);
            cov = x.fma(y, cov);
            xx = x.fma(x, xx);
            yy = y.fma(y, yy);
        }
        float c = sum(cov);
        float x2 = sum(xx);
        float y2 = sum(yy);
        for (; i < dim; i++) {
            float x = at(a, ao, i) - ma;
            float y = at(b, bo, i) - mb;
            c = Math.fma(x, y, c);
            x2 = Math.fma(x, x, x2);
            y2 = Math.fma(y, y, y2);
        }
        return ScalarKernels.pearsonFrom(c, x2, y2);
    }

    private static FloatVector widen(MemorySegment codes, long off) {
        return (FloatVector) ByteVector.fromMemorySegment(BS, codes, off, ORDER).convertShape(VectorOperators.B2F,
                S, 0);
    }

    @Override
    public float sq8L2(float[] a, float[] step, MemorySegment codes, long off, int dim) {
        FloatVector acc = FloatVector.zero(S);
        int bound = BS == null ? 0 : S.loopBound(dim);
        int i = 0;
        for (; i < bound; i += LANES) {
            FloatVector d = FloatVector.fromArray(S, a, i).sub(widen(codes, off + i).mul(FloatVector.fromArray(S,
                    step, i)));
            acc = d.fma(d, acc);
        }
        float sum = sum(acc);
        for (; i < dim; i++) {
            float d = a[i] - codes.get(ValueLayout.JAVA_BYTE, off + i) * step[i];
            sum = Math.fma(d, d, sum);
        }
        return sum;
    }

    @Override
    public float sq8Dot(float[] w, MemorySegment codes, long off, int dim) {
        FloatVector acc = FloatVector.zero(S);
        int bound = BS == null ? 0 : S.loopBound(dim);
        int i = 0;
        for (; i < bound; i += LANES) {
            acc = FloatVector.fromArray(S, w, i).fma(widen(codes, off + i), acc);
        }
        float sum = sum(acc);
        for (; i < dim; i++) {
            sum = Math.fma(w[i], codes.get(ValueLayout.JAVA_BYTE, off + i), sum);
        }
        return sum;
    }

    @Override
    public int hammingBits(MemorySegment a, long ao, MemorySegment b, long bo, int words) {
        int lanes = LS.length();
        int bound = LS.loopBound(words);
        LongVector acc = LongVector.zero(LS);
        int i = 0;
        for (; i < bound; i += lanes) {
            LongVector x = LongVector.fromMemorySegment(LS, a, ao + 8L * i, ORDER);
            LongVector y = LongVector.fromMemorySegment(LS, b, bo + 8L * i, ORDER);
            acc = acc.add(x.lanewise(VectorOperators.XOR, y).lanewise(VectorOperators.BIT_COUNT));
        }
        long count = acc.reduceLanes(VectorOperators.ADD);
        for (; i < words; i++) {
            count += Long.bitCount(a.get(L, ao + 8L * i) ^ b.get(L, bo + 8L * i));
        }
        return (int) count;
    }
}
