package io.nodedb.bench;

import io.nodedb.core.value.Value;
import io.nodedb.embedded.NodeDb;
import io.nodedb.sql.PreparedStatement;
import io.nodedb.sql.Session;
import io.nodedb.sql.StatementResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Embedded SQL, same JVM, same run: NodeDB's embedded edition against SQLite (sqlite-jdbc) and H2 (embedded file
 * mode), all on the same filesystem, with the same schema, data and prepared statements.
 *
 * <p>Operations, each single-threaded: point get by primary key, single-row INSERT in autocommit, equality lookup
 * through a secondary index on {@code name}, and a full scan with {@code GROUP BY}. Each run measures every
 * operation on every engine, rotating which engine goes first so a disk or neighbour that slows down mid-run does
 * not always hit the same engine; ratios are taken within a run and the median over runs is reported.
 */
public final class SqlBench {
    private SqlBench() {
    }

    /**
     * The measured operations, in the order they run. The inserts go to a table of their own ({@link #INSERT_TABLE},
     * same columns and index), so that the reads of every run see the loaded rows only: an engine that inserts faster
     * would otherwise scan a larger table in the next run.
     */
    public enum Op {
        POINT_GET("point get by primary key", true),
        INDEX_LOOKUP("secondary-index lookup (name = ?)", true),
        GROUP_BY_SCAN("full scan + GROUP BY grp (100 groups)", true),
        INSERT("single-row INSERT, autocommit", false),
        /** H2 never fsyncs a commit; this is the comparison at its durability (survives a process crash only). */
        INSERT_UNSYNCED("single-row INSERT, commit not fsync'd", false);

        final String label;
        /** Runs wholly on the calling thread, so its CPU time there is its cost (an insert's is not: see the log). */
        final boolean read;

        Op(String label, boolean read) {
            this.label = label;
            this.read = read;
        }
    }

    /** Rows are a pure function of the id, so every engine holds identical data and lookups can be checked. */
    static final int GROUPS = 100;

    static long grp(long id) {
        return id % GROUPS;
    }

    static String nameOf(long id) {
        // Unique per id and not in id order, so the name index is not just the primary key in disguise.
        return "n" + Long.toString(mix(id) & Long.MAX_VALUE, 36);
    }

    static double v(long id) {
        return (mix(id) >>> 40) / 1024.0;
    }

    private static long mix(long x) {
        x = (x ^ (x >>> 30)) * 0xbf58476d1ce4e5b9L;
        x = (x ^ (x >>> 27)) * 0x94d049bb133111ebL;
        return x ^ (x >>> 31);
    }

    /** One engine behind the four operations. Returned numbers are consumed so no work can be optimised away. */
    public interface Engine extends AutoCloseable {
        String name();

        /** What a commit promises on this engine, printed beside the results. */
        String durability();

        void createSchema() throws Exception;

        /** Inserts ids {@code [from, to)} as multi-row INSERTs of {@code batch} rows, each statement one commit. */
        void load(long from, long to, int batch) throws Exception;

        /**
         * Finishes the background work a load leaves behind, so that reads are measured on a settled store and the
         * load's time includes that work: NodeDB flushes its memtables, waits for RocksDB's compactions and compacts
         * into the last level ({@code Database.settle}), SQLite checkpoints its WAL into the database file, H2 runs
         * CHECKPOINT.
         */
        void settle() throws Exception;

        /** Returns the number of rows found (1 expected). */
        long pointGet(long id) throws Exception;

        long indexLookup(String name) throws Exception;

        /** Returns the number of groups (GROUPS expected). */
        long groupByScan() throws Exception;

        void insert(long id) throws Exception;

        /**
         * Whether a commit waits for the device: false makes commits return once written to the engine's log
         * (NodeDB {@code synchronous_commit = off}, SQLite {@code synchronous=NORMAL} in WAL mode; H2 never waits).
         */
        void waitForFsync(boolean wait) throws Exception;

        /** What a commit promises with {@link #waitForFsync} false. */
        String unsyncedDurability();

        /** The engine's version, printed beside the results. */
        String version() throws Exception;

        /** The engine's own plan for the index lookup, when it can tell, to show the index is used. */
        default String lookupPlan() throws Exception {
            return "";
        }

        @Override
        void close() throws Exception;
    }

    static final String INSERT_TABLE = "t_ins";

