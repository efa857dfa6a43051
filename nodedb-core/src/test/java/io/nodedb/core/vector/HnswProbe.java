package io.nodedb.core.vector;

import io.nodedb.core.value.Value;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A diagnostic for HNSW recall ceilings, run by hand (not a test): builds a graph over the vector bench's data
 * (the same generator: seeded Gaussian clusters, sd 0.5 around N(0,1) centres, seed 42) with a bulk load, then
 * for a sweep of ef reports recall@10, search CPU and bottom-level distances per query and, for every true
 * neighbour a search missed, whether the entry point can reach it on level 0 at all and how many lists point to
 * it; for the first ten misses at the widest ef it prints the missed node's own list and the nodes linking to it,
 * with their distances to the query. A ceiling made of unreachable or badly linked nodes shows up as misses that
 * do not go away as ef grows. {@code buildBeam=1} builds with the paper's greedy descent through the upper
 * levels, {@code searchBeam=1,4} searches the same graph again with those descents.
 *
 * <pre>
 * ./mvnw -q -B -o -pl nodedb-core -am test-compile
 * NODEDB_BENCH_BUILD=1 bin/bench vector --help    # fills nodedb-bench/target/lib
 * java --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector \
 *     -cp "nodedb-core/target/test-classes:nodedb-core/target/classes:nodedb-bench/target/lib/*" \
 *     io.nodedb.core.vector.HnswProbe n=200000 dim=128 queries=500 efc=100 threads=2 ef=256,512,1024,2048
 * </pre>
 */
public final class HnswProbe {
    private HnswProbe() {
    }

