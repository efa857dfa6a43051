package io.nodedb.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * NodeDB's RESP listener against redis-server, both as their own processes on loopback, both driven by
 * {@code redis-benchmark} (SET and GET, 50 clients, without and with pipelining, small and 1 KB values), then the
 * memory each needs for 1M keys with 100-byte values. NodeDB runs twice: with its default durability (fsync per
 * commit) and with {@code fsync = interval}; Redis with no persistence (its RDB snapshots off) and with
 * {@code appendonly yes, appendfsync always} (its closest match to fsync per commit).
 */
public final class RespBench {
    private RespBench() {
    }

    /** One server process. */
    record Target(String key, String label, Process process, int port, int pgPort, Path log) {
        long rssKb() {
            return RespBench.rssKb(process.pid());
        }
    }

    record Run(double setRps, double getRps, double setP50, double getP50) {
    }

    private record Config(int size, int pipeline) {
        String label() {
            return (size >= 1024 ? size / 1024 + " KB" : size + " B") + (pipeline > 1 ? ", -P " + pipeline : "");
        }
    }

    private static List<String> serverJavaOpts = List.of();

    public static void main(String[] argv) throws Exception {
        BenchArgs args = new BenchArgs("resp", """
                NodeDB's RESP listener vs redis-server on loopback, both driven by redis-benchmark (SET and GET, 50
                clients, with and without -P 16, 64 B and 1 KB values; medians of the runs), then the memory for
                1M keys of 100-byte values (redis-cli --pipe). NodeDB runs with fsync per commit (its default) and
                fsync = interval; Redis with no persistence and with appendfsync always. Needs redis-server,
                redis-benchmark and redis-cli (apt-get install redis-server).""")
                .option("clients", "50", "redis-benchmark -c")
                .option("requests", "100000", "redis-benchmark -n without pipelining")
                .option("pipelined-requests", "1000000", "redis-benchmark -n with pipelining")
                .option("pipeline", "16", "redis-benchmark -P for the pipelined runs")
                .option("sizes", "64,1024", "value sizes (redis-benchmark -d)")
                .option("keyspace", "100000", "redis-benchmark -r")
                .option("runs", "3", "repetitions; tables show the median")
                .option("targets", "nodedb,nodedb-interval,redis,redis-aof", "servers to run")
                .option("memory-keys", "1000000", "keys for the memory comparison (0 to skip)")
                .option("memory-value", "100", "value bytes for the memory comparison")
                .option("server-java-opts", "", "extra JVM options for the NodeDB server processes, space-separated")
                .option("dir", BenchDir.defaultRoot().toString(),
                        "root for the data; fresh directories are made inside it and deleted at the end")
                .parseOrExit(argv);
        for (String tool : List.of("redis-server", "redis-benchmark", "redis-cli")) {
            if (which(tool) == null) {
                Console.error(tool + " not found: install it with `apt-get install redis-server` (Debian 12: Redis "
                        + "7.0), then run bin/bench resp again");
                System.exit(2);
            }
        }
        Path root = args.path("dir").toAbsolutePath();
        List<String> which = List.of(args.string("targets").toLowerCase(Locale.ROOT).split(","));
        int runs = args.intValue("runs");
        int clients = args.intValue("clients");
        List<Config> configs = new ArrayList<>();
        for (int size : args.intList("sizes")) {
            configs.add(new Config(size, 1));
            configs.add(new Config(size, args.intValue("pipeline")));
        }
        serverJavaOpts = List.of(args.string("server-java-opts").trim().split("\\s+")).stream()
                .filter(o -> !o.isEmpty()).toList();
        Path work = BenchDir.createFresh(root, "resp-");
        Map<String, Target> targets = new LinkedHashMap<>();
        try {
            MachineFacts facts = MachineFacts.collect(work);
            facts.put("Redis", Postgres.exec(List.of("redis-server", "--version")).strip());
            if (!serverJavaOpts.isEmpty()) {
                facts.put("NodeDB JVM options", String.join(" ", serverJavaOpts));
            }
            for (String k : which) {
                Target t = start(k, work);
                targets.put(k, t);
                facts.put(t.label(), "port " + t.port() + ", RSS at start " + t.rssKb() / 1024 + " MiB");
            }
            Map<String, Map<Config, List<Run>>> results = new LinkedHashMap<>();
            List<String> order = new ArrayList<>(targets.keySet());
            for (int run = 1; run <= runs; run++) {
                for (Config c : configs) {
                    for (int i = 0; i < order.size(); i++) {
                        String k = order.get((i + run - 1) % order.size());
                        Target t = targets.get(k);
                        long n = Long.parseLong(args.string(c.pipeline() > 1 ? "pipelined-requests" : "requests"));
                        Run r = redisBenchmark(t.port(), clients, n, c, Long.parseLong(args.string("keyspace")));
                        results.computeIfAbsent(k, x -> new LinkedHashMap<>()).computeIfAbsent(c,
                                x -> new ArrayList<>()).add(r);
                        Console.progress("  run %d %-28s %-12s SET %10s/s  GET %10s/s", run, t.label(), c.label(),
                                TextTable.rate(r.setRps()), TextTable.rate(r.getRps()));
                    }
                }
            }
            for (Target t : targets.values()) {
                stop(t);
            }
            targets.clear();
            facts.put("workload", "redis-benchmark -c " + clients + " -r " + args.string("keyspace")
                    + " -t set,get -d <size> [-P " + args.string("pipeline") + "] --csv; -n "
                    + args.string("requests") + " without and " + args.string("pipelined-requests")
                    + " with pipelining; " + runs + " runs, medians; targets interleaved, order rotated per run");
            StringBuilder report = new StringBuilder(facts.markdown()).append('\n');
            report.append(throughput(order, results, configs));
            long memoryKeys = Long.parseLong(args.string("memory-keys"));
            if (memoryKeys > 0) {
                report.append('\n').append(memory(work, memoryKeys, args.intValue("memory-value")));
            }
            Console.out(report.toString());
        } finally {
            for (Target t : targets.values()) {
                stop(t);
            }
            BenchDir.deleteRecursively(work);
        }
    }

