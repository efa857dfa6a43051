package io.nodedb.core.storage;

import io.nodedb.core.storage.StateStore.Family;
import io.nodedb.core.testing.NoLeakedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.WriteBatch;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link StateStore#awaitCompactions} returns once the level-0 files a load left are compacted, and
 * {@link StateStore#compactToLastLevel} moves what RocksDB leaves in level 0 into the last level.
 */
@ExtendWith(NoLeakedFiles.class)
class StateStoreCompactionTest {
    @TempDir
    Path dir;

    @Test
    void awaitingCompactionsLeavesNoLevelZeroBacklog() throws Exception {
        try (StateStore store = StateStore.open(dir, 8L << 20, 0)) {
            // Eight flushes of overlapping keys: twice the level-0 file count at which RocksDB starts compacting.
            long lsn = 1;
            for (int flush = 0; flush < 8; flush++) {
                try (WriteBatch wb = new WriteBatch()) {
                    for (int i = 0; i < 2_000; i++) {
                        wb.put(store.handle(Family.DOCUMENTS), StateStore.encodeLong(i * 8L + flush),
                                ("row " + i).getBytes());
                    }
                    store.write(wb, lsn++);
                }
                store.flush();
            }
            // (four level-0 files are still waiting here, as measured while writing this test)
            assertThat(store.awaitCompactions(60_000)).isTrue();
            assertThat(levelZeroFiles(store)).isLessThan(4);
            assertThat(store.get(Family.DOCUMENTS, StateStore.encodeLong(7 * 8L + 5))).isEqualTo("row 7".getBytes());
        }
    }

    @Test
    void compactingToTheLastLevelLeavesEveryRowInOneLevel() throws Exception {
        try (StateStore store = StateStore.open(dir, 8L << 20, 0)) {
            long lsn = 1;
            // Two flushes: fewer level-0 files than RocksDB compacts by itself, so they would stay in level 0.
            for (int flush = 0; flush < 2; flush++) {
                try (WriteBatch wb = new WriteBatch()) {
                    for (int i = 0; i < 2_000; i++) {
                        wb.put(store.handle(Family.DOCUMENTS), StateStore.encodeLong(i * 2L + flush),
                                ("row " + i + "/" + flush).getBytes());
                        wb.put(store.handle(Family.INDEXES), StateStore.encodeLong(i * 2L + flush), new byte[0]);
                    }
                    store.write(wb, lsn++);
                }
                store.flush();
            }
            assertThat(store.awaitCompactions(60_000)).isTrue();
            assertThat(levelZeroFiles(store)).isEqualTo(2);

            store.compactToLastLevel();

            for (Family f : new Family[] {Family.DOCUMENTS, Family.INDEXES}) {
                assertThat(nonEmptyLevels(store, f)).as("levels holding files in %s", f).containsExactly(6);
            }
            assertThat(store.get(Family.DOCUMENTS, StateStore.encodeLong(1_999 * 2L + 1)))
                    .isEqualTo("row 1999/1".getBytes());
        }
    }

    private static long levelZeroFiles(StateStore store) throws Exception {
        return Long.parseLong(store.property(Family.DOCUMENTS, "rocksdb.num-files-at-level0").trim());
    }

    private static java.util.List<Integer> nonEmptyLevels(StateStore store, Family family) throws Exception {
        java.util.List<Integer> levels = new java.util.ArrayList<>();
        for (int level = 0; level < 7; level++) {
            if (Long.parseLong(store.property(family, "rocksdb.num-files-at-level" + level).trim()) > 0) {
                levels.add(level);
            }
        }
        return levels;
    }
}
