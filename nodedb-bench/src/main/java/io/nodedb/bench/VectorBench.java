package io.nodedb.bench;

import io.nodedb.core.value.Value;
import io.github.jbellis.jvector.graph.GraphIndexBuilder;
import io.github.jbellis.jvector.graph.GraphSearcher;
import io.github.jbellis.jvector.graph.ImmutableGraphIndex;
import io.github.jbellis.jvector.graph.ListRandomAccessVectorValues;
import io.github.jbellis.jvector.graph.SearchResult;
import io.github.jbellis.jvector.graph.similarity.BuildScoreProvider;
import io.github.jbellis.jvector.graph.similarity.DefaultSearchScoreProvider;
import io.github.jbellis.jvector.util.Bits;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;
import io.nodedb.core.vector.IndexDefinition;
import io.nodedb.core.vector.IndexType;
import io.nodedb.core.vector.Metric;
import io.nodedb.core.vector.QuantizationOptions;
import io.nodedb.core.vector.SearchRequest;
import io.nodedb.core.vector.StorageStats;
import io.nodedb.core.vector.VectorHit;
import io.nodedb.core.vector.VectorIndex;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.FilterCodec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.codecs.perfield.PerFieldKnnVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Approximate nearest neighbours, same JVM, same data: NodeDB's {@link VectorIndex} (HNSW, float32 off-heap)
 * against Lucene's HNSW ({@link KnnFloatVectorField}, one segment), both with the same M and ef_construction,
 * built single-threaded (or, with --build-threads, NodeDB and JVector on several), searched single-threaded with a
 * sweep of ef. Reports recall@10 against exact answers, QPS and CPU time per query at the smallest ef that reaches
 * each recall target, build time and size.
 */
public final class VectorBench {
    private VectorBench() {
    }

