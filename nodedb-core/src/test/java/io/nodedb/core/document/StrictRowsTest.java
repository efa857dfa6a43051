package io.nodedb.core.document;

import io.nodedb.core.catalog.CollectionKind;
import io.nodedb.core.catalog.ColumnDef;
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

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(NoLeakedFiles.class)
class StrictRowsTest {
    @TempDir
    Path dir;
    Database db;

    private static final List<ColumnDef> COLUMNS = List.of(
            new ColumnDef("id", "BIGINT", false, true, null),
            new ColumnDef("name", "TEXT", false, false, null),
            new ColumnDef("score", "DOUBLE", true, false, null),
            new ColumnDef("active", "BOOL", true, false, null),
            new ColumnDef("seen", "TIMESTAMP", true, false, null),
            new ColumnDef("ref", "UUID", true, false, null),
            new ColumnDef("blob", "BYTEA", true, false, null),
            new ColumnDef("amount", "DECIMAL", true, false, null),
            new ColumnDef("emb", "VECTOR(3)", true, false, null),
            new ColumnDef("note", "TEXT", true, false, null));

    @BeforeEach
    void open() {
        db = Database.open(DatabaseOptions.onDisk(dir));
        db.submit(List.of(new Mutation.CreateCollection("t", CollectionKind.STRICT, COLUMNS, Value.Obj.EMPTY, false)));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static Value.Obj fullRow(long id) {
        return Value.Obj.builder()
                .put("id", Value.of(id))
                .put("name", Value.of("name-" + id + "-ü"))
                .put("score", Value.of(1.5 * id))
                .put("active", Value.of(id % 2 == 0))
                .put("seen", new Value.Timestamp(1_700_000_000_000_000L + id))
                .put("ref", new Value.Uuid(new UUID(id, -id)))
                .put("blob", new Value.Bytes(new byte[] {1, 0, (byte) id}))
                .put("amount", new Value.Decimal(new BigDecimal("12.50")))
                .put("emb", new Value.Vector(new float[] {1f, 2.5f, (float) id}))
                .put("note", Value.NULL)
                .build();
    }

    private void put(long id, Value.Obj row) {
        db.submit(List.of(new Mutation.PutDocument("t", Value.of(id), row, Mutation.WriteMode.UPSERT)));
    }

    @Test
    void everyColumnTypeRoundTripsThroughTheTupleAndARestart() {
        for (long i = 1; i <= 3; i++) {
            put(i, fullRow(i));
        }
        put(4, Value.Obj.of("id", Value.of(4L), "name", Value.of("sparse")));
        db.close();
        db = Database.open(DatabaseOptions.onDisk(dir));
        assertThat(db.get("t", Value.of(2L))).isEqualTo(fullRow(2));
        Value.Obj sparse = db.get("t", Value.of(4L));
        assertThat(sparse.get("name")).isEqualTo(Value.of("sparse"));
        assertThat(sparse.get("score")).isEqualTo(Value.NULL);
        assertThat(sparse.get("emb")).isEqualTo(Value.NULL);
        assertThat(sparse.names()).containsExactly("id", "name", "score", "active", "seen", "ref", "blob", "amount",
                "emb", "note");
    }

    @Test
    void schemaViolationsAreRejectedWithTheirSqlStates() {
        assertState(() -> put(1, Value.Obj.of("id", Value.of(1L))), SqlState.NOT_NULL_VIOLATION);
        assertState(() -> put(1, Value.Obj.of("id", Value.of(1L), "name", Value.of(5L))), SqlState.DATATYPE_MISMATCH);
        assertState(() -> put(1, Value.Obj.of("id", Value.of(1L), "name", Value.of("x"), "nope", Value.of(1L))),
                SqlState.UNDEFINED_COLUMN);
        assertState(() -> put(1, Value.Obj.of("id", Value.of(1L), "name", Value.of("x"), "emb",
                new Value.Vector(new float[] {1f}))), SqlState.DATA_EXCEPTION);
        assertThat(db.get("t", Value.of(1L))).isNull();
    }

    @Test
    void oldRowsStayReadableAcrossAddDropAndRename() {
        put(1, fullRow(1));
        List<ColumnDef> current = db.catalog().require("t").currentSchema().columns();
        List<ColumnDef> altered = new ArrayList<>();
        for (ColumnDef c : current) {
            switch (c.name()) {
                case "score" -> { } // dropped
                case "name" -> altered.add(c.withName("title")); // renamed: same id
                default -> altered.add(c);
            }
        }
        altered.add(new ColumnDef("region", "TEXT", true, false, "'eu'"));
        db.submit(List.of(new Mutation.AlterSchema("t", altered)));
        put(2, Value.Obj.of("id", Value.of(2L), "title", Value.of("new"), "region", Value.of("us")));

        Value.Obj old = db.get("t", Value.of(1L));
        assertThat(old.get("title")).isEqualTo(Value.of("name-1-ü"));
        assertThat(old.has("score")).isFalse();
        assertThat(old.has("region")).as("added after the row was written").isFalse();
        assertThat(db.get("t", Value.of(2L)).get("region")).isEqualTo(Value.of("us"));
        assertThat(db.catalog().require("t").schemas()).hasSize(2);
        db.close();
        db = Database.open(DatabaseOptions.onDisk(dir));
        assertThat(db.get("t", Value.of(1L)).get("title")).isEqualTo(Value.of("name-1-ü"));
    }

    @Test
    void rowScansDecodeTheWantedColumnsOfEverySchemaVersionByPosition() {
        put(1, fullRow(1));
        put(2, Value.Obj.of("id", Value.of(2L), "name", Value.of("sparse")));
        List<ColumnDef> altered = new ArrayList<>();
        for (ColumnDef c : db.catalog().require("t").currentSchema().columns()) {
            if (!c.name().equals("score")) {
                altered.add(c.name().equals("name") ? c.withName("title") : c);
            }
        }
        altered.add(new ColumnDef("region", "TEXT", true, false, null));
        db.submit(List.of(new Mutation.AlterSchema("t", altered)));
        put(3, Value.Obj.of("id", Value.of(3L), "title", Value.of("new"), "region", Value.of("us")));

        var schema = db.catalog().require("t").currentSchema();
        int title = 1;
        int amount = 6;
        int region = 9;
        boolean[] wanted = new boolean[altered.size()];
        wanted[title] = true;
        wanted[amount] = true;
        wanted[region] = true;
        List<List<Value>> rows = new ArrayList<>();
        List<Value> ids = new ArrayList<>();
        try (DocumentReadView view = db.readView(); RowCursor cursor = view.scanRows("t", schema, wanted)) {
            Value[] row = new Value[altered.size()];
            while (cursor.next(row)) {
                rows.add(java.util.Arrays.asList(row.clone()));
                ids.add(cursor.id());
                java.util.Arrays.fill(row, null);
            }
        }
        assertThat(ids).containsExactly(Value.of(1L), Value.of(2L), Value.of(3L));
        assertThat(rows.get(0).get(title)).isEqualTo(Value.of("name-1-ü"));
        assertThat(rows.get(0).get(amount)).isEqualTo(new Value.Decimal(new BigDecimal("12.50")));
        assertThat(rows.get(0).get(region)).as("added after the row was written").isNull();
        assertThat(rows.get(0).get(0)).as("not wanted").isNull();
        assertThat(rows.get(1).get(amount)).isEqualTo(Value.NULL);
        assertThat(rows.get(2).get(title)).isEqualTo(Value.of("new"));
        assertThat(rows.get(2).get(region)).isEqualTo(Value.of("us"));
    }

    @Test
    void pointAndIndexReadsDecodeWholeRowsByPosition() {
        db.submit(List.of(new Mutation.CreateIndex("t_name", "t", List.of("name"), false, false)));
        put(1, fullRow(1));
        put(2, fullRow(2));
        put(3, Value.Obj.of("id", Value.of(3L), "name", Value.of("name-1-ü")));
        var schema = db.catalog().require("t").currentSchema();
        try (DocumentReadView view = db.readView()) {
            assertThat(view.readsRowsAs("t", schema)).isTrue();
            Value[] row = new Value[COLUMNS.size()];
            assertThat(view.getRow("t", Value.of(2L), row)).isTrue();
            for (int c = 0; c < COLUMNS.size(); c++) {
                assertThat(row[c]).as(COLUMNS.get(c).name()).isEqualTo(fullRow(2).get(COLUMNS.get(c).name()));
            }
            assertThat(view.getRow("t", Value.of(9L), row)).isFalse();

            List<Value> ids = new ArrayList<>();
            List<Value> scores = new ArrayList<>();
            try (RowCursor cursor = view.indexRows("t_name", List.of(Value.of("name-1-ü")), schema)) {
                Value[] hit = new Value[COLUMNS.size()];
                while (cursor.next(hit)) {
                    ids.add(cursor.id());
                    scores.add(hit[2]);
                }
            }
            assertThat(ids).containsExactly(Value.of(1L), Value.of(3L));
            assertThat(scores).containsExactly(Value.of(1.5), Value.NULL);
        }
    }

    @Test
    void aRowScanPlannedAgainstAnotherSchemaIsRefused() {
        var before = db.catalog().require("t").currentSchema();
        List<ColumnDef> altered = new ArrayList<>(before.columns());
        altered.add(new ColumnDef("extra", "TEXT", true, false, null));
        db.submit(List.of(new Mutation.AlterSchema("t", altered)));
        try (DocumentReadView view = db.readView()) {
            assertThat(view.readsRowsAs("t", before)).isFalse();
            assertThat(view.scanRows("t", before, null)).isNull();
        }
    }

    @Test
    void duplicateColumnNamesAreRejected() {
        assertState(() -> db.submit(List.of(new Mutation.CreateCollection("d", CollectionKind.STRICT, List.of(
                new ColumnDef("a", "TEXT", true, false, null), new ColumnDef("a", "TEXT", true, false, null)),
                Value.Obj.EMPTY, false))), SqlState.DUPLICATE_COLUMN);
    }

    private static void assertState(Runnable r, SqlState state) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(NodeDbException.class,
                e -> assertThat(e.state()).isEqualTo(state));
    }
}
