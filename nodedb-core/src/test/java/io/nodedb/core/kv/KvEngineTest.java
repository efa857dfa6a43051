package io.nodedb.core.kv;

import io.nodedb.core.engine.ApplyResult;
import io.nodedb.core.engine.RecordTypes;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.metrics.PrometheusWriter;
import io.nodedb.core.testing.NoLeakedFiles;
import io.nodedb.core.testing.Seeds;
import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueCodec;
import io.nodedb.core.wal.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Applying batches: results, errors, atomicity, budgets, TTL, index and concurrent readers (in memory). */
@ExtendWith({Seeds.class, NoLeakedFiles.class})
class KvEngineTest {
    static final long S = 1_000_000L;
    static final long T0 = 1_700_000_000L * S;

    long clock = T0;
    long lsn;
    final List<KvEngine> open = new ArrayList<>();

    @AfterEach
    void closeEngines() {
        open.forEach(KvEngine::close);
    }

    KvOptions options() {
        return KvOptions.defaults().withClock(() -> clock).withReaper(Duration.ZERO, 1024).withHashSeed(7)
                .withInitialCapacity(16);
    }

    KvEngine engine(KvOptions o) {
        KvEngine e = new KvEngine(null, o);
        open.add(e);
        return e;
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] msgpack(Object v) {
        return ValueCodec.encode(Value.of(v));
    }

    LogRecord record(KvOp... ops) {
        return new LogRecord(++lsn, RecordTypes.KV_BATCH, KvOpCodec.encode(new KvBatch(clock, List.of(ops))));
    }

    ApplyResult apply(KvEngine e, KvOp... ops) {
        return e.applyBatch(record(ops));
    }

    static String str(KvValue v) {
        return v == null ? null : new String(v.value(), StandardCharsets.UTF_8);
    }

    @Test
    void putGetDeleteAndConditionalModes() {
        KvEngine e = engine(options());
        assertThat(apply(e, new KvOp.CreateKvCollection("c", 0, 0)).affected()).containsExactly(1L);
        ApplyResult r = apply(e, new KvOp.Put("c", b("a"), b("1")),
                new KvOp.Put("c", b("a"), b("2"), 0, KvOp.PutMode.NX),
                new KvOp.Put("c", b("b"), b("3"), 0, KvOp.PutMode.XX),
                new KvOp.Put("c", b("big"), new byte[5000]),
                new KvOp.Delete("c", b("zzz")));
        assertThat(r.isOk()).isTrue();
        assertThat(r.affected()).containsExactly(1L, 0L, 0L, 1L, 0L);
        assertThat(r.returned()).containsOnly(Value.NULL);
        assertThat(str(e.get("c", b("a")))).isEqualTo("1");
        assertThat(e.get("c", b("b"))).isNull();
        assertThat(e.get("c", b("big")).value()).hasSize(5000);
        assertThat(apply(e, new KvOp.Delete("c", b("a"))).affected()).containsExactly(1L);
        assertThat(e.get("c", b("a"))).isNull();
        assertThat(e.size("c")).isEqualTo(1);
        assertThat(e.exists("c")).isTrue();
    }

    @Test
    void atomicsReturnTheirResults() {
        KvEngine e = engine(options());
        apply(e, new KvOp.CreateKvCollection("c", 0, 0), new KvOp.Put("c", b("s"), msgpack("10")));
        ApplyResult r = apply(e, new KvOp.Incr("c", b("n"), 5, 0), new KvOp.Incr("c", b("n"), -7, 0),
                new KvOp.Incr("c", b("s"), 1, 0), new KvOp.IncrFloat("c", b("f"), 0.25, 0),
                new KvOp.IncrFloat("c", b("n"), 0.5, 0),
                new KvOp.Cas("c", b("x"), null, b("first"), 0), new KvOp.Cas("c", b("x"), null, b("again"), 0),
                new KvOp.Cas("c", b("x"), b("first"), b("second"), 0),
                new KvOp.GetSet("c", b("x"), b("third"), 0), new KvOp.GetSet("c", b("y"), b("v"), 0));
        assertThat(r.error()).isNull();
        assertThat(r.returned()).containsExactly(new Value.Int(5), new Value.Int(-2), new Value.Int(11),
                new Value.Float(0.25), new Value.Float(-1.5), Value.TRUE, Value.FALSE, Value.TRUE,
                new Value.Bytes(b("second")), Value.NULL);
        assertThat(r.affected()).containsExactly(1L, 1L, 1L, 1L, 1L, 1L, 0L, 1L, 1L, 1L);
        assertThat(ValueCodec.decode(e.get("c", b("s")).value())).isEqualTo(new Value.Int(11));
        assertThat(str(e.get("c", b("x")))).isEqualTo("third");
    }

