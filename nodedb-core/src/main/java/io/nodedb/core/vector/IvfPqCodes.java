package io.nodedb.core.vector;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * The searchable part of an IVF-PQ index: nlist coarse centroids (k-means), one inverted list of node ids per
 * centroid, and for each node the PQ code of its residual (the vector minus its list's centroid; vectors are
 * normalized first for cosine). A search ranks the centroids, scans the nearest {@code nprobe} lists with an ADC
 * table per list, and returns the best candidates for float re-ranking.
 *
 * <p>For squared l2 (and cosine, and manhattan) the table of list l is built from {@code q − c_l}; for inner
 * product, {@code q·(c_l + r) = q·c_l + q·r}, so one table of q serves every list plus a per-list offset.
 *
 * <p>One writer appends; searches run concurrently. A list's array is published before the count that covers
 * the new entry (both volatile), so a reader that reads the count first sees at least that many entries.
 */
final class IvfPqCodes implements QuantizedCodes {
    private final Metric metric;
    private final Metric kind;
    private final int dim;
    private final int nlist;
    private final float[] coarse;
    private final PqCodebook codebook;
    private final VectorKernels kernels;
    private final DistanceFunction coarseDistance;
    private final OffHeapRows codes;
    private final IdList[] lists;
    private int[] listOf = new int[64];

    IvfPqCodes(Metric metric, int dim, float[] coarse, PqCodebook codebook, VectorKernels kernels) {
        if (coarse.length % dim != 0 || coarse.length == 0) {
            throw new IllegalArgumentException("coarse centroids are not a whole number of vectors");
        }
        this.metric = metric;
        this.kind = PqCodebook.tableKind(metric);
        this.dim = dim;
        this.nlist = coarse.length / dim;
        this.coarse = coarse;
        this.codebook = codebook;
        this.kernels = kernels;
        this.coarseDistance = kernels.distance(kind);
        this.codes = new OffHeapRows(codebook.subspaces());
        this.lists = new IdList[nlist];
        for (int l = 0; l < nlist; l++) {
            lists[l] = new IdList();
        }
    }

    /** Trains centroids and a residual codebook on n prepared vectors (n × dim). */
    static IvfPqCodes train(Metric metric, float[] sample, int n, int dim, int nlist, int m, long seed,
            VectorKernels kernels) {
        float[] centroids = KMeans.train(sample, n, dim, nlist, PqCodebook.TRAINING_ITERATIONS, seed, kernels);
        float[] residuals = new float[n * dim];
        float[] v = new float[dim];
        for (int i = 0; i < n; i++) {
            System.arraycopy(sample, i * dim, v, 0, dim);
            int l = KMeans.nearest(v, centroids, nlist, kernels);
            for (int j = 0; j < dim; j++) {
                residuals[i * dim + j] = v[j] - centroids[l * dim + j];
            }
        }
        PqCodebook book = PqCodebook.train(residuals, n, dim, m, ~seed, kernels);
        return new IvfPqCodes(metric, dim, centroids, book, kernels);
    }

    PqCodebook codebook() {
        return codebook;
    }

    float[] coarseCentroids() {
        return coarse;
    }

    int nlist() {
        return nlist;
    }

    int listOf(int node) {
        return listOf[node];
    }

    OffHeapRows codeRows() {
        return codes;
    }

    @Override
    public void add(int id, float[] vector) {
        if (id != codes.rows()) {
            throw new IllegalArgumentException("codes are added densely: expected id " + codes.rows() + ", got " + id);
        }
        float[] p = PqCodebook.prepare(metric, vector);
        int l = KMeans.nearest(p, coarse, nlist, kernels);
        float[] r = new float[dim];
        for (int j = 0; j < dim; j++) {
            r[j] = p[j] - coarse[l * dim + j];
        }
        int row = codes.append();
        codebook.encode(r, codes.segment(row), codes.offset(row));
        link(id, l);
    }

    /** Appends a node as stored in a checkpoint: its list and its code. */
    void addRaw(int id, int list, byte[] code) {
        if (list < 0 || list >= nlist) {
            throw new IllegalArgumentException("node " + id + " is in list " + list + " of " + nlist);
        }
        int row = codes.append();
        MemorySegment.copy(MemorySegment.ofArray(code), 0, codes.segment(row), codes.offset(row), code.length);
        link(id, list);
    }