    public static void main(String[] argv) {
        int n = 200_000;
        int dim = 128;
        int clusters = 100;
        int queryCount = 500;
        int m = 16;
        int efc = 100;
        int threads = 2;
        int[] efs = {256, 512, 1024, 2048};
        long seed = 42;
        int buildBeam = HnswGraph.UPPER_BEAM;
        int[] searchBeams = {};
        for (String a : argv) {
            String[] kv = a.split("=", 2);
            switch (kv[0]) {
                case "n" -> n = Integer.parseInt(kv[1]);
                case "dim" -> dim = Integer.parseInt(kv[1]);
                case "clusters" -> clusters = Integer.parseInt(kv[1]);
                case "queries" -> queryCount = Integer.parseInt(kv[1]);
                case "m" -> m = Integer.parseInt(kv[1]);
                case "efc" -> efc = Integer.parseInt(kv[1]);
                case "threads" -> threads = Integer.parseInt(kv[1]);
                case "seed" -> seed = Long.parseLong(kv[1]);
                case "buildBeam" -> buildBeam = Integer.parseInt(kv[1]);
                case "searchBeam" -> searchBeams = Arrays.stream(kv[1].split(",")).mapToInt(Integer::parseInt)
                        .toArray();
                case "ef" -> efs = Arrays.stream(kv[1].split(",")).mapToInt(Integer::parseInt).toArray();
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        float[][] all = benchData(n + queryCount, dim, clusters, seed);
        float[][] data = Arrays.copyOf(all, n);
        float[][] queries = Arrays.copyOfRange(all, n, all.length);
        IndexDefinition def = IndexDefinition.of("probe", "docs", "emb", dim, Metric.L2);
        HnswParams params = HnswParams.of(m, efc);
        try (VectorIndex index = new VectorIndex(def, params, VectorKernels.preferred(),
                VectorIndex.DEFAULT_SQ8_TRAINING_SIZE)) {
            List<Value> ids = new ArrayList<>(n);
            List<float[]> vectors = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                ids.add(new Value.Int(i));
                vectors.add(data[i]);
            }
            index.graph().setUpperBeam(buildBeam);
            long cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            index.insertAll(ids, vectors, threads);
            System.out.printf(Locale.ROOT, "built %,d x %d (M %d, efc %d, %d threads, upper-level beam %d) in %.1f s,"
                    + " %.1f s CPU%n", n, dim, m, efc, threads, buildBeam, (System.nanoTime() - t0) / 1e9,
                    (processCpuNanos() - cpu0) / 1e9);
            System.out.println(index.graphSummary());
            long r0 = System.nanoTime();
            int relinked = new HnswRepair(index.graph(), index.floatDistances()).reconnectUnreachable();
            System.out.printf(Locale.ROOT, "a second reachability repair: %d links in %.0f ms%n", relinked,
                    (System.nanoTime() - r0) / 1e6);
            report(index, queries, efs);
            for (int beam : searchBeams) {
                index.graph().setUpperBeam(beam);
                System.out.println("searching with an upper-level beam of " + beam);
                report(index, queries, efs);
            }
        }
    }

    /** Recall per ef, and what kind of node the missed true neighbours are. */
    static void report(VectorIndex index, float[][] queries, int[] efs) {
        HnswGraph g = index.graph();
        int n = g.size();
        int[] inDegree = new int[n];
        for (int i = 0; i < n; i++) {
            for (int x : g.neighbours(i, 0)) {
                inDegree[x]++;
            }
        }
        boolean[] reachable = reachableOnLevel0(g);

        int k = 10;
        int[][] truth = new int[queries.length][];
        for (int q = 0; q < queries.length; q++) {
            truth[q] = nodes(index, index.search(SearchRequest.of(queries[q], k).asExact()));
        }
        for (int ef : efs) {
            long found = 0;
            long missed = 0;
            long missedUnreachable = 0;
            long missedLowIn = 0;

            long inSum = 0;
            long w0 = index.searchWork()[1];
            java.lang.management.ThreadMXBean tmx = ManagementFactory.getThreadMXBean();
            long cpuQ = 0;
            for (int q = 0; q < queries.length; q++) {
                long c0 = tmx.getCurrentThreadCpuTime();
                List<VectorHit> hits = index.search(SearchRequest.of(queries[q], k).withEfSearch(ef));
                cpuQ += tmx.getCurrentThreadCpuTime() - c0;
                int[] got = nodes(index, hits);
                for (int t : truth[q]) {
                    if (HnswGraph.contains(got, t)) {
                        found++;
                    } else {
                        missed++;
                        if (ef == efs[efs.length - 1] && missed <= 10) {
                            explainMiss(index, queries[q], t, ef, inDegree);
                        }
                        inSum += inDegree[t];
                        if (!reachable[t]) {
                            missedUnreachable++;
                        }
                        if (inDegree[t] <= 1) {
                            missedLowIn++;
                        }
                    }
                }
            }
            long w1 = index.searchWork()[1];
            System.out.printf(Locale.ROOT, "ef %5d recall@10 %.4f CPU us/query %,.0f bottom-level distances/query"
                    + " %,.0f; missed %d: unreachable %d,"
                            + " in-degree <= 1 %d, mean in-degree %.1f%n", ef,
                    found / (double) (found + missed), cpuQ / 1e3 / queries.length, (w1 - w0) / (double) queries.length,
                    missed, missedUnreachable,
                    missedLowIn,
                    missed == 0 ? 0.0 : inSum / (double) missed);
        }
        long lowIn = Arrays.stream(inDegree).filter(d -> d <= 1).count();
        System.out.printf(Locale.ROOT, "all nodes: in-degree <= 1 %d (%.2f%%), mean in-degree %.1f%n", lowIn,
                100.0 * lowIn / n, Arrays.stream(inDegree).average().orElse(0));
    }

    private static void explainMiss(VectorIndex index, float[] query, int t, int ef, int[] inDegree) {
        HnswGraph g = index.graph();
        HnswGraph.Distances d = index.floatDistances();
        List<VectorHit> beam = index.search(SearchRequest.of(query, ef).withEfSearch(ef));
        float bound = beam.getLast().distance();
        float dt = index.search(SearchRequest.of(query, 1).asExact()).getFirst().distance();
        StringBuilder in = new StringBuilder();
        for (int u = 0; u < g.size(); u++) {
            if (HnswGraph.contains(g.neighbours(u, 0), t)) {
                in.append(String.format(Locale.ROOT, " %d(dq %.1f, dt %.1f, deg %d)", u,
                        distance(index, query, u), d.between(u, t), g.neighbours(u, 0).length));
            }
        }
        StringBuilder out = new StringBuilder();
        for (int y : g.neighbours(t, 0)) {
            out.append(String.format(Locale.ROOT, " %.1f", d.between(t, y)));
        }
        System.out.printf(Locale.ROOT, "  miss %d: dq %.1f (nearest %.1f, beam bound %.1f), out %d [%s ], in %d:%s%n",
                t, distance(index, query, t), dt, bound, g.neighbours(t, 0).length, out, inDegree[t], in);
    }

    private static float distance(VectorIndex index, float[] query, int node) {
        float[] v = index.vector(index.rowId(node));
        float s = 0;
        for (int i = 0; i < v.length; i++) {
            float x = v[i] - query[i];
            s += x * x;
        }
        return s;
    }

    private static int[] nodes(VectorIndex index, List<VectorHit> hits) {
        return hits.stream().mapToInt(h -> index.internalId(h.id())).toArray();
    }

    /**
     * Nodes a walk from the entry point reaches along level-0 lists. Written apart from HnswRepair's own walk on
     * purpose: the connectivity tests check the repair with it, so it must not share the repair's mistakes.
     */
    static boolean[] reachableOnLevel0(HnswGraph g) {
        int n = g.size();
        boolean[] seen = new boolean[n];
        long ep = g.entry();
        if (ep < 0) {
            return seen;
        }
        int[] stack = new int[n];
        int sp = 0;
        stack[sp++] = (int) ep;
        seen[(int) ep] = true;
        while (sp > 0) {
            int u = stack[--sp];
            for (int x : g.neighbours(u, 0)) {
                if (!seen[x]) {
                    seen[x] = true;
                    stack[sp++] = x;
                }
            }
        }
        return seen;
    }

    /** The vector bench's generator (io.nodedb.bench.VectorBench.clustered), so results compare with its runs. */
    static float[][] benchData(int n, int dim, int clusters, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] centres = new float[clusters][dim];
        for (float[] c : centres) {
            for (int d = 0; d < dim; d++) {
                c[d] = (float) TestVectors.nextGaussian(r);
            }
        }
        float[][] out = new float[n][dim];
        for (int i = 0; i < n; i++) {
            float[] c = centres[r.nextInt(clusters)];
            for (int d = 0; d < dim; d++) {
                out[i][d] = c[d] + 0.5f * (float) TestVectors.nextGaussian(r);
            }
        }
        return out;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
