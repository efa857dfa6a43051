package io.nodedb.core.vector;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.stream.IntStream;

/**
 * Product quantization: the dimensions are cut into m contiguous subspaces (subspace j covers
 * {@code [j·dim/m, (j+1)·dim/m)}), each with its own 256 centroids trained by {@link KMeans}; a vector is stored as
 * the m indexes of its nearest centroid in each subspace, one byte each.
 *
 * <p>Searching uses asymmetric distance computation (ADC): for a float query, {@link #table} precomputes the
 * distance from each query sub-vector to each of the 256 centroids of its subspace (m × 256 floats), after which
 * the distance to any code is m table lookups and adds ({@link #adc}). That decomposes exactly for the metrics
 * that are sums over components: squared l2, inner product and manhattan. Cosine is served by quantizing
 * normalized vectors and taking half the squared l2 of normalized vectors, which is {@code 1 − cos}.
 *
 * <p>Immutable once trained.
 */
final class PqCodebook {
    static final int CENTROIDS = 256;
    static final int TRAINING_ITERATIONS = 10;

    private final int dim;
    private final int m;
    private final int[] start;
    /** Per subspace: 256 × width floats, row-major. */
    private final float[][] centroids;
    /**
     * The same centroids dimension-major ({@code [d·256 + c]}), so building a table runs over 256 contiguous
     * centroids per query component, a loop without a reduction that the JIT vectorizes.
     */
    private final float[] byDimension;

    PqCodebook(int dim, int m, float[][] centroids) {
        if (m < 1 || m > dim) {
            throw new IllegalArgumentException("PQ subspaces must be between 1 and " + dim + ", got " + m);
        }
        this.dim = dim;
        this.m = m;
        this.start = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            start[j] = (int) ((long) j * dim / m);
        }
        if (centroids.length != m) {
            throw new IllegalArgumentException("expected " + m + " subspace codebooks, got " + centroids.length);
        }
        for (int j = 0; j < m; j++) {
            if (centroids[j].length != CENTROIDS * width(j)) {
                throw new IllegalArgumentException("codebook " + j + " has " + centroids[j].length + " floats");
            }
        }
        this.centroids = centroids;
        this.byDimension = new float[dim * CENTROIDS];
        for (int j = 0; j < m; j++) {
            int w = width(j);
            for (int i = 0; i < w; i++) {
                for (int c = 0; c < CENTROIDS; c++) {
                    byDimension[(start[j] + i) * CENTROIDS + c] = centroids[j][c * w + i];
                }
            }
        }
    }

    static boolean supports(Metric metric) {
        return switch (metric) {
            case L2, COSINE, INNER_PRODUCT, MANHATTAN -> true;
            default -> false;
        };
    }

    /** Trains on n vectors (n × dim, row-major, already in the space the codes live in); subspaces in parallel. */
    static PqCodebook train(float[] sample, int n, int dim, int m, long seed, VectorKernels kernels) {
        int[] bounds = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            bounds[j] = (int) ((long) j * dim / m);
        }
        float[][] books = new float[m][];
        IntStream.range(0, m).parallel().forEach(j -> {
            int w = bounds[j + 1] - bounds[j];
            float[] sub = new float[n * w];
            for (int i = 0; i < n; i++) {
                System.arraycopy(sample, i * dim + bounds[j], sub, i * w, w);
            }
            books[j] = KMeans.train(sub, n, w, CENTROIDS, TRAINING_ITERATIONS, seed + 0x9E3779B97F4A7C15L * (j + 1),
                    kernels);
        });
        return new PqCodebook(dim, m, books);
    }

    int dim() {
        return dim;
    }

    int subspaces() {
        return m;
    }

    int width(int subspace) {
        return start[subspace + 1] - start[subspace];
    }

    /** Subspace j's centroids; shared, do not modify. */
    float[] centroids(int subspace) {
        return centroids[subspace];
    }

    long heapBytes() {
        return 8L * CENTROIDS * dim + 16L * m;
    }

    void encode(float[] v, MemorySegment out, long off) {
        float[] scratch = new float[CENTROIDS];
        for (int j = 0; j < m; j++) {
            int s = start[j];
            long best = KMeans.nearestTransposed(v, s, byDimension, s * CENTROIDS, start[j + 1] - s, CENTROIDS,
                    scratch);
            out.set(ValueLayout.JAVA_BYTE, off + j, (byte) ScoredQueue.node(best));
        }
    }

    void decode(MemorySegment codes, long off, float[] out) {
        for (int j = 0; j < m; j++) {
            int c = codes.get(ValueLayout.JAVA_BYTE, off + j) & 0xff;
            int w = start[j + 1] - start[j];
            System.arraycopy(centroids[j], c * w, out, start[j], w);
        }
    }

    /**
     * The ADC table of {@code q}: entry {@code j·256 + c} is the part of the distance contributed by subspace j
     * when the code there is c. {@code kind} is how components combine: {@link Metric#L2} (squared difference),
     * {@link Metric#INNER_PRODUCT} (negated product) or {@link Metric#MANHATTAN} (absolute difference).
     */
    float[] table(float[] q, Metric kind) {
        float[] t = new float[m * CENTROIDS];
        for (int j = 0; j < m; j++) {
            int base = j * CENTROIDS;
            for (int d = start[j]; d < start[j + 1]; d++) {
                float a = q[d];
                int row = d * CENTROIDS;
                switch (kind) {
                    case INNER_PRODUCT -> {
                        for (int c = 0; c < CENTROIDS; c++) {
                            t[base + c] -= a * byDimension[row + c];
                        }
                    }
                    case MANHATTAN -> {
                        for (int c = 0; c < CENTROIDS; c++) {
                            t[base + c] += Math.abs(a - byDimension[row + c]);
                        }
                    }
                    default -> {
                        for (int c = 0; c < CENTROIDS; c++) {
                            float x = a - byDimension[row + c];
                            t[base + c] += x * x;
                        }
                    }
                }
            }
        }
        return t;
    }

    /** The approximate distance of the code at {@code off}: m table lookups. */
    float adc(float[] table, byte[] codes, int off) {
        float d = 0;
        for (int j = 0; j < m; j++) {
            d += table[(j << 8) | (codes[off + j] & 0xff)];
        }
        return d;
    }

    /** How components combine in tables for a metric ({@link #table}); cosine works on normalized vectors. */
    static Metric tableKind(Metric metric) {
        return switch (metric) {
            case INNER_PRODUCT -> Metric.INNER_PRODUCT;
            case MANHATTAN -> Metric.MANHATTAN;
            default -> Metric.L2;
        };
    }

    /** Maps a table sum back to the metric's scale: for cosine, half the squared l2 of unit vectors. */
    static float finish(Metric metric, float sum) {
        return metric == Metric.COSINE ? sum * 0.5f : sum;
    }

    /** The vector as the codes see it: normalized for cosine, as is otherwise. Returns {@code v} or a copy. */
    static float[] prepare(Metric metric, float[] v) {
        if (metric != Metric.COSINE) {
            return v;
        }
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        if (norm == 0) {
            return v;
        }
        float inv = (float) (1 / Math.sqrt(norm));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * inv;
        }
        return out;
    }
}
