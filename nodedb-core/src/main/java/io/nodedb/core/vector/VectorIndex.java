package io.nodedb.core.vector;

import io.nodedb.core.value.Value;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;

/**
 * One vector index: external row ids mapped to dense internal node ids, their float32 vectors off-heap, an HNSW
 * graph over them, optional quantized codes, and the search strategies on top.
 *
 * <p>Writes ({@link #upsert}, {@link #delete}, {@link #compact}) come from one thread at a time, the engine's
 * applier; {@link #search} runs on any number of threads concurrently with them (see {@link HnswGraph} for how
 * lists are published). A node becomes visible to searches only once its vector, codes and external id are all in
 * place. An update deletes the old node before inserting the new one, so a search running during an update of a
 * row may miss that row, but never sees it twice.
 *
 * <p>Internal ids are never reused: an update or delete leaves a dead slot that {@link #compact} unlinks from the
 * graph but does not free. That keeps ids stable for filters, checkpoints and concurrent readers; reclaiming
 * slots needs a rebuild.
 */
public final class VectorIndex implements AutoCloseable {
    /** An SQ8 index trains its ranges on this many vectors, then encodes every vector, old and new, with them. */
    public static final int DEFAULT_SQ8_TRAINING_SIZE = 1000;

    private final IndexDefinition definition;
    private final HnswParams params;
    private final VectorKernels kernels;
    private final DistanceFunction distance;
    private final int dim;
    private final int sq8TrainingSize;
    /** Live vectors at which the quantizer is trained: SQ8's size, or the PQ types' training_size option. */
    private final int trainingSize;
    private final VectorStore vectors;
    private final HnswGraph graph;
    private final ConcurrentHashMap<Value, Integer> ids = new ConcurrentHashMap<>();
    private final HnswGraph.Distances floatDistances;
    private volatile Value[] externals = new Value[64];
    private volatile QuantizedCodes codes;
    private volatile int published;

    public VectorIndex(IndexDefinition definition) {
        this(definition, definition.hnswParams(), VectorKernels.preferred(), DEFAULT_SQ8_TRAINING_SIZE);
    }

    public VectorIndex(IndexDefinition definition, HnswParams params, VectorKernels kernels, int sq8TrainingSize) {
        this(definition, params, kernels, sq8TrainingSize, new HnswGraph(params));
    }

    private VectorIndex(IndexDefinition definition, HnswParams params, VectorKernels kernels, int sq8TrainingSize,
            HnswGraph graph) {
        this.definition = Objects.requireNonNull(definition, "definition");
        this.params = params;
        this.kernels = kernels;
        this.distance = kernels.distance(definition.metric());
        this.dim = definition.dim();
        this.sq8TrainingSize = Math.max(1, sq8TrainingSize);
        this.trainingSize = definition.type().productQuantized()
                ? definition.quantization().effectiveTrainingSize() : this.sq8TrainingSize;
        this.vectors = new VectorStore(dim);
        this.graph = graph;
        this.floatDistances = new HnswGraph.Distances() {
            @Override
            public HnswGraph.Scorer fromNode(int node) {
                return new FloatScorer(vectors.segment(node), vectors.offset(node));
            }

            @Override
            public float between(int a, int b) {
                return distance.distance(vectors.segment(a), vectors.offset(a), vectors.segment(b),
                        vectors.offset(b), dim);
            }
        };
        if (definition.type() == IndexType.HNSW_BINARY) {
            codes = new BinaryCodes(dim, kernels);
        }
    }

    public IndexDefinition definition() {
        return definition;
    }

    public HnswParams params() {
        return params;
    }

    public VectorKernels kernels() {
        return kernels;
    }

    /** Vectors an SQ8 index trains its ranges on. */
    public int sq8TrainingSize() {
        return sq8TrainingSize;
    }

    /** Rows a search can return. */
    public int size() {
        return ids.size();
    }

    public boolean contains(Value id) {
        return ids.containsKey(id);
    }

    /**
     * The internal row id of a live row, for building {@link SearchRequest#allowed()} filters; -1 if absent. An
     * update gives a row a new internal id, so build a filter just before the search that uses it.
     */
    public int internalId(Value id) {
        Integer i = ids.get(id);
        return i == null ? -1 : i;
    }

