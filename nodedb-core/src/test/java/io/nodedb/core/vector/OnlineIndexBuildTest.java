package io.nodedb.core.vector;

import io.nodedb.core.catalog.CollectionKind;
import io.nodedb.core.db.Database;
import io.nodedb.core.db.DatabaseOptions;
import io.nodedb.core.document.DocumentCursor;
import io.nodedb.core.document.DocumentReadView;
import io.nodedb.core.document.Mutation;
import io.nodedb.core.document.VersionedDocument;
import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.testing.NoLeakedFiles;
import io.nodedb.core.testing.Seeds;
import io.nodedb.core.value.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

import static io.nodedb.core.document.Mutation.WriteMode.UPSERT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A vector index created over existing rows is built beside the applier: writes go on meanwhile and end up in the
 * index, searches wait for nothing (they fail with 55000 until it is built), and a restart or a drop during the build
 * leaves a consistent state.
 */
@ExtendWith({Seeds.class, NoLeakedFiles.class})
class OnlineIndexBuildTest {
    private static final int DIM = 16;
    private static final int ROWS = 15_000;
    private static final String INDEX = "c_emb";

    @TempDir
    Path dir;

    private static Value.Obj doc(float[] v) {
        return Value.Obj.of("emb", new Value.Vector(v));
    }

    private static float[] vector(SplittableRandom random) {
        float[] v = new float[DIM];
        for (int i = 0; i < DIM; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    private static void load(Database db, SplittableRandom random) {
        db.submit(List.of(new Mutation.CreateCollection("c", CollectionKind.DOCUMENT, List.of(), Value.Obj.EMPTY,
                false)));
        for (int from = 0; from < ROWS; from += 1_000) {
            List<Mutation> batch = new ArrayList<>();
            for (int i = from; i < from + 1_000; i++) {
                batch.add(new Mutation.PutDocument("c", Value.of("r" + i), doc(vector(random)), UPSERT));
            }
            db.submit(batch);
        }
    }

    private static void createIndex(Database db) {
        db.submitVectors(List.of(new VectorOp.CreateIndex(IndexDefinition.of(INDEX, "c", "emb", DIM, Metric.L2))))
                .orThrow();
    }

    @Test
    void writesDuringTheBuildAreAppliedAndEndUpInTheIndex(TestInfo info) throws Exception {
        SplittableRandom random = Seeds.random(info);
        try (Database db = Database.open(DatabaseOptions.onDisk(dir))) {
            load(db, random);
            createIndex(db);
            AtomicInteger whileBuilding = new AtomicInteger();
            int writes = 0;
            // Updates, deletes and inserts, each committed on its own, while the index builds.
            while (!db.vectors().isReady(INDEX) || writes < 300) {
                String id = "r" + random.nextInt(ROWS + 2_000);
                if (random.nextInt(4) == 0) {
                    db.submit(List.of(new Mutation.DeleteDocument("c", Value.of(id))));
                } else {
                    db.submit(List.of(new Mutation.PutDocument("c", Value.of(id), doc(vector(random)), UPSERT)));
                }
                if (!db.vectors().isReady(INDEX)) {
                    whileBuilding.incrementAndGet();
                    assertThatThrownBy(() -> db.vectors().search(INDEX, SearchRequest.of(vector(random), 5)))
                            .isInstanceOfSatisfying(NodeDbException.class, e -> assertThat(e.state())
                                    .isEqualTo(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE));
                }
                writes++;
            }
            db.vectors().built(INDEX).get();
            assertThat(whileBuilding.get()).as("writes committed while the index was being built").isPositive();
            assertIndexMatchesCollection(db);
            assertThat(db.vectors().search(INDEX, SearchRequest.of(vector(random), 5))).hasSize(5);
        }
        try (Database db = Database.open(DatabaseOptions.onDisk(dir))) {
            db.vectors().built(INDEX).get();
            assertIndexMatchesCollection(db);
        }
    }

    @Test
    void aRestartDuringTheBuildBuildsTheIndexAgain(TestInfo info) throws Exception {
        SplittableRandom random = Seeds.random(info);
        try (Database db = Database.open(DatabaseOptions.onDisk(dir))) {
            load(db, random);
            createIndex(db);
            // A checkpoint while the index builds must not let the log drop the record that created it.
            db.checkpoint();
            db.submit(List.of(new Mutation.PutDocument("c", Value.of("late"), doc(vector(random)), UPSERT)));
        }
        try (Database db = Database.open(DatabaseOptions.onDisk(dir))) {
            db.vectors().built(INDEX).get();
            assertIndexMatchesCollection(db);
            assertThat(db.vectors().index(INDEX).contains(Value.of("late"))).isTrue();
        }
    }

    @Test
    void droppingAnIndexDuringItsBuildStopsTheBuild(TestInfo info) {
        SplittableRandom random = Seeds.random(info);
        try (Database db = Database.open(DatabaseOptions.onDisk(dir))) {
            load(db, random);
            createIndex(db);
            var built = db.vectors().built(INDEX);
            db.submitVectors(List.of(new VectorOp.DropIndex(INDEX))).orThrow();
            assertThat(db.vectors().findIndex(INDEX)).isEmpty();
            if (!built.isDone() || built.isCompletedExceptionally()) {
                assertThatThrownBy(built::join).isInstanceOf(CompletionException.class)
                        .hasCauseInstanceOf(NodeDbException.class);
            }
            // The name is free again, and a new build over the same rows completes.
            createIndex(db);
            db.vectors().built(INDEX).join();
            assertIndexMatchesCollection(db);
        }
    }

    /** Every row with a vector is in the index with exactly that vector, and nothing else is. */
    private static void assertIndexMatchesCollection(Database db) {
        VectorIndex index = db.vectors().index(INDEX);
        int rows = 0;
        try (DocumentReadView view = db.readView(); DocumentCursor c = view.scan("c")) {
            for (VersionedDocument d = c.next(); d != null; d = c.next()) {
                float[] stored = ((Value.Vector) d.document().get("emb")).values();
                assertThat(index.vector(d.id())).as("vector of %s", d.id()).isEqualTo(stored);
                rows++;
            }
        }
        assertThat(index.size()).isEqualTo(rows);
    }
}
