package io.nodedb.core.vector;

import io.nodedb.core.vector.HnswGraph.Distances;
import io.nodedb.core.vector.HnswGraph.Scorer;

import java.util.Arrays;

/**
 * Maintenance of an {@link HnswGraph} that is not part of inserting or searching: cutting deleted nodes out
 * ({@link #compact}) and relinking nodes a bulk load left unreachable from the entry point
 * ({@link #reconnectUnreachable}). Both run on the graph's single writer, with searches going on, and change lists
 * through the graph's own publishing so readers see the old list or the new one.
 */
final class HnswRepair {
    private final HnswGraph g;
    private final Distances dist;

    HnswRepair(HnswGraph g, Distances dist) {
        this.g = g;
        this.dist = dist;
    }

    /**
     * Makes every live node reachable from the entry point on the bottom level. Pruning full lists drops links: a
     * node can lose its last incoming one (0.3-0.5% of the nodes after a 500k bulk load), or a few nodes end up
     * linking only to each other (13 nodes at 500k x 128), and either is invisible to every search that does not
     * start inside it. Each unreachable node, in id order, gets a link from the nearest reachable node among its
     * own neighbours (or, if it has none, among the nodes a search for it finds): appended where that list has
     * room, else replacing, in the nearest such node's full list, the entry that most other lists point to (so it
     * keeps an incoming link); everything reachable through it then counts as reached. Replacing can in rare cases
     * cut off what only that link reached, so the pass repeats (at most three times) until nothing is left. Runs
     * after a bulk load, while no other write runs; returns the links added.
     */
    int reconnectUnreachable() {
        int added = 0;
        for (int round = 0; round < 3; round++) {
            int n = reconnectRound();
            added += n;
            if (n == 0) {
                break;
            }
        }
        return added;
    }

    private int reconnectRound() {
        int n = g.size();
        long ep = g.entry();
        if (ep < 0) {
            return 0;
        }
        int[] inDegree = new int[n];
        for (int i = 0; i < n; i++) {
            for (int x : g.neighbours(i, 0)) {
                inDegree[x]++;
            }
        }
        boolean[] reached = new boolean[n];
        int[] stack = new int[n];
        markReachable((int) ep, reached, stack);
        int cap = g.maxConnections(0);
        int added = 0;
        for (int i = 0; i < n; i++) {
            if (reached[i] || g.isDeleted(i)) {
                continue;
            }
            long[] hosts = reachableNeighbours(i, g.neighbours(i, 0), reached);
            if (hosts.length == 0) {
                long[] found = g.searchFrom(dist.fromNode(i), 0, g.params().efConstruction());
                int[] ids = new int[found.length];
                for (int k = 0; k < found.length; k++) {
                    ids[k] = ScoredQueue.node(found[k]);
                }
                hosts = reachableNeighbours(i, ids, reached);
            }
            if (hosts.length == 0) {
                continue;
            }
            int host = -1;
            for (long c : hosts) {
                int y = ScoredQueue.node(c);
                if (g.neighbours(y, 0).length < cap) {
                    host = y;
                    break;
                }
            }
            if (host >= 0) {
                int[] old = g.neighbours(host, 0);
                int[] grown = Arrays.copyOf(old, old.length + 1);
                grown[old.length] = i;
                synchronized (g.lockOf(host)) {
                    g.setList(host, 0, grown);
                }
            } else {
                host = ScoredQueue.node(hosts[0]);
                int[] list = g.neighbours(host, 0).clone();
                int replace = -1;
                for (int k = 0; k < list.length; k++) {
                    if (inDegree[list[k]] > 1 && (replace < 0 || inDegree[list[k]] > inDegree[list[replace]])) {
                        replace = k;
                    }
                }
                if (replace < 0) {
                    continue;
                }
                inDegree[list[replace]]--;
                list[replace] = i;
                synchronized (g.lockOf(host)) {
                    g.setList(host, 0, list);
                }
            }
            inDegree[i]++;
            added++;
            markReachable(i, reached, stack);
        }
        return added;
    }

