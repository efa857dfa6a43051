package io.nodedb.core.vector;

/** A one-line summary of an {@link HnswGraph}'s shape, for benchmarks and diagnostics. */
final class HnswGraphSummary {
    private HnswGraphSummary() {
    }

    /**
     * Shape of the graph for diagnostics: node count, top level, entry node, bottom-level nodes nothing links to
     * and nodes the entry cannot reach there, nodes per level, and on each level the mean, minimum and maximum
     * list length and the share of full lists. Walks the whole graph; not for a hot path.
     */
    static String describe(HnswGraph g) {
        int n = g.size();
        long ep = g.entry();
        int top = ep < 0 ? -1 : (int) (ep >>> 32);
        StringBuilder out = new StringBuilder();
        out.append("nodes ").append(n).append(", top level ").append(top).append(", entry ").append((int) ep);
        if (ep >= 0) {
            // Level 0: nodes no list points to, and nodes a walk from the entry's bottom-level list cannot reach.
            boolean[] pointedTo = new boolean[n];
            for (int i = 0; i < n; i++) {
                for (int x : g.neighbours(i, 0)) {
                    pointedTo[x] = true;
                }
            }
            int orphans = 0;
            for (int i = 0; i < n; i++) {
                if (!pointedTo[i] && i != (int) ep) {
                    orphans++;
                }
            }
            boolean[] seen = new boolean[n];
            int[] stack = new int[n];
            int sp = 0;
            stack[sp++] = (int) ep;
            seen[(int) ep] = true;
            int reached = 0;
            while (sp > 0) {
                int u = stack[--sp];
                reached++;
                for (int x : g.neighbours(u, 0)) {
                    if (!seen[x]) {
                        seen[x] = true;
                        stack[sp++] = x;
                    }
                }
            }
            out.append(", level 0 in-degree 0: ").append(orphans).append(", unreachable from entry on level 0: ")
                    .append(n - reached);
        }
        for (int l = 0; l <= top; l++) {
            long sum = 0;
            int nodes = 0;
            int min = Integer.MAX_VALUE;
            int max = 0;
            int full = 0;
            for (int i = 0; i < n; i++) {
                if (g.levelOf(i) >= l) {
                    int len = g.neighbours(i, l).length;
                    sum += len;
                    nodes++;
                    min = Math.min(min, len);
                    max = Math.max(max, len);
                    if (len == g.maxConnections(l)) {
                        full++;
                    }
                }
            }
            out.append(String.format(java.util.Locale.ROOT, "; level %d: %d nodes, degree mean %.2f min %d max %d,"
                    + " %.1f%% full", l, nodes, nodes == 0 ? 0.0 : sum / (double) nodes, nodes == 0 ? 0 : min, max,
                    nodes == 0 ? 0.0 : 100.0 * full / nodes));
        }
        return out.toString();
    }
}
