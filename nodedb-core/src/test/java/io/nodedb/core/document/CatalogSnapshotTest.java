package io.nodedb.core.document;

import io.nodedb.core.catalog.CollectionKind;
import io.nodedb.core.catalog.IndexDef;
import io.nodedb.core.db.Database;
import io.nodedb.core.db.DatabaseOptions;
import io.nodedb.core.testing.NoLeakedFiles;
import io.nodedb.core.value.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static io.nodedb.core.document.Mutation.WriteMode.UPSERT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A read view pairs a snapshot with the catalog of the same state: while another thread creates and drops an index
 * over existing rows (the creation writes its entries in the same batch), a view whose catalog has the index must
 * find every row through it.
 */
@ExtendWith(NoLeakedFiles.class)
class CatalogSnapshotTest {
    @TempDir
    Path dir;

    @Test
    void aViewNeverSeesAnIndexWithoutItsEntries() throws Exception {
        int rows = 200;
        try (Database db = Database.open(DatabaseOptions.onDisk(dir))) {
            db.submit(List.of(new Mutation.CreateCollection("c", CollectionKind.DOCUMENT, List.of(), Value.Obj.EMPTY,
                    false)));
            List<Mutation> puts = new ArrayList<>();
            for (int i = 0; i < rows; i++) {
                puts.add(new Mutation.PutDocument("c", Value.of("d" + i), Value.Obj.of("t", Value.of("same")),
                        UPSERT));
            }
            db.submit(puts);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<String> wrong = new AtomicReference<>();
            int[] checked = {0};
            Thread reader = Thread.ofPlatform().start(() -> {
                while (!stop.get() && wrong.get() == null) {
                    try (DocumentReadView view = db.readView()) {
                        IndexDef index = view.catalog().findIndex("c_t");
                        if (index == null) {
                            continue;
                        }
                        int found = 0;
                        try (DocumentCursor cursor = view.indexScan("c_t", List.of(Value.of("same")))) {
                            while (cursor.next() != null) {
                                found++;
                            }
                        }
                        checked[0]++;
                        if (found != rows) {
                            wrong.set("index visible with " + found + " of " + rows + " entries");
                        }
                    }
                }
            });
            try {
                for (int i = 0; i < 150 && wrong.get() == null; i++) {
                    db.submit(List.of(new Mutation.CreateIndex("c_t", "c", List.of("t"), false, false)));
                    db.submit(List.of(new Mutation.DropIndex("c_t", false)));
                }
            } finally {
                stop.set(true);
                reader.join();
            }
            assertThat(wrong.get()).isNull();
            assertThat(checked[0]).as("views that saw the index").isPositive();
        }
    }
}
