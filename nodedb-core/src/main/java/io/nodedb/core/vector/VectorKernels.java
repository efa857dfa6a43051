package io.nodedb.core.vector;

import java.lang.foreign.MemorySegment;
import java.util.Locale;

/**
 * The distance kernels, defined in {@link Metric}. Two implementations give the same answers within float
 * rounding: {@link SimdKernels} on the incubating Vector API and {@link ScalarKernels}, plain loops. Rounding
 * differs because SIMD sums in lanes; anything that must be bit-identical across machines (graph construction
 * replayed on a replica) should use one implementation everywhere, see {@link #preferred()}.
 *
 * <p>All offsets are in bytes; floats are in native byte order. Implementations are stateless and thread-safe.
 */
public sealed interface VectorKernels permits ScalarKernels, SimdKernels {

    /** System property choosing the implementation: {@code simd} (the default when available) or {@code scalar}. */
    String PROPERTY = "nodedb.vector.kernels";

    String name();

    float l2(MemorySegment a, long ao, MemorySegment b, long bo, int dim);

    float dot(MemorySegment a, long ao, MemorySegment b, long bo, int dim);

    float cosine(MemorySegment a, long ao, MemorySegment b, long bo, int dim);

    float manhattan(MemorySegment a, long ao, MemorySegment b, long bo, int dim);

    float chebyshev(MemorySegment a, long ao, MemorySegment b, long bo, int dim);

    float hamming(MemorySegment a, long ao, MemorySegment b, long bo, int dim);

    float jaccard(MemorySegment a, long ao, MemorySegment b, long bo, int dim);

    float pearson(MemorySegment a, long ao, MemorySegment b, long bo, int dim);

    /** Differing bits between two packed bit strings of {@code words} 64-bit words each. */
    int hammingBits(MemorySegment a, long ao, MemorySegment b, long bo, int words);

    /**
     * {@code Σ (a[i] − s[i]·step[i])²} over the signed bytes s at {@code codes[off..off+dim)}: the squared l2
     * distance from a query to an SQ8 code, with the query already shifted by the code's zero point.
     */
    float sq8L2(float[] a, float[] step, MemorySegment codes, long off, int dim);

    /** {@code Σ w[i]·s[i]} over the signed bytes s at {@code codes[off..off+dim)}. */
    float sq8Dot(float[] w, MemorySegment codes, long off, int dim);

    /** The distance function for a metric, as defined in {@link Metric}. */
    default DistanceFunction distance(Metric metric) {
        return switch (metric) {
            case L2 -> this::l2;
            case COSINE -> this::cosine;
            case INNER_PRODUCT -> (a, ao, b, bo, dim) -> -dot(a, ao, b, bo, dim);
            case MANHATTAN -> this::manhattan;
            case CHEBYSHEV -> this::chebyshev;
            case HAMMING -> this::hamming;
            case JACCARD -> this::jaccard;
            case PEARSON -> this::pearson;
        };
    }

    static VectorKernels scalar() {
        return ScalarKernels.INSTANCE;
    }

    /**
     * The Vector API kernels.
     *
     * @throws IllegalStateException when the JVM was started without {@code --add-modules jdk.incubator.vector}
     */
    static VectorKernels simd() {
        if (!simdAvailable()) {
            throw new IllegalStateException("the Vector API is not available; start the JVM with "
                    + "--add-modules jdk.incubator.vector or set -D" + PROPERTY + "=scalar");
        }
        return SimdKernels.INSTANCE;
    }

    /** Whether the incubator module is loaded, so that touching {@link SimdKernels} cannot fail to link. */
    static boolean simdAvailable() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** SIMD when the module is present, unless {@value #PROPERTY} says {@code scalar}. */
    static VectorKernels preferred() {
        String choice = System.getProperty(PROPERTY, "simd").strip().toLowerCase(Locale.ROOT);
        return switch (choice) {
            case "scalar" -> scalar();
            case "simd" -> simdAvailable() ? SimdKernels.INSTANCE : scalar();
            default -> throw new IllegalArgumentException("-D" + PROPERTY + " must be simd or scalar, got '"
                    + choice + "'");
        };
    }

    /** Resolves a configured name ({@code simd}, {@code scalar}); null means {@link #preferred()}. */
    static VectorKernels named(String name) {
        if (name == null) {
            return preferred();
        }
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "scalar" -> scalar();
            case "simd" -> simd();
            default -> throw new IllegalArgumentException("vector kernels must be simd or scalar, got '" + name + "'");
        };
    }
}
