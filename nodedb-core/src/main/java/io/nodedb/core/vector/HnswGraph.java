package io.nodedb.core.vector;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntPredicate;

/**
 * A hierarchical navigable small-world graph over dense internal node ids (Malkov and Yashunin). It stores only
 * structure: levels, neighbour lists, tombstones and the entry point. Distances come from a {@link Distances}
 * supplied by the owner, so the same graph code serves float vectors and quantized codes.
 *
 * <h2>Concurrency</h2>
 * One writer (the engine's applier) inserts, deletes and compacts; any number of searches run at the same time
 * without locks. Every neighbour list is an immutable {@code int[]}: the writer builds a new array and publishes it
 * with a release store into the node's slot for that level, and readers load slots with acquire, so a search sees
 * either the old list or the new one, never a torn one. A node's slots are published (release) before its id is
 * written into any list, and the entry point (level and id packed in one long) is a volatile, so a search that
 * finds an id can always read its lists. Tombstones are flag bytes written with release and read with acquire.
 * A bulk load ({@link #insertConcurrently}) links many new nodes on several threads: each changes a node's lists
 * only while holding that node's (striped) lock, so no link is lost, and readers still take no lock.
 *
 * <h2>Layout</h2>
 * Bottom-level lists sit in one array indexed by node id, so expanding a node on the level where a search spends
 * nearly all its time is one load from the id to its list; the few nodes that reach higher levels (1 in M per
 * level) keep those lists in a second, per-node array. A per-node array of per-level lists put two dependent
 * cache misses before every expansion on a graph larger than the caches.
 *
 * <h2>Determinism</h2>
 * The level of the n-th insert is a pure function of the seed and n (SplitMix64, then {@link StrictMath#log}), and
 * every choice among equal distances breaks ties by the lower node id ({@link ScoredQueue}); with the same
 * distances, the same inserts, deletes and compactions in the same order build the same graph, bit for bit. A
 * concurrent bulk load draws the same levels but is not reproducible beyond that.
 * Distances are the same when the same kernel implementation runs at the same lane width (see
 * {@link VectorKernels}).
 */
final class HnswGraph {
    /** Distance from one fixed point (a query or a node being linked) to any node. */
    @FunctionalInterface
    interface Scorer {
        float distanceTo(int node);

        /**
         * Reads a few words of {@code node}'s data and returns something computed from them. A search calls it for
         * all of an expansion's new neighbours before scoring any: the reads are independent, so the CPU has all
         * of their cache misses in flight at once, where scoring one vector after another waited for each in turn.
         */
        default int touch(int node) {
            return 0;
        }
    }

    /** The metric space the graph lives in. */
    interface Distances {
        Scorer fromNode(int node);

        float between(int a, int b);
    }

    /**
     * Beam width of the descent through the levels above the one being searched or linked, for inserts and
     * queries alike. The HNSW paper descends greedily (a beam of one); on clustered data the sparse upper levels
     * link a cluster to only a few others, so a greedy walk often stops in a cluster next to the target's, and the
     * bottom-level beam then starts there: a query needs a much wider beam to get out, and an insert with
     * ef_construction's beam may not get out at all, linking the new node into the wrong cluster where no search
     * of its own cluster finds it. At 500k x 128 with 100 clusters a beam of 4 took recall@10 at ef 512 from 0.986
     * to 0.999 for 90 more distances per query and about 50 more per insert (docs/benchmarks.md, session 6); a
     * beam of 16 was no better.
     */
    static final int UPPER_BEAM = 4;
    static final byte DELETED = 1;
    static final byte UNLINKED = 2;
    static final int MAX_LEVEL = 30;
    static final int[] EMPTY = new int[0];
    private static final VarHandle UPPER = MethodHandles.arrayElementVarHandle(int[][][].class);
    private static final VarHandle LIST = MethodHandles.arrayElementVarHandle(int[][].class);
    private static final VarHandle FLAG = MethodHandles.arrayElementVarHandle(byte[].class);
    /** Rough JVM cost of an array object's header, for the memory estimate. */
    private static final int ARRAY_HEADER = 16;

