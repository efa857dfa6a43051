package io.nodedb.core.document;

import io.nodedb.core.catalog.CollectionKind;
import io.nodedb.core.catalog.ColumnDef;
import io.nodedb.core.db.Database;
import io.nodedb.core.db.DatabaseOptions;
import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.testing.NoLeakedFiles;
import io.nodedb.core.value.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.nodedb.core.document.Mutation.WriteMode.INSERT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Records that mix DDL and row writes, as a transaction's COMMIT writes them: applied in order as one write batch,
 * rejected as a whole, and guarded by {@link Mutation.RequireCollection} checks that decide the same after a
 * restart (the catalog then comes from its stored form, not from the log).
 */
@ExtendWith(NoLeakedFiles.class)
class MixedRecordTest {
    @TempDir
    Path dir;

    private static final List<ColumnDef> COLUMNS = List.of(new ColumnDef("id", "BIGINT", false, true, null),
            new ColumnDef("v", "TEXT", true, false, null));

    private static Value.Obj row(long id, String v) {
        return Value.Obj.of("id", Value.of(id), "v", Value.of(v));
    }

    private static Value.Obj options() {
        List<Value> checks = new ArrayList<>();
        checks.add(Value.Obj.of("name", Value.of("positive"), "sql", Value.of("id > 0")));
        return Value.Obj.of("__checks", new Value.Array(checks), "ratio", Value.of(0.5), "flag", Value.of(true));
    }

    @Test
    void ddlAndRowsOfOneRecordApplyInOrderOrNotAtAll() {
        try (Database db = Database.open(DatabaseOptions.onDisk(dir))) {
            db.submit(List.of(new Mutation.CreateCollection("t", CollectionKind.STRICT, COLUMNS, options(), false),
                    new Mutation.PutDocument("t", Value.of(1L), row(1, "a"), INSERT),
                    new Mutation.CreateIndex("t_v", "t", List.of("v"), true, false),
                    new Mutation.PutDocument("t", Value.of(2L), row(2, "b"), INSERT)));
            try (DocumentReadView v = db.readView()) {
                assertThat(v.indexScan("t_v", List.of(Value.of("a"))).next().id()).isEqualTo(Value.of(1L));
                assertThat(v.indexScan("t_v", List.of(Value.of("b"))).next().id()).isEqualTo(Value.of(2L));
            }
            // The duplicate comes last: the new collection, its row and its index all stay out.
            assertThatThrownBy(() -> db.submit(List.of(
                    new Mutation.CreateCollection("u", CollectionKind.STRICT, COLUMNS, Value.Obj.EMPTY, false),
                    new Mutation.PutDocument("u", Value.of(1L), row(1, "x"), INSERT),
                    new Mutation.CreateIndex("u_v", "u", List.of("v"), true, false),
                    new Mutation.PutDocument("u", Value.of(2L), row(2, "x"), INSERT))))
                    .isInstanceOfSatisfying(NodeDbException.class,
                            e -> assertThat(e.state()).isEqualTo(SqlState.UNIQUE_VIOLATION));
            assertThat(db.catalog().find("u")).isNull();
            assertThat(db.catalog().findIndex("u_v")).isNull();
        }
    }

    @Test
    void aCollectionCheckHoldsAcrossARestartAndFailsOnceTheDefinitionChanged() {
        Mutation.RequireCollection before;
        try (Database db = Database.open(DatabaseOptions.onDisk(dir))) {
            db.submit(List.of(new Mutation.CreateCollection("t", CollectionKind.STRICT, COLUMNS, options(), false)));
            before = CatalogChanges.requireUnchanged(db.catalog().find("t"));
            assertThat(MutationCodec.decode(MutationCodec.encode(List.of(before)))).containsExactly(before);
        }
        try (Database db = Database.open(DatabaseOptions.onDisk(dir))) {
            assertThat(CatalogChanges.requireUnchanged(db.catalog().find("t"))).isEqualTo(before);
            db.submit(List.of(before, new Mutation.PutDocument("t", Value.of(1L), row(1, "a"), INSERT)));
            db.submit(List.of(new Mutation.SetOptions("t", Value.Obj.EMPTY)));
            assertThatThrownBy(() -> db.submit(List.of(before,
                    new Mutation.PutDocument("t", Value.of(2L), row(2, "b"), INSERT))))
                    .isInstanceOfSatisfying(NodeDbException.class,
                            e -> assertThat(e.state()).isEqualTo(SqlState.SERIALIZATION_FAILURE));
            assertThat(db.get("t", Value.of(2L))).isNull();
            Mutation.RequireCollection altered = CatalogChanges.requireUnchanged(db.catalog().find("t"));
            db.submit(List.of(new Mutation.DropCollection("t", false),
                    new Mutation.CreateCollection("t", CollectionKind.STRICT, COLUMNS, Value.Obj.EMPTY, false)));
            assertThatThrownBy(() -> db.submit(List.of(altered)))
                    .isInstanceOfSatisfying(NodeDbException.class,
                            e -> assertThat(e.state()).isEqualTo(SqlState.SERIALIZATION_FAILURE));
        }
    }
}
