package io.nodedb.bench.jmh;

import io.nodedb.core.db.Database;
import io.nodedb.core.db.DatabaseOptions;
import io.nodedb.core.engine.ApplyResult;
import io.nodedb.core.kv.KvEngine;
import io.nodedb.core.kv.KvOp;
import io.nodedb.core.kv.KvValue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The key-value engine embedded, as {@code KvBench} measures it with a timed loop: GET of an existing key
 * ({@link KvEngine#get}, no log involved) and PUT through the log of an in-memory database
 * ({@link Database#submitKv}: encode, append, hand to the applier thread, apply, wait), one put per log record and
 * 100 per record. Each benchmark method opens its own database for the trial; PUTs overwrite the loaded keys so the
 * collection does not grow while measuring.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class KvEmbeddedBenchmark {
    static final String COLLECTION = "bench";
    private static final int PROBES = 1 << 16;
    private static final int BATCH = 100;

    /** Bytes per value: 64 stays in the smallest slab class, 1 KB in the 1 KiB class. */
    @Param({"64", "1024"})
    public int valueBytes;

    /** Keys loaded before measuring; GETs pick among them, PUTs overwrite them. */
    @Param({"100000"})
    public int keys;

    private Database db;
    private KvEngine kv;
    private byte[][] keyBytes;
    private byte[][] probes;
    private byte[] value;

    /** Where each thread is in the probe sequence, so threads do not contend on a shared counter. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Setup(Level.Trial)
    public void open() {
        // In-memory: no fsync, so PUT is the engine's and the log's own cost. The in-memory log holds records until
        // a checkpoint trims them; checkpointing every second keeps a long PUT run from filling the heap with them.
        db = Database.open(DatabaseOptions.inMemory().withMemoryLimitBytes(4L << 30)
                .withCheckpointInterval(Duration.ofSeconds(1)));
        kv = db.kv();
        value = new byte[valueBytes];
        SplittableRandom random = new SplittableRandom(42);
        random.nextBytes(value);
        check(db.submitKv(List.of(new KvOp.CreateKvCollection(COLLECTION, 0, 0))));
        keyBytes = new byte[keys][];
        for (int i = 0; i < keys; i++) {
            keyBytes[i] = key(i);
        }
        for (int from = 0; from < keys; from += 1000) {
            List<KvOp> ops = new ArrayList<>(1000);
            for (int i = from; i < Math.min(keys, from + 1000); i++) {
                ops.add(new KvOp.Put(COLLECTION, keyBytes[i], value));
            }
            check(db.submitKv(ops));
        }
        probes = new byte[PROBES][];
        for (int i = 0; i < PROBES; i++) {
            probes[i] = keyBytes[random.nextInt(keys)];
            if (kv.get(COLLECTION, probes[i]) == null) {
                throw new IllegalStateException("loaded key missing: " + new String(probes[i], StandardCharsets.US_ASCII));
            }
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        if (db != null) {
            db.close();
            db = null;
        }
    }

    @Benchmark
    public void get(Cursor cursor, Blackhole bh) {
        KvValue v = kv.get(COLLECTION, probes[cursor.next++ & (PROBES - 1)]);
        bh.consume(v);
    }

    @Benchmark
    public void put(Cursor cursor, Blackhole bh) {
        int i = next(cursor);
        bh.consume(check(db.submitKv(List.of(new KvOp.Put(COLLECTION, keyBytes[i], value)))));
    }

    /** 100 puts in one log record, as {@code KvBench} measures; the score is per put. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void putBatch100(Cursor cursor, Blackhole bh) {
        List<KvOp> ops = new ArrayList<>(BATCH);
        for (int n = 0; n < BATCH; n++) {
            ops.add(new KvOp.Put(COLLECTION, keyBytes[next(cursor)], value));
        }
        bh.consume(check(db.submitKv(ops)));
    }

    private int next(Cursor cursor) {
        int i = cursor.next++;
        if (cursor.next == keys) {
            cursor.next = 0;
        }
        return i;
    }

    private static ApplyResult check(ApplyResult r) {
        if (r.error() != null) {
            throw r.error();
        }
        return r;
    }

    static byte[] key(int i) {
        return String.format(Locale.ROOT, "key:%010d", i).getBytes(StandardCharsets.US_ASCII);
    }
}