    @Test
    void overflowRejectsTheWholeBatch() {
        KvEngine e = engine(options());
        apply(e, new KvOp.CreateKvCollection("c", 0, 0), new KvOp.Put("c", b("n"), msgpack(Long.MAX_VALUE - 1)));
        ApplyResult r = apply(e, new KvOp.Put("c", b("other"), b("x")), new KvOp.Incr("c", b("n"), 1, 0), new KvOp.CreateKvCollection("d", 0, 0),
                new KvOp.Incr("c", b("n"), 5, 0));
        assertThat(r.isOk()).isFalse();
        assertThat(r.error().state()).isEqualTo(SqlState.NUMERIC_VALUE_OUT_OF_RANGE);
        assertThat(e.get("c", b("other"))).isNull();
        assertThat(ValueCodec.decode(e.get("c", b("n")).value())).isEqualTo(new Value.Int(Long.MAX_VALUE - 1));
        assertThat(e.exists("d")).isFalse();
        assertThat(apply(e, new KvOp.IncrFloat("c", b("n"), Double.MAX_VALUE, 0)).isOk()).isTrue();
        assertThat(apply(e, new KvOp.IncrFloat("c", b("n"), Double.MAX_VALUE, 0)).error().state())
                .isEqualTo(SqlState.NUMERIC_VALUE_OUT_OF_RANGE);
    }

    @Test
    void nonNumericValuesAreRejected() {
        KvEngine e = engine(options());
        apply(e, new KvOp.CreateKvCollection("c", 0, 0), new KvOp.Put("c", b("t"), msgpack("ten")),
                new KvOp.Put("c", b("raw"), b("\u00ff\u00fe")), new KvOp.Put("c", b("f"), msgpack(1.5)));
        for (KvOp op : List.of(new KvOp.Incr("c", b("t"), 1, 0), new KvOp.Incr("c", b("raw"), 1, 0),
                new KvOp.Incr("c", b("f"), 1, 0), new KvOp.IncrFloat("c", b("t"), 1, 0))) {
            assertThat(apply(e, op).error().state()).as(op.toString()).isEqualTo(SqlState.CANNOT_COERCE);
        }
        assertThat(ValueCodec.decode(e.get("c", b("t")).value())).isEqualTo(new Value.Str("ten"));
    }

    @Test
    void insertModeRejectsTheWholeBatchOnAnExistingKey() {
        KvEngine e = engine(options());
        apply(e, new KvOp.CreateKvCollection("c", 0, 0), new KvOp.Put("c", b("a"), b("1")));
        ApplyResult r = apply(e, new KvOp.Put("c", b("new"), b("2"), KvOp.TTL_DEFAULT, KvOp.PutMode.INSERT),
                new KvOp.Put("c", b("a"), b("3"), KvOp.TTL_DEFAULT, KvOp.PutMode.INSERT));
        assertThat(r.error().state()).isEqualTo(SqlState.UNIQUE_VIOLATION);
        assertThat(e.get("c", b("new"))).isNull();
        assertThat(str(e.get("c", b("a")))).isEqualTo("1");
        assertThat(apply(e, new KvOp.Put("c", b("new"), b("2"), KvOp.TTL_DEFAULT, KvOp.PutMode.INSERT))
                .affected()).containsExactly(1L);
    }

