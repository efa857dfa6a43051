package io.nodedb.core.vector;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OffHeapStorageTest {

    @Test
    void growsInChunksWithoutMovingStoredVectors() {
        int dim = 100;
        try (VectorStore store = new VectorStore(dim)) {
            float[] first = new float[dim];
            first[7] = 42f;
            store.add(first);
            MemorySegment chunk = store.segment(0);
            long address = chunk.address();
            for (int i = 1; i < 5_000; i++) {
                float[] v = new float[dim];
                v[0] = i;
                store.add(v);
            }
            assertThat(store.size()).isEqualTo(5_000);
            assertThat(store.segment(0)).isSameAs(chunk);
            assertThat(store.segment(0).address()).isEqualTo(address);
            assertThat(store.get(0)[7]).isEqualTo(42f);
            assertThat(store.get(4_999)[0]).isEqualTo(4_999f);
            assertThat(store.segment(4_999)).isNotSameAs(chunk);
            assertThat(store.allocatedBytes()).isGreaterThanOrEqualTo(4L * dim * 5_000);
        }
    }

    @Test
    void closeReleasesAllNativeMemory() {
        VectorStore store = new VectorStore(16);
        for (int i = 0; i < 20_000; i++) {
            store.add(new float[16]);
        }
        MemorySegment chunk = store.segment(0);
        assertThat(chunk.scope().isAlive()).isTrue();
        store.close();
        assertThat(store.memoryReleased()).isTrue();
        assertThat(chunk.scope().isAlive()).isFalse();
        assertThatThrownBy(() -> chunk.get(java.lang.foreign.ValueLayout.JAVA_FLOAT, 0))
                .isInstanceOf(IllegalStateException.class);
        store.close();
    }

    @Test
    void closingAnIndexReleasesVectorsAndCodes() {
        IndexDefinition def = IndexDefinition.of("q", "c", "f", 8, Metric.L2).withType(IndexType.HNSW_BINARY);
        VectorIndex index = new VectorIndex(def);
        for (int i = 0; i < 100; i++) {
            index.upsert(TestVectors.id(i), new float[] {i, 1, 2, 3, 4, 5, 6, -i});
        }
        assertThat(index.storageStats().vectorBytes()).isPositive();
        assertThat(index.storageStats().codeBytes()).isPositive();
        index.close();
        assertThat(index.memoryReleased()).isTrue();
        assertThat(index.storageStats().vectorBytes()).isZero();
        assertThat(index.storageStats().codeBytes()).isZero();
    }

    @Test
    void rejectsWrongDimensionWithoutStoringAnything() {
        try (VectorStore store = new VectorStore(4)) {
            assertThatThrownBy(() -> store.add(new float[3])).hasMessageContaining("expected 4 dimensions, got 3");
            assertThat(store.size()).isZero();
        }
    }
}