    /** The row id (external id) of internal id {@code node}, or null if there is no such node. */
    public Value rowId(int node) {
        Value[] ext = externals;
        return node < 0 || node >= published || node >= ext.length ? null : ext[node];
    }

    /**
     * A filter allowing exactly these rows (absent ones are ignored): how a SQL layer turns the ids matching a
     * predicate into {@link SearchRequest#withFilter(RoaringBitmap)}.
     */
    public RoaringBitmap allowedIds(Iterable<Value> rows) {
        RoaringBitmap allowed = new RoaringBitmap();
        for (Value v : rows) {
            int i = internalId(v);
            if (i >= 0) {
                allowed.add(i);
            }
        }
        allowed.runOptimize();
        return allowed;
    }

    /** A copy of a live row's vector, or null. */
    public float[] vector(Value id) {
        int i = internalId(id);
        return i < 0 ? null : vectors.get(i);
    }

    /**
     * Inserts a row, or replaces its vector. Writer thread only.
     *
     * @throws IllegalArgumentException if the dimension is wrong or a component is not finite; nothing changes
     */
    public void upsert(Value id, float[] vector) {
        Objects.requireNonNull(id, "id");
        checkVector(vector);
        Integer old = ids.get(id);
        if (old != null) {
            graph.delete(old);
        }
        int node = vectors.add(vector);
        QuantizedCodes c = codes;
        if (c != null) {
            c.add(node, vector);
        } else if (trainsCodes() && ids.size() + 1 >= trainingSize) {
            trainCodes(node + 1);
        }
        Value[] ext = externals;
        if (node >= ext.length) {
            ext = Arrays.copyOf(ext, Math.max(node + 1, ext.length * 2));
            externals = ext;
        }
        ext[node] = id;
        if (definition.type().hasGraph()) {
            graph.insert(node, floatDistances);
        } else {
            graph.append(node);
        }
        ids.put(id, node);
        published = node + 1;
    }

    /**
     * Inserts many rows at once, linking them into the graph on {@code threads} threads: a bulk load, such as
     * building an index over rows that already exist. The graph is as good as the one {@link #upsert} builds
     * row by row, but which neighbours a row gets depends on thread timing, so it is not reproducible bit for bit
     * (levels still are). When {@code threads} is 1, the index is not plain float HNSW (quantizers train at a
     * fixed point of the insert order) or a row is already present or repeated, the rows go through
     * {@link #upsert} in order instead. Writer thread only; searches may run meanwhile and see the new rows
     * once this returns.
     *
     * @throws IllegalArgumentException if a vector has the wrong dimension or a component that is not finite;
     *         nothing changes
     */
    public void insertAll(List<Value> rowIds, List<float[]> rowVectors, int threads) {
        if (rowIds.size() != rowVectors.size()) {
            throw new IllegalArgumentException(rowIds.size() + " ids for " + rowVectors.size() + " vectors");
        }
        for (float[] v : rowVectors) {
            checkVector(v);
        }
        if (threads <= 1 || definition.type() != IndexType.HNSW || !allNew(rowIds)) {
            for (int i = 0; i < rowIds.size(); i++) {
                upsert(Objects.requireNonNull(rowIds.get(i), "id"), rowVectors.get(i));
            }
            // Row-by-row linking strands nodes too (432 of 100k x 768 in an SQ8 graph had no link in): a bulk
            // load ends with the same repair whichever way it linked.
            if (definition.type() != IndexType.IVF_PQ && !rowIds.isEmpty()) {
                new HnswRepair(graph, floatDistances).reconnectUnreachable();
            }
            return;
        }
        int first = vectors.size();
        int count = rowIds.size();
        Value[] ext = externals;
        if (first + count > ext.length) {
            ext = Arrays.copyOf(ext, Math.max(first + count, ext.length * 2));
            externals = ext;
        }
        for (int i = 0; i < count; i++) {
            int node = vectors.add(rowVectors.get(i));
            ext[node] = rowIds.get(i);
        }
        graph.insertConcurrently(first, first + count, floatDistances, threads);
        for (int i = 0; i < count; i++) {
            ids.put(rowIds.get(i), first + i);
        }
        published = first + count;
    }