    private final HnswParams params;
    private final double levelMultiplier;
    /** Each node's bottom-level (level 0) list; null for ids not inserted yet. */
    private volatile int[][] bottom;
    /** Each node's lists for levels 1 to its top at index level - 1; null for nodes on the bottom level only. */
    private volatile int[][][] upper;
    private volatile byte[] flags;
    private volatile long entry = -1;
    private volatile int size;
    private volatile int deleted;
    private volatile int unlinked;
    /** Added to by concurrent inserts, hence an adder. */
    private final LongAdder linkBytes = new LongAdder();
    /**
     * Striped locks for changing a node's lists; uncontended for the single writer, and what keeps concurrent
     * inserts from losing each other's links. Readers never take them.
     */
    private final Object[] linkLocks = new Object[1024];
    private final Object entryLock = new Object();
    /** {@link #UPPER_BEAM}; 1 descends greedily as the paper does (kept for tests and the diagnostic probe). */
    private volatile int upperBeam = UPPER_BEAM;
    private long levelDraws;
    /**
     * Work done by searches ({@link #search}; not by inserts): searches, distances computed and nodes expanded on
     * the bottom level. One add per counter per search, so they cost nothing measurable; they are how a search's
     * cost is compared across builds and engines without the noise of a clock.
     */
    private final LongAdder searches = new LongAdder();
    private final LongAdder searchDistances = new LongAdder();
    private final LongAdder searchExpansions = new LongAdder();

    HnswGraph(HnswParams params) {
        this.params = params;
        this.levelMultiplier = params.levelMultiplier();
        this.bottom = new int[64][];
        this.upper = new int[64][][];
        this.flags = new byte[64];
        for (int i = 0; i < linkLocks.length; i++) {
            linkLocks[i] = new Object();
        }
    }

    /** Rebuilds a graph from checkpointed state without recomputing any distance. */
    static HnswGraph restore(HnswParams params, int[][][] nodeLinks, byte[] nodeFlags, int size, long entry,
            long levelDraws) {
        HnswGraph g = new HnswGraph(params);
        int capacity = Math.max(64, size);
        g.bottom = new int[capacity][];
        g.upper = new int[capacity][][];
        for (int i = 0; i < size; i++) {
            int[][] levels = nodeLinks[i];
            g.bottom[i] = levels[0];
            if (levels.length > 1) {
                g.upper[i] = Arrays.copyOfRange(levels, 1, levels.length);
            }
        }
        g.flags = Arrays.copyOf(nodeFlags, capacity);
        int del = 0;
        int unl = 0;
        long bytes = 0;
        for (int i = 0; i < size; i++) {
            if ((nodeFlags[i] & DELETED) != 0) {
                del++;
            }
            if ((nodeFlags[i] & UNLINKED) != 0) {
                unl++;
            }
            bytes += 2L * Integer.BYTES + (nodeLinks[i].length > 1 ? ARRAY_HEADER + 4L * (nodeLinks[i].length - 1) : 0);
            for (int[] list : nodeLinks[i]) {
                bytes += ARRAY_HEADER + 4L * list.length;
            }
        }
        g.size = size;
        g.deleted = del;
        g.unlinked = unl;
        g.linkBytes.add(bytes);
        g.entry = entry;
        g.levelDraws = levelDraws;
        return g;
    }

    HnswParams params() {
        return params;
    }

    /** Nodes ever inserted, deleted ones included; ids are {@code [0, size)}. */
    int size() {
        return size;
    }

    int deletedCount() {
        return deleted;
    }

    int liveCount() {
        return size - deleted;
    }

    long entry() {
        return entry;
    }

    long levelDraws() {
        return levelDraws;
    }

    /** Approximate heap bytes of the neighbour lists. */
    long linkBytes() {
        return linkBytes.sum();
    }

    boolean isDeleted(int node) {
        return ((byte) FLAG.getAcquire(flags, node) & DELETED) != 0;
    }

    byte flags(int node) {
        return (byte) FLAG.getAcquire(flags, node);
    }

    int levelOf(int node) {
        int[][] above = (int[][]) UPPER.getAcquire(upper, node);
        return above == null ? 0 : above.length;
    }

    int[] neighbours(int node, int level) {
        if (level == 0) {
            int[] list = (int[]) LIST.getAcquire(bottom, node);
            return list == null ? EMPTY : list;
        }
        int[][] above = (int[][]) UPPER.getAcquire(upper, node);
        if (above == null || level > above.length) {
            return EMPTY;
        }
        return (int[]) LIST.getAcquire(above, level - 1);
    }