    private static String throughput(List<String> order, Map<String, Map<Config, List<Run>>> results,
            List<Config> configs) {
        List<String> header = new ArrayList<>(List.of("op", "values"));
        order.forEach(k -> header.add(label(k) + " ops/s"));
        List<String[]> ratios = new ArrayList<>();
        if (order.contains("redis")) {
            for (String ours : List.of("nodedb", "nodedb-interval")) {
                if (order.contains(ours)) {
                    ratios.add(new String[] {ours, "redis"});
                }
            }
        }
        if (order.contains("nodedb") && order.contains("redis-aof")) {
            ratios.add(new String[] {"nodedb", "redis-aof"});
        }
        ratios.forEach(r -> header.add(short_(r[0]) + "/" + short_(r[1])));
        TextTable table = new TextTable(header.toArray(String[]::new));
        for (String op : List.of("SET", "GET")) {
            for (Config c : configs) {
                List<String> row = new ArrayList<>(List.of(op, c.label()));
                Map<String, Double> med = new LinkedHashMap<>();
                for (String k : order) {
                    double m = Stats.median(results.get(k).get(c), r -> op.equals("SET") ? r.setRps() : r.getRps());
                    med.put(k, m);
                    row.add(TextTable.rate(m));
                }
                for (String[] r : ratios) {
                    row.add(TextTable.ratio(med.get(r[0]) / med.get(r[1])));
                }
                table.row(row.toArray(String[]::new));
            }
        }
        return "Throughput (median ops/s; ratio > 1 means NodeDB is faster):\n\n" + table.markdown();
    }

    private static String short_(String key) {
        return switch (key) {
            case "nodedb" -> "per_commit";
            case "nodedb-interval" -> "interval";
            case "redis" -> "Redis";
            default -> "Redis AOF always";
        };
    }

    private static String label(String key) {
        return switch (key) {
            case "nodedb" -> "NodeDB fsync per_commit (default)";
            case "nodedb-interval" -> "NodeDB fsync interval 10 ms";
            case "redis" -> "Redis no persistence";
            case "redis-aof" -> "Redis appendfsync always";
            default -> throw new IllegalArgumentException("unknown target " + key
                    + " (nodedb, nodedb-interval, redis, redis-aof)");
        };
    }

