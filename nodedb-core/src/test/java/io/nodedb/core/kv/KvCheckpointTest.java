package io.nodedb.core.kv;

import io.nodedb.core.engine.ApplyResult;
import io.nodedb.core.engine.RecordTypes;
import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.testing.NoLeakedFiles;
import io.nodedb.core.testing.Seeds;
import io.nodedb.core.value.Value;
import io.nodedb.core.wal.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Snapshots, recovery and replay: a restarted engine must end in exactly the state of one that never stopped. */
@ExtendWith({Seeds.class, NoLeakedFiles.class})
class KvCheckpointTest {
    static final long S = 1_000_000L;
    static final long T0 = 1_700_000_000L * S;

    @TempDir
    Path dir;
    long clock = T0;
    long lastLsn;
    final List<LogRecord> log = new ArrayList<>();
    final List<KvEngine> open = new ArrayList<>();

    @AfterEach
    void closeEngines() {
        open.forEach(KvEngine::close);
    }

    KvEngine engine(Path d) {
        KvEngine e = new KvEngine(d, KvOptions.defaults().withClock(() -> clock).withReaper(Duration.ZERO, 100)
                .withInitialCapacity(16));
        open.add(e);
        return e;
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Appends a record to the test's "log" and applies it. */
    ApplyResult write(KvEngine e, KvOp... ops) {
        LogRecord r = new LogRecord(++lastLsn, RecordTypes.KV_BATCH, KvOpCodec.encode(new KvBatch(clock, List.of(ops))));
        log.add(r);
        return e.applyBatch(r);
    }

    /** Every live key of every named collection with its value and expiry, as comparable text. */
    static Map<String, String> dump(KvEngine e, String... collections) {
        Map<String, String> out = new TreeMap<>();
        for (String c : collections) {
            if (!e.exists(c)) {
                out.put(c, "<missing>");
                continue;
            }
            long cursor = 0;
            do {
                KvScanPage page = e.scan(c, cursor, null, 64);
                for (KvEntry x : page.entries()) {
                    out.put(c + "/" + new String(x.key(), StandardCharsets.ISO_8859_1),
                            java.util.HexFormat.of().formatHex(x.value()) + "@" + x.expireAtMicros());
                }
                cursor = page.nextCursor();
            } while (cursor != 0);
        }
        return out;
    }

    @Test
    void recoverFromTheSnapshotThenReplayTheRest() {
        KvEngine first = engine(dir);
        assertThat(first.recoveredLsn()).isZero();
        write(first, new KvOp.CreateKvCollection("a", 0, 0), new KvOp.CreateKvCollection("b", 60 * S, 1 << 20));
        write(first, new KvOp.Put("a", b("small"), b("v")), new KvOp.Put("a", b("large"), new byte[10_000]),
                new KvOp.Put("a", b("mid"), new byte[700]), new KvOp.Put("b", b("ttl"), b("x")),
                new KvOp.CreateKvIndex("a", "i", List.of("f"), false));
        write(first, new KvOp.Incr("a", b("n"), 41, 0));
        long covered = first.checkpoint();
        assertThat(covered).isEqualTo(3);
        // After the checkpoint: an INCR (replaying it twice would be wrong), a failed batch, a drop, a create.
        clock += 5 * S;
        write(first, new KvOp.Incr("a", b("n"), 1, 0), new KvOp.Delete("a", b("mid")));
        write(first, new KvOp.Put("a", b("zz"), b("x")), new KvOp.Incr("a", b("small"), 1, 0));
        write(first, new KvOp.DropKvCollection("b", false), new KvOp.CreateKvCollection("c", 0, 0),
                new KvOp.Put("c", b("k"), b("v")));
        Map<String, String> expected = dump(first, "a", "b", "c");
        first.close();

        KvEngine second = engine(dir);
        assertThat(second.recoveredLsn()).isEqualTo(covered);
        assertThat(dump(second, "a", "b", "c")).isNotEqualTo(expected);
        for (LogRecord r : log) {
            second.applyBatch(r); // from the start: records the snapshot covers are skipped
        }
        assertThat(dump(second, "a", "b", "c")).isEqualTo(expected);
        assertThat(Value.of(42L)).isEqualTo(io.nodedb.core.value.ValueCodec.decode(second.get("a", b("n")).value()));
        assertThat(second.stats()).extracting(KvCollectionStats::name).containsExactly("a", "c");
        assertThat(second.stats().getFirst().indexes()).containsExactly("i");
    }

    @Test
    void aRestartNeverExtendsATtl() {
        KvEngine first = engine(dir);
        write(first, new KvOp.CreateKvCollection("s", 30 * S, 0), new KvOp.Put("s", b("k"), b("v")));
        first.checkpoint();
        first.close();
        clock = T0 + 20 * S;
        KvEngine second = engine(dir);
        assertThat(second.get("s", b("k")).remainingTtlMicros()).isEqualTo(10 * S);
        clock = T0 + 30 * S;
        assertThat(second.get("s", b("k"))).isNull();
    }

    @Test
    void unchangedCollectionsKeepTheirFilesAndDroppedOnesLoseThem() throws IOException {
        KvEngine e = engine(dir);
        write(e, new KvOp.CreateKvCollection("a", 0, 0), new KvOp.CreateKvCollection("b", 0, 0),
                new KvOp.Put("a", b("k"), b("v")), new KvOp.Put("b", b("k"), b("v")));
        e.checkpoint();
        List<String> firstFiles = snapshotFiles();
        assertThat(firstFiles).hasSize(2);
        write(e, new KvOp.Put("a", b("k2"), b("v")));
        e.advanceTo(10); // records 4..10 belonged to other engines
        lastLsn = 10;
        assertThat(e.checkpoint()).isEqualTo(10);
        List<String> secondFiles = snapshotFiles();
        assertThat(secondFiles).hasSize(2);
        assertThat(secondFiles).containsAnyElementsOf(firstFiles).isNotEqualTo(firstFiles);
        write(e, new KvOp.DropKvCollection("b", false));
        e.checkpoint();
        assertThat(snapshotFiles()).hasSize(1);
        e.close();
        KvEngine again = engine(dir);
        assertThat(again.recoveredLsn()).isEqualTo(11);
        assertThat(again.exists("b")).isFalse();
        assertThat(again.get("a", b("k2"))).isNotNull();
    }

    private List<String> snapshotFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".kvs")).sorted().toList();
        }
    }

    @Test
    void aDamagedSnapshotRefusesToLoad() throws IOException {
        KvEngine e = engine(dir);
        write(e, new KvOp.CreateKvCollection("a", 0, 0), new KvOp.Put("a", b("k"), new byte[3000]));
        e.checkpoint();
        e.close();
        Path file = dir.resolve(snapshotFiles().getFirst());
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(f.length() / 2);
            int x = f.read();
            f.seek(f.length() / 2);
            f.write(x ^ 0x10);
        }
        assertThatThrownBy(() -> engine(dir)).isInstanceOfSatisfying(NodeDbException.class, ex -> {
            assertThat(ex.state()).isEqualTo(SqlState.DATA_CORRUPTED);
            assertThat(ex.getMessage()).contains(file.getFileName().toString(), "CRC32C");
        });
        Files.delete(dir.resolve(KvManifest.FILE));
        assertThat(engine(dir).recoveredLsn()).as("no manifest: start empty, replay all").isZero();
        assertThat(snapshotFiles()).as("unreferenced files are removed").isEmpty();
    }

    /** Leftovers of a checkpoint cut short by a crash (files written, manifest not) are ignored and removed. */
    @Test
    void aCheckpointCutShortLeavesThePreviousOneInForce() throws IOException {
        KvEngine e = engine(dir);
        write(e, new KvOp.CreateKvCollection("a", 0, 0), new KvOp.Put("a", b("k"), b("1")));
        e.checkpoint();
        Files.write(dir.resolve("c-99-0.kvs"), new byte[] {1, 2, 3});
        Files.write(dir.resolve("MANIFEST.tmp"), new byte[] {4});
        e.close();
        KvEngine again = engine(dir);
        assertThat(again.recoveredLsn()).isEqualTo(1);
        assertThat(snapshotFiles()).hasSize(1);
        assertThat(Files.exists(dir.resolve("MANIFEST.tmp"))).isFalse();
    }

    /**
     * Random batches (some rejected), with checkpoints and restarts at random points; after each restart the log is
     * replayed from the start. The final state must equal that of a reference engine that never restarted.
     */
    @Test
    void randomHistoryWithRestartsMatchesAnEngineThatNeverStopped(TestInfo info) {
        SplittableRandom rnd = Seeds.random(info);
        KvEngine reference = engine(null);
        KvEngine e = engine(dir);
        String[] names = {"a", "b"};
        for (String n : names) {
            KvOp create = new KvOp.CreateKvCollection(n, n.equals("b") ? 20 * S : 0, n.equals("b") ? 60_000 : 0);
            LogRecord r = new LogRecord(++lastLsn, RecordTypes.KV_BATCH,
                    KvOpCodec.encode(new KvBatch(clock, List.of(create))));
            log.add(r);
            reference.applyBatch(r);
            e.applyBatch(r);
        }
        for (int step = 0; step < 1500; step++) {
            clock += rnd.nextLong(0, S);
            List<KvOp> ops = new ArrayList<>();
            for (int i = rnd.nextInt(1, 5); i > 0; i--) {
                ops.add(randomOp(rnd, names[rnd.nextInt(2)]));
            }
            LogRecord r = new LogRecord(++lastLsn, RecordTypes.KV_BATCH, KvOpCodec.encode(new KvBatch(clock, ops)));
            log.add(r);
            ApplyResult expected = reference.applyBatch(r);
            ApplyResult actual = e.applyBatch(r);
            assertThat(actual.returned()).isEqualTo(expected.returned());
            assertThat(actual.isOk()).isEqualTo(expected.isOk());
            if (rnd.nextInt(50) == 0) {
                reference.reap();
                e.reap();
            }
            if (rnd.nextInt(100) == 0) {
                e.checkpoint();
            }
            if (rnd.nextInt(150) == 0) {
                e.close();
                open.remove(e);
                e = engine(dir);
                for (LogRecord old : log) {
                    e.applyBatch(old);
                }
                assertThat(dump(e, names)).isEqualTo(dump(reference, names));
            }
        }
        assertThat(dump(e, names)).isEqualTo(dump(reference, names));
    }

    private KvOp randomOp(SplittableRandom rnd, String c) {
        byte[] key = b("k" + rnd.nextInt(40));
        long expire = switch (rnd.nextInt(4)) {
            case 0 -> clock + rnd.nextLong(1, 30 * S);
            case 1 -> KvOp.TTL_KEEP;
            default -> KvOp.TTL_DEFAULT;
        };
        return switch (rnd.nextInt(10)) {
            case 0, 1, 2 -> new KvOp.Put(c, key, new byte[rnd.nextInt(3) == 0 ? rnd.nextInt(6000) : rnd.nextInt(80)],
                    expire, KvOp.PutMode.values()[rnd.nextInt(3)]);
            case 3 -> new KvOp.Delete(c, key);
            case 4 -> new KvOp.Incr(c, key, rnd.nextLong(-5, 5), expire);
            case 5 -> new KvOp.Expire(c, key, clock + rnd.nextLong(-S, 10 * S));
            case 6 -> new KvOp.Persist(c, key);
            case 7 -> new KvOp.GetSet(c, key, new byte[rnd.nextInt(100)], expire);
            case 8 -> new KvOp.Cas(c, key, rnd.nextBoolean() ? null : new byte[0], new byte[] {1}, expire);
            default -> rnd.nextInt(20) == 0 ? new KvOp.Truncate(c) : new KvOp.IncrFloat(c, key, 0.5, expire);
        };
    }
}