    /** A node's lists by level, bottom first (the checkpoint's shape); the lists themselves are immutable. */
    int[][] snapshotLinks(int node) {
        int[][] copy = new int[levelOf(node) + 1][];
        for (int l = 0; l < copy.length; l++) {
            copy[l] = neighbours(node, l);
        }
        return copy;
    }

    int maxConnections(int level) {
        return level == 0 ? params.m0() : params.m();
    }

    private int drawLevel() {
        long z = params.seed() + (++levelDraws) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        double u = ((z >>> 11) + 1) * 0x1.0p-53;
        return (int) Math.min(MAX_LEVEL, -StrictMath.log(u) * levelMultiplier);
    }

    void setList(int node, int level, int[] list) {
        int[] old = neighbours(node, level);
        linkBytes.add(4L * (list.length - old.length));
        if (level == 0) {
            LIST.setRelease(bottom, node, list);
        } else {
            LIST.setRelease((int[][]) UPPER.getAcquire(upper, node), level - 1, list);
        }
    }

    /**
     * Makes node {@code id} reachable with empty lists on levels 0 to {@code level}: the upper lists first, then
     * the bottom slot with release, so a reader that finds the node anywhere can read all of its lists.
     */
    private void publishNode(int id, int level) {
        ensureCapacity(id + 1);
        if (level > 0) {
            int[][] above = new int[level][];
            Arrays.fill(above, EMPTY);
            UPPER.setRelease(upper, id, above);
            linkBytes.add(ARRAY_HEADER + 4L * level);
        }
        // A slot in each of the two per-node arrays, and a header per (still empty) list.
        linkBytes.add(2L * Integer.BYTES + (long) ARRAY_HEADER * (level + 1));
        LIST.setRelease(bottom, id, EMPTY);
    }

    /**
     * Links node {@code id}, which must be the next id ({@link #size()}); its vector must already be readable
     * through {@code dist}. Writer thread only.
     */
    void insert(int id, Distances dist) {
        if (id != size) {
            throw new IllegalArgumentException("nodes are inserted densely: expected id " + size + ", got " + id);
        }
        int level = drawLevel();
        publishNode(id, level);
        if (entry < 0) {
            size = id + 1;
            entry = packEntry(level, id);
            return;
        }
        connect(id, level, dist);
        size = id + 1;
    }

