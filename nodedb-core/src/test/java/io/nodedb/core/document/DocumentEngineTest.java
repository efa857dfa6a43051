package io.nodedb.core.document;

import io.nodedb.core.catalog.CollectionKind;
import io.nodedb.core.db.Database;
import io.nodedb.core.db.DatabaseOptions;
import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.testing.NoLeakedFiles;
import io.nodedb.core.value.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.nodedb.core.document.Mutation.WriteMode.INSERT;
import static io.nodedb.core.document.Mutation.WriteMode.UPSERT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(NoLeakedFiles.class)
class DocumentEngineTest {
    @TempDir
    Path dir;
    Database db;

    @BeforeEach
    void open() {
        db = Database.open(DatabaseOptions.onDisk(dir));
        db.submit(List.of(new Mutation.CreateCollection("users", CollectionKind.DOCUMENT, List.of(), Value.Obj.EMPTY,
                false)));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static Value.Obj user(String email, long age) {
        return Value.Obj.of("email", Value.of(email), "age", Value.of(age));
    }

    private void put(String id, Value.Obj doc) {
        db.submit(List.of(new Mutation.PutDocument("users", Value.of(id), doc, UPSERT)));
    }

    private List<String> ids(DocumentCursor c) {
        List<String> out = new ArrayList<>();
        try (c) {
            for (VersionedDocument d = c.next(); d != null; d = c.next()) {
                out.add(d.id().asString());
            }
        }
        return out;
    }

    @Test
    void indexIsBackfilledMaintainedAndSurvivesRestart() {
        put("a", user("a@x", 30));
        put("b", user("b@x", 25));
        db.submit(List.of(new Mutation.CreateIndex("users_age", "users", List.of("age"), false, false)));
        put("c", user("c@x", 25));
        put("a", user("a@x", 40)); // moves a's entry from 30 to 40
        db.submit(List.of(new Mutation.DeleteDocument("users", Value.of("b"))));
        try (DocumentReadView v = db.readView()) {
            assertThat(ids(v.indexScan("users_age", List.of(Value.of(25L))))).containsExactly("c");
            assertThat(ids(v.indexScan("users_age", List.of(Value.of(30L))))).isEmpty();
            assertThat(ids(v.indexRange("users_age", Value.of(20L), true, Value.of(40L), false))).containsExactly("c");
            assertThat(ids(v.indexRange("users_age", null, true, null, true))).containsExactly("c", "a");
        }
        db.close();
        db = Database.open(DatabaseOptions.onDisk(dir));
        try (DocumentReadView v = db.readView()) {
            assertThat(ids(v.indexRange("users_age", Value.of(40L), true, null, true))).containsExactly("a");
        }
    }

    @Test
    void uniqueIndexRejectsDuplicatesAtBackfillAndWrite() {
        put("a", user("same@x", 1));
        put("b", user("same@x", 2));
        assertThatThrownBy(() -> db.submit(List.of(new Mutation.CreateIndex("users_email", "users",
                List.of("email"), true, false))))
                .isInstanceOfSatisfying(NodeDbException.class, e -> assertThat(e.state()).isEqualTo(SqlState.UNIQUE_VIOLATION));
        assertThat(db.catalog().findIndex("users_email")).isNull();
        put("b", user("other@x", 2));
        db.submit(List.of(new Mutation.CreateIndex("users_email", "users", List.of("email"), true, false)));
        assertThatThrownBy(() -> put("c", user("same@x", 3))).isInstanceOfSatisfying(NodeDbException.class,
                e -> assertThat(e.state()).isEqualTo(SqlState.UNIQUE_VIOLATION));
        put("a", user("same@x", 99)); // rewriting the owner of the value is fine
        // two rows in one batch claiming the same value: the whole batch fails, nothing applied
        assertThatThrownBy(() -> db.submit(List.of(
                new Mutation.PutDocument("users", Value.of("d"), user("new@x", 1), INSERT),
                new Mutation.PutDocument("users", Value.of("e"), user("new@x", 1), INSERT))))
                .isInstanceOf(NodeDbException.class);
        assertThat(db.get("users", Value.of("d"))).isNull();
        // a NULL (missing) value never conflicts
        put("n1", Value.Obj.of("age", Value.of(1L)));
        put("n2", Value.Obj.of("age", Value.of(2L)));
    }

    @Test
    void aFailingMutationRejectsTheWholeBatch() {
        put("a", user("a@x", 1));
        assertThatThrownBy(() -> db.submit(List.of(
                new Mutation.PutDocument("users", Value.of("z"), user("z@x", 1), INSERT),
                new Mutation.PutDocument("users", Value.of("a"), user("a@x", 2), INSERT))))
                .isInstanceOfSatisfying(NodeDbException.class, e -> assertThat(e.state()).isEqualTo(SqlState.UNIQUE_VIOLATION));
        assertThat(db.get("users", Value.of("z"))).isNull();
        assertThat(db.get("users", Value.of("a")).getLong("age")).isEqualTo(1);
    }

    @Test
    void snapshotViewIgnoresLaterWritesAndVersionsDetectLostUpdates() {
        put("a", user("a@x", 1));
        try (DocumentReadView t1 = db.readView(); DocumentReadView t2 = db.readView()) {
            VersionedDocument seen1 = t1.get("users", Value.of("a"));
            VersionedDocument seen2 = t2.get("users", Value.of("a"));
            assertThat(seen1.version()).isEqualTo(t1.lsn());
            // both read age 1 and try to write age 2 from it: the second committer must fail
            db.submit(List.of(new Mutation.PutDocument("users", Value.of("a"), user("a@x", 2), UPSERT, seen1.version())));
            assertThatThrownBy(() -> db.submit(List.of(new Mutation.PutDocument("users", Value.of("a"),
                    user("a@x", 2), UPSERT, seen2.version()))))
                    .isInstanceOfSatisfying(NodeDbException.class,
                            e -> assertThat(e.state()).isEqualTo(SqlState.SERIALIZATION_FAILURE));
            assertThat(t2.get("users", Value.of("a")).document().getLong("age")).isEqualTo(1);
            // an insert that saw no document conflicts with a concurrent insert of the same id
            db.submit(List.of(new Mutation.PutDocument("users", Value.of("new"), user("n@x", 1), UPSERT,
                    Mutation.ABSENT)));
            assertThatThrownBy(() -> db.submit(List.of(new Mutation.PutDocument("users", Value.of("new"),
                    user("n@x", 2), UPSERT, Mutation.ABSENT))))
                    .isInstanceOfSatisfying(NodeDbException.class,
                            e -> assertThat(e.state()).isEqualTo(SqlState.SERIALIZATION_FAILURE));
            assertThat(t1.get("users", Value.of("new"))).isNull();
        }
    }

    @Test
    void truncateAndDropIndexClearEntries() {
        db.submit(List.of(new Mutation.CreateIndex("users_age", "users", List.of("age"), false, false)));
        put("a", user("a@x", 1));
        db.submit(List.of(new Mutation.TruncateCollection("users")));
        put("b", user("b@x", 1));
        try (DocumentReadView v = db.readView()) {
            assertThat(ids(v.indexScan("users_age", List.of(Value.of(1L))))).containsExactly("b");
            assertThat(ids(v.scan("users"))).containsExactly("b");
        }
        db.submit(List.of(new Mutation.DropIndex("users_age", false)));
        assertThatThrownBy(() -> {
            try (DocumentReadView v = db.readView()) {
                v.indexScan("users_age", List.of());
            }
        }).isInstanceOfSatisfying(NodeDbException.class, e -> assertThat(e.state()).isEqualTo(SqlState.UNDEFINED_OBJECT));
    }

    @Test
    void truncateHidesRowsTheRowCacheHoldsAndFreesTheirKeys() throws Exception {
        db.submit(List.of(new Mutation.CreateIndex("users_age", "users", List.of("age"), false, false)));
        for (int i = 0; i < 100; i++) {
            put("u" + i, user("u" + i + "@x", i % 3));
        }
        db.checkpoint();
        // Read from the table files, so the row cache holds these rows when the collection is truncated.
        assertThat(db.get("users", Value.of("u7")).getLong("age")).isEqualTo(1);
        db.submit(List.of(new Mutation.TruncateCollection("users")));
        assertThat(db.get("users", Value.of("u7"))).isNull();
        db.submit(List.of(new Mutation.PutDocument("users", Value.of("u7"), user("again@x", 5), INSERT)));
        assertThat(db.get("users", Value.of("u7")).getString("email")).isEqualTo("again@x");
        try (DocumentReadView v = db.readView()) {
            assertThat(ids(v.indexScan("users_age", List.of(Value.of(1L))))).isEmpty();
            assertThat(ids(v.indexScan("users_age", List.of(Value.of(5L))))).containsExactly("u7");
            assertThat(ids(v.scan("users"))).containsExactly("u7");
        }
        assertThat(db.awaitReclaimed(30_000)).isTrue();
        db.close();
        db = Database.open(DatabaseOptions.onDisk(dir));
        assertThat(db.get("users", Value.of("u7")).getString("email")).isEqualTo("again@x");
        assertThat(db.get("users", Value.of("u8"))).isNull();
    }

    @Test
    void mutationsRoundTripThroughTheLogCodec() {
        List<Mutation> batch = List.of(
                new Mutation.CreateCollection("c", CollectionKind.STRICT, List.of(
                        new io.nodedb.core.catalog.ColumnDef("id", "BIGINT", false, true, null),
                        new io.nodedb.core.catalog.ColumnDef("name", "TEXT", true, false, "'x'")),
                        Value.Obj.of("storage", Value.of("strict")), true),
                new Mutation.DropCollection("c", true),
                new Mutation.AlterSchema("c", List.of()),
                new Mutation.SetOptions("c", Value.Obj.EMPTY),
                new Mutation.TruncateCollection("c"),
                new Mutation.CreateIndex("i", "c", List.of("a", "b.c"), true, false),
                new Mutation.DropIndex("i", true),
                new Mutation.PutDocument("c", Value.of(7L), Value.Obj.of("x", Value.of(1L)), Mutation.WriteMode.UPDATE, 42),
                new Mutation.DeleteDocument("c", Value.of("k"), Mutation.ABSENT),
                new Mutation.RequireDocument("p", Value.of(3L), "no parent"),
                new Mutation.RequireIndexEntry("i", List.of(Value.of("a"), Value.of(2L)), false, "still referenced"));
        assertThat(MutationCodec.decode(MutationCodec.encode(batch))).isEqualTo(batch);
        assertThatThrownBy(() -> MutationCodec.decode(new byte[] {(byte) 0x91, 0x01}))
                .isInstanceOfSatisfying(NodeDbException.class, e -> assertThat(e.state()).isEqualTo(SqlState.DATA_CORRUPTED));
    }

    private double metric(String name) {
        return io.nodedb.core.testing.Metrics.value(db, name);
    }

    @Test
    void rowWritesApplyFromTheWritersMutationsAndEverythingElseFromThePayload() {
        double before = metric("nodedb_apply_from_writer_total");
        put("a", user("a@x", 30));
        assertThatThrownBy(() -> db.submit(List.of(
                new Mutation.DeleteDocument("users", Value.of("a"), Mutation.ANY_VERSION),
                new Mutation.RequireDocument("users", Value.of("zz"), "no zz")), true))
                .isInstanceOfSatisfying(NodeDbException.class,
                        e -> assertThat(e.state()).isEqualTo(SqlState.FOREIGN_KEY_VIOLATION));
        assertThat(metric("nodedb_apply_from_writer_total") - before).as("a put, and a rejected batch").isEqualTo(2);
        assertThat(db.get("users", Value.of("a"))).as("the rejected batch deleted nothing").isNotNull();
        // DDL goes through the payload: the catalog must not keep objects its caller holds.
        db.submit(List.of(new Mutation.CreateIndex("users_age", "users", List.of("age"), false, false)));
        // A NaN with a payload is stored as the canonical NaN the log holds, so that replay stores the same.
        double odd = Double.longBitsToDouble(0x7ff8_0000_0000_0001L);
        put("n", Value.Obj.of("age", new Value.Float(odd)));
        // An unpaired surrogate is logged as '?'.
        put("s", Value.Obj.of("name", Value.of("a\uD800")));
        assertThat(metric("nodedb_apply_from_writer_total") - before).isEqualTo(2);
        assertThat(Double.doubleToRawLongBits(((Value.Float) db.get("users", Value.of("n")).get("age")).value()))
                .isEqualTo(Double.doubleToLongBits(Double.NaN));
        assertThat(db.get("users", Value.of("s")).get("name")).isEqualTo(Value.of("a?"));
        put("b", user("b@x", 30));
        assertThat(metric("nodedb_apply_from_writer_total") - before).isEqualTo(3);
    }
}