    @Test
    void catalogErrors() {
        KvEngine e = engine(options());
        assertThat(apply(e, new KvOp.Put("nope", b("k"), b("v"))).error().state()).isEqualTo(SqlState.UNDEFINED_TABLE);
        apply(e, new KvOp.CreateKvCollection("c", 0, 0));
        assertThat(apply(e, new KvOp.CreateKvCollection("c", 0, 0)).error().state())
                .isEqualTo(SqlState.DUPLICATE_TABLE);
        assertThat(apply(e, new KvOp.CreateKvCollection("c", 0, 0, true)).affected()).containsExactly(0L);
        assertThat(apply(e, new KvOp.DropKvCollection("x", true)).affected()).containsExactly(0L);
        assertThat(apply(e, new KvOp.Expire("c", b("k"), 0)).error().state())
                .isEqualTo(SqlState.INVALID_PARAMETER_VALUE);
        // Drop and re-create in one batch: the new collection starts empty.
        apply(e, new KvOp.Put("c", b("k"), b("v")));
        assertThat(apply(e, new KvOp.DropKvCollection("c", false), new KvOp.CreateKvCollection("c", 0, 0),
                new KvOp.Put("c", b("k2"), b("v2"))).isOk()).isTrue();
        assertThat(e.get("c", b("k"))).isNull();
        assertThat(str(e.get("c", b("k2")))).isEqualTo("v2");
        assertThat(apply(e, new KvOp.DropKvCollection("c", false)).isOk()).isTrue();
        assertThat(e.exists("c")).isFalse();
        assertThat(apply(e, new KvOp.DropKvCollection("c", false)).error().state()).isEqualTo(SqlState.UNDEFINED_TABLE);
    }

    @Test
    void aCollectionBudgetRejectsTheBatchAndEvictsNothing() {
        KvEngine e = engine(options());
        apply(e, new KvOp.CreateKvCollection("c", 0, 4000));
        int stored = 0;
        ApplyResult r;
        while ((r = apply(e, new KvOp.Put("c", b("k" + stored), new byte[200]))).isOk()) {
            stored++;
        }
        assertThat(r.error().state()).isEqualTo(SqlState.OUT_OF_MEMORY);
        assertThat(r.error().getMessage()).contains("\"c\"", "4000");
        assertThat(stored).isBetween(5, 20);
        for (int i = 0; i < stored; i++) {
            assertThat(e.get("c", b("k" + i))).as("k%d kept", i).isNotNull();
        }
        assertThat(e.get("c", b("k" + stored))).isNull();
        // A batch that grows and shrinks back fits; one of deletes always does.
        assertThat(apply(e, new KvOp.Put("c", b("tmp"), new byte[200]), new KvOp.Delete("c", b("tmp"))).isOk()).isTrue();
        assertThat(apply(e, new KvOp.Delete("c", b("k0"))).isOk()).isTrue();
        assertThat(apply(e, new KvOp.Put("c", b("k0"), new byte[200])).isOk()).isTrue();
    }

    @Test
    void expiredKeysDoNotCountAgainstTheBudgetWhetherOrNotReaped() {
        for (boolean reapFirst : new boolean[] {false, true}) {
            clock = T0;
            KvEngine e = engine(options());
            apply(e, new KvOp.CreateKvCollection("c", 0, 3000));
            for (int i = 0; i < 5; i++) {
                assertThat(apply(e, new KvOp.Put("c", b("t" + i), new byte[200], T0 + 10 * S, KvOp.PutMode.SET))
                        .isOk()).isTrue();
            }
            assertThat(apply(e, new KvOp.Put("c", b("x"), new byte[2000])).error().state())
                    .isEqualTo(SqlState.OUT_OF_MEMORY);
            clock = T0 + 20 * S;
            apply(e, new KvOp.Delete("c", b("nothing"))); // moves the log time past the expiry
            if (reapFirst) {
                assertThat(e.reap()).isEqualTo(5);
            }
            assertThat(apply(e, new KvOp.Put("c", b("x"), new byte[2000])).isOk()).as("reaped first: %s", reapFirst)
                    .isTrue();
        }
    }

