package io.nodedb.bench.jmh;

import io.nodedb.core.kv.SlabAllocator;
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

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@link SlabAllocator} allocate+free pairs, one figure per size class (the sizes are the classes' slot sizes):
 * {@link #allocateFree} frees each slot straight away, so it measures the free-list pop and push on one hot slot
 * plus the copy of the value in; {@link #allocate1024ThenFree} holds 1,024 slots before freeing them, as
 * {@code KvBench} does, so the copies touch 1,024 different slots. Scores are pairs per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class SlabAllocatorBenchmark {
    private static final int HELD = 1024;

    @Param({"64", "128", "256", "512", "1024", "2048", "4096"})
    public int valueBytes;

    private SlabAllocator slab;
    private byte[] value;
    private final int[] handles = new int[HELD];

    @Setup(Level.Trial)
    public void open() {
        slab = new SlabAllocator();
        value = new byte[valueBytes];
        new SplittableRandom(42).nextBytes(value);
        // Carve the chunks once, so the first measured iteration is not the one that maps native memory.
        for (int i = 0; i < HELD; i++) {
            handles[i] = slab.allocate(value);
        }
        for (int h : handles) {
            slab.free(h, valueBytes);
        }
    }

    /** Releases the allocator's native memory (one shared arena). */
    @TearDown(Level.Trial)
    public void close() {
        if (slab != null) {
            slab.close();
            slab = null;
        }
    }

    @Benchmark
    public void allocateFree(Blackhole bh) {
        int h = slab.allocate(value);
        slab.free(h, valueBytes);
        bh.consume(h);
    }

    @Benchmark
    @OperationsPerInvocation(HELD)
    public void allocate1024ThenFree(Blackhole bh) {
        int[] held = handles;
        for (int i = 0; i < HELD; i++) {
            held[i] = slab.allocate(value);
        }
        for (int i = 0; i < HELD; i++) {
            slab.free(held[i], valueBytes);
        }
        bh.consume(held[HELD - 1]);
    }
}