    /** Loads {@code keys} keys into a fresh NodeDB (fsync interval) and a fresh Redis, and compares memory. */
    private static String memory(Path work, long keys, int valueBytes) throws Exception {
        Path pipe = work.resolve("mass-insert.resp");
        byte[] value = new byte[valueBytes];
        java.util.Arrays.fill(value, (byte) 'v');
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(pipe), 1 << 20)) {
            for (long i = 0; i < keys; i++) {
                byte[] key = String.format(Locale.ROOT, "key:%010d", i).getBytes(StandardCharsets.US_ASCII);
                out.write(("*3\r\n$3\r\nSET\r\n$" + key.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(key);
                out.write(("\r\n$" + valueBytes + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(value);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
        }
        TextTable table = new TextTable("server", "RSS before", "RSS after", "after full GC",
                "bytes/key (growth after GC)", "engine's own count", "load time");
        for (String k : List.of("nodedb-interval", "redis")) {
            Target t = start(k, work.resolve("mem-" + k));
            try {
                long before = t.rssKb();
                long t0 = System.nanoTime();
                String out = Postgres.exec(List.of("bash", "-c", "redis-cli -h 127.0.0.1 -p " + t.port()
                        + " --pipe < " + pipe));
                double secs = (System.nanoTime() - t0) / 1e9;
                Console.progress("%s: %s", t.label(), out.strip().replace('\n', ' '));
                Thread.sleep(2000);
                long after = t.rssKb();
                long afterGc = after;
                String heap = "";
                if (k.startsWith("nodedb")) {
                    // A full GC (G1 then returns free heap to the OS), so garbage from the load is not counted.
                    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
                    Postgres.exec(List.of(jcmd.toString(), String.valueOf(t.process().pid()), "GC.run"));
                    Thread.sleep(2000);
                    afterGc = t.rssKb();
                    heap = heapLine(Postgres.exec(List.of(jcmd.toString(), String.valueOf(t.process().pid()),
                            "GC.heap_info")));
                }
                String own;
                if (k.equals("redis")) {
                    String info = Postgres.exec(List.of("redis-cli", "-h", "127.0.0.1", "-p",
                            String.valueOf(t.port()), "INFO", "memory"));
                    own = "used_memory " + field(info, "used_memory") / (1 << 20) + " MiB ("
                            + field(info, "used_memory") / keys + " B/key)";
                } else {
                    own = showStorage(t.pgPort(), keys) + "; " + heap;
                }
                table.row(t.label(), before / 1024 + " MiB", after / 1024 + " MiB", afterGc / 1024 + " MiB",
                        String.valueOf((afterGc - before) * 1024 / keys), own, TextTable.number(secs, 1) + " s");
            } finally {
                stop(t);
            }
        }
        return String.format(Locale.ROOT, "Memory for %,d keys (key:NNNNNNNNNN, 14 B) with %d-byte values, loaded "
                + "with redis-cli --pipe (RSS from /proc/<pid>/status VmRSS, 2 s after the load; for NodeDB also after "
                + "jcmd GC.run):%n%n", keys,
                valueBytes) + table.markdown();
    }

    /** NodeDB's own figures from SHOW STORAGE: bytes in hash tables and slabs, and the budget's count. */
    private static String showStorage(int pgPort, long keys) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "nodedb");
        long structures = 0;
        long used = 0;
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/nodedb", p);
                Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW STORAGE")) {
            while (rs.next()) {
                if (!rs.getString("engine").equals("kv")) {
                    continue;
                }
                if (rs.getString("part").equals("used")) {
                    used += rs.getLong("bytes");
                } else {
                    structures += rs.getLong("bytes");
                }
            }
        }
        return "SHOW STORAGE: table+slab " + structures / (1 << 20) + " MiB, budget count " + used / (1 << 20)
                + " MiB (" + used / keys + " B/key)";
    }

    /** "heap used X MiB of Y MiB committed" from jcmd GC.heap_info (sizes in K). */
    private static String heapLine(String info) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("total reserved \\d+K, committed (\\d+)K, used "
                + "(\\d+)K").matcher(info);
        return m.find() ? "JVM heap used " + Long.parseLong(m.group(2)) / 1024 + " MiB of "
                + Long.parseLong(m.group(1)) / 1024 + " MiB committed" : "";
    }

    private static long field(String info, String name) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(name + ":")) {
                return Long.parseLong(line.substring(name.length() + 1).strip());
            }
        }
        return -1;
    }

    static Run redisBenchmark(int port, int clients, long n, Config c, long keyspace) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("redis-benchmark", "-h", "127.0.0.1", "-p",
                String.valueOf(port), "-c", String.valueOf(clients), "-n", String.valueOf(n), "-r",
                String.valueOf(keyspace), "-d", String.valueOf(c.size()), "-t", "set,get", "--csv"));
        if (c.pipeline() > 1) {
            cmd.addAll(List.of("-P", String.valueOf(c.pipeline())));
        }
        String out = Postgres.exec(cmd);
        double[] set = null;
        double[] get = null;
        for (String line : out.split("\r?\n")) {
            String[] f = line.replace("\"", "").split(",");
            if (f.length >= 5 && (f[0].equals("SET") || f[0].equals("GET"))) {
                double[] v = {Double.parseDouble(f[1]), Double.parseDouble(f[4])};
                if (f[0].equals("SET")) {
                    set = v;
                } else {
                    get = v;
                }
            }
        }
        if (set == null || get == null) {
            throw new IOException("redis-benchmark gave no SET/GET figures: " + out);
        }
        return new Run(set[0], get[0], set[1], get[1]);
    }

    static Target start(String key, Path work) throws Exception {
        Path dir = work.resolve(key);
        Files.createDirectories(dir);
        int port = Postgres.freePort();
        Path log = dir.resolve("server.log");
        ProcessBuilder pb;
        int pgPort = -1;
        if (key.startsWith("nodedb")) {
            pgPort = Postgres.freePort();
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            List<String> cmd = new ArrayList<>(List.of(java.toString()));
            cmd.addAll(serverJavaOpts);
            cmd.addAll(List.of("--enable-native-access=ALL-UNNAMED", "--add-modules",
                    "jdk.incubator.vector", "--sun-misc-unsafe-memory-access=allow", "-cp",
                    System.getProperty("java.class.path"), "io.nodedb.server.NodeDbServer", "--host", "127.0.0.1",
                    "--port-pgwire", String.valueOf(pgPort), "--port-native",
                    String.valueOf(Postgres.freePort()), "--port-http", String.valueOf(Postgres.freePort()),
                    "--port-sync", String.valueOf(Postgres.freePort()),
                    "--port-resp", String.valueOf(port), "--data", dir.resolve("data").toString()));
            pb = new ProcessBuilder(cmd);
            pb.environment().put("NODEDB_FSYNC", key.equals("nodedb") ? "per_commit" : "interval");
            pb.environment().put("NODEDB_FSYNC_INTERVAL_MS", "10");
            pb.environment().put("NODEDB_MEMORY_LIMIT", "4GiB");
        } else {
            List<String> cmd = new ArrayList<>(List.of("redis-server", "--port", String.valueOf(port), "--bind",
                    "127.0.0.1", "--save", "", "--dir", dir.toString(), "--protected-mode", "no"));
            if (key.equals("redis-aof")) {
                cmd.addAll(List.of("--appendonly", "yes", "--appendfsync", "always"));
            } else {
                cmd.addAll(List.of("--appendonly", "no"));
            }
            pb = new ProcessBuilder(cmd);
        }
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = pb.start();
        Target t = new Target(key, label(key), p, port, pgPort, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!ping(port)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                stop(t);
                throw new IOException(t.label() + " did not start; its log " + log + ":\n"
                        + Files.readString(log));
            }
            Thread.sleep(100);
        }
        return t;
    }

    private static boolean ping(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            s.setSoTimeout(2000);
            s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] buf = new byte[16];
            int n = s.getInputStream().read(buf);
            return n > 0 && new String(buf, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    static void stop(Target t) {
        t.process().destroy();
        try {
            if (!t.process().waitFor(30, TimeUnit.SECONDS)) {
                t.process().destroyForcibly();
                t.process().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            // not Linux, or the process is gone
        }
        return 0;
    }


    private static String which(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return Path.of(d, tool).toString();
            }
        }
        return null;
    }
}
