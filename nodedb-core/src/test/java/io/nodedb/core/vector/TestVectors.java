package io.nodedb.core.vector;

import io.nodedb.core.value.Value;
import org.roaringbitmap.RoaringBitmap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/** Generated data sets and exact answers for the vector tests. */
final class TestVectors {
    private TestVectors() {
    }

    static float[] gaussian(SplittableRandom rnd, int dim, double scale) {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = (float) (nextGaussian(rnd) * scale);
        }
        return v;
    }

    static double nextGaussian(SplittableRandom rnd) {
        double u = 1.0 - rnd.nextDouble();
        double w = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * w);
    }

    /** {@code n} points around {@code clusters} Gaussian centres: the shape real embeddings tend to have. */
    static float[][] clustered(SplittableRandom rnd, int n, int dim, int clusters) {
        return clustered(rnd, n, dim, clusters, 0.35);
    }

    static float[][] clustered(SplittableRandom rnd, int n, int dim, int clusters, double spread) {
        float[][] centres = new float[clusters][];
        for (int c = 0; c < clusters; c++) {
            centres[c] = gaussian(rnd, dim, 1.0);
        }
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            float[] c = centres[rnd.nextInt(clusters)];
            float[] v = gaussian(rnd, dim, spread);
            for (int d = 0; d < dim; d++) {
                v[d] += c[d];
            }
            out[i] = v;
        }
        return out;
    }

    /** Clustered data and queries drawn from the same clusters (the queries are not rows of the data). */
    record Workload(float[][] data, float[][] queries) {
    }

    static Workload clusteredWithQueries(SplittableRandom rnd, int n, int queries, int dim, int clusters) {
        float[][] all = clustered(rnd, n + queries, dim, clusters);
        return new Workload(Arrays.copyOf(all, n), Arrays.copyOfRange(all, n, all.length));
    }

    static Value id(int i) {
        return new Value.Int(i);
    }

    static VectorIndex build(IndexDefinition def, float[][] data, VectorKernels kernels) {
        VectorIndex index = new VectorIndex(def, def.hnswParams(), kernels, VectorIndex.DEFAULT_SQ8_TRAINING_SIZE);
        for (int i = 0; i < data.length; i++) {
            index.upsert(id(i), data[i]);
        }
        return index;
    }

    /** Fraction of the exact top-k ids that the approximate answer found, averaged over queries. */
    static double recall(List<List<VectorHit>> exact, List<List<VectorHit>> approximate) {
        long found = 0;
        long total = 0;
        for (int q = 0; q < exact.size(); q++) {
            Set<Value> truth = new HashSet<>();
            exact.get(q).forEach(h -> truth.add(h.id()));
            for (VectorHit h : approximate.get(q)) {
                if (truth.contains(h.id())) {
                    found++;
                }
            }
            total += truth.size();
        }
        return total == 0 ? 1.0 : (double) found / total;
    }

    static List<List<VectorHit>> searchAll(VectorIndex index, float[][] queries, int k, RoaringBitmap filter,
            boolean exact) {
        List<List<VectorHit>> out = new ArrayList<>();
        for (float[] q : queries) {
            SearchRequest r = SearchRequest.of(q, k).withFilter(filter);
            out.add(index.search(exact ? r.asExact() : r));
        }
        return out;
    }
}