    /** The live, reached nodes among {@code candidates} other than {@code node}, nearest to it first, packed. */
    private long[] reachableNeighbours(int node, int[] candidates, boolean[] reached) {
        ScoredQueue near = ScoredQueue.min(Math.max(1, candidates.length));
        for (int x : candidates) {
            if (x != node && reached[x] && !g.isDeleted(x)) {
                near.push(dist.between(node, x), x);
            }
        }
        return near.drainAscending();
    }

    /** Marks everything a walk from {@code from} along bottom-level lists reaches; {@code stack} holds size() ints. */
    private void markReachable(int from, boolean[] reached, int[] stack) {
        int sp = 0;
        reached[from] = true;
        stack[sp++] = from;
        while (sp > 0) {
            int u = stack[--sp];
            for (int x : g.neighbours(u, 0)) {
                if (!reached[x]) {
                    reached[x] = true;
                    stack[sp++] = x;
                }
            }
        }
    }

    /**
     * Removes deleted nodes from the graph. Each live node that links to one gets a new list at that level,
     * chosen with the usual heuristic from its live neighbours plus the live neighbours of the deleted ones (and,
     * if that leaves it poorly connected, from a fresh search); then the deleted nodes' own lists are dropped and
     * the entry point moves to a live node if it was deleted. Their vector slots stay (ids are never reused), so
     * the id space and everything keyed by it remain stable. Returns the number of lists rebuilt. Writer only.
     */
    int compact() {
        int n = g.size();
        boolean[] dead = new boolean[n];
        boolean any = false;
        for (int i = 0; i < n; i++) {
            byte f = g.flags(i);
            if ((f & HnswGraph.DELETED) != 0 && (f & HnswGraph.UNLINKED) == 0) {
                dead[i] = true;
                any = true;
            }
        }
        if (!any) {
            return 0;
        }
        long ep = g.entry();
        if (ep >= 0 && dead[(int) ep]) {
            moveEntry(dead);
        }
        int rebuilt = 0;
        for (int u = 0; u < n; u++) {
            if (g.isDeleted(u)) {
                continue;
            }
            for (int l = 0, top = g.levelOf(u); l <= top; l++) {
                int[] list = g.neighbours(u, l);
                if (linksTo(list, dead)) {
                    g.setList(u, l, repairedList(u, l, list, dead));
                    rebuilt++;
                }
            }
        }
        for (int d = 0; d < n; d++) {
            if (dead[d]) {
                for (int l = 0, top = g.levelOf(d); l <= top; l++) {
                        g.setList(d, l, HnswGraph.EMPTY);
                }
                g.markUnlinked(d);
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

    private int[] repairedList(int u, int level, int[] list, boolean[] dead) {
        int[] ids = new int[list.length * 4];
        int count = 0;
        for (int x : list) {
            int[] via = dead[x] ? g.neighbours(x, level) : new int[] {x};
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
            if (y != u && (i == 0 || ids[i - 1] != y) && !g.isDeleted(y)) {
                pool.push(fromU.distanceTo(y), y);
            }
        }
        int cap = g.maxConnections(level);
        int[] chosen = HnswGraph.selectNeighbours(pool.drainAscending(), cap, dist);
        if (chosen.length >= g.params().m() / 2 || g.entry() < 0) {
            return chosen;
        }
        long[] found = g.withoutDeleted(g.searchFrom(fromU, level, g.params().efConstruction()));
        ScoredQueue merged = ScoredQueue.min(found.length + chosen.length);
        for (int x : chosen) {
            merged.push(fromU.distanceTo(x), x);
        }
        for (long f : found) {
            int x = ScoredQueue.node(f);
            if (x != u && !HnswGraph.contains(chosen, x)) {
                merged.pushPacked(f);
            }
        }
        return HnswGraph.selectNeighbours(merged.drainAscending(), cap, dist);
    }


    /** The live node on the highest level (lowest id among equals) becomes the entry; none left means empty. */
    private void moveEntry(boolean[] dead) {
        int best = -1;
        int bestLevel = -1;
        for (int i = 0; i < g.size(); i++) {
            if (!dead[i] && !g.isDeleted(i)) {
                int l = g.levelOf(i);
                if (l > bestLevel) {
                    best = i;
                    bestLevel = l;
                }
            }
        }
        g.setEntry(bestLevel, best);
    }
}
