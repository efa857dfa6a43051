package io.nodedb.core.vector;

import io.nodedb.core.testing.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

@ExtendWith(Seeds.class)
class DistanceKernelsTest {
    private static final VectorKernels SCALAR = VectorKernels.scalar();
    private static final VectorKernels SIMD = VectorKernels.simd();

    private static float d(VectorKernels k, Metric m, float[] a, float[] b) {
        return k.distance(m).distance(a, b);
    }

    @Test
    void everyMetricMatchesAHandComputedExample() {
        float[] a = {1, 2, 3, 0};
        float[] b = {4, 0, 3, -2};
        for (VectorKernels k : new VectorKernels[] {SCALAR, SIMD}) {
            assertThat(d(k, Metric.L2, a, b)).isEqualTo(9 + 4 + 0 + 4);
            assertThat(d(k, Metric.INNER_PRODUCT, a, b)).isEqualTo(-(4 + 0 + 9 + 0));
            // a·b = 13, |a|² = 14, |b|² = 29
            assertThat(d(k, Metric.COSINE, a, b)).isCloseTo((float) (1 - 13 / Math.sqrt(14.0 * 29)), within(1e-6f));
            assertThat(d(k, Metric.MANHATTAN, a, b)).isEqualTo(3 + 2 + 0 + 2);
            assertThat(d(k, Metric.CHEBYSHEV, a, b)).isEqualTo(3);
            assertThat(d(k, Metric.HAMMING, a, b)).isEqualTo(3);
            // same sign only at components 0 and 2: min 1 + 3 = 4; max 4 + 2 + 3 + 2 = 11
            assertThat(d(k, Metric.JACCARD, a, b)).isCloseTo(1 - 4f / 11f, within(1e-6f));
            // means 1.5 and 1.25; centred a = (-.5,.5,1.5,-1.5), b = (2.75,-1.25,1.75,-3.25)
            double cov = -.5 * 2.75 + .5 * -1.25 + 1.5 * 1.75 + -1.5 * -3.25;
            double va = .25 + .25 + 2.25 + 2.25;
            double vb = 2.75 * 2.75 + 1.25 * 1.25 + 1.75 * 1.75 + 3.25 * 3.25;
            assertThat(d(k, Metric.PEARSON, a, b)).isCloseTo((float) (1 - cov / Math.sqrt(va * vb)), within(1e-6f));
        }
    }

    @Test
    void edgeCasesAreDefinedNotNaN() {
        float[] zero = new float[5];
        float[] v = {1, -2, 3, 0, 5};
        float[] constant = {2, 2, 2, 2, 2};
        for (VectorKernels k : new VectorKernels[] {SCALAR, SIMD}) {
            assertThat(d(k, Metric.COSINE, zero, v)).isEqualTo(1f);
            assertThat(d(k, Metric.JACCARD, zero, zero)).isEqualTo(0f);
            assertThat(d(k, Metric.JACCARD, v, v)).isEqualTo(0f);
            assertThat(d(k, Metric.PEARSON, constant, v)).isEqualTo(1f);
            assertThat(d(k, Metric.PEARSON, v, v)).isCloseTo(0f, within(1e-6f));
            assertThat(d(k, Metric.HAMMING, v, v)).isEqualTo(0f);
        }
        // Set Jaccard on 0/1 vectors: {0,1,2} vs {1,2,3} share 2 of 4.
        float[] s1 = {1, 1, 1, 0};
        float[] s2 = {0, 1, 1, 1};
        assertThat(d(SIMD, Metric.JACCARD, s1, s2)).isCloseTo(0.5f, within(1e-6f));
    }

    @Test
    void simdMatchesScalarOnRandomVectorsOfManyDimensions(TestInfo info) {
        SplittableRandom rnd = Seeds.random(info);
        int[] dims = new int[80];
        for (int i = 0; i < 70; i++) {
            dims[i] = i + 1;
        }
        int[] larger = {95, 127, 128, 129, 255, 384, 511, 768, 1000, 1536};
        System.arraycopy(larger, 0, dims, 70, larger.length);
        try (Arena arena = Arena.ofConfined()) {
            for (int dim : dims) {
                for (int round = 0; round < 5; round++) {
                    // Odd byte offsets in native memory: the kernels must not assume alignment.
                    long ao = 4L * rnd.nextInt(3) + 1;
                    long bo = 4L * rnd.nextInt(3) + 3;
                    MemorySegment a = arena.allocate(ao + 4L * dim);
                    MemorySegment b = arena.allocate(bo + 4L * dim);
                    for (int i = 0; i < dim; i++) {
                        float x = (float) (rnd.nextDouble() * 4 - 2);
                        // A share of equal and zero components exercises hamming and jaccard.
                        float y = rnd.nextInt(4) == 0 ? x : rnd.nextInt(5) == 0 ? 0f : (float) (rnd.nextDouble() * 4 - 2);
                        a.set(ValueLayout.JAVA_FLOAT_UNALIGNED, ao + 4L * i, x);
                        b.set(ValueLayout.JAVA_FLOAT_UNALIGNED, bo + 4L * i, y);
                    }
                    for (Metric m : Metric.values()) {
                        float s = SCALAR.distance(m).distance(a, ao, b, bo, dim);
                        float v = SIMD.distance(m).distance(a, ao, b, bo, dim);
                        float tolerance = 1e-5f * Math.max(1f, Math.abs(s)) + 2e-5f * (float) Math.sqrt(dim);
                        assertThat(v).as("%s dim %d", m, dim).isCloseTo(s, within(tolerance));
                    }
                }
            }
        }
    }

    @Test
    void packedHammingMatchesScalar(TestInfo info) {
        SplittableRandom rnd = Seeds.random(info);
        for (int words = 1; words <= 40; words++) {
            long[] x = new long[words];
            long[] y = new long[words];
            int expected = 0;
            for (int i = 0; i < words; i++) {
                x[i] = rnd.nextLong();
                y[i] = rnd.nextLong();
                expected += Long.bitCount(x[i] ^ y[i]);
            }
            MemorySegment a = MemorySegment.ofArray(x);
            MemorySegment b = MemorySegment.ofArray(y);
            assertThat(SCALAR.hammingBits(a, 0, b, 0, words)).isEqualTo(expected);
            assertThat(SIMD.hammingBits(a, 0, b, 0, words)).isEqualTo(expected);
        }
    }

    @Test
    void metricsParseByNameAndAlias() {
        assertThat(Metric.parse("L2")).isEqualTo(Metric.L2);
        assertThat(Metric.parse("dot")).isEqualTo(Metric.INNER_PRODUCT);
        assertThat(Metric.parse(" Pearson ")).isEqualTo(Metric.PEARSON);
        for (Metric m : Metric.values()) {
            assertThat(Metric.parse(m.sqlName())).isEqualTo(m);
            assertThat(Metric.fromCode(m.code())).isEqualTo(m);
        }
        assertThatThrownBy(() -> Metric.parse("euclidian")).hasMessageContaining("expected l2, cosine");
    }

    @Test
    void kernelsAreSelectable() {
        assertThat(VectorKernels.named("scalar")).isSameAs(SCALAR);
        assertThat(VectorKernels.named("simd")).isSameAs(SIMD);
        assertThat(VectorKernels.named(null)).isNotNull();
        assertThatThrownBy(() -> VectorKernels.named("avx")).isInstanceOf(IllegalArgumentException.class);
    }
}
