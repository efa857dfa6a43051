package io.nodedb.bench;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Server CPU per single-row autocommit INSERT over pgwire, one connection: NodeDB's server in a JVM of its own
 * (fsync as {@code NODEDB_FSYNC} in the environment says, per commit by default), pgjdbc with server-prepared binary
 * statements as in {@code bin/bench pgwire}. Each round's CPU is read per server thread from
 * {@code /proc/PID/task/TID/schedstat} (nanoseconds of run time, exact, unlike the tick-sampled user/system split of
 * {@code /proc/PID/stat}), so a busy machine slows the rounds but hardly changes what they measure. Warm-up rounds
 * let the JIT settle; the summary gives the median and the minimum over the measured rounds.
 */
public final class InsertCpuBench {
    private InsertCpuBench() {
    }

    public static void main(String[] argv) throws Exception {
        BenchArgs args = new BenchArgs("insertcpu", """
                Server CPU per single-row autocommit INSERT over pgwire with one connection (NodeDB's server in its
                own JVM; NODEDB_FSYNC=off in the environment takes the fsync out), per server thread from
                /proc/PID/task/*/schedstat.""")
                .option("rows", "50000", "rows in table t before measuring")
                .option("per-round", "5000", "inserts per round")
                .option("warmup-rounds", "8", "unmeasured rounds first")
                .option("rounds", "10", "measured rounds")
                .option("verbose", "false", "print every round")
                .option("dir", BenchDir.defaultRoot().toString(),
                        "root for the data; a fresh directory is made inside it and deleted at the end")
                .parseOrExit(argv);
        int perRound = args.intValue("per-round");
        int warmup = args.intValue("warmup-rounds");
        int rounds = args.intValue("rounds");
        boolean verbose = Boolean.parseBoolean(args.string("verbose"));
        Path work = BenchDir.createFresh(args.path("dir").toAbsolutePath(), "insertcpu-");
        String fsync = System.getenv().getOrDefault("NODEDB_FSYNC", "per_commit");
        try (NodeDbProcess server = NodeDbProcess.start(work.resolve("nodedb"))) {
            Properties p = new Properties();
            p.setProperty("user", "nodedb");
            p.setProperty("prepareThreshold", "1");
            p.setProperty("binaryTransfer", "true");
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.pgwirePort()
                    + "/nodedb", p)) {
                long id = load(c, Long.parseLong(args.string("rows")));
                List<Double> total = new ArrayList<>();
                List<Double> io = new ArrayList<>();
                List<Double> walls = new ArrayList<>();
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO t (id, grp, name, v) VALUES (?, ?, ?, ?)")) {
                    for (int r = 0; r < warmup + rounds; r++) {
                        Map<String, Long> before = threadNanos(server.pid());
                        long start = System.nanoTime();
                        for (int i = 0; i < perRound; i++) {
                            long k = id++;
                            insert.setLong(1, k);
                            insert.setLong(2, k % 100);
                            insert.setString(3, "name" + k);
                            insert.setDouble(4, k * 0.5);
                            insert.executeUpdate();
                        }
                        long wall = System.nanoTime() - start;
                        Map<String, Long> after = threadNanos(server.pid());
                        long all = 0;
                        long loop = 0;
                        for (Map.Entry<String, Long> e : after.entrySet()) {
                            // Keyed by thread id: a thread that ended meanwhile is not counted, a new one from 0.
                            long d = e.getValue() - before.getOrDefault(e.getKey(), 0L);
                            all += d;
                            if (e.getKey().startsWith("nodedb-io")) {
                                loop += d;
                            }
                        }
                        if (verbose) {
                            Console.out(String.format(Locale.ROOT,
                                    "round %d%s: server %.1f us/insert, event loops %.1f, wall %.1f", r,
                                    r < warmup ? " (warm-up)" : "", all / 1e3 / perRound, loop / 1e3 / perRound,
                                    wall / 1e3 / perRound));
                        }
                        if (r >= warmup) {
                            total.add(all / 1e3 / perRound);
                            io.add(loop / 1e3 / perRound);
                            walls.add(wall / 1e3 / perRound);
                        }
                    }
                }
                Collections.sort(total);
                Collections.sort(io);
                Collections.sort(walls);
                Console.out(String.format(Locale.ROOT, "fsync=%s, %d rounds x %d inserts: server CPU us/insert"
                                + " median %.1f min %.1f; event-loop threads median %.1f min %.1f;"
                                + " wall us/insert median %.1f", fsync, rounds, perRound, total.get(total.size() / 2),
                        total.getFirst(), io.get(io.size() / 2), io.getFirst(), walls.get(walls.size() / 2)));
            }
        } finally {
            BenchDir.deleteRecursively(work);
        }
    }

    private static long load(Connection c, long rows) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, grp BIGINT, name TEXT, v DOUBLE PRECISION)");
            long id = 0;
            while (id < rows) {
                StringBuilder sb = new StringBuilder("INSERT INTO t VALUES ");
                for (int i = 0; i < 500 && id < rows; i++, id++) {
                    sb.append(i == 0 ? "" : ",").append('(').append(id).append(',').append(id % 100).append(",'name")
                            .append(id).append("',").append(id * 0.5).append(')');
                }
                st.execute(sb.toString());
            }
            return id;
        }
    }

    /** Run time per thread, keyed by its name and id ("nodedb-io-1-1/4711"). */
    private static Map<String, Long> threadNanos(long pid) throws Exception {
        Map<String, Long> out = new TreeMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
            for (Path t : tasks) {
                try {
                    String name = Files.readString(t.resolve("comm")).strip() + "/" + t.getFileName();
                    long nanos = Long.parseLong(Files.readString(t.resolve("schedstat")).split(" ")[0]);
                    out.put(name, nanos);
                } catch (java.io.IOException | NumberFormatException gone) {
                    // the thread ended between the listing and the read
                }
            }
        }
        return out;
    }
}
