package io.nodedb.core.document;

import io.nodedb.core.catalog.CollectionKind;
import io.nodedb.core.catalog.ColumnDef;
import io.nodedb.core.engine.ApplyResult;
import io.nodedb.core.engine.RecordTypes;
import io.nodedb.core.metrics.PrometheusWriter;
import io.nodedb.core.storage.StateStore;
import io.nodedb.core.testing.NoLeakedFiles;
import io.nodedb.core.testing.Seeds;
import io.nodedb.core.value.RandomValues;
import io.nodedb.core.value.Value;
import io.nodedb.core.wal.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.RocksIterator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A writer that still holds the mutations it logged applies them as they are, and skips rereading ids it found
 * absent while nothing was applied since (see {@link KnownAbsent}); replay decodes the payload and reads every id.
 * Both must leave the store byte for byte the same and answer every record the same, or recovery would not
 * reproduce what clients were told. Stale knowledge (taken before the previous record) is offered too: an applier
 * that used it would accept duplicates the replay rejects.
 */
@ExtendWith({NoLeakedFiles.class, Seeds.class})
class InlineApplyTest {
    private static final List<ColumnDef> COLUMNS = List.of(
            new ColumnDef("id", "BIGINT", false, true, null),
            new ColumnDef("name", "TEXT", true, false, null),
            new ColumnDef("score", "DOUBLE", true, false, null),
            new ColumnDef("amount", "DECIMAL", true, false, null));

    @TempDir
    Path dir;

    @Test
    void inlineApplyWithKnownAbsentIdsEqualsReplay(TestInfo info) {
        RandomGenerator r = Seeds.random(info);
        RandomValues values = new RandomValues(r, false);
        try (StateStore inlineStore = StateStore.open(dir.resolve("inline"), 8 << 20, 8 << 20);
                StateStore replayStore = StateStore.open(dir.resolve("replay"), 8 << 20, 8 << 20)) {
            DocumentEngine inline = new DocumentEngine(inlineStore);
            DocumentEngine replay = new DocumentEngine(replayStore);
            long lsn = 0;
            List<Mutation> ddl = List.of(
                    new Mutation.CreateCollection("docs", CollectionKind.DOCUMENT, List.of(), Value.Obj.EMPTY, false),
                    new Mutation.CreateCollection("rows", CollectionKind.STRICT, COLUMNS, Value.Obj.EMPTY, false),
                    new Mutation.CreateIndex("docs_tag", "docs", List.of("tag"), true, false),
                    new Mutation.CreateIndex("rows_name", "rows", List.of("name"), true, false));
            lsn++;
            LogRecord first = record(lsn, ddl);
            inline.apply(first);
            replay.apply(first);

            int inMemory = 0;
            int rejected = 0;
            int staleOffered = 0;
            KnownAbsent previous = null;
            for (int i = 0; i < 3_000; i++) {
                List<Mutation> batch = batch(r, values);
                KnownAbsent known = knownAbsent(inline, batch);
                boolean stale = previous != null && r.nextInt(3) == 0;
                KnownAbsent offered = stale ? previous : known;
                staleOffered += stale ? 1 : 0;
                previous = known;
                lsn++;
                MutationCodec.Encoded encoded = MutationCodec.encodeChecked(batch);
                LogRecord rec = new LogRecord(lsn, RecordTypes.DOCUMENT_BATCH, encoded.payload());
                ApplyResult a;
                if (encoded.exact()) {
                    a = inline.apply(lsn, batch, offered);
                    inMemory++;
                } else {
                    a = inline.apply(rec);
                }
                ApplyResult b = replay.apply(rec);
                assertThat(a.isOk()).as("batch %d: %s", i, batch).isEqualTo(b.isOk());
                if (a.isOk()) {
                    assertThat(a.affected()).as("batch %d", i).isEqualTo(b.affected());
                } else {
                    assertThat(a.error().state()).isEqualTo(b.error().state());
                    assertThat(a.error().getMessage()).isEqualTo(b.error().getMessage());
                    rejected++;
                }
            }
            assertThat(dump(inlineStore)).isEqualTo(dump(replayStore));
            assertThat(inMemory).isGreaterThan(2_000);
            assertThat(rejected).isGreaterThan(100);
            assertThat(staleOffered).isGreaterThan(500);
            assertThat(skippedReads(inline)).isGreaterThan(500);
            assertThat(skippedReads(replay)).isZero();
        }
    }

