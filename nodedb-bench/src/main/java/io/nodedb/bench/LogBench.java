package io.nodedb.bench;

import io.nodedb.core.metrics.PrometheusWriter;
import io.nodedb.core.wal.FileCommandLog;
import io.nodedb.core.wal.FsyncPolicy;
import io.nodedb.core.wal.LogOptions;
import io.nodedb.core.wal.RecordFormat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * Command-log append throughput and commit latency with fsync per commit, beside this disk's own fsync rate.
 *
 * <p>Each run measures, in this order and in the same directory: a plain {@code write + FileChannel.force(false)}
 * loop with a record-sized write (what a group of one costs the device), the same loop with 4 KiB writes, then
 * {@link FileCommandLog} with 1, 16 and 64 writers that each loop {@code append(...).join()}. Ratios pair a log
 * measurement with the device loop of the same run, so a disk that slows down halfway through the benchmark
 * moves both sides of the ratio together. Every figure is the median over the runs.
 */
public final class LogBench {
    public static final short DEFAULT_TYPE = (short) 0x8001;
    private static final int PAGE_BYTES = 4096;
    /** The device loop starts a new file at the log's segment size, so it never fills the disk on fast media. */
    private static final long DEVICE_FILE_BYTES = 64L << 20;

    private LogBench() {
    }

    /** Which threads the writers run on. Virtual is the default because the server runs statements on them. */
    public enum ThreadKind {
        VIRTUAL, PLATFORM;

        Thread.Builder builder(String name) {
            return this == VIRTUAL ? Thread.ofVirtual().name(name) : Thread.ofPlatform().name(name).daemon();
        }

