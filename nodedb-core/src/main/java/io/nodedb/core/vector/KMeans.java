package io.nodedb.core.vector;

import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;

/**
 * Seeded Lloyd's k-means on squared Euclidean distance, for PQ codebooks and IVF lists. Deterministic: the same
 * points, k, iterations and seed give the same centroids bit for bit (given the same kernels), which is what lets
 * replicas and replays train the same quantizers from the same log.
 *
 * <p>Initial centroids are k distinct sample points chosen by a seeded shuffle (k-means++ costs k passes over the
 * data, too slow for nlist in the thousands at 768 dimensions); an emptied cluster is re-seeded with the point
 * farthest from its centroid in the largest cluster, so no centroid is wasted. With fewer points than k, the
 * points are repeated.
 */
final class KMeans {
    private KMeans() {
    }

    /**
     * @param points n × d, row-major
     * @return k × d centroids, row-major
     */
    static float[] train(float[] points, int n, int d, int k, int iterations, long seed, VectorKernels kernels) {
        float[] centroids = new float[k * d];
        if (n == 0) {
            return centroids;
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < Math.min(n, k); i++) {
            int j = i + random.nextInt(n - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int c = 0; c < k; c++) {
            System.arraycopy(points, order[c % n] * d, centroids, c * d, d);
        }
        if (n <= k) {
            return centroids;
        }
        int[] assign = new int[n];
        float[] dist = new float[n];
        double[] sums = new double[k * d];
        int[] counts = new int[k];
        for (int it = 0; it < iterations; it++) {
            assignAll(points, n, d, centroids, k, assign, dist, kernels);
            java.util.Arrays.fill(sums, 0);
            java.util.Arrays.fill(counts, 0);
            for (int i = 0; i < n; i++) {
                int c = assign[i];
                counts[c]++;
                int po = i * d;
                int co = c * d;
                for (int j = 0; j < d; j++) {
                    sums[co + j] += points[po + j];
                }
            }
            for (int c = 0; c < k; c++) {
                if (counts[c] > 0) {
                    for (int j = 0; j < d; j++) {
                        centroids[c * d + j] = (float) (sums[c * d + j] / counts[c]);
                    }
                } else {
                    reseed(points, n, d, centroids, c, assign, dist, counts);
                }
            }
        }
        return centroids;
    }

    /** Moves an empty centroid onto the worst-served point of the largest cluster and takes it over. */
    private static void reseed(float[] points, int n, int d, float[] centroids, int empty, int[] assign,
            float[] dist, int[] counts) {
        int largest = 0;
        for (int c = 1; c < counts.length; c++) {
            if (counts[c] > counts[largest]) {
                largest = c;
            }
        }
        int worst = -1;
        for (int i = 0; i < n; i++) {
            if (assign[i] == largest && (worst < 0 || dist[i] > dist[worst])) {
                worst = i;
            }
        }
        if (worst < 0 || counts[largest] < 2) {
            return;
        }
        System.arraycopy(points, worst * d, centroids, empty * d, d);
        assign[worst] = empty;
        dist[worst] = 0;
        counts[largest]--;
        counts[empty] = 1;
    }

    /** Below this many dimensions a point is compared with all centroids at once, dimension by dimension. */
    static final int SMALL_DIM = 32;

    private static void assignAll(float[] points, int n, int d, float[] centroids, int k, int[] assign,
            float[] dist, VectorKernels kernels) {
        if (d <= SMALL_DIM) {
            // PQ subspaces: a handful of dimensions, where a SIMD kernel per (point, centroid) pair is mostly
            // call overhead. Dimension-major centroids make the inner loop run over k contiguous floats.
            float[] byDim = transpose(centroids, k, d);
            float[] scratch = new float[k];
            for (int i = 0; i < n; i++) {
                long packed = nearestTransposed(points, i * d, byDim, 0, d, k, scratch);
                assign[i] = ScoredQueue.node(packed);
                dist[i] = ScoredQueue.distance(packed);
            }
            return;
        }
        MemorySegment p = MemorySegment.ofArray(points);
        MemorySegment c = MemorySegment.ofArray(centroids);
        for (int i = 0; i < n; i++) {
            long packed = nearest(p, 4L * i * d, d, c, k, kernels);
            assign[i] = ScoredQueue.node(packed);
            dist[i] = ScoredQueue.distance(packed);
        }
    }

    /** k × d row-major to d × k. */
    static float[] transpose(float[] rows, int k, int d) {
        float[] out = new float[k * d];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                out[j * k + c] = rows[c * d + j];
            }
        }
        return out;
    }

    /**
     * The nearest of k centroids stored dimension-major from {@code byDim[byDimOff]} ({@code [j·k + c]}) to the d
     * floats at {@code x[xOff]}, packed as in {@link ScoredQueue} (lowest index among equals). Each distance is
     * summed dimension by dimension in order, the same on every CPU.
     */
    static long nearestTransposed(float[] x, int xOff, float[] byDim, int byDimOff, int d, int k, float[] scratch) {
        java.util.Arrays.fill(scratch, 0, k, 0f);
        for (int j = 0; j < d; j++) {
            float a = x[xOff + j];
            int row = byDimOff + j * k;
            for (int c = 0; c < k; c++) {
                float diff = a - byDim[row + c];
                scratch[c] += diff * diff;
            }
        }
        int best = 0;
        for (int c = 1; c < k; c++) {
            if (scratch[c] < scratch[best]) {
                best = c;
            }
        }
        return ScoredQueue.pack(scratch[best], best);
    }

    /** The centroid nearest to {@code v} (lowest index among equals). */
    static int nearest(float[] v, float[] centroids, int k, VectorKernels kernels) {
        return ScoredQueue.node(nearest(MemorySegment.ofArray(v), 0, v.length, MemorySegment.ofArray(centroids), k,
                kernels));
    }

    /** The nearest of k centroids to the point at byte offset {@code po}, packed as in {@link ScoredQueue}. */
    private static long nearest(MemorySegment p, long po, int d, MemorySegment c, int k, VectorKernels kernels) {
        int best = 0;
        float bestDist = Float.POSITIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            float dd = kernels.l2(p, po, c, 4L * j * d, d);
            if (dd < bestDist) {
                bestDist = dd;
                best = j;
            }
        }
        return ScoredQueue.pack(bestDist, best);
    }
}
