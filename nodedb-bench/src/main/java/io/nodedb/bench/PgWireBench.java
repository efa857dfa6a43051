package io.nodedb.bench;

import io.nodedb.core.db.DatabaseOptions;
import io.nodedb.server.NodeDbServer;
import io.nodedb.server.config.ServerConfig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server over pgwire against PostgreSQL 15, both on loopback with fsync on, both driven by the same pgjdbc
 * code ({@link PgClients}): prepared point SELECT by primary key and single-row autocommit INSERT at 1 and 16
 * connections, the servers taking turns in slices within each run, then {@code pgbench -S -M prepared} pointed at
 * each. NodeDB runs in a JVM of its own by default, as PostgreSQL runs in processes of its own.
 */
public final class PgWireBench {
    private PgWireBench() {
    }

    /**
     * A server to talk to: where it listens and as whom; {@code pid} is its (root) process when it runs in
     * processes of its own, whose CPU time is then measured, or -1.
     */
    public record Target(String name, String url, String user, String database, int port, long pid) {
        Connection connect() throws SQLException {
            Properties p = new Properties();
            p.setProperty("user", user);
            // Server-side prepared (and binary results) from the first execution, on both servers alike.
            p.setProperty("prepareThreshold", "1");
            return DriverManager.getConnection(url, p);
        }
    }

    public enum Workload {
        POINT_SELECT("prepared point SELECT by primary key"),
        INSERT("single-row INSERT, autocommit");

        final String label;

        Workload(String label) {
            this.label = label;
        }
    }

    /**
     * One measurement: operations completed inside the window by all clients, with their latencies, and the CPU
     * time the server's processes used in the window (-1 when not measured).
     */
    public record Result(long operations, double seconds, LatencyStats latency, long serverCpuNanos) {
        public double perSecond() {
            return operations / seconds;
        }

        /** Server CPU time per operation in microseconds, NaN when not measured. */
        public double serverCpuMicrosPerOp() {
            return serverCpuNanos < 0 || operations == 0 ? Double.NaN : serverCpuNanos / 1e3 / operations;
        }
    }

    static final String CREATE = "CREATE TABLE t (id BIGINT PRIMARY KEY, grp BIGINT, name TEXT, v DOUBLE PRECISION)";