        static ThreadKind parse(String text) {
            return switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "virtual" -> VIRTUAL;
                case "platform" -> PLATFORM;
                default -> throw new IllegalArgumentException("--threads must be virtual or platform, not " + text);
            };
        }
    }

    /** One log measurement: how many writers, on which threads, writing what, for how long. */
    public record LogConfig(int writers, ThreadKind threads, short type, int payloadBytes, Duration warmup,
            Duration measure) {
    }

    /** One device loop: {@code operations} write+force pairs of {@code bytes} in {@code seconds}. */
    public record ForceResult(int bytes, long operations, double seconds, LatencyStats latency) {
        public double perSecond() {
            return operations / seconds;
        }
    }

    /**
     * One log measurement. {@code commits} and {@code latency} come from the writers; {@code records},
     * {@code fsyncs} and {@code groups} are the log's own counters over the same window.
     */
    public record LogResult(int writers, long commits, double seconds, LatencyStats latency, long records,
            long fsyncs, long groups) {
        public double commitsPerSecond() {
            return commits / seconds;
        }

        public double fsyncsPerSecond() {
            return fsyncs / seconds;
        }

        public double meanGroupSize() {
            return fsyncs == 0 ? Double.NaN : (double) records / fsyncs;
        }
    }

    /** A log measurement and the record-sized device loop measured just before it in the same run. */
    record Sample(LogResult log, ForceResult device) {
        double rateRatio() {
            return log.commitsPerSecond() / device.perSecond();
        }

        double p50Ratio() {
            return log.latency().p50Micros() / device.latency().p50Micros();
        }
    }

    private record Settings(List<Integer> writers, Duration measure, Duration warmup, int runs, int payloadBytes,
            short type, ThreadKind threads, Path root) {
        static Settings from(BenchArgs args) {
            Settings s = new Settings(args.intList("writers"), args.duration("seconds"), args.duration("warmup"),
                    args.intValue("runs"), args.bytes("payload"), (short) args.intValue("type"),
                    ThreadKind.parse(args.string("threads")), args.path("dir").toAbsolutePath());
            if (s.writers.stream().anyMatch(w -> w < 1)) {
                throw new IllegalArgumentException("--writers must all be at least 1");
            }
            if (s.runs < 1 || s.measure.isZero()) {
                throw new IllegalArgumentException("--runs and --seconds must be positive");
            }
            if (s.payloadBytes < 0 || s.payloadBytes > RecordFormat.MAX_PAYLOAD) {
                throw new IllegalArgumentException("--payload must be 0.." + RecordFormat.MAX_PAYLOAD);
            }
            return s;
        }

        int recordBytes() {
            return RecordFormat.RECORD_HEADER_SIZE + payloadBytes;
        }

        LogConfig config(int writerCount) {
            return new LogConfig(writerCount, threads, type, payloadBytes, warmup, measure);
        }
    }

    public static void main(String[] argv) throws Exception {
        BenchArgs args = new BenchArgs("log", """
                Command-log append throughput and p50/p99 commit latency with fsync per commit, at several
                numbers of concurrent writers, beside this disk's own fsync rate measured in the same run.""")
                .option("writers", "1,16,64", "comma-separated numbers of concurrent writers")
                .option("seconds", "5", "measured time per configuration and run (5, 1.5, 500ms)")
                .option("warmup", "2", "unmeasured time before each measurement")
                .option("runs", "3", "repetitions of every configuration; tables show the median")
                .option("payload", "128", "payload bytes per record (the log adds a 32-byte header)")
                .option("type", "0x8001", "record type")
                .option("threads", "virtual", "writer threads: virtual (as the server) or platform")
                .option("dir", BenchDir.defaultRoot().toString(),
                        "root for the data; a fresh directory is made inside it and deleted at the end")
                .parseOrExit(argv);
        Settings settings;
        try {
            settings = Settings.from(args);
        } catch (IllegalArgumentException e) {
            Console.error(e.getMessage());
            System.exit(2);
            return;
        }
        run(settings);
    }

    private static void run(Settings s) throws IOException, InterruptedException {
        Path work = BenchDir.createFresh(s.root(), "log-");
        try {
            MachineFacts facts = MachineFacts.collect(work);
            if (facts.memoryBacked()) {
                facts.put("WARNING", "the data dir is in memory; fsync is free there and the figures say nothing"
                        + " about a disk");
                Console.warn(work + " is on " + BenchDir.fileSystemType(work) + " (memory): fsync does not reach "
                        + "a device there, so none of these figures say anything about a disk. Use --dir on a "
                        + "disk-backed filesystem.");
            }
            long perRun = (s.warmup().toMillis() + s.measure().toMillis()) * (2 + s.writers().size());
            Console.progress("log bench: %d run(s) x %d configurations, about %d s in all; data in %s", s.runs(),
                    2 + s.writers().size(), perRun * s.runs() / 1000, work);

            List<ForceResult> deviceRecord = new ArrayList<>();
            List<ForceResult> devicePage = new ArrayList<>();
            Map<Integer, List<Sample>> samples = new LinkedHashMap<>();
            for (int run = 1; run <= s.runs(); run++) {
                ForceResult record = forceStep(work, run, s.recordBytes(), s);
                deviceRecord.add(record);
                devicePage.add(forceStep(work, run, PAGE_BYTES, s));
                for (int writers : s.writers()) {
                    Path dir = work.resolve("run" + run + "-log-" + writers + "w");
                    LogResult result = measureLog(dir, s.config(writers));
                    BenchDir.deleteRecursively(dir);
                    Sample sample = new Sample(result, record);
                    samples.computeIfAbsent(writers, k -> new ArrayList<>()).add(sample);
                    Console.progress("  run %d  log %2d writer(s): %s commits/s, p50 %s us, group %s, %s the device fsync rate",
                            run, writers, TextTable.rate(result.commitsPerSecond()),
                            TextTable.micros(result.latency().p50Micros()),
                            TextTable.number(result.meanGroupSize(), 1), TextTable.ratio(sample.rateRatio()));
                }
            }
            facts.put("workload", "record type 0x" + Integer.toHexString(s.type() & 0xffff) + ", payload "
                    + s.payloadBytes() + " B (" + s.recordBytes() + " B on disk); fsync "
                    + FsyncPolicy.PER_COMMIT.configName() + "; writers on " + s.threads().name()
                    .toLowerCase(Locale.ROOT) + " threads, each looping append(...).join()");
            facts.put("runs", s.runs() + " x (" + seconds(s.warmup()) + " s warmup + " + seconds(s.measure())
                    + " s measured) per configuration; figures are medians over runs");
            Console.out(report(facts, s, deviceRecord, devicePage, samples));
        } finally {
            BenchDir.deleteRecursively(work);
        }
    }

    private static ForceResult forceStep(Path work, int run, int bytes, Settings s) throws IOException {
        Path dir = work.resolve("run" + run + "-fsync-" + bytes);
        ForceResult result = measureForce(dir, bytes, s.warmup(), s.measure());
        BenchDir.deleteRecursively(dir);
        Console.progress("  run %d  device write %5d B + force: %s fsyncs/s, p50 %s us, p99 %s us", run, bytes,
                TextTable.rate(result.perSecond()), TextTable.micros(result.latency().p50Micros()),
                TextTable.micros(result.latency().p99Micros()));
        return result;
    }

    /**
     * The device's own rate: append {@code bytes} to a file and {@code force(false)} it, in a loop, exactly the
     * two calls the log's writer makes per group (it writes without preallocation too, so both pay for the file
     * growing). Only operations that start after the warmup and end before the deadline count.
     */
    public static ForceResult measureForce(Path dir, int bytes, Duration warmup, Duration measure)
            throws IOException {
        Files.createDirectories(dir);
        ByteBuffer data = ByteBuffer.allocateDirect(bytes);
        byte[] fill = new byte[bytes];
        new Random(42).nextBytes(fill);
        data.put(fill).flip();
        LatencyStats latency = new LatencyStats();
        long operations = 0;
        int fileNo = 0;
        Path file = dir.resolve("fsync-" + fileNo + ".dat");
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            long written = 0;
            long start = System.nanoTime() + warmup.toNanos();
            long end = start + measure.toNanos();
            while (true) {
                if (written + bytes > DEVICE_FILE_BYTES) {
                    ch.close();
                    Files.delete(file);
                    file = dir.resolve("fsync-" + ++fileNo + ".dat");
                    ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    written = 0;
                }
                data.rewind();
                long t0 = System.nanoTime();
                while (data.hasRemaining()) {
                    ch.write(data);
                }
                ch.force(false);
                long t1 = System.nanoTime();
                written += bytes;
                if (t1 >= end) {
                    break;
                }
                if (t0 >= start) {
                    latency.recordNanos(t1 - t0);
                    operations++;
                }
            }
        } finally {
            ch.close();
        }
        return new ForceResult(bytes, operations, measure.toNanos() / 1e9, latency);
    }

    /**
     * Opens a fresh log in {@code dir} (fsync per commit, 64 MiB segments), runs {@code c.writers()} threads that
     * each loop {@code append(...).join()} for the warmup and the measured window, and returns what the window
     * saw. A commit counts when it starts after the warmup and completes before the deadline; its latency runs
     * from the append call to join returning, so it includes queueing behind the group being forced.
     */
    public static LogResult measureLog(Path dir, LogConfig c) throws InterruptedException {
        byte[] payload = new byte[c.payloadBytes()];
        new Random(42).nextBytes(payload);
        try (FileCommandLog log = FileCommandLog.open(LogOptions.defaults(dir), null)) {
            long start = System.nanoTime() + c.warmup().toNanos();
            long end = start + c.measure().toNanos();
            List<Writer> writers = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < c.writers(); i++) {
                Writer w = new Writer(log, c.type(), payload, start, end);
                writers.add(w);
                threads.add(c.threads().builder("log-writer-" + i).start(w));
            }
            sleepUntil(start);
            Map<String, Double> before = metrics(log);
            sleepUntil(end);
            Map<String, Double> after = metrics(log);
            for (Thread t : threads) {
                t.join();
            }
            for (Writer w : writers) {
                if (w.failure != null) {
                    throw new IllegalStateException("a writer failed: " + w.failure.getMessage(), w.failure);
                }
            }
            long commits = writers.stream().mapToLong(w -> w.commits).sum();
            LatencyStats latency = LatencyStats.merge(writers.stream().map(w -> w.latency).toList());
            return new LogResult(c.writers(), commits, c.measure().toNanos() / 1e9, latency,
                    delta(before, after, "nodedb_wal_records_total"), delta(before, after, "nodedb_wal_fsyncs_total"),
                    delta(before, after, "nodedb_wal_groups_total"));
        }
    }

    private static final class Writer implements Runnable {
        private final FileCommandLog log;
        private final short type;
        private final byte[] payload;
        private final long start;
        private final long end;
        // Written by the writer thread only, read after Thread.join.
        final LatencyStats latency = new LatencyStats();
        long commits;
        Throwable failure;

        Writer(FileCommandLog log, short type, byte[] payload, long start, long end) {
            this.log = log;
            this.type = type;
            this.payload = payload;
            this.start = start;
            this.end = end;
        }

        @Override
        public void run() {
            try {
                while (true) {
                    long t0 = System.nanoTime();
                    log.append(type, payload).join();
                    long t1 = System.nanoTime();
                    if (t1 >= end) {
                        return;
                    }
                    if (t0 >= start) {
                        latency.recordNanos(t1 - t0);
                        commits++;
                    }
                }
            } catch (CompletionException e) {
                failure = e.getCause() != null ? e.getCause() : e;
            } catch (RuntimeException | Error e) {
                failure = e;
            }
        }
    }

    private static void sleepUntil(long deadlineNanos) throws InterruptedException {
        for (long left; (left = deadlineNanos - System.nanoTime()) > 0; ) {
            Thread.sleep(Duration.ofNanos(left));
        }
    }

    /** The log's counters, read the way a scraper would: from its Prometheus text. */
    static Map<String, Double> metrics(FileCommandLog log) {
        StringBuilder text = new StringBuilder();
        log.writeMetrics(new PrometheusWriter(text));
        Map<String, Double> values = new HashMap<>();
        for (String line : text.toString().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            if (space > 0 && line.indexOf('{') < 0) {
                values.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return values;
    }

    private static long delta(Map<String, Double> before, Map<String, Double> after, String name) {
        Double a = after.get(name);
        Double b = before.get(name);
        if (a == null || b == null) {
            throw new IllegalStateException("the log no longer reports " + name);
        }
        return Math.round(a - b);
    }

    private static String report(MachineFacts facts, Settings s, List<ForceResult> deviceRecord,
            List<ForceResult> devicePage, Map<Integer, List<Sample>> samples) {
        TextTable device = new TextTable("device: write + force(false)", "bytes", "fsyncs/s", "p50 us", "p99 us",
                "p99.9 us", "fsyncs/s min-max");
        deviceRow(device, "record-sized (a group of one)", deviceRecord);
        deviceRow(device, "4 KiB", devicePage);

        TextTable log = new TextTable("writers", "commits/s", "p50 us", "p99 us", "p99.9 us", "records/fsync",
                "fsyncs/s", "x device fsync rate", "p50 / device p50", "commits/s min-max");
        for (Map.Entry<Integer, List<Sample>> e : samples.entrySet()) {
            List<Sample> runs = e.getValue();
            log.row(String.valueOf(e.getKey()),
                    TextTable.rate(Stats.median(runs, x -> x.log().commitsPerSecond())),
                    TextTable.micros(Stats.median(runs, x -> x.log().latency().p50Micros())),
                    TextTable.micros(Stats.median(runs, x -> x.log().latency().p99Micros())),
                    TextTable.micros(Stats.median(runs, x -> x.log().latency().p999Micros())),
                    TextTable.number(Stats.median(runs, x -> x.log().meanGroupSize()), 1),
                    TextTable.rate(Stats.median(runs, x -> x.log().fsyncsPerSecond())),
                    TextTable.ratio(Stats.median(runs, Sample::rateRatio)),
                    TextTable.ratio(Stats.median(runs, Sample::p50Ratio)),
                    TextTable.rate(Stats.min(runs, x -> x.log().commitsPerSecond())) + " - "
                            + TextTable.rate(Stats.max(runs, x -> x.log().commitsPerSecond())));
        }

        String notes = String.join("\n",
                "- device rows: a plain loop appending the given bytes to a file and calling FileChannel.force(false)"
                        + " (fdatasync), in the same directory and run as the log.",
                "- x device fsync rate: log commits/s divided by the record-sized device loop's fsyncs/s of the same"
                        + " run; p50 / device p50 likewise for the median latency. Ratios are taken per run, then"
                        + " the median over runs, so they need not equal the ratio of the medians shown.",
                "- records/fsync: mean group-commit size, from the log's nodedb_wal_records_total and"
                        + " nodedb_wal_fsyncs_total over the measured window.",
                "- commit latency: from append() to join() returning on the writer thread, so it includes waiting"
                        + " for the group ahead to be forced.");

        StringBuilder out = new StringBuilder();
        String title = "NodeDB command log: group commit vs. this disk's fsync";
        out.append(title).append('\n').append("=".repeat(title.length())).append("\n\n");
        out.append(facts.fixedWidth()).append('\n');
        out.append(device.fixedWidth()).append('\n');
        out.append(log.fixedWidth()).append('\n');
        out.append("per run (device record-sized fsyncs/s | log commits/s by writers):\n");
        for (int run = 0; run < s.runs(); run++) {
            int r = run;
            out.append(String.format(Locale.ROOT, "  run %d: device %s | ", run + 1,
                    TextTable.rate(deviceRecord.get(run).perSecond())));
            out.append(samples.entrySet().stream().map(e -> e.getKey() + "w " + TextTable.rate(
                    e.getValue().get(r).log().commitsPerSecond())).collect(Collectors.joining(", ")));
            out.append('\n');
        }
        out.append('\n').append(notes).append("\n\n");
        out.append("---- markdown (for docs/benchmarks.md) ----\n\n");
        out.append("### ").append(title).append("\n\n");
        out.append(facts.markdown()).append('\n');
        out.append(device.markdown()).append('\n');
        out.append(log.markdown()).append('\n');
        out.append(notes).append('\n');
        return out.toString();
    }

    private static void deviceRow(TextTable table, String label, List<ForceResult> runs) {
        table.row(label, String.valueOf(runs.getFirst().bytes()),
                TextTable.rate(Stats.median(runs, ForceResult::perSecond)),
                TextTable.micros(Stats.median(runs, r -> r.latency().p50Micros())),
                TextTable.micros(Stats.median(runs, r -> r.latency().p99Micros())),
                TextTable.micros(Stats.median(runs, r -> r.latency().p999Micros())),
                TextTable.rate(Stats.min(runs, ForceResult::perSecond)) + " - "
                        + TextTable.rate(Stats.max(runs, ForceResult::perSecond)));
    }

    private static String seconds(Duration d) {
        double s = d.toNanos() / 1e9;
        return s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s);
    }
}
