package io.nodedb.bench;

import io.nodedb.core.db.Database;
import io.nodedb.core.db.DatabaseOptions;
import io.nodedb.core.kv.KvEngine;
import io.nodedb.core.kv.KvOp;
import io.nodedb.core.kv.SlabAllocator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The key-value engine embedded, without a network: GET of random keys from a loaded collection, PUT through the
 * log (in-memory database, so no fsync: the cost of encoding, logging and applying), and slab allocate+free pairs.
 * A plain timed loop per figure (warmup, then measured runs, median), not JMH: enough to see orders of magnitude
 * and regressions, not nanosecond differences.
 */
public final class KvBench {
    private KvBench() {
    }

    public static void main(String[] argv) throws Exception {
        BenchArgs args = new BenchArgs("kv", """
                Embedded key-value engine: random GETs on a loaded collection (one thread), PUTs in batches through
                the log of an in-memory database, and slab allocate+free pairs per size class.""")
                .option("keys", "1000000", "keys loaded before measuring GET")
                .option("value", "100", "value bytes")
                .option("batch", "100", "PUTs per log record")
                .option("seconds", "3", "measured time per figure and run")
                .option("runs", "3", "repetitions; the median is reported")
                .parseOrExit(argv);
        int keys = args.intValue("keys");
        int valueBytes = args.intValue("value");
        int batch = args.intValue("batch");
        long window = args.duration("seconds").toNanos();
        int runs = args.intValue("runs");
        byte[] value = new byte[valueBytes];
        TextTable table = new TextTable("operation", "ops/s (median)", "ns/op", "runs");
        try (Database db = Database.open(DatabaseOptions.inMemory().withMemoryLimitBytes(8L << 30))) {
            db.submitKv(List.of(new KvOp.CreateKvCollection("bench", 0, 0)));
            long t0 = System.nanoTime();
            for (int from = 0; from < keys; from += 1000) {
                List<KvOp> ops = new ArrayList<>(1000);
                for (int i = from; i < Math.min(keys, from + 1000); i++) {
                    ops.add(new KvOp.Put("bench", key(i), value));
                }
                db.submitKv(ops);
            }
            Console.progress("loaded %,d keys in %.1f s", keys, (System.nanoTime() - t0) / 1e9);
            KvEngine kv = db.kv();
            double[] get = new double[runs];
            double[] put = new double[runs];
            byte[][] probe = new byte[1 << 16][];
            SplittableRandom rnd = new SplittableRandom(42);
            for (int i = 0; i < probe.length; i++) {
                probe[i] = key(rnd.nextInt(keys));
            }
            for (int run = -1; run < runs; run++) { // run -1 is the warmup
                long n = 0;
                long start = System.nanoTime();
                long end = start + window;
                long found = 0;
                while (System.nanoTime() < end) {
                    for (int i = 0; i < 1024; i++) {
                        found += kv.get("bench", probe[(int) (n++ & (probe.length - 1))]) != null ? 1 : 0;
                    }
                }
                if (found != n) {
                    throw new IllegalStateException("missing keys: " + (n - found));
                }
                double getRate = n / ((System.nanoTime() - start) / 1e9);
                n = 0;
                start = System.nanoTime();
                end = start + window;
                int next = keys;
                while (System.nanoTime() < end) {
                    List<KvOp> ops = new ArrayList<>(batch);
                    for (int i = 0; i < batch; i++) {
                        ops.add(new KvOp.Put("bench", key(keys + (next++ % keys)), value));
                    }
                    db.submitKv(ops);
                    n += batch;
                }
                double putRate = n / ((System.nanoTime() - start) / 1e9);
                if (run >= 0) {
                    get[run] = getRate;
                    put[run] = putRate;
                }
                Console.progress("run %d: GET %s/s, PUT %s/s", run, TextTable.rate(getRate),
                        TextTable.rate(putRate));
            }
            row(table, "GET random key, " + keys + " keys, " + valueBytes + " B values", get);
            row(table, "PUT, batches of " + batch + " per log record (in-memory log)", put);
        }
        try (SlabAllocator slab = new SlabAllocator()) {
            for (int size : new int[] {100, 1000, 4000}) {
                byte[] v = new byte[size];
                int[] handles = new int[1024];
                double[] rates = new double[runs];
                for (int run = -1; run < runs; run++) {
                    long n = 0;
                    long start = System.nanoTime();
                    long end = start + window;
                    while (System.nanoTime() < end) {
                        for (int i = 0; i < handles.length; i++) {
                            handles[i] = slab.allocate(v);
                        }
                        for (int h : handles) {
                            slab.free(h, size);
                        }
                        n += handles.length;
                    }
                    if (run >= 0) {
                        rates[run] = n / ((System.nanoTime() - start) / 1e9);
                    }
                }
                row(table, "slab allocate+free, " + size + " B", rates);
            }
        }
        Console.out(table.markdown());
    }

    private static void row(TextTable table, String label, double[] rates) {
        double m = Stats.median(rates);
        table.row(label, TextTable.rate(m), String.format(Locale.ROOT, "%.0f", 1e9 / m), String.valueOf(rates.length));
    }

    private static byte[] key(int i) {
        return String.format(Locale.ROOT, "key:%010d", i).getBytes(StandardCharsets.US_ASCII);
    }
}
