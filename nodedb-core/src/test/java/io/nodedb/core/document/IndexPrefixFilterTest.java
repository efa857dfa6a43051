package io.nodedb.core.document;

import io.nodedb.core.catalog.CollectionKind;
import io.nodedb.core.db.Database;
import io.nodedb.core.db.DatabaseOptions;
import io.nodedb.core.storage.StateStore;
import io.nodedb.core.testing.NoLeakedFiles;
import io.nodedb.core.testing.Seeds;
import io.nodedb.core.value.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

import static io.nodedb.core.document.Mutation.WriteMode.UPSERT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Equality lookups through the indexes family's prefix filter (see {@link StateStore#INDEX_FILTER_PREFIX}) must find
 * exactly what a total-order seek finds: values shorter and longer than the filtered prefix, values that share all of
 * it, adjacent integers, entries in the memtable and in flushed table files, after a restart.
 */
@ExtendWith({NoLeakedFiles.class, Seeds.class})
class IndexPrefixFilterTest {
    @TempDir
    Path dir;

    /** Texts that agree on the first 8 bytes (all the filter sees) and differ after, and a few short ones. */
    private static final String[] TEXTS = {"a", "ab", "abcdefg", "abcdefgh", "abcdefghi", "abcdefghij",
        "abcdefgh\u0000", "abcdefgh\u00ff", "abcdefghZZZZZZZZZZZZ", "zzzzzzzzzzzzzzzzzzzz", ""};

    @Test
    void equalityLookupsMatchAModelAcrossFlushesAndRestarts(TestInfo info) {
        SplittableRandom random = Seeds.random(info);
        Map<String, Value.Obj> model = new HashMap<>();
        Database db = Database.open(DatabaseOptions.onDisk(dir));
        try {
            db.submit(List.of(new Mutation.CreateCollection("c", CollectionKind.DOCUMENT, List.of(), Value.Obj.EMPTY,
                    false)));
            db.submit(List.of(new Mutation.CreateIndex("c_t", "c", List.of("t"), false, false),
                    new Mutation.CreateIndex("c_n", "c", List.of("n"), false, false),
                    new Mutation.CreateIndex("c_tn", "c", List.of("t", "n"), false, false)));
            for (int round = 0; round < 6; round++) {
                for (int i = 0; i < 300; i++) {
                    String id = "d" + random.nextInt(400);
                    if (random.nextInt(10) == 0) {
                        db.submit(List.of(new Mutation.DeleteDocument("c", Value.of(id))));
                        model.remove(id);
                    } else {
                        Value.Obj doc = document(random);
                        db.submit(List.of(new Mutation.PutDocument("c", Value.of(id), doc, UPSERT)));
                        model.put(id, doc);
                    }
                }
                checkEveryValue(db, model);
                if (round % 2 == 0) {
                    db.checkpoint(); // entries move from the memtable into table files with prefix filters
                } else {
                    db.close();
                    db = Database.open(DatabaseOptions.onDisk(dir));
                }
                checkEveryValue(db, model);
            }
        } finally {
            db.close();
        }
    }

    /**
     * Lookups reuse idle iterators, each refreshed to the reader's snapshot: a view taken before a row left the
     * index value must still find it through an iterator last used by a newer view, and a newer view must not find
     * it through one last used by an older view.
     */
    @Test
    void reusedIteratorsKeepEachViewsSnapshot() {
        try (Database db = Database.open(DatabaseOptions.onDisk(dir))) {
            db.submit(List.of(new Mutation.CreateCollection("c", CollectionKind.DOCUMENT, List.of(), Value.Obj.EMPTY,
                    false)));
            db.submit(List.of(new Mutation.CreateIndex("c_t", "c", List.of("t"), false, false)));
            List<Value> key = List.of(Value.of("abcdefghijklmnop"));
            int rows = 40;
            for (int i = 0; i < rows; i++) {
                db.submit(List.of(new Mutation.PutDocument("c", Value.of("d" + i), Value.Obj.of("t", key.getFirst()),
                        UPSERT)));
            }
            List<DocumentReadView> views = new ArrayList<>();
            try {
                for (int i = 0; i < rows; i++) {
                    views.add(db.readView()); // sees rows i .. rows-1 under the key
                    db.submit(List.of(new Mutation.PutDocument("c", Value.of("d" + i),
                            Value.Obj.of("t", Value.of("moved")), UPSERT)));
                    if (i % 10 == 9) {
                        db.checkpoint();
                    }
                }
                for (int pass = 0; pass < 3; pass++) {
                    // newest first, then oldest first, so iterators move both ways between snapshots
                    for (int k = 0; k < rows; k++) {
                        int v = pass % 2 == 0 ? rows - 1 - k : k;
                        assertThat(ids(views.get(v).indexScan("c_t", key))).as("view %d", v).hasSize(rows - v);
                    }
                }
                try (DocumentReadView latest = db.readView()) {
                    assertThat(ids(latest.indexScan("c_t", key))).isEmpty();
                }
            } finally {
                views.forEach(DocumentReadView::close);
            }
        }
    }

    private static Value.Obj document(SplittableRandom random) {
        // Integers cluster around a few bases so that neighbours differ only in the last byte of the filtered prefix.
        long base = new long[] {0, 255, 256, Long.MAX_VALUE - 3, Long.MIN_VALUE}[random.nextInt(5)];
        return Value.Obj.of("t", Value.of(TEXTS[random.nextInt(TEXTS.length)]), "n",
                Value.of(base + random.nextInt(3)));
    }

    private static void checkEveryValue(Database db, Map<String, Value.Obj> model) {
        try (DocumentReadView view = db.readView()) {
            for (String text : TEXTS) {
                assertThat(ids(view.indexScan("c_t", List.of(Value.of(text)))))
                        .as("t = '%s'", text).isEqualTo(expected(model, "t", Value.of(text)));
            }
            for (Value.Obj doc : model.values()) {
                Value n = doc.get("n");
                assertThat(ids(view.indexScan("c_n", List.of(n)))).as("n = %s", n)
                        .isEqualTo(expected(model, "n", n));
                List<String> both = new ArrayList<>();
                for (Map.Entry<String, Value.Obj> e : model.entrySet()) {
                    if (e.getValue().get("t").equals(doc.get("t")) && e.getValue().get("n").equals(n)) {
                        both.add(e.getKey());
                    }
                }
                assertThat(ids(view.indexScan("c_tn", List.of(doc.get("t"), n)))).containsExactlyInAnyOrderElementsOf(both);
            }
        }
    }

    private static TreeSet<String> expected(Map<String, Value.Obj> model, String field, Value value) {
        TreeSet<String> out = new TreeSet<>();
        model.forEach((id, doc) -> {
            if (doc.get(field).equals(value)) {
                out.add(id);
            }
        });
        return out;
    }

    private static TreeSet<String> ids(DocumentCursor cursor) {
        TreeSet<String> out = new TreeSet<>();
        try (cursor) {
            for (VersionedDocument d = cursor.next(); d != null; d = cursor.next()) {
                assertThat(out.add(d.id().asString())).as("document %s listed twice", d.id()).isTrue();
            }
        }
        return out;
    }
}
