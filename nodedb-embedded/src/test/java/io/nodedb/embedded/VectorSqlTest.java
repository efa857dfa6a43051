package io.nodedb.embedded;

import io.nodedb.core.testing.NoLeakedFiles;
import io.nodedb.core.testing.Seeds;
import io.nodedb.core.value.Value;
import io.nodedb.sql.StatementResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Vector search through SQL on a data directory: the index built from existing rows, followed through writes,
 * reloaded after a restart, and its answers compared with an exact ranking of the same rows.
 */
@ExtendWith({NoLeakedFiles.class, Seeds.class})
class VectorSqlTest {
    private static final int DIM = 16;

    @TempDir
    Path dir;

    @Test
    void nearestRowsMatchAnExactRankingBeforeAndAfterARestart(TestInfo info) {
        SplittableRandom random = Seeds.random(info);
        List<float[]> vectors = new ArrayList<>();
        try (NodeDb db = NodeDb.open(dir)) {
            db.sql("CREATE COLLECTION chunks");
            for (int i = 0; i < 400; i++) {
                insert(db, i, vectors, random);
            }
            db.sql("CREATE VECTOR INDEX chunks_emb ON chunks FIELD embedding METRIC l2 DIM " + DIM);
            for (int i = 400; i < 600; i++) {
                insert(db, i, vectors, random);
            }
            db.sql("DELETE FROM chunks WHERE n % 10 = 0");
            checkNearest(db, vectors, random);
        }
        try (NodeDb db = NodeDb.open(dir)) {
            StatementResult show = db.sql("SHOW VECTOR INDEXES");
            assertThat(show.rows()).hasSize(1);
            assertThat(show.rows().getFirst()[8]).as("live vectors after restart").isEqualTo(Value.of(540L));
            checkNearest(db, vectors, random);
            db.sql("UPDATE chunks SET embedding = NULL WHERE n < 100");
            assertThat(db.sql("SHOW VECTOR INDEXES").rows().getFirst()[8]).isEqualTo(Value.of(450L));
            checkNearest(db, vectors, random);
        }
    }

    private static void insert(NodeDb db, int n, List<float[]> vectors, SplittableRandom random) {
        float[] v = new float[DIM];
        List<Value> items = new ArrayList<>();
        for (int d = 0; d < DIM; d++) {
            v[d] = (float) random.nextGaussian();
            items.add(new Value.Float(v[d]));
        }
        vectors.add(v);
        db.sql("INSERT INTO chunks (id, n, embedding) VALUES ($1, $2, $3)", "c" + n, (long) n,
                new Value.Array(items));
    }

    /** Top 10 by the index against an exact ranking of the rows that hold a vector. */
    private static void checkNearest(NodeDb db, List<float[]> vectors, SplittableRandom random) {
        Set<Integer> present = new HashSet<>();
        for (Value[] row : db.sql("SELECT n FROM chunks WHERE embedding IS NOT NULL").rows()) {
            present.add((int) ((Value.Int) row[0]).value());
        }
        int hits = 0;
        int queries = 20;
        for (int q = 0; q < queries; q++) {
            float[] query = vectors.get(random.nextInt(vectors.size()));
            List<Value> items = new ArrayList<>();
            for (float f : query) {
                items.add(new Value.Float(f));
            }
            List<Integer> exact = present.stream()
                    .sorted(Comparator.comparingDouble(i -> l2(vectors.get(i), query))).limit(10).toList();
            StatementResult r = db.sql("SELECT n FROM chunks ORDER BY embedding <-> $1 LIMIT 10",
                    new Value.Array(items));
            List<Integer> found = r.rows().stream().map(row -> (int) ((Value.Int) row[0]).value()).toList();
            assertThat(found).as("rows that still hold a vector").allMatch(present::contains);
            hits += (int) found.stream().filter(exact::contains).count();
        }
        assertThat(hits / (double) (queries * 10)).as("recall@10").isGreaterThanOrEqualTo(0.95);
    }

    private static double l2(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return s;
    }
}
