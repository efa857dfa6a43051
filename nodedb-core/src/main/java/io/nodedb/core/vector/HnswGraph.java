package io.nodedb.core.vector;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * A hierarchical navigable small-world graph over dense internal node ids (Malkov and Yashunin). It stores only
 * structure: levels, neighbour lists, tombstones and the entry point. Distances come from a {@link Distances}
 * supplied by the owner, so the same graph code serves float vectors and quantized codes.
 *
 * <h2>Concurrency</h2>
 * One writer (the engine's applier) inserts, deletes and compacts; any number of searches run at the same time
 * without locks. Every neighbour list is an immutable {@code int[]}: the writer builds a new array and publishes it
 * with a release store into the node's per-level slot, and readers load slots with acquire, so a search sees
 * either the old list or the new one, never a torn one. A node's slot array is published (release) before its id
 * is written into any list, and the entry point (level and id packed in one long) is a volatile, so a search that
 * finds an id can always read its lists. Tombstones are flag bytes written with release and read with acquire.
 *
 * <h2>Determinism</h2>
 * The level of the n-th insert is a pure function of the seed and n (SplitMix64, then {@link StrictMath#log}), and
 * every choice among equal distances breaks ties by the lower node id ({@link ScoredQueue}); with the same
 * distances, the same inserts, deletes and compactions in the same order build the same graph, bit for bit.
 * Distances are the same when the same kernel implementation runs at the same lane width (see
 * {@link VectorKernels}).
 */
final class HnswGraph {
    /** Distance from one fixed point (a query or a node being linked) to any node. */
    @FunctionalInterface
    interface Scorer {
        float distanceTo(int node);
    }

    /** The metric space the graph lives in. */
    interface Distances {
        Scorer fromNode(int node);

        float between(int a, int b);
    }

    static final byte DELETED = 1;
    static final byte UNLINKED = 2;
    static final int MAX_LEVEL = 30;
    private static final int[] EMPTY = new int[0];
    private static final VarHandle NODE = MethodHandles.arrayElementVarHandle(int[][][].class);
    private static final VarHandle LIST = MethodHandles.arrayElementVarHandle(int[][].class);
    private static final VarHandle FLAG = MethodHandles.arrayElementVarHandle(byte[].class);
    /** Rough JVM cost of an array object's header, for the memory estimate. */
    private static final int ARRAY_HEADER = 16;

    private final HnswParams params;
    private final double levelMultiplier;
    private volatile int[][][] links;
    private volatile byte[] flags;
    private volatile long entry = -1;
    private volatile int size;
    private volatile int deleted;
    private volatile int unlinked;
    private volatile long linkBytes;
    private long levelDraws;

    HnswGraph(HnswParams params) {
        this.params = params;
        this.levelMultiplier = params.levelMultiplier();
        this.links = new int[64][][];
        this.flags = new byte[64];
    }

    /** Rebuilds a graph from checkpointed state without recomputing any distance. */
    static HnswGraph restore(HnswParams params, int[][][] nodeLinks, byte[] nodeFlags, int size, long entry,
            long levelDraws) {
        HnswGraph g = new HnswGraph(params);
        g.links = Arrays.copyOf(nodeLinks, Math.max(64, size));
        g.flags = Arrays.copyOf(nodeFlags, Math.max(64, size));
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
            bytes += ARRAY_HEADER + 4L * nodeLinks[i].length;
            for (int[] list : nodeLinks[i]) {
                bytes += ARRAY_HEADER + 4L * list.length;
            }
        }
        g.size = size;
        g.deleted = del;
        g.unlinked = unl;
        g.linkBytes = bytes;
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
        return linkBytes;
    }

    boolean isDeleted(int node) {
        return ((byte) FLAG.getAcquire(flags, node) & DELETED) != 0;
    }

    byte flags(int node) {
        return (byte) FLAG.getAcquire(flags, node);
    }

    int levelOf(int node) {
        return ((int[][]) NODE.getAcquire(links, node)).length - 1;
    }

    int[] neighbours(int node, int level) {
        int[][] lv = (int[][]) NODE.getAcquire(links, node);
        if (lv == null || level >= lv.length) {
            return EMPTY;
        }
        return (int[]) LIST.getAcquire(lv, level);
    }

    /** A shallow copy of a node's per-level lists; the lists themselves are immutable. */
    int[][] snapshotLinks(int node) {
        int[][] lv = (int[][]) NODE.getAcquire(links, node);
        int[][] copy = new int[lv.length][];
        for (int l = 0; l < lv.length; l++) {
            copy[l] = (int[]) LIST.getAcquire(lv, l);
        }
        return copy;
    }

    private int maxConnections(int level) {
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

    private void setList(int[][] lv, int level, int[] list) {
        int[] old = (int[]) LIST.getAcquire(lv, level);
        linkBytes += 4L * (list.length - (old == null ? 0 : old.length)) + (old == null ? ARRAY_HEADER : 0);
        LIST.setRelease(lv, level, list);
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
        int[][] lv = new int[level + 1][];
        for (int l = 0; l <= level; l++) {
            lv[l] = EMPTY;
        }
        ensureCapacity(id + 1);
        linkBytes += ARRAY_HEADER + 4L * lv.length + (long) ARRAY_HEADER * lv.length;
        NODE.setRelease(links, id, lv);
        long ep = entry;
        if (ep < 0) {
            size = id + 1;
            entry = packEntry(level, id);
            return;
        }
        Scorer q = dist.fromNode(id);
        int top = (int) (ep >>> 32);
        int cur = (int) ep;
        float curDist = q.distanceTo(cur);
        for (int l = top; l > level; l--) {
            long best = greedy(q, cur, curDist, l);
            cur = ScoredQueue.node(best);
            curDist = ScoredQueue.distance(best);
        }
        long[] entryPoints = {ScoredQueue.pack(curDist, cur)};
        for (int l = Math.min(level, top); l >= 0; l--) {
            long[] found = searchLayer(q, entryPoints, params.efConstruction(), l, null).drainAscending();
            int[] chosen = selectNeighbours(withoutDeleted(found), params.m(), dist);
            setList(lv, l, chosen);
            for (int n : chosen) {
                link(n, id, l, dist);
            }
            entryPoints = found;
        }
        size = id + 1;
        if (level > top) {
            entry = packEntry(level, id);
        }
    }

    /**
     * Registers node {@code id} (the next id) with one empty level and no links, for an index that keeps its ids
     * and tombstones here but searches another structure (IVF-PQ). Writer thread only.
     */
    void append(int id) {
        if (id != size) {
            throw new IllegalArgumentException("nodes are inserted densely: expected id " + size + ", got " + id);
        }
        ensureCapacity(id + 1);
        int[][] lv = {EMPTY};
        linkBytes += 2L * ARRAY_HEADER + 4L;
        NODE.setRelease(links, id, lv);
        size = id + 1;
    }

    private static long packEntry(int level, int id) {
        return ((long) level << 32) | (id & 0xffffffffL);
    }

    private void ensureCapacity(int n) {
        int[][][] current = links;
        if (n > current.length) {
            int cap = Math.max(n, current.length + (current.length >> 1));
            byte[] grownFlags = Arrays.copyOf(flags, cap);
            // Flags first: a reader that sees the grown links array must also see a flags array long enough.
            flags = grownFlags;
            links = Arrays.copyOf(current, cap);
        }
    }

    private long[] withoutDeleted(long[] found) {
        int n = 0;
        long[] out = new long[found.length];
        for (long f : found) {
            if (!isDeleted(ScoredQueue.node(f))) {
                out[n++] = f;
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /** Adds {@code newcomer} to {@code node}'s list at {@code level}, pruning with the heuristic when full. */
    private void link(int node, int newcomer, int level, Distances dist) {
        int[][] lv = (int[][]) NODE.getAcquire(links, node);
        int[] old = (int[]) LIST.getAcquire(lv, level);
        int cap = maxConnections(level);
        if (old.length < cap) {
            int[] grown = Arrays.copyOf(old, old.length + 1);
            grown[old.length] = newcomer;
            setList(lv, level, grown);
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
        setList(lv, level, selectNeighbours(sorted, cap, dist));
    }

    /**
     * The HNSW paper's heuristic (algorithm 4, without extension or keeping pruned candidates): take candidates
     * closest first, keeping one only if it is closer to the base than to every neighbour kept so far. This spreads
     * links across directions, which keeps clustered data navigable.
     */
    private static int[] selectNeighbours(long[] ascending, int max, Distances dist) {
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
        return results;
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
        for (int l = (int) (ep >>> 32); l > 0; l--) {
            long best = greedy(q, cur, curDist, l);
            cur = ScoredQueue.node(best);
            curDist = ScoredQueue.distance(best);
        }
        IntPredicate accept = filter == null ? n -> !isDeleted(n) : n -> !isDeleted(n) && filter.test(n);
        long[] found = searchLayer(q, new long[] {ScoredQueue.pack(curDist, cur)}, Math.max(ef, k), 0, accept)
                .drainAscending();
        return found.length <= k ? found : Arrays.copyOf(found, k);
    }

    /** Marks a node deleted: searches stop returning it, but still route through it until {@link #compact}. */
    boolean delete(int node) {
        byte f = flags(node);
        if ((f & DELETED) != 0) {
            return false;
        }
        FLAG.setRelease(flags, node, (byte) (f | DELETED));
        deleted = deleted + 1;
        return true;
    }

    /** Deleted nodes still linked into the graph, i.e. the work {@link #compact} would do. */
    int pendingTombstones() {
        return deleted - unlinked;
    }

    /**
     * Removes deleted nodes from the graph. Each live node that links to one gets a new list at that level,
     * chosen with the usual heuristic from its live neighbours plus the live neighbours of the deleted ones (and,
     * if that leaves it poorly connected, from a fresh search); then the deleted nodes' own lists are dropped and
     * the entry point moves to a live node if it was deleted. Their vector slots stay (ids are never reused), so
     * the id space and everything keyed by it remain stable. Returns the number of lists rebuilt. Writer only.
     */
    int compact(Distances dist) {
        int n = size;
        boolean[] dead = new boolean[n];
        boolean any = false;
        for (int i = 0; i < n; i++) {
            byte f = flags(i);
            if ((f & DELETED) != 0 && (f & UNLINKED) == 0) {
                dead[i] = true;
                any = true;
            }
        }
        if (!any) {
            return 0;
        }
        long ep = entry;
        if (ep >= 0 && dead[(int) ep]) {
            moveEntry(dead);
        }
        int rebuilt = 0;
        for (int u = 0; u < n; u++) {
            if (isDeleted(u)) {
                continue;
            }
            int[][] lv = (int[][]) NODE.getAcquire(links, u);
            for (int l = 0; l < lv.length; l++) {
                int[] list = (int[]) LIST.getAcquire(lv, l);
                if (linksTo(list, dead)) {
                    setList(lv, l, repairedList(u, l, list, dead, dist));
                    rebuilt++;
                }
            }
        }
        for (int d = 0; d < n; d++) {
            if (dead[d]) {
                int[][] lv = (int[][]) NODE.getAcquire(links, d);
                for (int l = 0; l < lv.length; l++) {
                    setList(lv, l, EMPTY);
                }
                FLAG.setRelease(flags, d, (byte) (flags(d) | UNLINKED));
                unlinked = unlinked + 1;
            }
        }
        return rebuilt;
    }

    private static boolean linksTo(int[] list, boolean[] dead) {
        for (int x : list) {
            if (dead[x]) {
                return true;
            }
        }
        return false;
    }

    private int[] repairedList(int u, int level, int[] list, boolean[] dead, Distances dist) {
        int[] ids = new int[list.length * 4];
        int count = 0;
        for (int x : list) {
            int[] via = dead[x] ? neighbours(x, level) : new int[] {x};
            for (int y : via) {
                if (count == ids.length) {
                    ids = Arrays.copyOf(ids, count * 2);
                }
                ids[count++] = y;
            }
        }
        Scorer fromU = dist.fromNode(u);
        ScoredQueue pool = ScoredQueue.min(count);
        Arrays.sort(ids, 0, count);
        for (int i = 0; i < count; i++) {
            int y = ids[i];
            if (y != u && (i == 0 || ids[i - 1] != y) && !isDeleted(y)) {
                pool.push(fromU.distanceTo(y), y);
            }
        }
        int cap = maxConnections(level);
        int[] chosen = selectNeighbours(pool.drainAscending(), cap, dist);
        if (chosen.length >= params.m() / 2 || entry < 0) {
            return chosen;
        }
        long[] found = withoutDeleted(searchFrom(fromU, level, params.efConstruction()));
        ScoredQueue merged = ScoredQueue.min(found.length + chosen.length);
        for (int x : chosen) {
            merged.push(fromU.distanceTo(x), x);
        }
        for (long f : found) {
            int x = ScoredQueue.node(f);
            if (x != u && !contains(chosen, x)) {
                merged.pushPacked(f);
            }
        }
        return selectNeighbours(merged.drainAscending(), cap, dist);
    }

    private static boolean contains(int[] list, int x) {
        for (int y : list) {
            if (y == x) {
                return true;
            }
        }
        return false;
    }

    /** Candidates for a point at {@code level}: greedy descent from the entry point, then a beam search. */
    private long[] searchFrom(Scorer q, int level, int ef) {
        long ep = entry;
        int cur = (int) ep;
        float curDist = q.distanceTo(cur);
        for (int l = (int) (ep >>> 32); l > level; l--) {
            long best = greedy(q, cur, curDist, l);
            cur = ScoredQueue.node(best);
            curDist = ScoredQueue.distance(best);
        }
        return searchLayer(q, new long[] {ScoredQueue.pack(curDist, cur)}, ef, level, null).drainAscending();
    }

    /** The live node on the highest level (lowest id among equals) becomes the entry; none left means empty. */
    private void moveEntry(boolean[] dead) {
        int best = -1;
        int bestLevel = -1;
        for (int i = 0; i < size; i++) {
            if (!dead[i] && !isDeleted(i)) {
                int l = levelOf(i);
                if (l > bestLevel) {
                    best = i;
                    bestLevel = l;
                }
            }
        }
        entry = best < 0 ? -1 : packEntry(bestLevel, best);
    }
}