    @Test
    void knownAbsenceIsIgnoredOnceAnotherRecordWasApplied() {
        try (StateStore store = StateStore.open(dir.resolve("s"), 8 << 20, 8 << 20)) {
            DocumentEngine engine = new DocumentEngine(store);
            engine.apply(record(1, List.of(
                    new Mutation.CreateCollection("docs", CollectionKind.DOCUMENT, List.of(), Value.Obj.EMPTY, false))));
            KnownAbsent beforeInsert = knownAbsent(engine, List.of(put(7, "a", Mutation.WriteMode.INSERT)));
            assertThat(beforeInsert).isNotNull();
            // Another writer inserts id 7 first.
            assertThat(engine.apply(2, List.of(put(7, "a", Mutation.WriteMode.INSERT)), beforeInsert).isOk()).isTrue();
            // Knowledge from before that record must not hide it: 23505, not a second row.
            ApplyResult again = engine.apply(3, List.of(put(7, "b", Mutation.WriteMode.INSERT)), beforeInsert);
            assertThat(again.isOk()).isFalse();
            assertThat(again.error().state().code()).isEqualTo("23505");
            assertThat(skippedReads(engine)).isEqualTo(1);
            // Fresh knowledge of an id that is absent is used.
            List<Mutation> fresh = List.of(put(8, "c", Mutation.WriteMode.INSERT));
            assertThat(engine.apply(4, fresh, knownAbsent(engine, fresh)).isOk()).isTrue();
            assertThat(skippedReads(engine)).isEqualTo(2);
            // Within one record its own earlier write still counts, whatever the writer knew.
            List<Mutation> twice = List.of(put(9, "d", Mutation.WriteMode.INSERT), put(9, "e", Mutation.WriteMode.INSERT));
            KnownAbsent both = new KnownAbsent(store.appliedLsn(), bits(0, 1));
            ApplyResult dup = engine.apply(5, twice, both);
            assertThat(dup.isOk()).isFalse();
            assertThat(dup.error().state().code()).isEqualTo("23505");
        }
    }

    private static BitSet bits(int... positions) {
        BitSet b = new BitSet();
        for (int p : positions) {
            b.set(p);
        }
        return b;
    }

    private static Mutation put(long id, String tag, Mutation.WriteMode mode) {
        return new Mutation.PutDocument("docs", Value.of(id), Value.Obj.of("tag", Value.of(tag)), mode);
    }

    /** What a statement would know: the puts whose ids a read made now finds absent, with the LSN before it. */
    private static KnownAbsent knownAbsent(DocumentEngine engine, List<Mutation> batch) {
        try (DocumentReadView view = engine.singleReadView()) {
            BitSet absent = new BitSet();
            for (int i = 0; i < batch.size(); i++) {
                if (batch.get(i) instanceof Mutation.PutDocument p && view.get(p.collection(), p.id()) == null) {
                    absent.set(i);
                }
            }
            return absent.isEmpty() ? null : new KnownAbsent(view.appliedLsnAtOpen(), absent);
        }
    }

    private static List<Mutation> batch(RandomGenerator r, RandomValues values) {
        int n = 1 + r.nextInt(r.nextInt(6) == 0 ? 8 : 2);
        List<Mutation> out = new ArrayList<>();
        Mutation.WriteMode[] modes = Mutation.WriteMode.values();
        for (int i = 0; i < n; i++) {
            boolean strict = r.nextBoolean();
            String collection = strict ? "rows" : "docs";
            Value id = Value.of((long) r.nextInt(r.nextBoolean() ? 30 : 3_000));
            switch (r.nextInt(10)) {
                case 0 -> out.add(new Mutation.DeleteDocument(collection, id, Mutation.ANY_VERSION));
                case 1 -> out.add(new Mutation.RequireDocument(collection, id, "parent " + id + " missing"));
                default -> {
                    Mutation.WriteMode mode = r.nextInt(3) == 0 ? modes[r.nextInt(modes.length)]
                            : Mutation.WriteMode.INSERT;
                    out.add(new Mutation.PutDocument(collection, id, strict ? row(r, values, id) : doc(r, values),
                            mode, Mutation.ANY_VERSION));
                }
            }
        }
        return out;
    }

    private static Value.Obj row(RandomGenerator r, RandomValues values, Value id) {
        Value.Obj.Builder b = Value.Obj.builder().put("id", id);
        if (r.nextInt(4) != 0) {
            b.put("name", Value.of("n" + r.nextInt(200)));
        }
        if (r.nextInt(4) != 0) {
            b.put("score", new Value.Float(values.doubleValue()));
        }
        if (r.nextInt(4) != 0) {
            b.put("amount", new Value.Decimal(java.math.BigDecimal.valueOf(r.nextLong(), r.nextInt(-3, 8))));
        }
        return b.build();
    }

    private static Value.Obj doc(RandomGenerator r, RandomValues values) {
        Value.Obj.Builder b = Value.Obj.builder();
        if (r.nextInt(3) != 0) {
            b.put("tag", Value.of("t" + r.nextInt(200)));
        }
        int fields = r.nextInt(4);
        for (int i = 0; i < fields; i++) {
            b.put("f" + i, values.next());
        }
        return b.build();
    }

    private static LogRecord record(long lsn, List<Mutation> batch) {
        return new LogRecord(lsn, RecordTypes.DOCUMENT_BATCH, MutationCodec.encode(batch));
    }

    private static long skippedReads(DocumentEngine engine) {
        StringBuilder text = new StringBuilder();
        engine.writeMetrics(new PrometheusWriter(text));
        for (String line : text.toString().split("\n")) {
            if (line.startsWith("nodedb_document_id_reads_skipped_total ")) {
                return (long) Double.parseDouble(line.substring(line.indexOf(' ') + 1).trim());
            }
        }
        throw new AssertionError("no nodedb_document_id_reads_skipped_total in the metrics");
    }

    private static List<String> dump(StateStore store) {
        List<String> out = new ArrayList<>();
        HexFormat hex = HexFormat.of();
        for (StateStore.Family f : StateStore.Family.values()) {
            try (RocksIterator it = store.iterator(f)) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    out.add(f + " " + hex.formatHex(it.key()) + " " + hex.formatHex(it.value()));
                }
            }
        }
        return out;
    }
}
