package io.nodedb.sql;

import io.nodedb.core.db.Database;
import io.nodedb.core.db.DatabaseOptions;
import io.nodedb.core.value.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CREATE VECTOR INDEX over existing rows returns once the index is built, while other sessions keep writing and
 * their nearest-neighbour queries, answered exactly until the index is ready, stay right.
 */
class VectorIndexBuildTest {
    private static final int ROWS = 12_000;
    private static final int DIM = 8;

    @TempDir
    Path tmp;

    @Test
    void otherSessionsWriteAndQueryExactlyWhileTheIndexBuilds() throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        float[][] vectors = new float[ROWS][DIM];
        try (Database db = Database.open(DatabaseOptions.onDisk(tmp))) {
            SqlEngine engine = new SqlEngine(db);
            Session loader = engine.newSession();
            loader.execute("CREATE COLLECTION items");
            for (int from = 0; from < ROWS; from += 500) {
                StringBuilder sql = new StringBuilder("INSERT INTO items (id, emb) VALUES ");
                for (int i = from; i < from + 500; i++) {
                    for (int d = 0; d < DIM; d++) {
                        vectors[i][d] = (float) random.nextGaussian();
                    }
                    sql.append(i == from ? "" : ", ").append('(').append(i).append(", ")
                            .append(arrayLiteral(vectors[i])).append(')');
                }
                loader.execute(sql.toString());
            }
            CompletableFuture<List<StatementResult>> create = CompletableFuture.supplyAsync(() ->
                    engine.newSession().execute("CREATE VECTOR INDEX items_emb ON items FIELD emb METRIC l2 DIM "
                            + DIM));
            Session other = engine.newSession();
            int exactAnswers = 0;
            int writes = 0;
            while (!create.isDone()) {
                boolean building = db.vectors().findIndex("items_emb").isPresent()
                        && !db.vectors().isReady("items_emb");
                float[] q = vectors[random.nextInt(ROWS)].clone();
                List<StatementResult> r = other.execute("SELECT id FROM items ORDER BY emb <-> "
                        + arrayLiteral(q) + " LIMIT 5");
                if (building && !db.vectors().isReady("items_emb")) {
                    List<Value> ids = r.getLast().rows().stream().map(row -> row[0]).toList();
                    assertThat(ids).isEqualTo(exactNearest(vectors, q, 5));
                    exactAnswers++;
                }
                other.execute("UPDATE items SET note = 'touched' WHERE id = " + random.nextInt(ROWS));
                writes++;
            }
            assertThat(create.get().getLast().tag()).isEqualTo("CREATE VECTOR INDEX");
            assertThat(db.vectors().isReady("items_emb")).isTrue();
            assertThat(exactAnswers).as("queries answered while the index was being built").isPositive();
            assertThat(writes).isPositive();
            List<StatementResult> show = other.execute("SHOW VECTOR INDEXES ON items");
            Value[] row = show.getLast().rows().getFirst();
            assertThat(row[row.length - 1]).isEqualTo(Value.of("ready"));
            assertThat(row[8]).isEqualTo(Value.of((long) ROWS));
        }
    }

    private static String arrayLiteral(float[] v) {
        StringBuilder s = new StringBuilder("ARRAY[");
        for (int d = 0; d < v.length; d++) {
            s.append(d == 0 ? "" : ", ").append(v[d]);
        }
        return s.append(']').toString();
    }

    private static List<Value> exactNearest(float[][] vectors, float[] q, int k) {
        List<Integer> order = new ArrayList<>(IntStream.range(0, vectors.length).boxed().toList());
        order.sort(Comparator.comparingDouble(i -> distance(vectors[i], q)));
        return order.subList(0, k).stream().map(i -> (Value) Value.of((long) i)).toList();
    }

    private static double distance(float[] a, float[] b) {
        double sum = 0;
        for (int d = 0; d < a.length; d++) {
            double diff = a[d] - b[d];
            sum += diff * diff;
        }
        return sum;
    }
}
