package io.nodedb.core.vector;

import io.nodedb.core.testing.Seeds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.roaringbitmap.RoaringBitmap;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(Seeds.class)
class FilteredSearchTest {
    private static final int N = 6_000;
    private static final int DIM = 32;
    private static VectorIndex index;
    private static float[][] queries;

    @BeforeAll
    static void build() {
        SplittableRandom rnd = Seeds.random(FilteredSearchTest.class.getName());
        float[][] all = TestVectors.clustered(rnd, N + 100, DIM, 20);
        queries = Arrays.copyOfRange(all, N, all.length);
        index = TestVectors.build(IndexDefinition.of("f", "c", "e", DIM, Metric.COSINE), Arrays.copyOf(all, N),
                VectorKernels.preferred());
    }

    @AfterAll
    static void close() {
        index.close();
    }

    @Test
    void strategyBandsFollowTheShareFilteredOut() {
        assertThat(FilterStrategy.choose(100, 100)).isEqualTo(FilterStrategy.FILTERED_HNSW);
        assertThat(FilterStrategy.choose(51, 100)).isEqualTo(FilterStrategy.FILTERED_HNSW);
        assertThat(FilterStrategy.choose(50, 100)).isEqualTo(FilterStrategy.POST_FILTER);
        assertThat(FilterStrategy.choose(5, 100)).isEqualTo(FilterStrategy.POST_FILTER);
        assertThat(FilterStrategy.choose(4, 100)).isEqualTo(FilterStrategy.EXACT_SCAN);
        assertThat(FilterStrategy.choose(0, 0)).isEqualTo(FilterStrategy.EXACT_SCAN);
        assertThat(index.strategyFor(null)).isEqualTo(FilterStrategy.UNFILTERED);
    }

    /** Each band's recall against an exact filtered scan; the filter keeps rows with a pseudo-random tag. */
    @ParameterizedTest
    @CsvSource({"0.8, FILTERED_HNSW", "0.3, POST_FILTER", "0.1, POST_FILTER", "0.02, EXACT_SCAN"})
    void recallInEachSelectivityBand(double keep, FilterStrategy expected) {
        SplittableRandom rnd = Seeds.random("filtered-" + keep);
        RoaringBitmap allowed = new RoaringBitmap();
        for (int i = 0; i < N; i++) {
            if (rnd.nextDouble() < keep) {
                allowed.add(i);
            }
        }
        assertThat(index.strategyFor(allowed)).isEqualTo(expected);
        List<List<VectorHit>> exact = TestVectors.searchAll(index, queries, 10, allowed, true);
        List<List<VectorHit>> approx = TestVectors.searchAll(index, queries, 10, allowed, false);
        double recall = TestVectors.recall(exact, approx);
        System.out.printf("filtered recall@10 keep=%.2f %s = %.4f %s%n", keep, expected, recall, Seeds.repro());
        assertThat(recall).isGreaterThanOrEqualTo(0.95);
        for (List<VectorHit> hits : approx) {
            assertThat(hits).hasSize(10);
            for (VectorHit h : hits) {
                assertThat(allowed.contains(index.internalId(h.id()))).isTrue();
            }
        }
    }

    @Test
    void filterByExternalIds() {
        RoaringBitmap allowed = index.allowedIds(List.of(TestVectors.id(5), TestVectors.id(17), TestVectors.id(-1)));
        assertThat(allowed.getCardinality()).isEqualTo(2);
        List<VectorHit> hits = index.search(SearchRequest.of(queries[0], 10).withFilter(allowed));
        assertThat(hits).extracting(VectorHit::id).containsExactlyInAnyOrder(TestVectors.id(5), TestVectors.id(17));
    }
}