    @Test
    void theNodeBudgetCoversAllCollections() {
        KvEngine e = engine(options().withMemoryBudget(10_000));
        apply(e, new KvOp.CreateKvCollection("a", 0, 0), new KvOp.CreateKvCollection("b", 0, 0));
        assertThat(apply(e, new KvOp.Put("a", b("k"), new byte[4000])).isOk()).isTrue();
        assertThat(apply(e, new KvOp.Put("b", b("k"), new byte[4000])).isOk()).isTrue();
        ApplyResult r = apply(e, new KvOp.Put("b", b("k2"), new byte[4000]));
        assertThat(r.error().state()).isEqualTo(SqlState.OUT_OF_MEMORY);
        assertThat(r.error().getMessage()).contains("node");
        assertThat(e.get("b", b("k2"))).isNull();
        StringBuilder metrics = new StringBuilder();
        e.writeMetrics(new PrometheusWriter(metrics));
        assertThat(metrics).contains("nodedb_kv_budget_rejections_total 1", "nodedb_kv_keys{collection=\"a\"} 1",
                "nodedb_kv_slab_fragmentation_ratio{class=\"4096\"}", "nodedb_kv_slab_bytes{class=\"large\"}");
    }

    @Test
    void ttlIsAbsoluteLazyOnReadAndDefaultsPerCollection() {
        KvEngine e = engine(options());
        apply(e, new KvOp.CreateKvCollection("c", 60 * S, 0),
                new KvOp.Put("c", b("d"), b("default")),
                new KvOp.Put("c", b("abs"), b("absolute"), T0 + 10 * S, KvOp.PutMode.SET),
                new KvOp.Put("c", b("p"), b("persisted")), new KvOp.Persist("c", b("p")));
        assertThat(e.get("c", b("d")).expireAtMicros()).isEqualTo(T0 + 60 * S);
        assertThat(e.get("c", b("p")).remainingTtlMicros()).isEqualTo(-1);
        clock = T0 + 4 * S;
        assertThat(e.get("c", b("abs")).remainingTtlMicros()).isEqualTo(6 * S);
        // INCR keeps an existing TTL; a plain put of an existing key takes the default again; KEEP keeps it.
        apply(e, new KvOp.Put("c", b("abs"), b("kept"), KvOp.TTL_KEEP, KvOp.PutMode.SET));
        assertThat(e.get("c", b("abs")).expireAtMicros()).isEqualTo(T0 + 10 * S);
        clock = T0 + 10 * S;
        assertThat(e.get("c", b("abs"))).as("expired exactly at its time").isNull();
        assertThat(e.size("c")).as("still stored until reaped").isEqualTo(3);
        // For writes it is absent too, judged by the batch's time: NX succeeds, XX does not.
        assertThat(apply(e, new KvOp.Put("c", b("abs"), b("new"), 0, KvOp.PutMode.XX)).affected()).containsExactly(0L);
        assertThat(apply(e, new KvOp.Put("c", b("abs"), b("new"), 0, KvOp.PutMode.NX)).affected()).containsExactly(1L);
        assertThat(apply(e, new KvOp.Expire("c", b("p"), T0 + 5 * S)).affected()).as("past time deletes").containsExactly(1L);
        assertThat(e.get("c", b("p"))).isNull();
        assertThat(apply(e, new KvOp.Expire("c", b("d"), T0 + 100 * S)).affected()).containsExactly(1L);
        assertThat(e.get("c", b("d")).expireAtMicros()).isEqualTo(T0 + 100 * S);
    }

