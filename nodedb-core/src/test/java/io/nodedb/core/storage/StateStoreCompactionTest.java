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
            writeFlushes(store, 8);
            // (four level-0 files are still waiting here, as measured while writing this test)
            assertThat(store.awaitCompactions(60_000)).isTrue();
            assertThat(levelZeroFiles(store)).isLessThan(4);
            assertThat(store.get(Family.DOCUMENTS, StateStore.encodeLong(7 * 8L + 5))).isEqualTo("row 7/5".getBytes());
        }
    }

    @Test
    void compactingToTheLastLevelLeavesEveryRowInOneLevel() throws Exception {
        try (StateStore store = StateStore.open(dir, 8L << 20, 0)) {
            // Two flushes: fewer level-0 files than RocksDB compacts by itself, so they would stay in level 0.
            writeFlushes(store, 2);
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

    /**
     * Writes 2,000 rows and index entries per flush, {@code flushes} times, with keys interleaved across flushes so
     * every file overlaps every other: row i of flush f is {@code "row i/f"} under key {@code i * flushes + f}.
     */
    private static void writeFlushes(StateStore store, int flushes) throws Exception {
        for (int flush = 0; flush < flushes; flush++) {
            try (WriteBatch wb = new WriteBatch()) {
                for (int i = 0; i < 2_000; i++) {
                    byte[] key = StateStore.encodeLong((long) i * flushes + flush);
                    wb.put(store.handle(Family.DOCUMENTS), key, ("row " + i + "/" + flush).getBytes());
                    wb.put(store.handle(Family.INDEXES), key, new byte[0]);
                }
                store.write(wb, flush + 1);
            }
            store.flush();
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