    /** Whether none of the ids is in the index or null, and none repeats. */
    private boolean allNew(List<Value> rowIds) {
        HashSet<Value> seen = HashSet.newHashSet(rowIds.size());
        for (Value id : rowIds) {
            if (id == null || ids.containsKey(id) || !seen.add(id)) {
                return false;
            }
        }
        return true;
    }

    /** Checks a vector against this index: dimension and finite components. */
    public void checkVector(float[] vector) {
        if (vector.length != dim) {
            throw new IllegalArgumentException("vector index '" + definition.name() + "' expects " + dim
                    + " dimensions, got " + vector.length);
        }
        for (int i = 0; i < vector.length; i++) {
            if (!Float.isFinite(vector[i])) {
                throw new IllegalArgumentException("vector component " + i + " is not finite: " + vector[i]);
            }
        }
    }

    private boolean trainsCodes() {
        IndexType t = definition.type();
        return t == IndexType.HNSW_SQ8 || t.productQuantized();
    }

    /**
     * Trains the quantizer on the live vectors among the first {@code count} (the newest, not yet linked, counts
     * as live) and encodes all of them. Runs at a point the log fixes (the write that brings the live count to
     * the training size), with a seeded k-means for PQ, so a replay or a replica trains the same codes.
     */
    private void trainCodes(int count) {
        IntPredicate live = n -> n == count - 1 || !graph.isDeleted(n);
        QuantizedCodes trained = switch (definition.type()) {
            case HNSW_SQ8 -> new Sq8Codes(Sq8Quantizer.train(vectors, count, live), definition.metric(), kernels);
            case HNSW_PQ, IVF_PQ -> trainPq(count, live);
            default -> throw new IllegalStateException("no quantizer for " + definition.type());
        };
        encodeAll(trained, count);
        codes = trained;
    }