    @Test
    void theReaperRespectsItsBudgetAndNeverRunsAheadOfTheLog() {
        KvEngine e = engine(options().withReaper(Duration.ZERO, 10));
        List<KvOp> ops = new ArrayList<>();
        ops.add(new KvOp.CreateKvCollection("c", 0, 0));
        for (int i = 0; i < 35; i++) {
            ops.add(new KvOp.Put("c", b("k" + i), b("v"), T0 + 5 * S, KvOp.PutMode.SET));
        }
        ops.add(new KvOp.Put("c", b("forever"), b("v")));
        e.applyBatch(new LogRecord(++lsn, RecordTypes.KV_BATCH, KvOpCodec.encode(new KvBatch(clock, ops))));
        clock = T0 + 3600 * S;
        // The clock says everything expired, but the log's time is still T0: a record stamped before the expiry
        // could still be on its way and must find the keys, so the reaper waits.
        assertThat(e.reap()).isZero();
        assertThat(e.size("c")).isEqualTo(36);
        apply(e, new KvOp.Delete("c", b("unrelated")));
        assertThat(e.reap()).isEqualTo(10);
        assertThat(e.reap()).isEqualTo(10);
        assertThat(e.size("c")).isEqualTo(16);
        while (e.reap() > 0) {
            // drain
        }
        assertThat(e.size("c")).isEqualTo(1);
        assertThat(e.get("c", b("forever"))).isNotNull();
    }