    static String createIndex(String table) {
        return "CREATE INDEX " + table + "_name ON " + table + " (name)";
    }

    static final String POINT_GET = "SELECT grp, name, v FROM t WHERE id = ?";
    static final String LOOKUP = "SELECT id, v FROM t WHERE name = ?";
    static final String GROUP_BY = "SELECT grp, count(*), sum(v) FROM t GROUP BY grp";
    static final String INSERT = "INSERT INTO " + INSERT_TABLE + " (id, grp, name, v) VALUES (?, ?, ?, ?)";

    static String multiRowInsert(int rows) {
        StringBuilder b = new StringBuilder("INSERT INTO t (id, grp, name, v) VALUES ");
        for (int i = 0; i < rows; i++) {
            b.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?)");
        }
        return b.toString();
    }

    /** NodeDB Lite through its public SQL API: one session, statements prepared once. */
    public static final class NodeDbEngine implements Engine {
        private final NodeDb db;
        private final Session session;
        private PreparedStatement pointGet;
        private PreparedStatement lookup;
        private PreparedStatement groupBy;
        private PreparedStatement insert;

        public NodeDbEngine(Path dir) {
            db = NodeDb.open(dir);
            session = db.newSession();
        }

        @Override
        public String name() {
            return "NodeDB";
        }

        @Override
        public String durability() {
            return "fsync per commit (the default FsyncPolicy.PER_COMMIT; group commit)";
        }

        @Override
        public void createSchema() {
            for (String table : new String[] {"t", INSERT_TABLE}) {
                session.execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, grp BIGINT, name TEXT, v DOUBLE)");
                session.execute(createIndex(table));
            }
            // Plans are built against the catalog, so prepare after the DDL.
            pointGet = session.prepare(POINT_GET);
            lookup = session.prepare(LOOKUP);
            groupBy = session.prepare(GROUP_BY);
            insert = session.prepare(INSERT);
        }

        @Override
        public void load(long from, long to, int batch) {
            PreparedStatement full = session.prepare(multiRowInsert(batch));
            for (long id = from; id < to; id += batch) {
                int n = (int) Math.min(batch, to - id);
                PreparedStatement ps = n == batch ? full : session.prepare(multiRowInsert(n));
                Value[] params = new Value[4 * n];
                for (int i = 0; i < n; i++) {
                    long k = id + i;
                    params[4 * i] = new Value.Int(k);
                    params[4 * i + 1] = new Value.Int(grp(k));
                    params[4 * i + 2] = new Value.Str(nameOf(k));
                    params[4 * i + 3] = new Value.Float(v(k));
                }
                ps.execute(params);
            }
        }

        @Override
        public long pointGet(long id) {
            return pointGet.execute(new Value.Int(id)).rows().size();
        }

        @Override
        public long indexLookup(String name) {
            return lookup.execute(new Value.Str(name)).rows().size();
        }

        @Override
        public long groupByScan() {
            return groupBy.execute().rows().size();
        }

        @Override
        public void insert(long id) {
            insert.execute(new Value.Int(id), new Value.Int(grp(id)), new Value.Str(nameOf(id)),
                    new Value.Float(v(id)));
        }

        @Override
        public void waitForFsync(boolean wait) {
            session.execute("SET synchronous_commit = " + (wait ? "on" : "off"));
        }

        @Override
        public void settle() throws InterruptedException {
            if (!db.database().settle(600_000)) {
                throw new IllegalStateException("RocksDB's compactions did not finish within 10 minutes");
            }
        }

        @Override
        public String unsyncedDurability() {
            return "SET synchronous_commit = off: written to the log file per commit, forced within 10 ms";
        }

        @Override
        public String version() {
            Package p = NodeDb.class.getPackage();
            return p.getImplementationVersion() != null ? p.getImplementationVersion() : "this checkout";
        }

        @Override
        public String lookupPlan() {
            StatementResult r = session.execute("EXPLAIN " + LOOKUP.replace("?", "'x'")).getLast();
            return joinPlan(r.rows().stream().map(row -> row[0] instanceof Value.Str str ? str.value()
                    : String.valueOf(row[0])).toList());
        }

        @Override
        public void close() {
            session.close();
            db.close();
        }
    }

    /** SQLite and H2 differ only in URL, DDL and settings; the JDBC calls are the same. */
    public abstract static class JdbcEngine implements Engine {
        protected final Connection conn;
        private java.sql.PreparedStatement pointGet;
        private java.sql.PreparedStatement lookup;
        private java.sql.PreparedStatement groupBy;
        private java.sql.PreparedStatement insert;

        protected JdbcEngine(String url) throws SQLException {
            conn = DriverManager.getConnection(url);
            conn.setAutoCommit(true);
        }

        /** The CREATE TABLE statement of the benchmark's columns for a table of this name. */
        protected abstract String createTable(String table);

        @Override
        public String version() throws SQLException {
            return conn.getMetaData().getDatabaseProductVersion() + " (driver "
                    + conn.getMetaData().getDriverVersion() + ")";
        }

        @Override
        public void createSchema() throws SQLException {
            try (Statement st = conn.createStatement()) {
                for (String table : new String[] {"t", INSERT_TABLE}) {
                    st.execute(createTable(table));
                    st.execute(createIndex(table));
                }
            }
            pointGet = conn.prepareStatement(POINT_GET);
            lookup = conn.prepareStatement(LOOKUP);
            groupBy = conn.prepareStatement(GROUP_BY);
            insert = conn.prepareStatement(INSERT);
        }

        @Override
        public void load(long from, long to, int batch) throws SQLException {
            java.sql.PreparedStatement full = conn.prepareStatement(multiRowInsert(batch));
            try {
                for (long id = from; id < to; id += batch) {
                    int n = (int) Math.min(batch, to - id);
                    java.sql.PreparedStatement ps = n == batch ? full : conn.prepareStatement(multiRowInsert(n));
                    for (int i = 0; i < n; i++) {
                        long k = id + i;
                        ps.setLong(4 * i + 1, k);
                        ps.setLong(4 * i + 2, grp(k));
                        ps.setString(4 * i + 3, nameOf(k));
                        ps.setDouble(4 * i + 4, v(k));
                    }
                    ps.executeUpdate();
                    if (ps != full) {
                        ps.close();
                    }
                }
            } finally {
                full.close();
            }
        }

        @Override
        public long pointGet(long id) throws SQLException {
            pointGet.setLong(1, id);
            return drain(pointGet);
        }

        @Override
        public long indexLookup(String name) throws SQLException {
            lookup.setString(1, name);
            return drain(lookup);
        }

        @Override
        public long groupByScan() throws SQLException {
            return drain(groupBy);
        }

        @Override
        public void insert(long id) throws SQLException {
            insert.setLong(1, id);
            insert.setLong(2, grp(id));
            insert.setString(3, nameOf(id));
            insert.setDouble(4, v(id));
            insert.executeUpdate();
        }

        /** Reads every column of every row, as the NodeDB side materialises them too. */
        private static long drain(java.sql.PreparedStatement ps) throws SQLException {
            long rows = 0;
            try (ResultSet rs = ps.executeQuery()) {
                int cols = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int c = 1; c <= cols; c++) {
                        rs.getObject(c);
                    }
                    rows++;
                }
            }
            return rows;
        }

        protected List<String> query(String sql) throws SQLException {
            List<String> lines = new ArrayList<>();
            try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                int cols = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder b = new StringBuilder();
                    for (int c = 1; c <= cols; c++) {
                        b.append(c > 1 ? " " : "").append(rs.getString(c));
                    }
                    lines.add(b.toString());
                }
            }
            return lines;
        }

        @Override
        public void close() throws SQLException {
            conn.close();
        }
    }

    public static final class SqliteEngine extends JdbcEngine {
        public SqliteEngine(Path dir) throws SQLException {
            super("jdbc:sqlite:" + dir.resolve("bench.sqlite"));
            try (Statement st = conn.createStatement()) {
                // The durable WAL configuration: every commit is fsync'd before it returns.
                st.execute("PRAGMA journal_mode=WAL");
                st.execute("PRAGMA synchronous=FULL");
            }
        }

        @Override
        public String name() {
            return "SQLite";
        }

        @Override
        public String durability() {
            return "journal_mode=WAL, synchronous=FULL (WAL fsync'd at every commit)";
        }

        @Override
        public void waitForFsync(boolean wait) throws SQLException {
            try (Statement st = conn.createStatement()) {
                st.execute("PRAGMA synchronous=" + (wait ? "FULL" : "NORMAL"));
            }
        }

        @Override
        public void settle() throws SQLException {
            try (Statement st = conn.createStatement()) {
                st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
        }

        @Override
        public String unsyncedDurability() {
            return "journal_mode=WAL, synchronous=NORMAL (WAL written per commit, fsync'd at checkpoints)";
        }

        @Override
        protected String createTable(String table) {
            // STRICT tables admit only INTEGER/REAL/TEXT/BLOB/ANY; INTEGER PRIMARY KEY is SQLite's rowid key.
            return "CREATE TABLE " + table + " (id INTEGER PRIMARY KEY, grp INTEGER, name TEXT, v REAL) STRICT";
        }

        @Override
        public String lookupPlan() throws SQLException {
            return joinPlan(query("EXPLAIN QUERY PLAN " + LOOKUP.replace("?", "'x'")));
        }
    }

    public static final class H2Engine extends JdbcEngine {
        public H2Engine(Path dir) throws SQLException {
            // H2 otherwise returns a repeated deterministic query's previous result while the table is unchanged,
            // so the scan would measure a cache lookup instead of a scan; that reuse is turned off.
            super("jdbc:h2:file:" + dir.resolve("bench") + ";OPTIMIZE_REUSE_RESULTS=FALSE");
        }

        @Override
        public String name() {
            return "H2";
        }

        @Override
        public String durability() {
            return "default file mode (MVStore): commits are written to the file but not fsync'd per commit;"
                    + " OPTIMIZE_REUSE_RESULTS=FALSE so repeated queries are executed";
        }

        @Override
        public void waitForFsync(boolean wait) {
            // H2 has no setting that fsyncs each commit: both operations run at its one durability.
        }

        @Override
        public void settle() throws SQLException {
            try (Statement st = conn.createStatement()) {
                st.execute("CHECKPOINT");
            }
        }

        @Override
        public String unsyncedDurability() {
            return "the same: commits written to the file, not fsync'd";
        }

        @Override
        protected String createTable(String table) {
            return "CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, grp BIGINT, name VARCHAR, v DOUBLE PRECISION)";
        }

        @Override
        public String lookupPlan() throws SQLException {
            return joinPlan(query("EXPLAIN " + LOOKUP.replace("?", "'x'")));
        }
    }

    private static String joinPlan(List<String> lines) {
        return String.join(" / ", lines.stream().map(s -> s.replaceAll("\\s+", " ").trim()).toList());
    }

    /** How long and how often to measure. */
    public record Timing(Duration warmup, Duration measure, int minOps) {
    }

    /**
     * One operation measured once on one engine. {@code cpuNanos} is the calling thread's CPU time over the measured
     * operations: for the reads, which every engine runs on the caller's thread with no background work after the
     * settle, the whole cost of the operation, and, unlike ops/s, hardly moved by other processes on the machine.
     */
    public record OpResult(long operations, double seconds, LatencyStats latency, long cpuNanos) {
        public double perSecond() {
            return operations / seconds;
        }

        public double cpuMicrosPerOp() {
            return cpuNanos / 1e3 / operations;
        }
    }

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    /** What every run of one engine produced. */
    public static final class EngineRuns {
        final String name;
        final String durability;
        final String unsyncedDurability;
        String version = "";
        String plan = "";
        double loadSeconds;
        /** Time to settle after each run's inserts (runs 2 on), before the next run's reads. */
        final List<Double> settleSeconds = new ArrayList<>();
        final Map<Op, List<OpResult>> results = new EnumMap<>(Op.class);

        EngineRuns(String name, String durability, String unsyncedDurability) {
            this.name = name;
            this.durability = durability;
            this.unsyncedDurability = unsyncedDurability;
        }
    }

    /** Inserted ids start far above the loaded ones so they never collide, across runs too. */
    static final long INSERT_BASE = 1L << 40;

    /**
     * Measures one operation: calls it in a loop for the warmup, then for the measured time and until at least
     * {@code minOps} calls have been timed (a 1M-row scan may take longer than the window). Each call checks its
     * result, so an engine that silently returns nothing cannot post a figure.
     */
    public static OpResult measure(Engine e, Op op, long rows, long[] insertCounter, Timing t) throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        LatencyStats latency = new LatencyStats();
        long warmupEnd = System.nanoTime() + t.warmup().toNanos();
        while (System.nanoTime() < warmupEnd) {
            call(e, op, rows, random, insertCounter);
        }
        long ops = 0;
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long end = start + t.measure().toNanos();
        long now = start;
        while (now < end || ops < t.minOps()) {
            long t0 = System.nanoTime();
            call(e, op, rows, random, insertCounter);
            now = System.nanoTime();
            latency.recordNanos(now - t0);
            ops++;
        }
        return new OpResult(ops, (now - start) / 1e9, latency, THREADS.getCurrentThreadCpuTime() - cpuStart);
    }

    private static void call(Engine e, Op op, long rows, SplittableRandom random, long[] insertCounter)
            throws Exception {
        switch (op) {
            case POINT_GET -> expect(e, op, e.pointGet(random.nextLong(rows)), 1);
            case INDEX_LOOKUP -> expect(e, op, e.indexLookup(nameOf(random.nextLong(rows))), 1);
            case GROUP_BY_SCAN -> expect(e, op, e.groupByScan(), Math.min(GROUPS, rows));
            case INSERT, INSERT_UNSYNCED -> e.insert(INSERT_BASE + insertCounter[0]++);
        }
    }

    private static void expect(Engine e, Op op, long got, long want) {
        if (got != want) {
            throw new IllegalStateException(e.name() + " " + op + " returned " + got + " rows, expected " + want);
        }
    }

    private record Settings(long rows, int batch, List<String> engines, Duration warmup, Duration measure,
            int runs, int scanMinOps, Path root) {
    }

    public static void main(String[] argv) throws Exception {
        BenchArgs args = new BenchArgs("sql", """
                Embedded SQL in one JVM: NodeDB Lite vs SQLite (sqlite-jdbc) vs H2 (embedded file mode), same
                schema, data, prepared statements and filesystem: point get, secondary-index lookup, a full
                GROUP BY scan and single-row autocommit INSERT. Ratios NodeDB/peer per run, medians over runs.""")
                .option("rows", "1000000", "rows loaded before measuring (the scan reads all of them)")
                .option("batch", "500", "rows per multi-row INSERT while loading (one commit each, every engine)")
                .option("engines", "nodedb,sqlite,h2", "engines to run (nodedb first in the tables)")
                .option("seconds", "3", "measured time per operation, engine and run")
                .option("warmup", "1", "unmeasured time before each measurement")
                .option("runs", "3", "repetitions; tables show the median")
                .option("scan-min", "3", "at least this many timed scans per measurement")
                .option("dir", BenchDir.defaultRoot().toString(),
                        "root for the data; a fresh directory is made inside it and deleted at the end")
                .parseOrExit(argv);
        Settings s = new Settings(Long.parseLong(args.string("rows")), args.intValue("batch"),
                List.of(args.string("engines").toLowerCase(Locale.ROOT).split(",")), args.duration("warmup"),
                args.duration("seconds"), args.intValue("runs"), args.intValue("scan-min"),
                args.path("dir").toAbsolutePath());
        run(s);
    }

    static Engine open(String kind, Path dir) throws Exception {
        Files.createDirectories(dir);
        return switch (kind.trim()) {
            case "nodedb" -> new NodeDbEngine(dir);
            case "sqlite" -> new SqliteEngine(dir);
            case "h2" -> new H2Engine(dir);
            default -> throw new IllegalArgumentException("unknown engine " + kind + " (nodedb, sqlite, h2)");
        };
    }

    private static void run(Settings s) throws Exception {
        Path work = BenchDir.createFresh(s.root(), "sql-");
        Map<String, Engine> engines = new LinkedHashMap<>();
        try {
            MachineFacts facts = MachineFacts.collect(work);
            if (facts.memoryBacked()) {
                Console.warn(work + " is in memory: fsync is free there; use --dir on a disk");
            }
            Map<String, EngineRuns> all = new LinkedHashMap<>();
            Map<String, long[]> counters = new LinkedHashMap<>();
            for (String kind : s.engines()) {
                Engine e = open(kind, work.resolve(kind.trim()));
                engines.put(kind, e);
                EngineRuns r = new EngineRuns(e.name(), e.durability(), e.unsyncedDurability());
                all.put(kind, r);
                counters.put(kind, new long[1]);
                e.createSchema();
                Console.progress("%s: loading %,d rows in %d-row INSERTs ...", e.name(), s.rows(), s.batch());
                long t0 = System.nanoTime();
                e.load(0, s.rows(), s.batch());
                e.settle();
                r.loadSeconds = (System.nanoTime() - t0) / 1e9;
                Console.progress("%s: loaded in %.1f s (%s rows/s)", e.name(), r.loadSeconds,
                        TextTable.rate(s.rows() / r.loadSeconds));
                r.plan = e.lookupPlan();
                r.version = e.version();
                Console.progress("%s: index lookup plan: %s", e.name(), r.plan);
            }
            List<String> order = new ArrayList<>(engines.keySet());
            for (int run = 1; run <= s.runs(); run++) {
                if (run > 1) {
                    // The previous run's inserts left background work (RocksDB compactions); the reads are measured
                    // on a settled store, and the time that work took is reported beside the load.
                    for (String kind : order) {
                        long t0 = System.nanoTime();
                        engines.get(kind).settle();
                        double seconds = (System.nanoTime() - t0) / 1e9;
                        all.get(kind).settleSeconds.add(seconds);
                        Console.progress("  run %d %-7s settled after the inserts in %.2f s", run,
                                engines.get(kind).name(), seconds);
                    }
                }
                for (Op op : Op.values()) {
                    Timing timing = new Timing(s.warmup(), s.measure(), op == Op.GROUP_BY_SCAN ? s.scanMinOps() : 1);
                    for (int i = 0; i < order.size(); i++) {
                        // Rotate the starting engine per run so drift over the run does not favour one engine.
                        String kind = order.get((i + run - 1) % order.size());
                        Engine e = engines.get(kind);
                        e.waitForFsync(op != Op.INSERT_UNSYNCED);
                        OpResult r = measure(e, op, s.rows(), counters.get(kind), timing);
                        all.get(kind).results.computeIfAbsent(op, k -> new ArrayList<>()).add(r);
                        Console.progress("  run %d %-7s %-38s %12s ops/s  p50 %8s us  p99 %8s us", run, e.name(),
                                op.label, TextTable.rate(r.perSecond()), TextTable.micros(r.latency().p50Micros()),
                                TextTable.micros(r.latency().p99Micros()));
                    }
                }
            }
            facts.put("workload", String.format(Locale.ROOT, "table t(id BIGINT PRIMARY KEY, grp BIGINT, name TEXT,"
                    + " v DOUBLE) + index on name; %,d rows loaded in %d-row multi-row INSERTs (one commit each);"
                    + " inserts go to t_ins (same columns and index, empty at the start) so reads see the loaded rows only;"
                    + " one thread per engine; prepared statements", s.rows(), s.batch()));
            facts.put("runs", s.runs() + " x (" + s.warmup().toMillis() / 1000.0 + " s warmup + "
                    + s.measure().toMillis() / 1000.0 + " s measured) per operation and engine; medians over runs");
            for (EngineRuns r : all.values()) {
                facts.put(r.name + " version", r.version);
                facts.put(r.name + " durability", r.durability);
                facts.put(r.name + " durability, commit not fsync'd", r.unsyncedDurability);
                facts.put(r.name + " lookup plan", r.plan);
            }
            Console.out(report(facts, s, all));
        } finally {
            for (Engine e : engines.values()) {
                try {
                    e.close();
                } catch (Exception ex) {
                    Console.warn("closing " + e.name() + ": " + ex);
                }
            }
            BenchDir.deleteRecursively(work);
        }
    }

    static String report(MachineFacts facts, Settings s, Map<String, EngineRuns> all) {
        TextTable figures = new TextTable("operation", "engine", "ops/s", "p50 us", "p99 us", "CPU us/op",
                "ops/s min-max");
        for (Op op : Op.values()) {
            for (EngineRuns r : all.values()) {
                List<OpResult> runs = r.results.get(op);
                figures.row(op.label, r.name, TextTable.rate(Stats.median(runs, OpResult::perSecond)),
                        TextTable.micros(Stats.median(runs, x -> x.latency().p50Micros())),
                        TextTable.micros(Stats.median(runs, x -> x.latency().p99Micros())),
                        op.read ? TextTable.micros(Stats.median(runs, OpResult::cpuMicrosPerOp)) : "",
                        TextTable.rate(Stats.min(runs, OpResult::perSecond)) + " - "
                                + TextTable.rate(Stats.max(runs, OpResult::perSecond)));
            }
        }
        for (EngineRuns r : all.values()) {
            figures.row("load + settle (rows/s, once)", r.name, TextTable.rate(s.rows() / r.loadSeconds), "", "", "",
                    TextTable.number(r.loadSeconds, 1) + " s");
            if (!r.settleSeconds.isEmpty()) {
                figures.row("settle after a run's inserts (s)", r.name, "", "", "", "", r.settleSeconds.stream()
                        .map(x -> TextTable.number(x, 2)).collect(java.util.stream.Collectors.joining(", ")));
            }
        }

        EngineRuns ours = all.values().stream().filter(r -> r.name.equals("NodeDB")).findFirst().orElse(null);
        TextTable ratios = null;
        if (ours != null && all.size() > 1) {
            List<EngineRuns> peers = all.values().stream().filter(r -> r != ours).toList();
            List<String> header = new ArrayList<>(List.of("operation"));
            for (EngineRuns p : peers) {
                header.add("NodeDB/" + p.name + " ops/s");
                header.add(p.name + " p50 / NodeDB p50");
                header.add(p.name + " CPU / NodeDB CPU");
            }
            ratios = new TextTable(header.toArray(String[]::new));
            for (Op op : Op.values()) {
                List<String> row = new ArrayList<>(List.of(op.label));
                for (EngineRuns p : peers) {
                    row.add(TextTable.ratio(perRunMedian(ours.results.get(op), p.results.get(op),
                            (a, b) -> a.perSecond() / b.perSecond())));
                    row.add(TextTable.ratio(perRunMedian(ours.results.get(op), p.results.get(op),
                            (a, b) -> b.latency().p50Micros() / a.latency().p50Micros())));
                    row.add(op.read ? TextTable.ratio(perRunMedian(ours.results.get(op), p.results.get(op),
                            (a, b) -> b.cpuMicrosPerOp() / a.cpuMicrosPerOp())) : "");
                }
                ratios.row(row.toArray(String[]::new));
            }
        }
        String notes = String.join("\n",
                "- ratios are NodeDB/peer within each run, then the median over runs (above 1.0x: NodeDB faster);"
                        + " the p50 ratio is peer/NodeDB so that above 1.0x also means NodeDB faster.",
                "- point get and index lookup pick uniformly random loaded ids (seeded, same sequence for every"
                        + " engine); every call checks it found exactly one row, the scan that it got 100 groups.",
                "- the JDBC engines read every column of every row through ResultSet.getObject; NodeDB returns"
                        + " materialised rows.",
                "- CPU us/op (reads only): the calling thread's CPU time per operation; every engine reads on the"
                        + " caller's thread and has no background work after the settle, so this is the read's whole"
                        + " cost, and other processes on the machine hardly move it (ops/s and latency they do).",
                "- after the load each engine settles (counted in the load time): NodeDB flushes, waits for"
                        + " RocksDB's compactions and compacts into the last level, SQLite checkpoints its WAL (TRUNCATE), H2 runs CHECKPOINT. Each later"
                        + " run settles again before its reads, after the previous run's inserts; those times are listed.");
        StringBuilder out = new StringBuilder();
        String title = "Embedded SQL: NodeDB Lite vs SQLite vs H2";
        out.append(title).append('\n').append("=".repeat(title.length())).append("\n\n");
        out.append(facts.fixedWidth()).append('\n').append(figures.fixedWidth()).append('\n');
        if (ratios != null) {
            out.append(ratios.fixedWidth()).append('\n');
        }
        out.append(notes).append("\n\n---- markdown (for docs/benchmarks.md) ----\n\n");
        out.append("### ").append(title).append("\n\n").append(facts.markdown()).append('\n');
        out.append(figures.markdown()).append('\n');
        if (ratios != null) {
            out.append(ratios.markdown()).append('\n');
        }
        out.append(notes).append('\n');
        return out.toString();
    }

    private static double perRunMedian(List<OpResult> ours, List<OpResult> peer,
            java.util.function.ToDoubleBiFunction<OpResult, OpResult> f) {
        int n = Math.min(ours.size(), peer.size());
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = f.applyAsDouble(ours.get(i), peer.get(i));
        }
        return Stats.median(v);
    }
}