    /** Creates table {@code t} and loads {@code rows} rows in multi-row INSERTs of {@code batch}, as SqlBench does. */
    public static void setUp(Target target, long rows, int batch) throws SQLException {
        try (Connection c = target.connect(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS t");
            st.execute(CREATE);
            loadRows(c, "t", "(id, grp, name, v)", 4, rows, batch, (ps, i, k) -> {
                ps.setLong(i, k);
                ps.setLong(i + 1, SqlBench.grp(k));
                ps.setString(i + 2, SqlBench.nameOf(k));
                ps.setDouble(i + 3, SqlBench.v(k));
            });
        }
    }

    interface RowBinder {
        void bind(PreparedStatement ps, int firstParam, long key) throws SQLException;
    }

    /** Multi-row INSERTs of {@code batch} rows of keys {@code [0, rows)} (or {@code [1, rows]} via the binder). */
    static void loadRows(Connection c, String table, String columns, int width, long rows, int batch,
            RowBinder binder) throws SQLException {
        for (long from = 0; from < rows; from += batch) {
            int n = (int) Math.min(batch, rows - from);
            StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(' ').append(columns)
                    .append(" VALUES ");
            for (int r = 0; r < n; r++) {
                sql.append(r == 0 ? "(" : ", (");
                for (int col = 0; col < width; col++) {
                    sql.append(col == 0 ? "?" : ", ?");
                }
                sql.append(')');
            }
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int r = 0; r < n; r++) {
                    binder.bind(ps, r * width + 1, from + r);
                }
                ps.executeUpdate();
            }
        }
    }

    /** pgbench's four tables, as strict tables, loaded with multi-row INSERTs (pgbench -i uses COPY). */
    static void pgbenchTables(Target target, int scale, int batch) throws SQLException {
        pgbenchTables(target, scale, 100_000, batch);
    }

    /** As above with {@code accounts} accounts per branch instead of pgbench's 100,000 (for a quick test). */
    static void pgbenchTables(Target target, int scale, long accounts, int batch) throws SQLException {
        try (Connection c = target.connect(); Statement st = c.createStatement()) {
            for (String t : List.of("pgbench_history", "pgbench_tellers", "pgbench_accounts", "pgbench_branches")) {
                st.execute("DROP TABLE IF EXISTS " + t);
            }
            st.execute("CREATE TABLE pgbench_branches (bid INT PRIMARY KEY, bbalance INT, filler TEXT)");
            st.execute("CREATE TABLE pgbench_tellers (tid INT PRIMARY KEY, bid INT, tbalance INT, filler TEXT)");
            st.execute("CREATE TABLE pgbench_accounts (aid INT PRIMARY KEY, bid INT, abalance INT, filler TEXT)");
            st.execute("CREATE TABLE pgbench_history (tid INT, bid INT, aid INT, delta INT, mtime TIMESTAMP,"
                    + " filler TEXT)");
            // pgbench -i: ids from 1, balances 0, branch/teller filler NULL, account filler 84 blanks (char(84)).
            loadRows(c, "pgbench_branches", "(bid, bbalance)", 2, scale, batch, (ps, i, k) -> {
                ps.setInt(i, (int) k + 1);
                ps.setInt(i + 1, 0);
            });
            loadRows(c, "pgbench_tellers", "(tid, bid, tbalance)", 3, 10L * scale, batch, (ps, i, k) -> {
                ps.setInt(i, (int) k + 1);
                ps.setInt(i + 1, (int) (k / 10) + 1);
                ps.setInt(i + 2, 0);
            });
            String filler = " ".repeat(84);
            loadRows(c, "pgbench_accounts", "(aid, bid, abalance, filler)", 4, accounts * scale, batch,
                    (ps, i, k) -> {
                        ps.setInt(i, (int) k + 1);
                        ps.setInt(i + 1, (int) (k / accounts) + 1);
                        ps.setInt(i + 2, 0);
                        ps.setString(i + 3, filler);
                    });
        }
    }

    /** What one pgbench run printed: tps and mean latency, or the error it stopped with. */
    public record PgbenchResult(double tps, double latencyMs, String error) {
    }

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");

    static PgbenchResult pgbench(Target target, int clients, Duration duration) throws IOException,
            InterruptedException {
        int threads = Math.min(clients, Runtime.getRuntime().availableProcessors());
        List<String> cmd = List.of(Postgres.BIN.resolve("pgbench").toString(), "-n", "-S", "-M", "prepared",
                "-c", String.valueOf(clients), "-j", String.valueOf(threads), "-T",
                String.valueOf(Math.max(1, duration.toSeconds())), "-h", "127.0.0.1", "-p",
                String.valueOf(target.port()), "-U", target.user(), target.database());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new PgbenchResult(Double.NaN, Double.NaN, "pgbench did not finish");
        }
        Matcher tps = TPS.matcher(out);
        Matcher lat = LATENCY.matcher(out);
        if (p.exitValue() != 0 || !tps.find()) {
            // Keep what pgbench said: which statement failed and with what error is the finding.
            List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
            String tail = String.join(" | ", lines.subList(Math.max(0, lines.size() - 6), lines.size()));
            return new PgbenchResult(Double.NaN, Double.NaN, "exit " + p.exitValue() + ": " + tail);
        }
        return new PgbenchResult(Double.parseDouble(tps.group(1)),
                lat.find() ? Double.parseDouble(lat.group(1)) : Double.NaN, null);
    }

    /** Starts NodeDB's server in this JVM on free loopback ports, fsync per commit (the default). */
    public static NodeDbServer startNodeDb(Path dataDir) throws Exception {
        DatabaseOptions core = DatabaseOptions.onDisk(dataDir);
        return NodeDbServer.start(new ServerConfig("127.0.0.1",
                new ServerConfig.Ports(Postgres.freePort(), Postgres.freePort(), Postgres.freePort(),
                        OptionalInt.empty(), OptionalInt.empty(), Postgres.freePort()),
                dataDir, core.fsyncPolicy(), core.fsyncInterval(), core.checkpointInterval(),
                core.memoryLimitBytes(), ServerConfig.Auth.DEFAULTS, Optional.empty()));
    }

    /** NodeDB's server in this JVM, whose CPU cannot be told from the clients'. */
    public static Target nodeDbTarget(NodeDbServer server) {
        return nodeDbTarget(server.pgwireAddress().getPort(), -1);
    }

    static Target nodeDbTarget(int port, long pid) {
        return new Target("NodeDB", "jdbc:postgresql://127.0.0.1:" + port + "/nodedb", "nodedb", "nodedb", port,
                pid);
    }

    private record Key(Workload w, int clients) {
    }

    public static void main(String[] argv) throws Exception {
        BenchArgs args = new BenchArgs("pgwire", """
                NodeDB's server (its own JVM by default) vs PostgreSQL 15 (started by the bench on loopback, fsync on), both
                over pgwire with the same pgjdbc code: prepared point SELECT and single-row autocommit INSERT at
                several connection counts, then pgbench -S -M prepared at each. Ratios NodeDB/PostgreSQL.""")
                .option("rows", "100000", "rows in table t before measuring")
                .option("batch", "500", "rows per multi-row INSERT while loading")
                .option("clients", "1,16", "connection counts")
                .option("seconds", "5", "measured time per workload, connection count, server and run")
                .option("warmup", "10", "unmeasured time before each measurement (NodeDB's server JVM compiles"
                        + " its hot paths for several seconds; a shorter warm-up counts that in its CPU column)")
                .option("runs", "3", "repetitions; tables show the median")
                .option("slice", "1", "seconds per slice when the servers take turns within a run (the measured"
                        + " time of each is cut into slices, alternating between them, so that this machine's"
                        + " slow and fast minutes fall on both), from 10 ms up to --seconds; 0 measures each server's whole"
                        + " window in one go")
                .option("pgbench", "true", "also run pgbench -S -M prepared (scale 1) against both")
                .option("pgbench-seconds", "10", "pgbench -T")
                .option("pgbench-runs", "3", "pgbench repetitions per server and client count")
                .option("targets", "nodedb,postgres", "servers to run")
                .option("workloads", "select,insert", "pgjdbc workloads to run: select (prepared point SELECT),"
                        + " insert (single-row INSERT)")
                .option("server", "process", "where NodeDB's server runs: process (a JVM of its own, as"
                        + " PostgreSQL runs in its own processes) or in-jvm (this JVM, beside the clients)")
                .option("dir", BenchDir.defaultRoot().toString(),
                        "root for the data; fresh directories are made inside it and deleted at the end")
                .parseOrExit(argv);
        Path root = args.path("dir").toAbsolutePath();
        List<String> which = List.of(args.string("targets").toLowerCase(Locale.ROOT).split(","));
        long rows = Long.parseLong(args.string("rows"));
        int batch = args.intValue("batch");
        List<Integer> clientCounts = args.intList("clients");
        List<Workload> workloads = new ArrayList<>();
        for (String w : args.string("workloads").toLowerCase(Locale.ROOT).split(",")) {
            workloads.add(switch (w.strip()) {
                case "select" -> Workload.POINT_SELECT;
                case "insert" -> Workload.INSERT;
                default -> throw new IllegalArgumentException("--workloads takes select and insert, not " + w);
            });
        }
        Duration warmup = args.duration("warmup");
        Duration window = args.duration("seconds");
        Duration slice = args.duration("slice");
        if (!slice.isZero() && (slice.compareTo(PgClients.MIN_SLICE) < 0 || slice.compareTo(window) > 0)) {
            throw new IllegalArgumentException("option --slice: 0, or between " + PgClients.MIN_SLICE.toMillis()
                    + " ms and --seconds (" + window.toMillis() + " ms), not " + args.string("slice"));
        }
        int runs = args.intValue("runs");

        Path work = BenchDir.createFresh(root, "pgwire-");
        boolean ownProcess = switch (args.string("server")) {
            case "process" -> true;
            case "in-jvm" -> false;
            default -> throw new IllegalArgumentException("--server must be process or in-jvm, not "
                    + args.string("server"));
        };
        NodeDbServer server = null;
        NodeDbProcess serverProcess = null;
        Postgres pg = null;
        try {
            MachineFacts facts = MachineFacts.collect(work);
            Map<String, Target> targets = new LinkedHashMap<>();
            if (which.contains("nodedb") && ownProcess) {
                serverProcess = NodeDbProcess.start(work.resolve("nodedb"));
                int port = serverProcess.pgwirePort();
                targets.put("nodedb", nodeDbTarget(port, serverProcess.pid()));
                facts.put("NodeDB", "server in a JVM of its own (pid " + serverProcess.pid() + ", this JVM's"
                        + " options), pgwire on 127.0.0.1:" + port + ", fsync per commit (default), data in " + work);
            } else if (which.contains("nodedb")) {
                server = startNodeDb(work.resolve("nodedb"));
                targets.put("nodedb", nodeDbTarget(server));
                facts.put("NodeDB", "server in this JVM (NodeDbServer.start), pgwire on 127.0.0.1:"
                        + server.pgwireAddress().getPort() + ", fsync per commit (default), data in " + work);
            }
            if (which.contains("postgres")) {
                pg = Postgres.start(root);
                targets.put("postgres", new Target("PostgreSQL", pg.jdbcUrl(), "postgres", "postgres", pg.port(),
                        pg.pid()));
                facts.put("PostgreSQL", pg.version().strip() + " from Debian, own processes, 127.0.0.1:" + pg.port()
                        + ", fsync=on, synchronous_commit=on, full_page_writes=on, other settings default"
                        + " (shared_buffers 128MB), data under " + root);
            }
            for (Target t : targets.values()) {
                Console.progress("%s: loading %,d rows ...", t.name(), rows);
                long t0 = System.nanoTime();
                setUp(t, rows, batch);
                Console.progress("%s: loaded in %.1f s", t.name(), (System.nanoTime() - t0) / 1e9);
            }
            Map<String, AtomicLong> ids = new LinkedHashMap<>();
            targets.keySet().forEach(k -> ids.put(k, new AtomicLong()));
            Map<String, Map<Key, List<Result>>> results = new LinkedHashMap<>();
            List<String> order = new ArrayList<>(targets.keySet());
            for (int run = 1; run <= runs; run++) {
                for (Workload w : workloads) {
                    for (int clients : clientCounts) {
                        // Each run starts with another server, so none always runs first.
                        List<String> keys = new ArrayList<>();
                        for (int i = 0; i < order.size(); i++) {
                            keys.add(order.get((i + run - 1) % order.size()));
                        }
                        Map<String, Result> measured = new LinkedHashMap<>();
                        if (slice.isZero()) {
                            for (String k : keys) {
                                measured.put(k, PgClients.measure(targets.get(k), w, clients, rows, ids.get(k),
                                        warmup, window));
                            }
                        } else {
                            List<Result> rs = PgClients.measureInterleaved(
                                    keys.stream().map(targets::get).toList(), w, clients, rows,
                                    keys.stream().map(ids::get).toList(), warmup, window, slice).results();
                            for (int i = 0; i < keys.size(); i++) {
                                measured.put(keys.get(i), rs.get(i));
                            }
                        }
                        for (Map.Entry<String, Result> e : measured.entrySet()) {
                            Result r = e.getValue();
                            results.computeIfAbsent(e.getKey(), x -> new LinkedHashMap<>())
                                    .computeIfAbsent(new Key(w, clients), x -> new ArrayList<>()).add(r);
                            Console.progress("  run %d %-10s %-38s %2d conn: %10s ops/s  p50 %7s us  p99 %7s us",
                                    run, targets.get(e.getKey()).name(), w.label, clients,
                                    TextTable.rate(r.perSecond()), TextTable.micros(r.latency().p50Micros()),
                                    TextTable.micros(r.latency().p99Micros()));
                        }
                    }
                }
            }

            Map<String, Map<Integer, List<PgbenchResult>>> pgb = new LinkedHashMap<>();
            Map<String, String> pgbenchSetup = new LinkedHashMap<>();
            if (Boolean.parseBoolean(args.string("pgbench"))) {
                for (Map.Entry<String, Target> e : targets.entrySet()) {
                    Target t = e.getValue();
                    try {
                        long t0 = System.nanoTime();
                        if (e.getKey().equals("postgres")) {
                            Postgres.exec(List.of(Postgres.BIN.resolve("pgbench").toString(), "-i", "-s", "1",
                                    "-q", "-h", "127.0.0.1", "-p", String.valueOf(t.port()), "-U", t.user(),
                                    t.database()));
                            pgbenchSetup.put(t.name(), "pgbench -i -s 1 (COPY)");
                        } else {
                            pgbenchTables(t, 1, batch);
                            pgbenchSetup.put(t.name(), "strict tables via pgjdbc, multi-row INSERTs of " + batch);
                        }
                        Console.progress("%s: pgbench tables ready in %.1f s", t.name(),
                                (System.nanoTime() - t0) / 1e9);
                    } catch (IOException | SQLException ex) {
                        pgbenchSetup.put(t.name(), "setup failed: " + ex.getMessage().replace('\n', ' '));
                        Console.warn(t.name() + " pgbench setup failed: " + ex.getMessage());
                    }
                }
                Duration pgSeconds = args.duration("pgbench-seconds");
                for (int run = 1; run <= args.intValue("pgbench-runs"); run++) {
                    for (int clients : clientCounts) {
                        for (int i = 0; i < order.size(); i++) {
                            String k = order.get((i + run - 1) % order.size());
                            Target t = targets.get(k);
                            PgbenchResult r = pgbench(t, clients, pgSeconds);
                            pgb.computeIfAbsent(k, x -> new LinkedHashMap<>())
                                    .computeIfAbsent(clients, x -> new ArrayList<>()).add(r);
                            Console.progress("  run %d %-10s pgbench -S -M prepared -c %2d: %s", run, t.name(),
                                    clients, r.error() == null ? TextTable.rate(r.tps()) + " tps, latency avg "
                                            + r.latencyMs() + " ms" : "FAILED " + r.error());
                        }
                    }
                }
            }
            facts.put("workload", String.format(Locale.ROOT, "%s; %,d rows; pgjdbc %s with prepareThreshold=1"
                    + " (server-prepared, binary); one platform thread per connection", CREATE, rows,
                    org.postgresql.util.DriverInfo.DRIVER_VERSION));
            facts.put("runs", runs + " x (" + warmup.toMillis() / 1000.0 + " s warmup + " + window.toMillis()
                    / 1000.0 + " s measured) per workload, connection count and server; medians over runs"
                    + (slice.isZero() ? "; each server's window in one go"
                            : "; within a run the servers take turns in slices of " + slice.toMillis() / 1000.0
                                    + " s (order reversed every round), only one loaded at a time"));
            pgbenchSetup.forEach((k, v) -> facts.put("pgbench tables " + k, v));
            Console.out(report(facts, targets, results, pgb, clientCounts, workloads, ownProcess));
        } finally {
            if (server != null) {
                server.close();
            }
            if (serverProcess != null) {
                serverProcess.close();
            }
            if (pg != null) {
                pg.close();
            }
            BenchDir.deleteRecursively(work);
        }
    }

    private static String report(MachineFacts facts, Map<String, Target> targets,
            Map<String, Map<Key, List<Result>>> results, Map<String, Map<Integer, List<PgbenchResult>>> pgb,
            List<Integer> clientCounts, List<Workload> workloads, boolean ownProcess) {
        TextTable figures = new TextTable("workload", "conns", "server", "ops/s", "p50 us", "p99 us",
                "ops/s min-max", "server CPU us/op");
        for (Workload w : workloads) {
            for (int c : clientCounts) {
                for (Map.Entry<String, Target> e : targets.entrySet()) {
                    List<Result> runs = results.get(e.getKey()).get(new Key(w, c));
                    figures.row(w.label, String.valueOf(c), e.getValue().name(),
                            TextTable.rate(Stats.median(runs, Result::perSecond)),
                            TextTable.micros(Stats.median(runs, r -> r.latency().p50Micros())),
                            TextTable.micros(Stats.median(runs, r -> r.latency().p99Micros())),
                            TextTable.rate(Stats.min(runs, Result::perSecond)) + " - "
                                    + TextTable.rate(Stats.max(runs, Result::perSecond)),
                            TextTable.micros(Stats.median(runs, Result::serverCpuMicrosPerOp)));
                }
            }
        }
        for (int c : clientCounts) {
            for (Map.Entry<String, Target> e : targets.entrySet()) {
                List<PgbenchResult> runs = pgb.getOrDefault(e.getKey(), Map.of()).get(c);
                if (runs == null) {
                    continue;
                }
                List<PgbenchResult> ok = runs.stream().filter(r -> r.error() == null).toList();
                String err = runs.stream().filter(r -> r.error() != null).map(PgbenchResult::error).findFirst()
                        .orElse(null);
                figures.row("pgbench -S -M prepared (tps, avg latency)", String.valueOf(c), e.getValue().name(),
                        ok.isEmpty() ? "failed" : TextTable.rate(Stats.median(ok, PgbenchResult::tps)),
                        ok.isEmpty() ? "" : TextTable.micros(1000 * Stats.median(ok, PgbenchResult::latencyMs))
                                + " (avg)", "",
                        err == null ? TextTable.rate(Stats.min(ok, PgbenchResult::tps)) + " - "
                                + TextTable.rate(Stats.max(ok, PgbenchResult::tps))
                                : ok.size() + "/" + runs.size() + " ok", "");
            }
        }

        TextTable ratios = null;
        List<String> errors = new ArrayList<>();
        if (targets.containsKey("nodedb") && targets.containsKey("postgres")) {
            ratios = new TextTable("workload", "conns", "NodeDB/PostgreSQL ops/s", "PostgreSQL p50 / NodeDB p50",
                    "PostgreSQL CPU/op / NodeDB CPU/op");
            for (Workload w : workloads) {
                for (int c : clientCounts) {
                    List<Result> ours = results.get("nodedb").get(new Key(w, c));
                    List<Result> theirs = results.get("postgres").get(new Key(w, c));
                    ratios.row(w.label, String.valueOf(c),
                            TextTable.ratio(perRun(ours, theirs, (a, b) -> a.perSecond() / b.perSecond())),
                            TextTable.ratio(perRun(ours, theirs,
                                    (a, b) -> b.latency().p50Micros() / a.latency().p50Micros())),
                            TextTable.ratio(perRun(ours, theirs,
                                    (a, b) -> b.serverCpuMicrosPerOp() / a.serverCpuMicrosPerOp())));
                }
            }
            for (int c : clientCounts) {
                List<PgbenchResult> ours = pgb.getOrDefault("nodedb", Map.of()).get(c);
                List<PgbenchResult> theirs = pgb.getOrDefault("postgres", Map.of()).get(c);
                if (ours == null || theirs == null) {
                    continue;
                }
                ratios.row("pgbench -S -M prepared", String.valueOf(c),
                        TextTable.ratio(perRun(ours, theirs, (a, b) -> a.tps() / b.tps())),
                        TextTable.ratio(perRun(ours, theirs, (a, b) -> b.latencyMs() / a.latencyMs())) + " (avg)", "");
            }
        }
        pgb.forEach((k, byClients) -> byClients.forEach((c, runs) -> runs.stream().filter(r -> r.error() != null)
                .findFirst().ifPresent(r -> errors.add("- pgbench against " + targets.get(k).name() + " -c " + c
                        + " failed: `" + r.error() + "`"))));
        String notes = String.join("\n",
                "- ratios are NodeDB/PostgreSQL within each run, then the median over runs (above 1.0x: NodeDB"
                        + " faster); the latency ratio is PostgreSQL/NodeDB so above 1.0x also means NodeDB faster."
                        + " A ratio is n/a where a side failed.",
                "- server CPU us/op: user + system time of the server's processes (NodeDB's JVM; PostgreSQL's"
                        + " postmaster and backends) during the window, from /proc, over the operations; above 1.0x"
                        + " in the ratio means NodeDB used less CPU per operation. n/a for a server in this JVM.",
                "- both servers, the pgjdbc clients and pgbench share the same 2 cores"
                        + (ownProcess ? "; each server runs in processes of its own."
                                : "; NodeDB's server also shares the client's JVM (--server in-jvm)."),
                "- pgbench figures are pgbench's own tps (without initial connection time) and latency average;"
                        + " -j is min(clients, cores).");
        StringBuilder out = new StringBuilder();
        String title = "pgwire: NodeDB server vs PostgreSQL 15";
        out.append(title).append('\n').append("=".repeat(title.length())).append("\n\n");
        out.append(facts.fixedWidth()).append('\n').append(figures.fixedWidth()).append('\n');
        if (ratios != null) {
            out.append(ratios.fixedWidth()).append('\n');
        }
        out.append(notes).append('\n');
        errors.forEach(e -> out.append(e).append('\n'));
        out.append("\n---- markdown (for docs/benchmarks.md) ----\n\n");
        out.append("### ").append(title).append("\n\n").append(facts.markdown()).append('\n');
        out.append(figures.markdown()).append('\n');
        if (ratios != null) {
            out.append(ratios.markdown()).append('\n');
        }
        out.append(notes).append('\n');
        errors.forEach(e -> out.append(e).append('\n'));
        return out.toString();
    }

    private static <T> double perRun(List<T> ours, List<T> theirs, java.util.function.ToDoubleBiFunction<T, T> f) {
        int n = Math.min(ours.size(), theirs.size());
        List<Double> v = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double x = f.applyAsDouble(ours.get(i), theirs.get(i));
            if (!Double.isNaN(x)) {
                v.add(x);
            }
        }
        return v.isEmpty() ? Double.NaN : Stats.median(v.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
