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
 * <p>For squared l2 (and cosine) a search needs one table per query, not one per probed list:
 * {@code ‖q − c − r‖² = ‖q − c‖² + (‖r‖² + 2 c·r) − 2 q·r}, where the first term is the coarse distance already
 * computed to rank the lists, the second is one float per stored vector (computed when it is added), and the
 * third is an inner-product table of q. For inner product, {@code q·(c_l + r) = q·c_l + q·r}: one table of q plus
 * a per-list offset. Manhattan does not decompose and builds the table of {@code q − c_l} for each probed list.
 *
 * <p>Each list keeps its node ids and their codes side by side on the heap, so a probe reads one list's codes
 * sequentially instead of jumping around per node; {@code listOf} and {@code positionOf} find a node's code.
 *
 * <p>One writer appends; searches run concurrently. A list's arrays (ids and codes, one immutable holder) are
 * published before the count that covers the new entry (both volatile), so a reader that reads the count first
 * sees at least that many entries.
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
    private final int m;
    private final IdList[] lists;
    private int[] listOf = new int[64];
    private int[] positionOf = new int[64];
    private int size;

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
        this.m = codebook.subspaces();
        this.lists = new IdList[nlist];
        for (int l = 0; l < nlist; l++) {
            lists[l] = new IdList(m, kind == Metric.L2);
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

    /** Node {@code id}'s code (m bytes) into {@code out} at {@code off}. */
    void copyCode(int id, byte[] out, int off) {
        IdList list = lists[listOf[id]];
        System.arraycopy(list.block.codes, positionOf[id] * m, out, off, m);
    }

    @Override
    public void add(int id, float[] vector) {
        QuantizedCodes.requireNext(size, id);
        float[] p = PqCodebook.prepare(metric, vector);
        int l = KMeans.nearest(p, coarse, nlist, kernels);
        float[] r = new float[dim];
        for (int j = 0; j < dim; j++) {
            r[j] = p[j] - coarse[l * dim + j];
        }
        byte[] code = new byte[m];
        codebook.encode(r, MemorySegment.ofArray(code), 0);
        link(id, l, code);
    }

    /** Appends a node as stored in a checkpoint: its list and its code. */
    void addRaw(int id, int list, byte[] code) {
        if (list < 0 || list >= nlist) {
            throw new IllegalArgumentException("node " + id + " is in list " + list + " of " + nlist);
        }
        QuantizedCodes.requireNext(size, id);
        link(id, list, code);
    }

    private void link(int id, int list, byte[] code) {
        if (id >= listOf.length) {
            int cap = Math.max(id + 1, listOf.length * 2);
            listOf = Arrays.copyOf(listOf, cap);
            positionOf = Arrays.copyOf(positionOf, cap);
        }
        listOf[id] = list;
        positionOf[id] = lists[list].add(id, code, kind == Metric.L2 ? residualTerm(list, code) : 0f);
        size = id + 1;
    }

    /** {@code ‖r‖² + 2 c·r} for the decoded residual r of {@code code} in list {@code list}. */
    private float residualTerm(int list, byte[] code) {
        float[] r = new float[dim];
        codebook.decode(MemorySegment.ofArray(code), 0, r);
        float norm = 0;
        float cross = 0;
        for (int j = 0; j < dim; j++) {
            norm += r[j] * r[j];
            cross += coarse[list * dim + j] * r[j];
        }
        return norm + 2 * cross;
    }

    @Override
    public int size() {
        return size;
    }

    /** Reconstruction of node {@code id} in the prepared space (normalized for cosine): centroid plus residual. */
    float[] decode(int id) {
        float[] out = new float[dim];
        byte[] code = new byte[m];
        copyCode(id, code, 0);
        codebook.decode(MemorySegment.ofArray(code), 0, out);
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
            return PqCodebook.finish(metric, offsets[l] + codebook.adc(tables[l], lists[l].block.codes,
                    positionOf[node] * m));
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
        // l2: one inner-product table of q for every list (see the class comment).
        float[] shared = kind == Metric.L2 ? codebook.table(q, Metric.INNER_PRODUCT) : null;
        ScoredQueue best = ScoredQueue.max(want + 1);
        for (long p : probed) {
            int l = ScoredQueue.node(p);
            IdList list = lists[l];
            int count = list.count;
            Block block = list.block;
            if (count == 0) {
                continue;
            }
            int[] ids = block.ids;
            byte[] codes = block.codes;
            if (shared != null) {
                float coarseDist = ScoredQueue.distance(p);
                float[] terms = block.terms;
                for (int i = 0; i < count; i++) {
                    int n = ids[i];
                    if (accept == null || accept.test(n)) {
                        float d = coarseDist + terms[i] + 2 * codebook.adc(shared, codes, i * m);
                        best.offer(PqCodebook.finish(metric, d), n, want);
                    }
                }
                continue;
            }
            float offset = prepareList(q, l, tables);
            float[] table = tables[l];
            for (int i = 0; i < count; i++) {
                int n = ids[i];
                if (accept == null || accept.test(n)) {
                    float d = PqCodebook.finish(metric, offset + codebook.adc(table, codes, i * m));
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
            Block b = l.block;
            listBytes += 64 + 4L * b.ids.length + b.codes.length + 4L * b.terms.length;
        }
        return codebook.heapBytes() + 4L * coarse.length + 8L * listOf.length + listBytes;
    }

    @Override
    public void close() {
        // Heap only.
    }

    /**
     * A list's ids, codes (m bytes each) and l2 residual terms ({@code ‖r‖² + 2 c·r}; empty for other metrics),
     * replaced as a whole when it grows.
     */
    private record Block(int[] ids, byte[] codes, float[] terms) {
    }

    /** A growing list of node ids and codes; one writer, concurrent readers (see the class comment). */
    private static final class IdList {
        private final int m;
        private final boolean withTerms;
        volatile Block block;
        volatile int count;

        IdList(int m, boolean withTerms) {
            this.m = m;
            this.withTerms = withTerms;
            this.block = new Block(new int[4], new byte[4 * m], new float[withTerms ? 4 : 0]);
        }

        /** Appends and returns the position. */
        int add(int id, byte[] code, float term) {
            int n = count;
            Block b = block;
            boolean grown = n == b.ids.length;
            if (grown) {
                b = new Block(Arrays.copyOf(b.ids, n * 2), Arrays.copyOf(b.codes, n * 2 * m),
                        withTerms ? Arrays.copyOf(b.terms, n * 2) : b.terms);
            }
            b.ids[n] = id;
            System.arraycopy(code, 0, b.codes, n * m, m);
            if (withTerms) {
                b.terms[n] = term;
            }
            if (grown) {
                block = b;
            }
            count = n + 1;
            return n;
        }
    }
}