    private void link(int id, int list) {
        if (id >= listOf.length) {
            listOf = Arrays.copyOf(listOf, Math.max(id + 1, listOf.length * 2));
        }
        listOf[id] = list;
        lists[list].add(id);
    }

    @Override
    public int size() {
        return codes.rows();
    }

    /** Reconstruction of node {@code id} in the prepared space (normalized for cosine): centroid plus residual. */
    float[] decode(int id) {
        float[] out = new float[dim];
        codebook.decode(codes.segment(id), codes.offset(id), out);
        int l = listOf[id];
        for (int j = 0; j < dim; j++) {
            out[j] += coarse[l * dim + j];
        }
        return out;
    }

    /** Approximate distance to any node; builds each list's table the first time a node of it is scored. */
    @Override
    public HnswGraph.Scorer scorer(float[] query) {
        float[] q = PqCodebook.prepare(metric, query);
        float[][] tables = new float[nlist + 1][];
        float[] offsets = new float[nlist];
        return node -> {
            int l = listOf[node];
            if (tables[l] == null) {
                offsets[l] = prepareList(q, l, tables);
            }
            return PqCodebook.finish(metric, offsets[l] + codebook.adc(tables[l], codes.segment(node),
                    codes.offset(node)));
        };
    }

    /**
     * Fills {@code tables[l]} for query q and returns the list's constant offset. {@code tables} has nlist + 1
     * slots: the last holds the one table inner product shares across lists.
     */
    private float prepareList(float[] q, int l, float[][] tables) {
        if (kind == Metric.INNER_PRODUCT) {
            if (tables[nlist] == null) {
                tables[nlist] = codebook.table(q, kind);
            }
            tables[l] = tables[nlist];
            float dot = 0;
            for (int j = 0; j < dim; j++) {
                dot += q[j] * coarse[l * dim + j];
            }
            return -dot;
        }
        float[] shifted = new float[dim];
        for (int j = 0; j < dim; j++) {
            shifted[j] = q[j] - coarse[l * dim + j];
        }
        tables[l] = codebook.table(shifted, kind);
        return 0;
    }

    /**
     * The {@code want} best accepted nodes by approximate distance among the {@code nprobe} lists nearest the
     * query, packed as in {@link ScoredQueue}, closest first.
     */
    long[] search(float[] query, int want, int nprobe, IntPredicate accept) {
        float[] q = PqCodebook.prepare(metric, query);
        int probes = Math.min(nprobe, nlist);
        ScoredQueue nearestLists = ScoredQueue.max(probes + 1);
        MemorySegment qs = MemorySegment.ofArray(q);
        MemorySegment cs = MemorySegment.ofArray(coarse);
        for (int l = 0; l < nlist; l++) {
            nearestLists.offer(coarseDistance.distance(qs, 0, cs, 4L * l * dim, dim), l, probes);
        }
        long[] probed = nearestLists.drainAscending();
        float[][] tables = new float[nlist + 1][];
        ScoredQueue best = ScoredQueue.max(want + 1);
        for (long p : probed) {
            int l = ScoredQueue.node(p);
            IdList list = lists[l];
            int count = list.count;
            int[] ids = list.ids;
            if (count == 0) {
                continue;
            }
            float offset = prepareList(q, l, tables);
            float[] table = tables[l];
            for (int i = 0; i < count; i++) {
                int n = ids[i];
                if (accept == null || accept.test(n)) {
                    float d = PqCodebook.finish(metric, offset + codebook.adc(table, codes.segment(n),
                            codes.offset(n)));
                    best.offer(d, n, want);
                }
            }
        }
        return best.drainAscending();
    }

    @Override
    public long allocatedBytes() {
        long listBytes = 0;
        for (IdList l : lists) {
            listBytes += 16 + 4L * l.ids.length;
        }
        return codes.allocatedBytes() + codebook.heapBytes() + 4L * coarse.length + 4L * listOf.length + listBytes;
    }

    @Override
    public void close() {
        codes.close();
    }

    /** A growing list of node ids; one writer, concurrent readers (see the class comment). */
    private static final class IdList {
        volatile int[] ids = new int[8];
        volatile int count;

        void add(int id) {
            int n = count;
            int[] a = ids;
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
                a[n] = id;
                ids = a;
            } else {
                a[n] = id;
            }
            count = n + 1;
        }
    }
}