    @Test
    void theReaperThreadStartsWithTheFirstCollectionAndThenReapsOnItsOwn() throws Exception {
        Set<Thread> earlier = reaperThreads(); // other tests' engines, closed but perhaps still exiting
        KvEngine e = engine(options().withReaper(Duration.ofMillis(5), 1024));
        Thread.sleep(50);
        assertThat(reaperThreads()).as("no collection, no reaper thread").isSubsetOf(earlier);
        apply(e, new KvOp.CreateKvCollection("c", 0, 0), new KvOp.Put("c", b("k"), b("v"), T0 + S, KvOp.PutMode.SET));
        clock = T0 + 2 * S;
        apply(e, new KvOp.Delete("c", b("unrelated"))); // brings the log's time past the expiry
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (e.size("c") > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(e.size("c")).as("reaped by the engine's own thread").isZero();
        assertThat(reaperThreads()).isNotEmpty();
    }

    private static Set<Thread> reaperThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("nodedb-kv-reaper") && t.isAlive())
                .collect(Collectors.toSet());
    }

    @Test
    void recordsAtOrBelowTheAppliedLsnAreSkipped() {
        KvEngine e = engine(options());
        LogRecord create = record(new KvOp.CreateKvCollection("c", 0, 0));
        LogRecord incr = record(new KvOp.Incr("c", b("n"), 1, 0));
        e.applyBatch(create);
        assertThat(e.applyBatch(incr).returned()).containsExactly(new Value.Int(1));
        assertThat(e.applyBatch(incr).affected()).isEmpty();
        assertThat(ValueCodec.decode(e.get("c", b("n")).value())).isEqualTo(new Value.Int(1));
        assertThat(e.appliedLsn()).isEqualTo(incr.lsn());
        e.advanceTo(100);
        assertThat(e.checkpoint()).as("in memory: nothing to write, covers what was applied").isEqualTo(100);
    }

    @Test
    void truncateCountsLiveKeysAndKeepsIndexes() {
        KvEngine e = engine(options());
        apply(e, new KvOp.CreateKvCollection("c", 0, 0),
                new KvOp.CreateKvIndex("c", "by_city", List.of("city"), false),
                new KvOp.Put("c", b("a"), msgpack(java.util.Map.of("city", "Oslo"))),
                new KvOp.Put("c", b("b"), msgpack(java.util.Map.of("city", "Oslo"))),
                new KvOp.Put("c", b("c"), b("not an object"), T0 + S, KvOp.PutMode.SET));
        assertThat(e.lookup("c", "by_city", Value.of("Oslo"))).hasSize(2);
        clock = T0 + 2 * S;
        assertThat(apply(e, new KvOp.Truncate("c")).affected()).containsExactly(2L);
        assertThat(e.size("c")).isZero();
        apply(e, new KvOp.Put("c", b("d"), msgpack(java.util.Map.of("city", "Oslo"))));
        assertThat(e.lookup("c", "by_city", Value.of("Oslo"))).extracting(x -> new String(x.key(),
                StandardCharsets.UTF_8)).containsExactly("d");
    }

    @Test
    void indexesFollowPutsDeletesAndRollbacks() {
        KvEngine e = engine(options());
        apply(e, new KvOp.CreateKvCollection("c", 0, 0),
                new KvOp.Put("c", b("u1"), msgpack(java.util.Map.of("addr", java.util.Map.of("city", "Rome")))),
                new KvOp.CreateKvIndex("c", "city", List.of("addr", "city"), false));
        assertThat(e.lookup("c", "city", Value.of("Rome"))).hasSize(1);
        apply(e, new KvOp.Put("c", b("u1"), msgpack(java.util.Map.of("addr", java.util.Map.of("city", "Pisa")))),
                new KvOp.Put("c", b("u2"), msgpack(java.util.Map.of("addr", java.util.Map.of("city", "Pisa")))));
        assertThat(e.lookup("c", "city", Value.of("Rome"))).isEmpty();
        assertThat(e.lookup("c", "city", Value.of("Pisa"))).hasSize(2);
        ApplyResult failed = apply(e, new KvOp.Delete("c", b("u1")), new KvOp.Put("c", b("u3"),
                msgpack(java.util.Map.of("addr", java.util.Map.of("city", "Pisa")))), new KvOp.Incr("c", b("u2"), 1, 0));
        assertThat(failed.isOk()).isFalse();
        assertThat(e.lookup("c", "city", Value.of("Pisa"))).extracting(x -> new String(x.key(),
                StandardCharsets.UTF_8)).containsExactlyInAnyOrder("u1", "u2");
        apply(e, new KvOp.Delete("c", b("u1")));
        assertThat(e.lookup("c", "city", Value.of("Pisa"))).hasSize(1);
        assertThat(apply(e, new KvOp.CreateKvIndex("c", "city", List.of("x"), false)).error().state())
                .isEqualTo(SqlState.DUPLICATE_OBJECT);
        assertThat(apply(e, new KvOp.DropKvIndex("c", "city", false)).isOk()).isTrue();
        assertThat(apply(e, new KvOp.DropKvIndex("c", "city", false)).error().state())
                .isEqualTo(SqlState.UNDEFINED_OBJECT);
    }

    @Test
    void scanPagesWithMatchCoverEveryKeyOnce() {
        KvEngine e = engine(options());
        apply(e, new KvOp.CreateKvCollection("c", 0, 0));
        for (int i = 0; i < 500; i++) {
            apply(e, new KvOp.Put("c", b((i % 2 == 0 ? "user:" : "item:") + i), b("v" + i)));
        }
        List<String> seen = new ArrayList<>();
        long cursor = 0;
        do {
            KvScanPage page = e.scan("c", cursor, "user:*", 17);
            page.entries().forEach(x -> seen.add(new String(x.key(), StandardCharsets.UTF_8)));
            cursor = page.nextCursor();
        } while (cursor != 0);
        assertThat(seen).hasSize(250).doesNotHaveDuplicates().allMatch(k -> k.startsWith("user:"));
    }

    /**
     * Each batch moves one unit between two keys; a reader that sees a batch half-applied would see the sum
     * change. A scan reads the whole (small) collection under one read lock.
     */
    @Test
    void readersNeverSeeHalfABatch() throws Exception {
        KvEngine e = engine(options());
        apply(e, new KvOp.CreateKvCollection("c", 0, 0), new KvOp.Put("c", b("a"), msgpack(1000)),
                new KvOp.Put("c", b("b"), msgpack(0)));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<String> problem = new AtomicReference<>();
        Thread reader = Thread.ofPlatform().start(() -> {
            while (!stop.get()) {
                long sum = 0;
                for (KvEntry x : e.scan("c", 0, null, 100).entries()) {
                    sum += ValueCodec.decode(x.value()).asLong();
                }
                if (sum != 1000) {
                    problem.set("saw sum " + sum);
                }
            }
        });
        for (int i = 0; i < 3000; i++) {
            apply(e, new KvOp.Incr("c", b("a"), -1, 0), new KvOp.Incr("c", b("b"), 1, 0),
                    new KvOp.Put("c", b("filler" + (i % 50)), new byte[i % 300]));
        }
        stop.set(true);
        reader.join();
        assertThat(problem.get()).isNull();
    }
}
