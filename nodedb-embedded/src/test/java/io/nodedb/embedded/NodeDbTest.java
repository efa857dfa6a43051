package io.nodedb.embedded;

import io.nodedb.core.db.DatabaseOptions;
import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.testing.NoLeakedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(NoLeakedFiles.class)
class NodeDbTest {
    @TempDir
    Path dir;

    @Test
    void putGetDeleteSurviveReopen() {
        Instant when = Instant.parse("2026-01-02T03:04:05.123456Z");
        UUID uuid = UUID.fromString("01890a5d-ac96-774b-bcce-b302099a8057");
        try (NodeDb db = NodeDb.open(dir)) {
            DocumentCollection users = db.createCollection("users");
            users.put("u1", Document.of("name", "Alice", "age", 30, "balance", new BigDecimal("12.50"),
                    "seen", when, "ref", uuid, "tags", List.of("a", "b")));
            users.put(42L, Document.of("name", "Answer"));
            users.put("u2", Document.of("name", "Bob"));
            assertThat(users.delete("u2")).isTrue();
            assertThat(users.delete("u2")).isFalse();
        }
        try (NodeDb db = NodeDb.open(dir)) {
            assertThat(db.collections()).containsExactly("users");
            DocumentCollection users = db.collection("users");
            Document alice = users.get("u1").orElseThrow();
            assertThat(alice.getString("name")).isEqualTo("Alice");
            assertThat(alice.getLong("age")).isEqualTo(30);
            assertThat(alice.getDecimal("balance")).isEqualByComparingTo("12.50");
            assertThat(alice.getInstant("seen")).isEqualTo(when);
            assertThat(alice.getUuid("ref")).isEqualTo(uuid);
            assertThat(alice.getList("tags")).hasSize(2);
            assertThat(users.get(42L).orElseThrow().getString("name")).isEqualTo("Answer");
            assertThat(users.get("u2")).isEmpty();
            assertThat(users.count()).isEqualTo(2);
        }
    }

    @Test
    void insertRejectsDuplicatesWith23505AndKeepsTheOriginal() {
        try (NodeDb db = NodeDb.inMemory()) {
            DocumentCollection c = db.createCollection("c");
            c.insert("k", Document.of("v", 1));
            assertThatThrownBy(() -> c.insert("k", Document.of("v", 2)))
                    .isInstanceOfSatisfying(NodeDbException.class,
                            e -> assertThat(e.state()).isEqualTo(SqlState.UNIQUE_VIOLATION));
            assertThat(c.get("k").orElseThrow().getLong("v")).isEqualTo(1);
        }
    }

    @Test
    void ddlErrorsCarrySqlStates() {
        try (NodeDb db = NodeDb.inMemory()) {
            db.createCollection("c");
            assertThatThrownBy(() -> db.createCollection("c")).isInstanceOfSatisfying(NodeDbException.class,
                    e -> assertThat(e.state()).isEqualTo(SqlState.DUPLICATE_TABLE));
            assertThat(db.createCollectionIfAbsent("c").name()).isEqualTo("c");
            assertThatThrownBy(() -> db.collection("missing")).isInstanceOfSatisfying(NodeDbException.class,
                    e -> assertThat(e.state()).isEqualTo(SqlState.UNDEFINED_TABLE));
            assertThat(db.dropCollection("c")).isTrue();
            assertThat(db.dropCollection("c")).isFalse();
            assertThatThrownBy(() -> new DocumentCollection(db.database(), "c").put("x", Document.of()))
                    .isInstanceOfSatisfying(NodeDbException.class,
                            e -> assertThat(e.state()).isEqualTo(SqlState.UNDEFINED_TABLE));
        }
    }

    @Test
    void droppedAndRecreatedCollectionStartsEmpty() {
        try (NodeDb db = NodeDb.open(dir)) {
            db.createCollection("c").put("a", Document.of("x", 1));
            db.dropCollection("c");
            DocumentCollection c = db.createCollection("c");
            assertThat(c.get("a")).isEmpty();
            c.put("b", Document.of("x", 2));
        }
        try (NodeDb db = NodeDb.open(dir)) {
            assertThat(db.collection("c").count()).isEqualTo(1);
        }
    }

    @Test
    void inMemoryWritesNothingToDisk() throws Exception {
        Path cwdFiles = Path.of("").toAbsolutePath();
        long before;
        try (Stream<Path> s = Files.list(cwdFiles)) {
            before = s.count();
        }
        try (NodeDb db = NodeDb.inMemory()) {
            DocumentCollection c = db.createCollection("c");
            for (int i = 0; i < 100; i++) {
                c.put(i, Document.of("i", i));
            }
            assertThat(c.count()).isEqualTo(100);
            db.database().checkpoint();
            assertThat(db.database().log().firstRetainedLsn()).isGreaterThan(100);
        }
        try (Stream<Path> s = Files.list(cwdFiles)) {
            assertThat(s.count()).isEqualTo(before);
        }
    }

    @Test
    void secondOpenOfTheSameDirectoryFailsNamingThePid() {
        try (NodeDb db = NodeDb.open(dir)) {
            assertThatThrownBy(() -> NodeDb.open(dir))
                    .isInstanceOfSatisfying(NodeDbException.class,
                            e -> assertThat(e.state()).isEqualTo(SqlState.LOCK_NOT_AVAILABLE))
                    .hasMessageContaining("is locked by pid " + ProcessHandle.current().pid());
        }
    }

    @Test
    void checkpointTrimsLogSegmentsAndRecoveryStillSeesEverything() {
        DatabaseOptions options = DatabaseOptions.onDisk(dir).withWalSegmentBytes(64 << 10)
                .withCheckpointInterval(Duration.ofHours(1));
        try (NodeDb db = NodeDb.open(options)) {
            DocumentCollection c = db.createCollection("c");
            for (int i = 0; i < 2000; i++) {
                c.put(i, Document.of("payload", "x".repeat(100), "i", i));
            }
            long segmentsBefore = countSegments();
            db.database().checkpoint();
            assertThat(countSegments()).isLessThan(segmentsBefore);
            for (int i = 2000; i < 2100; i++) {
                c.put(i, Document.of("i", i));
            }
        }
        try (NodeDb db = NodeDb.open(options)) {
            DocumentCollection c = db.collection("c");
            assertThat(c.count()).isEqualTo(2100);
            assertThat(c.get(2099).orElseThrow().getLong("i")).isEqualTo(2099);
        }
    }

    @Test
    void newerFormatVersionIsRefusedAndNothingIsWritten() throws Exception {
        Files.writeString(dir.resolve("FORMAT"), "format_version=99\ncreated_by=future\n");
        assertThatThrownBy(() -> NodeDb.open(dir)).hasMessageContaining("format version 99")
                .hasMessageContaining(dir.toString());
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("FORMAT");
        }
    }

    @Test
    void missingParentDirectoryIsAClearError() {
        Path missing = dir.resolve("no/such/place");
        assertThatThrownBy(() -> NodeDb.open(missing)).hasMessageContaining("does not exist")
                .hasMessageContaining(missing.toString());
        assertThat(Files.exists(dir.resolve("no"))).isFalse();
    }

    private long countSegments() {
        try (Stream<Path> s = Files.list(dir.resolve("wal"))) {
            return s.filter(p -> p.toString().endsWith(".seg")).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