    /**
     * Links nodes {@code [from, to)}, the next ids, on {@code threads} threads at once; their vectors must already
     * be readable through {@code dist}. Levels are drawn in id order, as {@link #insert} would draw them, but which
     * neighbours a node finds depends on which others were linked before it, so unlike {@link #insert} the
     * resulting graph is not reproducible. Searches may run meanwhile; other writes may not.
     */
    void insertConcurrently(int from, int to, Distances dist, int threads) {
        if (from != size) {
            throw new IllegalArgumentException("nodes are inserted densely: expected id " + size + ", got " + from);
        }
        if (to <= from) {
            return;
        }
        ensureCapacity(to);
        byte[] levels = new byte[to - from];
        for (int id = from; id < to; id++) {
            int level = drawLevel();
            levels[id - from] = (byte) level;
            publishNode(id, level);
        }
        int first = from;
        if (entry < 0) {
            entry = packEntry(levels[0], from);
            first++;
        }
        // Every slot exists before any worker starts, so no worker ever grows the arrays another is writing to.
        size = to;
        AtomicInteger next = new AtomicInteger(first);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread[] workers = new Thread[Math.max(1, threads)];
        for (int t = 0; t < workers.length; t++) {
            workers[t] = Thread.ofPlatform().name("hnsw-build-" + t).start(() -> {
                try {
                    for (int id = next.getAndIncrement(); id < to && failure.get() == null;
                            id = next.getAndIncrement()) {
                        connect(id, levels[id - from], dist);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
        }
        joinAll(workers);
        Throwable e = failure.get();
        if (e instanceof RuntimeException r) {
            throw r;
        } else if (e instanceof Error err) {
            throw err;
        }
        new HnswRepair(this, dist).reconnectUnreachable();
    }

    /**
     * Waits for every worker even when interrupted (then restores the interrupt): returning while workers still
     * link would leave the caller publishing rows that are not in the graph yet.
     */
    private static void joinAll(Thread[] workers) {
        boolean interrupted = false;
        for (Thread w : workers) {
            while (true) {
                try {
                    w.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Finds neighbours for a published node and links it both ways, then makes it the entry point if it reaches
     * above the current top. Safe to run for several nodes at once: a node's lists are changed only under its
     * lock, and the entry point only under the entry lock.
     */
    private void connect(int id, int level, Distances dist) {
        long ep = entry;
        Scorer q = dist.fromNode(id);
        int top = (int) (ep >>> 32);
        int cur = (int) ep;
        float curDist = q.distanceTo(cur);
        long[] entryPoints = descend(q, ScoredQueue.pack(curDist, cur), top, level);
        for (int l = Math.min(level, top); l >= 0; l--) {
            long[] found = searchLayer(q, entryPoints, params.efConstruction(), l, null).drainAscending();
            // Up to the level's full degree (M0 = 2M on the bottom level), as the lists of existing nodes get: with
            // only M, a new node's bottom list started half empty and most lists stayed short (mean 18.4 of 32 at
            // 300k), which cost recall per ef, the more so the larger the graph (docs/benchmarks.md, session 4).
            int[] chosen = selectNeighbours(linkCandidates(found, id), maxConnections(l), dist);
            synchronized (lockOf(id)) {
                // In a concurrent bulk load, nodes linked meanwhile may already have added themselves to this
                // node's list; keep those links instead of overwriting them.
                int[] meanwhile = neighbours(id, l);
                setList(id, l, chosen);
                for (int x : meanwhile) {
                    if (!contains(chosen, x)) {
                        linkLocked(id, x, l, dist);
                    }
                }
            }
            for (int n : chosen) {
                link(n, id, l, dist);
            }
            entryPoints = found;
        }
        if (level > top) {
            synchronized (entryLock) {
                if (level > (int) (entry >>> 32)) {
                    entry = packEntry(level, id);
                }
            }
        }
    }

    Object lockOf(int node) {
        return linkLocks[node & (linkLocks.length - 1)];
    }

    /**
     * Registers node {@code id} (the next id) with one empty level and no links, for an index that keeps its ids
     * and tombstones here but searches another structure (IVF-PQ). Writer thread only.
     */
    void append(int id) {
        if (id != size) {
            throw new IllegalArgumentException("nodes are inserted densely: expected id " + size + ", got " + id);
        }
        publishNode(id, 0);
        size = id + 1;
    }

    private static long packEntry(int level, int id) {
        return ((long) level << 32) | (id & 0xffffffffL);
    }

    private void ensureCapacity(int n) {
        int[][] current = bottom;
        if (n > current.length) {
            int cap = Math.max(n, current.length + (current.length >> 1));
            // Flags and upper lists first: a reader that reaches a node through the grown bottom array must also
            // find flag and upper slots for it.
            flags = Arrays.copyOf(flags, cap);
            upper = Arrays.copyOf(upper, cap);
            bottom = Arrays.copyOf(current, cap);
        }
    }

    long[] withoutDeleted(long[] found) {
        return without(found, -1, true);
    }

    /**
     * The nodes a new node may link to: the live ones found, or, when every node found is deleted (say the only
     * rows of a new index were replaced), the deleted ones, which still route searches until
     * {@link HnswRepair#compact} relinks their neighbours; linking to nothing would leave the new node, and every
     * node inserted after it from the same entry point, unreachable. Never {@code self}, which a concurrent insert can reach through others.
     */
    private long[] linkCandidates(long[] found, int self) {
        long[] live = without(found, self, true);
        return live.length > 0 ? live : without(found, self, false);
    }

    private long[] without(long[] found, int self, boolean dropDeleted) {
        int n = 0;
        long[] out = new long[found.length];
        for (long f : found) {
            int node = ScoredQueue.node(f);
            if (node != self && !(dropDeleted && isDeleted(node))) {
                out[n++] = f;
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /** Adds {@code newcomer} to {@code node}'s list at {@code level}, pruning with the heuristic when full. */
    private void link(int node, int newcomer, int level, Distances dist) {
        synchronized (lockOf(node)) {
            linkLocked(node, newcomer, level, dist);
        }
    }

    private void linkLocked(int node, int newcomer, int level, Distances dist) {
        int[] old = neighbours(node, level);
        if (contains(old, newcomer)) {
            // A concurrent bulk load can link a pair from both ends; one entry is enough.
            return;
        }
        int cap = maxConnections(level);
        if (old.length < cap) {
            int[] grown = Arrays.copyOf(old, old.length + 1);
            grown[old.length] = newcomer;
            setList(node, level, grown);
            return;
        }
        long[] candidates = new long[old.length + 1];
        int n = 0;
        for (int x : old) {
            if (!isDeleted(x)) {
                candidates[n++] = ScoredQueue.pack(dist.between(node, x), x);
            }
        }
        candidates[n++] = ScoredQueue.pack(dist.between(node, newcomer), newcomer);
        long[] sorted = Arrays.copyOf(candidates, n);
        Arrays.sort(sorted);
        setList(node, level, selectNeighbours(sorted, cap, dist));
    }

    /**
     * The HNSW paper's heuristic (algorithm 4, without extension or keeping pruned candidates): take candidates
     * closest first, keeping one only if it is closer to the base than to every neighbour kept so far. This spreads
     * links across directions, which keeps clustered data navigable.
     */
    static int[] selectNeighbours(long[] ascending, int max, Distances dist) {
        int[] selected = new int[Math.min(max, ascending.length)];
        int count = 0;
        for (long c : ascending) {
            if (count == selected.length) {
                break;
            }
            int node = ScoredQueue.node(c);
            float d = ScoredQueue.distance(c);
            boolean diverse = true;
            for (int j = 0; j < count; j++) {
                if (dist.between(node, selected[j]) < d) {
                    diverse = false;
                    break;
                }
            }
            if (diverse) {
                selected[count++] = node;
            }
        }
        return count == selected.length ? selected : Arrays.copyOf(selected, count);
    }

    /**
     * Walks from {@code start} (packed distance and node, on level {@code top}) down through the levels above
     * {@code level} with a beam of {@link #UPPER_BEAM}, and returns the beam reached on the last of them, nearest
     * first: the entry points of the search on {@code level}.
     */
    private long[] descend(Scorer q, long start, int top, int level) {
        long[] entryPoints = {start};
        int beam = upperBeam;
        for (int l = top; l > level; l--) {
            entryPoints = beam <= 1
                    ? new long[] {greedy(q, ScoredQueue.node(entryPoints[0]), ScoredQueue.distance(entryPoints[0]), l)}
                    : searchLayer(q, entryPoints, beam, l, null).drainAscending();
        }
        return entryPoints;
    }

    /** Sets the beam of the descent through the upper levels ({@link #UPPER_BEAM}; 1 is greedy). */
    void setUpperBeam(int beam) {
        upperBeam = Math.max(1, beam);
    }

    /** Greedy descent on one layer; returns the packed (distance, node) of the local minimum. */
    private long greedy(Scorer q, int start, float startDist, int level) {
        int cur = start;
        float curDist = startDist;
        boolean moved = true;
        while (moved) {
            moved = false;
            for (int n : neighbours(cur, level)) {
                float d = q.distanceTo(n);
                if (d < curDist || (d == curDist && n < cur)) {
                    cur = n;
                    curDist = d;
                    moved = true;
                }
            }
        }
        return ScoredQueue.pack(curDist, cur);
    }

    /**
     * Beam search on one layer. Every reached node is a candidate for expansion, so traversal passes through
     * deleted or filtered-out nodes, but only nodes {@code accept}ed (all when null) enter the results.
     */
    private ScoredQueue searchLayer(Scorer q, long[] entryPoints, int ef, int level, IntPredicate accept) {
        return searchLayer(q, entryPoints, ef, level, accept, false);
    }

    private ScoredQueue searchLayer(Scorer q, long[] entryPoints, int ef, int level, IntPredicate accept,
            boolean countWork) {
        int distances = 0;
        int expansions = 0;
        ScoredQueue candidates = ScoredQueue.min(ef * 2);
        ScoredQueue results = ScoredQueue.max(ef + 1);
        try (VisitedSet visited = VisitedSet.acquire(size)) {
            for (long ep : entryPoints) {
                int node = ScoredQueue.node(ep);
                if (visited.visit(node)) {
                    candidates.pushPacked(ep);
                    if (accept == null || accept.test(node)) {
                        results.offer(ScoredQueue.distance(ep), node, ef);
                    }
                }
            }
            int[] batch = visited.batch(Math.max(params.m0(), params.m()));
            float[] dists = visited.distances(batch.length);
            while (!candidates.isEmpty()) {
                long c = candidates.pop();
                if (results.size() >= ef && ScoredQueue.distance(c) > results.topDistance()) {
                    break;
                }
                // Unvisited neighbours first, then all their distances in one loop, then the queue updates in the
                // same order as before: the distance loop has no branches on earlier results, so the CPU overlaps
                // the cache misses of several vectors instead of taking them one at a time.
                int[] list = neighbours(ScoredQueue.node(c), level);
                if (list.length > batch.length) {
                    batch = visited.batch(list.length);
                    dists = visited.distances(list.length);
                }
                int count = 0;
                for (int n : list) {
                    if (visited.visit(n)) {
                        batch[count++] = n;
                    }
                }
                expansions++;
                distances += count;
                int touched = 0;
                for (int i = 0; i < count; i++) {
                    touched += q.touch(batch[i]);
                }
                visited.consume(touched);
                for (int i = 0; i < count; i++) {
                    dists[i] = q.distanceTo(batch[i]);
                }
                for (int i = 0; i < count; i++) {
                    int n = batch[i];
                    float d = dists[i];
                    if (results.size() < ef || d < results.topDistance()) {
                        candidates.push(d, n);
                        if (accept == null || accept.test(n)) {
                            results.offer(d, n, ef);
                        }
                    }
                }
            }
        }
        if (countWork) {
            searches.increment();
            searchDistances.add(distances);
            searchExpansions.add(expansions);
        }
        return results;
    }

    /** {searches, bottom-level distances computed, bottom-level expansions} since the graph was made. */
    long[] searchWork() {
        return new long[] {searches.sum(), searchDistances.sum(), searchExpansions.sum()};
    }

    /**
     * The {@code k} nearest accepted live nodes found with beam width {@code max(ef, k)}, closest first, packed as
     * in {@link ScoredQueue}. {@code filter} may be null (every live node is acceptable).
     */
    long[] search(Scorer q, int k, int ef, IntPredicate filter) {
        long ep = entry;
        if (ep < 0 || k <= 0) {
            return new long[0];
        }
        int cur = (int) ep;
        float curDist = q.distanceTo(cur);
        long[] entryPoints = descend(q, ScoredQueue.pack(curDist, cur), (int) (ep >>> 32), 0);
        // With no tombstones, skipping the check saves a read of a random flag byte per result candidate; a node
        // deleted while this search runs may then still be returned, as it may be by a search that checked it
        // just before the delete.
        IntPredicate accept = filter == null ? (deleted == 0 ? null : n -> !isDeleted(n))
                : n -> !isDeleted(n) && filter.test(n);
        long[] found = searchLayer(q, entryPoints, Math.max(ef, k), 0, accept, true)
                .drainAscending();
        return found.length <= k ? found : Arrays.copyOf(found, k);
    }

    /**
     * Marks a node deleted: searches stop returning it, but still route through it until
     * {@link HnswRepair#compact}.
     */
    boolean delete(int node) {
        byte f = flags(node);
        if ((f & DELETED) != 0) {
            return false;
        }
        FLAG.setRelease(flags, node, (byte) (f | DELETED));
        deleted = deleted + 1;
        return true;
    }

    /** Deleted nodes still linked into the graph, i.e. the work {@link HnswRepair#compact} would do. */
    int pendingTombstones() {
        return deleted - unlinked;
    }

    /** Candidates for a point at {@code level}: greedy descent from the entry point, then a beam search. */
    long[] searchFrom(Scorer q, int level, int ef) {
        long ep = entry;
        int cur = (int) ep;
        float curDist = q.distanceTo(cur);
        long[] entryPoints = descend(q, ScoredQueue.pack(curDist, cur), (int) (ep >>> 32), level);
        return searchLayer(q, entryPoints, ef, level, null).drainAscending();
    }

    static boolean contains(int[] list, int x) {
        for (int y : list) {
            if (y == x) {
                return true;
            }
        }
        return false;
    }

    /** Marks a deleted node cut out of the graph: its lists are gone, {@link HnswRepair#compact} is done with it. */
    void markUnlinked(int node) {
        FLAG.setRelease(flags, node, (byte) (flags(node) | UNLINKED));
        unlinked = unlinked + 1;
    }

    void setEntry(int level, int node) {
        entry = node < 0 ? -1 : packEntry(level, node);
    }
}