    /** Seeded Gaussian clusters: real embeddings cluster, and uniform random data makes every ANN index look bad. */
    public static float[][] clustered(int n, int dim, int clusters, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] centers = new float[clusters][dim];
        for (float[] c : centers) {
            for (int d = 0; d < dim; d++) {
                c[d] = (float) gaussian(r);
            }
        }
        float[][] out = new float[n][dim];
        for (int i = 0; i < n; i++) {
            float[] c = centers[r.nextInt(clusters)];
            for (int d = 0; d < dim; d++) {
                out[i][d] = c[d] + 0.5f * (float) gaussian(r);
            }
        }
        return out;
    }

    private static double gaussian(SplittableRandom r) {
        // Box-Muller; SplittableRandom has no nextGaussian of its own before Java 17's RandomGenerator default.
        double u = 1 - r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    static float l2(float[] a, float[] b) {
        float s = 0;
        for (int i = 0; i < a.length; i++) {
            float d = a[i] - b[i];
            s += d * d;
        }
        return s;
    }

    /** Exact top-k by brute force, on all cores: the answers recall is measured against. */
    public static int[][] groundTruth(float[][] data, float[][] queries, int k) {
        int[][] truth = new int[queries.length][];
        IntStream.range(0, queries.length).parallel().forEach(q -> {
            ScoredTop top = new ScoredTop(k);
            for (int i = 0; i < data.length; i++) {
                top.offer(i, l2(queries[q], data[i]));
            }
            truth[q] = top.ids();
        });
        return truth;
    }

    private static final class ScoredTop {
        private final int[] ids;
        private final float[] dist;
        private int size;

        ScoredTop(int k) {
            ids = new int[k];
            dist = new float[k];
        }

        void offer(int id, float d) {
            if (size == ids.length && d >= dist[size - 1]) {
                return;
            }
            int i = size < ids.length ? size++ : size - 1;
            while (i > 0 && dist[i - 1] > d) {
                ids[i] = ids[i - 1];
                dist[i] = dist[i - 1];
                i--;
            }
            ids[i] = id;
            dist[i] = d;
        }

        int[] ids() {
            return java.util.Arrays.copyOf(ids, size);
        }
    }

    /** One ANN index under test. */
    public interface Ann extends AutoCloseable {
        String name();

        void build(float[][] data) throws IOException;

        /** The ids of the {@code k} nearest found with beam width {@code ef}. */
        int[] search(float[] q, int k, int ef) throws IOException;

        /** What the index occupies, and where (memory or disk). */
        String size() throws IOException;

        /**
         * Cumulative search work, a count no clock disturbs: distances computed (NodeDB's graph) or nodes visited
         * (Lucene's totalHits); -1 where the engine does not say.
         */
        default long work() {
            return -1;
        }

        /** A line on the built graph's shape, or null. */
        default String graphSummary() {
            return null;
        }

        /** The search knob this index sweeps: ef for graphs, nprobe for IVF. */
        default String knob() {
            return "ef";
        }

        @Override
        void close() throws IOException;
    }

    public static final class NodeDbAnn implements Ann {
        private final VectorIndex index;
        private final IndexType type;
        private int oversample;
        private int buildThreads = 1;

        public NodeDbAnn(int dim, int m, int efConstruction) {
            this(dim, m, efConstruction, IndexType.HNSW, QuantizationOptions.DEFAULTS);
        }

        public NodeDbAnn(int dim, int m, int efConstruction, IndexType type, QuantizationOptions options) {
            this.type = type;
            index = new VectorIndex(IndexDefinition.of("bench", "bench", "vec", dim, Metric.L2)
                    .withGraph(m, efConstruction).withType(type).withQuantization(options));
        }

        @Override
        public String name() {
            return type == IndexType.HNSW ? "NodeDB" : "NodeDB " + type.sqlName();
        }

        @Override
        public String knob() {
            return type == IndexType.IVF_PQ ? "nprobe" : "ef";
        }

        /** Threads linking the graph in {@link #build} (float HNSW only; see {@link VectorIndex#insertAll}). */
        public NodeDbAnn withBuildThreads(int threads) {
            this.buildThreads = threads;
            return this;
        }

        /** Candidates per result re-ranked with floats (quantized types); 0 keeps the type's default. */
        public NodeDbAnn withOversample(int factor) {
            this.oversample = factor;
            return this;
        }

        @Override
        public void build(float[][] data) {
            // A bulk load, as CREATE VECTOR INDEX does it: quantized types and one thread link row by row, and
            // every way ends with the reachability repair.
            List<Value> ids = new ArrayList<>(data.length);
            for (int i = 0; i < data.length; i++) {
                ids.add(new Value.Int(i));
            }
            index.insertAll(ids, java.util.Arrays.asList(data), buildThreads);
        }

        @Override
        public int[] search(float[] q, int k, int ef) {
            SearchRequest r = type == IndexType.IVF_PQ ? SearchRequest.of(q, k).withNprobe(ef)
                    : SearchRequest.of(q, k).withEfSearch(Math.max(ef, k));
            List<VectorHit> hits = index.search(oversample > 0 ? r.withOversample(oversample) : r);
            int[] ids = new int[hits.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = (int) ((Value.Int) hits.get(i).id()).value();
            }
            return ids;
        }

        @Override
        public long work() {
            return index.searchWork()[1];
        }

        @Override
        public String graphSummary() {
            return index.graphSummary();
        }

        @Override
        public String size() {
            StorageStats s = index.storageStats();
            return String.format(Locale.ROOT, "%.1f MiB in memory, %.0f B/vector: vectors %.0f + codes %.1f + graph %.0f"
                    + " + ids %.0f (searched without the floats: %.0f B/vector)", s.totalBytes() / 1048576.0,
                    s.bytesPerVector(), s.vectorBytesPerVector(), s.codeBytesPerVector(), s.graphBytesPerVector(),
                    s.idBytesPerVector(), s.searchBytesPerVector());
        }

        @Override
        public void close() {
            index.close();
        }
    }

    /**
     * JVector's graph (DataStax; the index behind Cassandra's vector search), in memory, exact float scores, built
     * on as many threads as NodeDB (both of its pools get that parallelism), with degree 2M on the base layer and M
     * above, as HNSW.
     */
    public static final class JVectorAnn implements Ann {
        private static final VectorTypeSupport VTS = VectorizationProvider.getInstance().getVectorTypeSupport();
        private final int m;
        private final int efConstruction;
        private final int buildThreads;
        private ListRandomAccessVectorValues vectors;
        private ImmutableGraphIndex graph;
        private GraphSearcher searcher;
        private ForkJoinPool pool;

        public JVectorAnn(int m, int efConstruction) {
            this(m, efConstruction, 1);
        }

        public JVectorAnn(int m, int efConstruction, int buildThreads) {
            this.m = m;
            this.efConstruction = efConstruction;
            this.buildThreads = buildThreads;
        }

        @Override
        public String name() {
            return "JVector 4.0.0-rc.8";
        }

        @Override
        public void build(float[][] data) throws IOException {
            List<VectorFloat<?>> list = new ArrayList<>(data.length);
            for (float[] v : data) {
                list.add(VTS.createFloatVector(v));
            }
            vectors = new ListRandomAccessVectorValues(list, data[0].length);
            BuildScoreProvider bsp = BuildScoreProvider.randomAccessScoreProvider(vectors,
                    io.github.jbellis.jvector.vector.VectorSimilarityFunction.EUCLIDEAN);
            pool = new ForkJoinPool(buildThreads);
            // JVector's defaults for neighbour overflow (1.2) and alpha (1.2); hierarchy on, final refinement on.
            try (GraphIndexBuilder builder = new GraphIndexBuilder(bsp, data[0].length, List.of(2 * m, m),
                    efConstruction, 1.2f, 1.2f, true, true, pool, pool)) {
                graph = builder.build(vectors);
            }
            searcher = new GraphSearcher(graph);
        }

        @Override
        public int[] search(float[] q, int k, int ef) {
            DefaultSearchScoreProvider ssp = DefaultSearchScoreProvider.exact(VTS.createFloatVector(q),
                    io.github.jbellis.jvector.vector.VectorSimilarityFunction.EUCLIDEAN, vectors);
            // rerankK is JVector's beam width: it keeps that many candidates and returns the best k.
            SearchResult r = searcher.search(ssp, k, Math.max(ef, k), 0f, 0f, Bits.ALL);
            SearchResult.NodeScore[] nodes = r.getNodes();
            int[] ids = new int[Math.min(k, nodes.length)];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = nodes[i].node;
            }
            return ids;
        }

        @Override
        public String size() {
            long graphBytes = graph.ramBytesUsed();
            long vectorBytes = 4L * vectors.size() * vectors.dimension();
            return String.format(Locale.ROOT, "%.1f MiB in memory (graph %.1f MiB by ramBytesUsed + float vectors"
                    + " %.1f MiB), %.0f B/vector", (graphBytes + vectorBytes) / 1048576.0, graphBytes / 1048576.0,
                    vectorBytes / 1048576.0, (graphBytes + vectorBytes) / (double) vectors.size());
        }

        @Override
        public void close() throws IOException {
            if (searcher != null) {
                searcher.close();
            }
            if (pool != null) {
                pool.shutdown();
            }
        }
    }

    public static final class LuceneAnn implements Ann {
        private final Path dir;
        private final int m;
        private final int efConstruction;
        private Directory directory;
        private DirectoryReader reader;
        private IndexSearcher searcher;
        private long visited;

        public LuceneAnn(Path dir, int m, int efConstruction) {
            this.dir = dir;
            this.m = m;
            this.efConstruction = efConstruction;
        }

        @Override
        public String name() {
            return "Lucene " + org.apache.lucene.util.Version.LATEST;
        }

        @Override
        public void build(float[][] data) throws IOException {
            Files.createDirectories(dir);
            directory = FSDirectory.open(dir);
            Codec base = Codec.getDefault();
            // Same M and ef_construction (Lucene's beamWidth) as NodeDB; reading needs no parameters, so the
            // default codec's name is kept and the segment reads back through it.
            KnnVectorsFormat hnsw = new Lucene99HnswVectorsFormat(m, efConstruction);
            // Per-field wrapper as in the default codec: it records the format's name per field, which is how the
            // default codec finds the reader again.
            KnnVectorsFormat perField = new PerFieldKnnVectorsFormat() {
                @Override
                public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                    return hnsw;
                }
            };
            Codec codec = new FilterCodec(base.getName(), base) {
                @Override
                public KnnVectorsFormat knnVectorsFormat() {
                    return perField;
                }
            };
            IndexWriterConfig cfg = new IndexWriterConfig().setCodec(codec)
                    // One segment, one graph, no merges: a single graph is what NodeDB builds too.
                    .setRAMBufferSizeMB(2000).setMaxBufferedDocs(IndexWriterConfig.DISABLE_AUTO_FLUSH)
                    .setMergePolicy(NoMergePolicy.INSTANCE);
            try (IndexWriter w = new IndexWriter(directory, cfg)) {
                for (float[] v : data) {
                    Document d = new Document();
                    d.add(new KnnFloatVectorField("vec", v, VectorSimilarityFunction.EUCLIDEAN));
                    w.addDocument(d);
                }
                w.commit();
            }
            reader = DirectoryReader.open(directory);
            if (reader.leaves().size() != 1 || reader.maxDoc() != data.length) {
                throw new IllegalStateException("expected one segment of " + data.length + " docs, got "
                        + reader.leaves().size() + " segments");
            }
            searcher = new IndexSearcher(reader);
        }

        @Override
        public int[] search(float[] q, int k, int ef) throws IOException {
            // Lucene's k is its beam width; ask for ef and keep the best k, as ann-benchmarks does.
            TopDocs top = searcher.search(new CountingKnnQuery(q, Math.max(ef, k)), Math.max(ef, k));
            int n = Math.min(k, top.scoreDocs.length);
            if (n < k) {
                throw new IllegalStateException("Lucene returned " + top.scoreDocs.length + " hits for k=" + k);
            }
            int[] ids = new int[n];
            ScoreDoc[] docs = top.scoreDocs;
            for (int i = 0; i < n; i++) {
                ids[i] = docs[i].doc; // one segment written in order: doc id == row number
            }
            return ids;
        }

        @Override
        public long work() {
            return visited;
        }

        /**
         * Lucene's kNN query, noting how many nodes each search visited: a segment's graph search reports that as
         * its results' total hit count, which the merged top docs (what IndexSearcher returns) no longer carry.
         */
        private final class CountingKnnQuery extends KnnFloatVectorQuery {
            CountingKnnQuery(float[] target, int k) {
                super("vec", target, k);
            }

            @Override
            protected TopDocs mergeLeafResults(TopDocs[] perLeafResults) {
                for (TopDocs leaf : perLeafResults) {
                    visited += leaf.totalHits.value();
                }
                return super.mergeLeafResults(perLeafResults);
            }
        }

        @Override
        public String size() throws IOException {
            long bytes;
            try (Stream<Path> files = Files.list(dir)) {
                bytes = files.mapToLong(p -> p.toFile().length()).sum();
            }
            return String.format(Locale.ROOT, "%.1f MiB of index files (mmapped; vectors + graph)",
                    bytes / 1048576.0);
        }

        @Override
        public void close() throws IOException {
            if (reader != null) {
                reader.close();
            }
            if (directory != null) {
                directory.close();
            }
        }
    }

    /**
     * Recall and speed of one pass over the queries at one ef. {@code cpuMicros} is the searching thread's CPU time
     * per query: on a machine shared with other work it moves far less than QPS, which takes every preemption.
     */
    public record Point(int ef, double recall, double qps, LatencyStats latency, double cpuMicros, double work) {
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** CPU time of the whole JVM (all threads: builders, pools, GC, JIT), for build costs on any number of threads. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static Point firstReaching(List<Point> points, double target) {
        return points.stream().filter(x -> x.recall() >= target).findFirst().orElse(null);
    }

    public static Point measure(Ann ann, float[][] queries, int[][] truth, int k, int ef) throws IOException {
        LatencyStats latency = new LatencyStats();
        long found = 0;
        long work0 = ann.work();
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        for (int q = 0; q < queries.length; q++) {
            long s = System.nanoTime();
            int[] ids = ann.search(queries[q], k, ef);
            latency.recordNanos(System.nanoTime() - s);
            found += overlap(ids, truth[q]);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuMicros = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e3 / queries.length;
        double work = work0 < 0 ? -1 : (ann.work() - work0) / (double) queries.length;
        return new Point(ef, found / (double) (queries.length * (long) k), queries.length / seconds, latency,
                cpuMicros, work);
    }

    private static int overlap(int[] ids, int[] truth) {
        int n = 0;
        for (int a : ids) {
            for (int b : truth) {
                if (a == b) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }

    public static void main(String[] argv) throws Exception {
        BenchArgs args = new BenchArgs("vector", """
                ANN search in one JVM: NodeDB's VectorIndex (float HNSW, and with --engines also hnsw_sq8, hnsw_pq and
                ivf_pq) vs Lucene's HNSW (KnnFloatVectorField) and JVector, same seeded clustered data, same M and
                ef_construction, single-threaded build (--build-threads for NodeDB and JVector) and search;
                recall@10 vs exact answers, QPS and CPU per query at recall 0.90/0.95/0.99 and their ratio to
                Lucene, build time and CPU, memory.""")
                .option("n", "100000", "vectors")
                .option("dim", "128", "dimensions")
                .option("queries", "1000", "queries (drawn like the data, not from it)")
                .option("clusters", "100", "Gaussian clusters in the data")
                .option("m", "16", "HNSW M (both engines)")
                .option("ef-construction", "100", "HNSW ef_construction / Lucene beamWidth")
                .option("ef", "10,16,24,32,48,64,96,128,192,256,384,512", "ef values swept at search")
                .option("runs", "3", "timed passes over the queries per ef; QPS is the median")
                .option("build-threads", "1", "threads building NodeDB's float HNSW and JVector (Lucene builds on"
                        + " one thread whatever this says)")
                .option("engines", "nodedb,lucene", "comma-separated: nodedb, nodedb-sq8, nodedb-pq, nodedb-ivfpq,"
                        + " lucene, jvector")
                .option("pq-m", "0", "PQ subspaces for nodedb-pq and nodedb-ivfpq; 0 = dim / 8")
                .option("nlist", "0", "IVF lists for nodedb-ivfpq; 0 = about 4 sqrt(n)")
                .option("nprobe", "1,2,4,8,16,32,64,128", "nprobe values swept for nodedb-ivfpq")
                .option("training-size", "10000", "vectors the PQ codebooks and IVF centroids are trained on")
                .option("oversample", "0", "candidates per result re-ranked by the quantized engines; 0 = default")
                .option("dir", BenchDir.defaultRoot().toString(),
                        "root for Lucene's files; a fresh directory is made inside it and deleted at the end")
                .parseOrExit(argv);
        int n = args.intValue("n");
        int dim = args.intValue("dim");
        int k = 10;
        int m = args.intValue("m");
        int efc = args.intValue("ef-construction");
        List<Integer> efs = args.intList("ef");
        int runs = args.intValue("runs");
        int buildThreads = args.intValue("build-threads");
        Path work = BenchDir.createFresh(args.path("dir").toAbsolutePath(), "vector-");
        try {
            MachineFacts facts = MachineFacts.collect(work);
            Console.progress("generating %,d x %d vectors and %d queries ...", n, dim, args.intValue("queries"));
            // Queries come from the same clusters as the data but are not data points.
            float[][] both = clustered(n + args.intValue("queries"), dim, args.intValue("clusters"), 42);
            float[][] data = java.util.Arrays.copyOf(both, n);
            float[][] queries = java.util.Arrays.copyOfRange(both, n, both.length);
            long tTruth = System.nanoTime();
            int[][] truth = groundTruth(data, queries, k);
            Console.progress("exact top-%d in %.1f s", k, (System.nanoTime() - tTruth) / 1e9);

            Map<String, List<Point>> curves = new LinkedHashMap<>();
            Map<String, double[]> build = new LinkedHashMap<>();
            Map<String, String> sizes = new LinkedHashMap<>();
            int nlist = args.intValue("nlist") > 0 ? args.intValue("nlist")
                    : Math.max(16, (int) Math.min(65_536, 4 * Math.sqrt(n)));
            QuantizationOptions pq = new QuantizationOptions(args.intValue("pq-m"), nlist, 0,
                    args.intValue("training-size"));
            List<Ann> anns = new ArrayList<>();
            for (String e : args.string("engines").split(",")) {
                anns.add(switch (e.strip()) {
                    case "nodedb" -> new NodeDbAnn(dim, m, efc).withBuildThreads(buildThreads);
                    case "nodedb-sq8" -> new NodeDbAnn(dim, m, efc, IndexType.HNSW_SQ8, QuantizationOptions.DEFAULTS)
                            .withOversample(args.intValue("oversample"));
                    case "nodedb-pq" -> new NodeDbAnn(dim, m, efc, IndexType.HNSW_PQ, pq)
                            .withOversample(args.intValue("oversample"));
                    case "nodedb-ivfpq" -> new NodeDbAnn(dim, m, efc, IndexType.IVF_PQ, pq)
                            .withOversample(args.intValue("oversample"));
                    case "lucene" -> new LuceneAnn(work.resolve("lucene"), m, efc);
                    case "jvector" -> new JVectorAnn(m, efc, buildThreads);
                    default -> throw new IllegalArgumentException("unknown engine '" + e + "'");
                });
            }
            Map<String, String> knobs = new LinkedHashMap<>();
            for (Ann ann : anns) {
                try (ann) {
                    System.gc();
                    long cpu0 = processCpuNanos();
                    long t0 = System.nanoTime();
                    ann.build(data);
                    double secs = (System.nanoTime() - t0) / 1e9;
                    double cpuSecs = (processCpuNanos() - cpu0) / 1e9;
                    build.put(ann.name(), new double[] {secs, cpuSecs});
                    sizes.put(ann.name(), ann.size());
                    Console.progress("%s: built in %.1f s (%.1f s CPU); %s", ann.name(), secs, cpuSecs, ann.size());
                    if (ann.graphSummary() != null) {
                        Console.progress("%s graph: %s", ann.name(), ann.graphSummary());
                    }
                    List<Integer> sweep = ann.knob().equals("nprobe") ? args.intList("nprobe") : efs;
                    knobs.put(ann.name(), ann.knob());
                    measure(ann, queries, truth, k, sweep.getLast()); // warm up the JIT on the widest search
                    List<Point> points = new ArrayList<>();
                    for (int ef : sweep) {
                        List<Point> reps = new ArrayList<>();
                        for (int r = 0; r < runs; r++) {
                            reps.add(measure(ann, queries, truth, k, ef));
                        }
                        Point p = new Point(ef, reps.getFirst().recall(), Stats.median(reps, Point::qps),
                                reps.get(reps.size() / 2).latency(), Stats.median(reps, Point::cpuMicros),
                                reps.getFirst().work());
                        points.add(p);
                        Console.progress("  %-18s %s %4d  recall@10 %.4f  %10s QPS  p50 %s us  CPU %s us/query"
                                + "  work %s/query", ann.name(), ann.knob(), ef, p.recall(), TextTable.rate(p.qps()),
                                TextTable.micros(p.latency().p50Micros()), TextTable.micros(p.cpuMicros()),
                                p.work() < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f", p.work()));
                    }
                    curves.put(ann.name(), points);
                }
            }
            facts.put("data", String.format(Locale.ROOT, "%,d x %d float32, %d seeded Gaussian clusters (sd 0.5"
                    + " around N(0,1) centres); %,d queries from the same clusters; L2; k = 10",
                    n, dim, args.intValue("clusters"), queries.length));
            String threads = buildThreads == 1 ? "single-threaded build"
                    : "NodeDB (VectorIndex.insertAll) and JVector built on " + buildThreads + " threads, Lucene on one"
                    + " (its flush builds a segment's graph on one thread)";
            facts.put("index", "HNSW M=" + m + ", ef_construction=" + efc + " on every graph; " + threads + ";"
                    + " Lucene: one segment, no merges, FSDirectory on the data dir; NodeDB: VectorIndex in memory;"
                    + " JVector: in memory, degree 2M/M, overflow 1.2, alpha 1.2, pools of " + buildThreads
                    + " thread(s)");
            facts.put("quantized", String.format(Locale.ROOT, "hnsw_sq8 default (trained on 1,000); hnsw_pq and"
                    + " ivf_pq: pq_m=%d, nlist=%d (ivf_pq), trained on %,d vectors; re-rank: every"
                    + " candidate of the beam, at least k x oversample (%s)", pq.pqSubspaces() > 0 ? pq.pqSubspaces() : Math.max(1, dim / 8), nlist,
                    args.intValue("training-size"), args.intValue("oversample") > 0
                            ? args.intValue("oversample") + "x" : "type default: sq8 4x, pq 8x"));
            facts.put("search", "single thread; Lucene asked for top-ef and cut to 10 (its k is its beam);"
                    + " JVector: rerankK = ef; QPS median of " + runs + " passes over all queries per ef (nprobe)");
            Console.out(report(facts, curves, build, sizes, knobs));
        } finally {
            BenchDir.deleteRecursively(work);
        }
    }

    private static String report(MachineFacts facts, Map<String, List<Point>> curves, Map<String, double[]> build,
            Map<String, String> sizes, Map<String, String> knobs) {
        TextTable sweep = new TextTable("engine", "ef / nprobe", "recall@10", "QPS", "p50 us", "p99 us",
                "CPU us/query", "work/query");
        curves.forEach((name, points) -> points.forEach(p -> sweep.row(name, knobs.get(name) + " " + p.ef(),
                TextTable.number(p.recall(), 4), TextTable.rate(p.qps()), TextTable.micros(p.latency().p50Micros()),
                TextTable.micros(p.latency().p99Micros()), TextTable.micros(p.cpuMicros()),
                p.work() < 0 ? "n/a" : TextTable.number(p.work(), 0))));
        List<String> names = new ArrayList<>(curves.keySet());
        String reference = names.stream().filter(nm -> nm.startsWith("Lucene")).findFirst().orElse(null);
        // One row per engine and target: the knob that reaches it, the QPS there, and the QPS ratio to Lucene.
        // p50 latency too: on a shared machine QPS (a mean) takes every preemption, the median far fewer.
        TextTable targets = new TextTable("engine", "recall@10 target", "ef / nprobe", "QPS",
                reference == null ? "QPS / Lucene" : "QPS / " + reference, "p50 us", "Lucene p50 / p50",
                "CPU us/query", "Lucene CPU / CPU");
        for (String nm : names) {
            for (double target : new double[] {0.90, 0.95, 0.99}) {
                Point p = firstReaching(curves.get(nm), target);
                Point ref = reference == null ? null : firstReaching(curves.get(reference), target);
                targets.row(nm, TextTable.number(target, 2), p == null ? "not reached" : knobs.get(nm) + " " + p.ef(),
                        p == null ? "n/a" : TextTable.rate(p.qps()),
                        p == null || ref == null ? "n/a" : TextTable.ratio(p.qps() / ref.qps()),
                        p == null ? "n/a" : TextTable.micros(p.latency().p50Micros()),
                        p == null || ref == null ? "n/a"
                                : TextTable.ratio(ref.latency().p50Micros() / p.latency().p50Micros()),
                        p == null ? "n/a" : TextTable.micros(p.cpuMicros()),
                        p == null || ref == null ? "n/a" : TextTable.ratio(ref.cpuMicros() / p.cpuMicros()));
            }
        }
        TextTable builds = new TextTable("engine", "build s", "build CPU s (all threads)", "size");
        build.forEach((nm, s) -> builds.row(nm, TextTable.number(s[0], 1), TextTable.number(s[1], 1),
                sizes.get(nm)));
        String notes = String.join("\n",
                "- QPS at a target is the QPS of the smallest swept ef whose recall@10 reaches it; the ratio compares"
                        + " those two points, so the engines may run at different ef. Lucene p50 / p50 compares median"
                        + " latencies at the same points (above 1: faster than Lucene), Lucene CPU / CPU the search"
                        + " thread's CPU time per query there, which a busy machine disturbs far less than QPS.",
                "- work/query: distances computed on the bottom level per query (NodeDB) or nodes visited"
                        + " (Lucene's totalHits of a kNN query), a cost no clock noise disturbs.",
                "- build time covers inserting every vector into an empty index (Lucene: addDocument + commit);"
                        + " build CPU is the whole JVM's CPU time meanwhile (GC and JIT included).");
        StringBuilder out = new StringBuilder();
        String title = "Vectors: NodeDB vector indexes vs " + String.join(" and ", names.stream()
                .filter(nm -> !nm.startsWith("NodeDB")).toList());
        out.append(title).append('\n').append("=".repeat(title.length())).append("\n\n");
        out.append(facts.fixedWidth()).append('\n').append(builds.fixedWidth()).append('\n')
                .append(targets.fixedWidth()).append('\n').append(sweep.fixedWidth()).append('\n');
        out.append(notes).append("\n\n---- markdown (for docs/benchmarks.md) ----\n\n");
        out.append("### ").append(title).append("\n\n").append(facts.markdown()).append('\n');
        out.append(builds.markdown()).append('\n').append(targets.markdown()).append('\n').append(sweep.markdown())
                .append('\n').append(notes).append('\n');
        return out.toString();
    }
}
