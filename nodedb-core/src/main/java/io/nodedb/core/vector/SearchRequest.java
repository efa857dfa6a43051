package io.nodedb.core.vector;

import java.util.BitSet;
import java.util.Objects;

/**
 * A k-nearest-neighbour query.
 *
 * @param query the query vector, of the index's dimension
 * @param k how many results at most
 * @param efSearch beam width of the graph search; 0 uses the index default
 * @param allowed internal ids a result may have (see {@link VectorIndex#internalId}); null allows all. Read, never
 *     modified, and must not change while the search runs.
 * @param oversample candidates per result re-ranked with float distances in quantized indexes; 0 uses the type's
 *     default
 * @param exact scan every (allowed) vector instead of searching the graph
 */
public record SearchRequest(float[] query, int k, int efSearch, BitSet allowed, int oversample, boolean exact) {

    public SearchRequest {
        Objects.requireNonNull(query, "query");
        if (k < 0) {
            throw new IllegalArgumentException("k must not be negative: " + k);
        }
        if (efSearch < 0 || oversample < 0) {
            throw new IllegalArgumentException("ef_search and oversample must not be negative");
        }
    }

    public static SearchRequest of(float[] query, int k) {
        return new SearchRequest(query, k, 0, null, 0, false);
    }

    public SearchRequest withEfSearch(int ef) {
        return new SearchRequest(query, k, ef, allowed, oversample, exact);
    }

    public SearchRequest withFilter(BitSet allowedIds) {
        return new SearchRequest(query, k, efSearch, allowedIds, oversample, exact);
    }

    public SearchRequest withOversample(int factor) {
        return new SearchRequest(query, k, efSearch, allowed, factor, exact);
    }

    public SearchRequest asExact() {
        return new SearchRequest(query, k, efSearch, allowed, oversample, true);
    }
}
