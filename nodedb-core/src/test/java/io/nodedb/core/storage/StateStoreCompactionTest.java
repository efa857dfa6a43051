package io.nodedb.core.storage;

import io.nodedb.core.storage.StateStore.Family;
import io.nodedb.core.testing.NoLeakedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.WriteBatch;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link StateStore#awaitCompactions}: returns once the level-0 files a load left are compacted. */
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

    private static long levelZeroFiles(StateStore store) throws Exception {
        return Long.parseLong(store.property(Family.DOCUMENTS, "rocksdb.num-files-at-level0").trim());
    }
}
