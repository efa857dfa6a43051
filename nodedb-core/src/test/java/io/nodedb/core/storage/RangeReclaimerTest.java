package io.nodedb.core.storage;

import io.nodedb.core.storage.StateStore.Family;
import io.nodedb.core.testing.NoLeakedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Retired key ranges: deleted in the background, without range tombstones, and finished after a restart. */
@ExtendWith(NoLeakedFiles.class)
class RangeReclaimerTest {
    private static final long CACHE = 8L << 20;

    @TempDir
    Path dir;

    private static byte[] key(long prefix, int i) {
        byte[] k = new byte[12];
        System.arraycopy(StateStore.encodeLong(prefix), 0, k, 0, 8);
        k[8] = (byte) (i >>> 24);
        k[9] = (byte) (i >>> 16);
        k[10] = (byte) (i >>> 8);
        k[11] = (byte) i;
        return k;
    }

    /** Rows under prefixes 1, 2 and 3, written as the applier writes (no RocksDB WAL) and flushed. */
    private static void fill(StateStore store, int rowsPerPrefix) throws Exception {
        long lsn = 1;
        for (long prefix = 1; prefix <= 3; prefix++) {
            try (WriteBatch wb = new WriteBatch()) {
                for (int i = 0; i < rowsPerPrefix; i++) {
                    wb.put(store.handle(Family.DOCUMENTS), key(prefix, i), ("v" + i).getBytes());
                }
                store.write(wb, lsn++);
            }
        }
        store.flush();
    }

    private static void retire(StateStore store, long prefix, long lsn) throws Exception {
        try (WriteBatch wb = new WriteBatch()) {
            store.retire(wb, Family.DOCUMENTS, StateStore.encodeLong(prefix), StateStore.encodeLong(prefix + 1));
            store.write(wb, lsn);
        }
    }

    private static List<Long> prefixesLeft(StateStore store) {
        List<Long> out = new ArrayList<>();
        try (RocksIterator it = store.iterator(Family.DOCUMENTS)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                long p = java.nio.ByteBuffer.wrap(it.key(), 0, 8).getLong();
                if (out.isEmpty() || out.getLast() != p) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    @Test
    void aRetiredRangeIsDeletedAndItsCachedRowsGoWithIt() throws Exception {
        try (StateStore store = StateStore.open(dir, CACHE, CACHE)) {
            fill(store, 10_000);
            // Read through a view, so the row cache holds these rows when their range is retired.
            try (StateStore.View view = store.latest()) {
                assertThat(view.get(Family.DOCUMENTS, key(2, 7))).isEqualTo("v7".getBytes());
                assertThat(view.get(Family.DOCUMENTS, key(2, 9_999))).isEqualTo("v9999".getBytes());
            }
            retire(store, 2, 10);
            assertThat(store.awaitReclaimed(30_000)).isTrue();
            assertThat(store.get(Family.DOCUMENTS, key(2, 7))).isNull();
            assertThat(store.get(Family.DOCUMENTS, key(2, 9_999))).isNull();
            try (StateStore.View view = store.latest()) {
                assertThat(view.get(Family.DOCUMENTS, key(2, 7))).isNull();
                assertThat(view.get(Family.DOCUMENTS, key(3, 7))).isEqualTo("v7".getBytes());
            }
            assertThat(prefixesLeft(store)).containsExactly(1L, 3L);
            assertThat(store.get(Family.DOCUMENTS, key(3, 0))).isEqualTo("v0".getBytes());
            store.flush();
            assertThat(store.get(Family.DOCUMENTS, key(2, 7))).isNull();
        }
    }

    @Test
    void aRangeLeftUnfinishedAtCloseIsFinishedAfterReopening() throws Exception {
        try (StateStore store = StateStore.open(dir, CACHE, CACHE)) {
            fill(store, 50_000);
            // Markers written without waking the reclaimer, as if the process stopped right after the write.
            try (WriteBatch wb = new WriteBatch()) {
                for (long prefix : new long[] {1, 3}) {
                    RangeReclaimer.retire(wb, store.handle(Family.META), Family.DOCUMENTS,
                            StateStore.encodeLong(prefix), StateStore.encodeLong(prefix + 1));
                }
                store.write(wb, 10);
            }
            store.flush();
            assertThat(prefixesLeft(store)).containsExactly(1L, 2L, 3L);
        }
        try (StateStore store = StateStore.open(dir, CACHE, CACHE)) {
            assertThat(store.appliedLsn()).isEqualTo(10);
            assertThat(store.awaitReclaimed(30_000)).isTrue();
            assertThat(prefixesLeft(store)).containsExactly(2L);
        }
    }

    @Test
    void aStoreWithoutRowCacheReclaimsToo() throws Exception {
        try (StateStore store = StateStore.open(null, CACHE, 0)) {
            fill(store, 1_000);
            retire(store, 1, 10);
            assertThat(store.awaitReclaimed(30_000)).isTrue();
            assertThat(prefixesLeft(store)).containsExactly(2L, 3L);
        }
    }
}