    private QuantizedCodes trainPq(int count, IntPredicate live) {
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (live.test(i)) {
                n++;
            }
        }
        float[] sample = new float[Math.multiplyExact(n, dim)];
        float[] v = new float[dim];
        int row = 0;
        for (int i = 0; i < count; i++) {
            if (live.test(i)) {
                vectors.read(i, v);
                System.arraycopy(PqCodebook.prepare(definition.metric(), v), 0, sample, row++ * dim, dim);
            }
        }
        QuantizationOptions o = definition.quantization();
        int m = o.effectiveSubspaces(dim);
        long seed = params.seed();
        if (definition.type() == IndexType.IVF_PQ) {
            return IvfPqCodes.train(definition.metric(), sample, n, dim, o.effectiveNlist(), m, seed, kernels);
        }
        return new PqCodes(PqCodebook.train(sample, n, dim, m, seed, kernels), definition.metric());
    }

    private void encodeAll(QuantizedCodes target, int count) {
        float[] v = new float[dim];
        for (int n = 0; n < count; n++) {
            vectors.read(n, v);
            target.add(n, v);
        }
    }

    /** Deletes a row; returns whether it existed. Writer thread only. */
    public boolean delete(Value id) {
        Integer node = ids.remove(id);
        if (node == null) {
            return false;
        }
        graph.delete(node);
        return true;
    }

    /** Deleted rows still linked into the graph. */
    public int pendingTombstones() {
        return graph.pendingTombstones();
    }

    /** Unlinks deleted rows from the graph, repairing the lists that pointed at them; see {@link HnswRepair#compact}. */
    public int compact() {
        return new HnswRepair(graph, floatDistances).compact();
    }

    /** The strategy {@link #search} would use for this filter. */
    public FilterStrategy strategyFor(RoaringBitmap allowed) {
        return allowed == null ? FilterStrategy.UNFILTERED : FilterStrategy.choose(countAllowedLive(allowed),
                graph.liveCount());
    }

    private long countAllowedLive(RoaringBitmap allowed) {
        int limit = published;
        long inRange = allowed.rangeCardinality(0, limit);
        if (graph.deletedCount() == 0 || inRange == 0) {
            return inRange;
        }
        long count = 0;
        IntIterator it = allowed.getIntIterator();
        while (it.hasNext()) {
            int i = it.next();
            if (i >= limit) {
                break;
            }
            if (!graph.isDeleted(i)) {
                count++;
            }
        }
        return count;
    }

    public List<VectorHit> search(float[] query, int k) {
        return search(SearchRequest.of(query, k));
    }

    /** The k nearest live rows, closest first; ties go to the row inserted first. */
    public List<VectorHit> search(SearchRequest request) {
        float[] q = request.query();
        if (q.length != dim) {
            throw new IllegalArgumentException("vector index '" + definition.name() + "' expects " + dim
                    + " dimensions, got a query of " + q.length);
        }
        int k = request.k();
        if (k == 0 || published == 0) {
            return List.of();
        }
        int ef = request.efSearch() > 0 ? request.efSearch() : params.efSearch();
        RoaringBitmap allowed = request.allowed();
        IntPredicate filter = allowed == null ? null : allowed::contains;
        int nprobe = request.nprobe() > 0 ? request.nprobe() : definition.quantization().effectiveNprobe();
        HnswGraph.Scorer exactScorer = exactScorer(q);
        long[] found;
        if (request.exact()) {
            found = scan(exactScorer, k, filter);
        } else if (allowed == null) {
            found = approximate(q, exactScorer, k, ef, null, request.oversample(), nprobe);
        } else {
            long allowedLive = countAllowedLive(allowed);
            long live = graph.liveCount();
            found = switch (FilterStrategy.choose(allowedLive, live)) {
                case UNFILTERED, FILTERED_HNSW -> approximate(q, exactScorer, k, ef, filter, request.oversample(), nprobe);
                case POST_FILTER -> postFilter(q, exactScorer, k, ef, filter, request.oversample(), nprobe,
                        FilterStrategy.overfetch(allowedLive, live));
                case EXACT_SCAN -> scan(exactScorer, k, filter);
            };
        }
        return toHits(found);
    }

    private HnswGraph.Scorer exactScorer(float[] q) {
        return new FloatScorer(MemorySegment.ofArray(q), 0);
    }

    /** Float distances from a fixed vector (a query, or a node being linked) to the stored vectors. */
    private final class FloatScorer implements HnswGraph.Scorer {
        private final MemorySegment from;
        private final long fromOffset;

        FloatScorer(MemorySegment from, long fromOffset) {
            this.from = from;
            this.fromOffset = fromOffset;
        }

        @Override
        public float distanceTo(int node) {
            return distance.distance(from, fromOffset, vectors.segment(node), vectors.offset(node), dim);
        }

        @Override
        public int touch(int node) {
            return vectors.touch(node);
        }
    }

    /** The index's approximate method for its type: graph, quantized graph plus re-rank, or code scan plus re-rank. */
    private long[] approximate(float[] q, HnswGraph.Scorer exactScorer, int k, int ef, IntPredicate filter,
            int oversample, int nprobe) {
        QuantizedCodes c = codes;
        if (c == null) {
            // Untrained: the graph on floats, or (IVF-PQ, no graph) a scan of what is still a small index.
            return definition.type().hasGraph() ? graph.search(exactScorer, k, ef, filter)
                    : scan(exactScorer, k, filter);
        }
        int factor = oversample > 0 ? oversample : definition.type().defaultOversample();
        int want = (int) Math.min(Integer.MAX_VALUE, (long) k * factor);
        long[] candidates = switch (c) {
            case BinaryCodes b -> scan(b.scorer(q), want, filter);
            // IVF-PQ re-ranks more as it probes more lists (k per list probed, at least k x oversample), so recall
            // keeps rising with nprobe instead of stopping at what k x oversample candidates hold.
            case IvfPqCodes ivf -> ivf.search(q, (int) Math.min(Integer.MAX_VALUE,
                    Math.max(want, (long) k * Math.max(1, nprobe))), nprobe,
                    filter == null ? n -> !graph.isDeleted(n) : n -> filter.test(n) && !graph.isDeleted(n));
            // PQ re-ranks every candidate the beam kept: its ranking is coarse, and a wider beam then buys recall
            // instead of recall stopping at what k × oversample candidates hold. SQ8 ranks well enough that
            // re-ranking more than k × oversample only costs float distances.
            case PqCodes p -> graph.search(p.scorer(q), Math.max(want, ef), Math.max(ef, want), filter);
            default -> graph.search(c.scorer(q), want, Math.max(ef, want), filter);
        };
        return rerank(candidates, exactScorer, k);
    }

    private static long[] rerank(long[] candidates, HnswGraph.Scorer exactScorer, int k) {
        long[] rescored = new long[candidates.length];
        for (int i = 0; i < candidates.length; i++) {
            int n = ScoredQueue.node(candidates[i]);
            rescored[i] = ScoredQueue.pack(exactScorer.distanceTo(n), n);
        }
        Arrays.sort(rescored);
        return rescored.length <= k ? rescored : Arrays.copyOf(rescored, k);
    }

    private long[] postFilter(float[] q, HnswGraph.Scorer exactScorer, int k, int ef, IntPredicate filter,
            int oversample, int nprobe, int overfetch) {
        int fetch = (int) Math.min(Integer.MAX_VALUE, (long) k * overfetch);
        long[] unfiltered = approximate(q, exactScorer, fetch, Math.max(ef, fetch), null, oversample, nprobe);
        long[] kept = new long[Math.min(k, unfiltered.length)];
        int n = 0;
        for (long c : unfiltered) {
            if (n == kept.length) {
                break;
            }
            if (filter.test(ScoredQueue.node(c))) {
                kept[n++] = c;
            }
        }
        // Too few allowed rows among the over-fetched ones: the filter is more selective near this query than
        // overall, and only a scan is sure to find k.
        return n < k ? scan(exactScorer, k, filter) : kept;
    }

    /** Exact k nearest among live (and allowed) nodes by {@code scorer}. */
    private long[] scan(HnswGraph.Scorer scorer, int k, IntPredicate filter) {
        int limit = published;
        ScoredQueue best = ScoredQueue.max(Math.min(k, limit) + 1);
        for (int n = 0; n < limit; n++) {
            if (!graph.isDeleted(n) && (filter == null || filter.test(n))) {
                best.offer(scorer.distanceTo(n), n, k);
            }
        }
        return best.drainAscending();
    }

    private List<VectorHit> toHits(long[] found) {
        Value[] ext = externals;
        List<VectorHit> hits = new ArrayList<>(found.length);
        for (long f : found) {
            hits.add(new VectorHit(ext[ScoredQueue.node(f)], ScoredQueue.distance(f)));
        }
        return hits;
    }

    /**
     * Work done by graph searches since the index was made: {searches, distances computed on the bottom level,
     * nodes expanded there}. For comparing search cost across builds without a clock; re-ranks and upper-level
     * descents are not counted.
     */
    public long[] searchWork() {
        return graph.searchWork();
    }

    /** One line on the graph's shape (levels, entry point, list lengths per level), for diagnostics. */
    public String graphSummary() {
        return HnswGraphSummary.describe(graph);
    }

    public StorageStats storageStats() {
        QuantizedCodes c = codes;
        int slots = graph.size();
        // A map entry is roughly a node plus a boxed Integer plus the key, and the reverse array holds a reference.
        long idBytes = (long) ids.size() * 64 + 8L * externals.length;
        return new StorageStats(definition.type(), graph.liveCount(), graph.deletedCount(), vectors.allocatedBytes(),
                c == null ? 0 : c.allocatedBytes(), graph.linkBytes(), slots == 0 ? 0 : idBytes);
    }

    /** Releases all native memory; searches racing with close fail with {@link IllegalStateException}. */
    @Override
    public void close() {
        vectors.close();
        QuantizedCodes c = codes;
        if (c != null) {
            c.close();
        }
    }

    boolean memoryReleased() {
        return vectors.memoryReleased();
    }

    // ---- package-private access for checkpoints and tests ----

    HnswGraph.Distances floatDistances() {
        return floatDistances;
    }

    HnswGraph graph() {
        return graph;
    }

    VectorStore vectors() {
        return vectors;
    }

    QuantizedCodes codes() {
        return codes;
    }

    int publishedCount() {
        return published;
    }

    Value externalId(int node) {
        return externals[node];
    }

    /** A consistent picture of the index for a checkpoint; taken while no write runs (the engine's lock). */
    Snapshot snapshot() {
        int n = published;
        int[][][] links = new int[n][][];
        byte[] flags = new byte[n];
        for (int i = 0; i < n; i++) {
            links[i] = graph.snapshotLinks(i);
            flags[i] = graph.flags(i);
        }
        QuantizedCodes c = codes;
        Sq8Quantizer sq8 = c instanceof Sq8Codes s ? s.quantizer() : null;
        PqState pq = switch (c) {
            case PqCodes p -> new PqState(p.codebook(), null, copyCodes(p.rows(), n), null);
            case IvfPqCodes ivf -> {
                int[] lists = new int[n];
                for (int i = 0; i < n; i++) {
                    lists[i] = ivf.listOf(i);
                }
                byte[] codes = new byte[Math.multiplyExact(n, ivf.codebook().subspaces())];
                for (int i = 0; i < n; i++) {
                    ivf.copyCode(i, codes, i * ivf.codebook().subspaces());
                }
                yield new PqState(ivf.codebook(), ivf.coarseCentroids(), codes, lists);
            }
            case null, default -> null;
        };
        return new Snapshot(this, n, links, flags, Arrays.copyOf(externals, n), graph.entry(), graph.levelDraws(),
                sq8, pq);
    }

    private static byte[] copyCodes(OffHeapRows rows, int n) {
        int w = (int) rows.rowBytes();
        byte[] out = new byte[Math.multiplyExact(n, w)];
        for (int i = 0; i < n; i++) {
            MemorySegment.copy(rows.segment(i), rows.offset(i), MemorySegment.ofArray(out), (long) i * w, w);
        }
        return out;
    }

    record Snapshot(VectorIndex index, int size, int[][][] links, byte[] flags, Value[] externals, long entry,
            long levelDraws, Sq8Quantizer sq8, PqState pq) {
    }

    /**
     * A trained product quantizer with every node's code: {@code codes} is size × m bytes in node order;
     * {@code coarse} (nlist × dim centroids) and {@code lists} (each node's list) are null for {@code hnsw_pq}.
     */
    record PqState(PqCodebook codebook, float[] coarse, byte[] codes, int[] lists) {
    }

    /**
     * Rebuilds an index from checkpointed parts without recomputing the graph. {@code vectors} supplies the
     * vectors in node order; codes are re-encoded from them (cheap, and deterministic given the quantizer).
     */
    static VectorIndex restore(IndexDefinition definition, HnswParams params, VectorKernels kernels,
            int sq8TrainingSize, Snapshot parts, VectorSource vectors) {
        HnswGraph graph = HnswGraph.restore(params, parts.links(), parts.flags(), parts.size(), parts.entry(),
                parts.levelDraws());
        VectorIndex index = new VectorIndex(definition, params, kernels, sq8TrainingSize, graph);
        try {
            float[] v = new float[definition.dim()];
            for (int n = 0; n < parts.size(); n++) {
                vectors.next(v);
                index.vectors.add(v);
            }
            if (parts.pq() != null) {
                index.codes = restorePq(index, parts.pq(), parts.size());
            } else if (parts.sq8() != null) {
                Sq8Codes sq8 = new Sq8Codes(parts.sq8(), definition.metric(), kernels);
                index.encodeAll(sq8, parts.size());
                index.codes = sq8;
            } else if (index.codes != null) {
                index.encodeAll(index.codes, parts.size());
            }
            Value[] ext = Arrays.copyOf(parts.externals(), Math.max(64, parts.size()));
            for (int n = 0; n < parts.size(); n++) {
                if ((parts.flags()[n] & HnswGraph.DELETED) == 0) {
                    index.ids.put(ext[n], n);
                }
            }
            index.externals = ext;
            index.published = parts.size();
            return index;
        } catch (RuntimeException e) {
            index.close();
            throw e;
        }
    }

    private static QuantizedCodes restorePq(VectorIndex index, PqState pq, int n) {
        int m = pq.codebook().subspaces();
        byte[] code = new byte[m];
        if (pq.coarse() == null) {
            PqCodes c = new PqCodes(pq.codebook(), index.definition.metric());
            for (int i = 0; i < n; i++) {
                System.arraycopy(pq.codes(), i * m, code, 0, m);
                c.addRaw(code);
            }
            return c;
        }
        IvfPqCodes c = new IvfPqCodes(index.definition.metric(), index.dim, pq.coarse(), pq.codebook(),
                index.kernels);
        for (int i = 0; i < n; i++) {
            System.arraycopy(pq.codes(), i * m, code, 0, m);
            c.addRaw(i, pq.lists()[i], code);
        }
        return c;
    }

    /** Supplies stored vectors one by one while an index is restored. */
    @FunctionalInterface
    interface VectorSource {
        void next(float[] into);
    }
}
