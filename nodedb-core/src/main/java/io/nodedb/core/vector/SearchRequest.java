package io.nodedb.core.vector;

import org.roaringbitmap.RoaringBitmap;

import java.util.BitSet;
import java.util.Objects;

/**
 * A k-nearest-neighbour query.
 *
 * @param query the query vector, of the index's dimension
 * @param k how many results at most
 * @param efSearch beam width of the graph search; 0 uses the index default
 * @param allowed internal row ids a result may have (see {@link VectorIndex#internalId} and
 *     {@link VectorIndex#allowedIds}); null allows all. Read, never modified, and must not change while the search
 *     runs. Ids of deleted rows in it are ignored.
 * @param oversample candidates per result re-ranked with float distances in quantized indexes; 0 uses the type's
 *     default
 * @param exact scan every (allowed) vector instead of searching the graph
 * @param nprobe IVF lists scanned ({@code ivf_pq} only); 0 uses the index's {@code nprobe} option
 */
public record SearchRequest(float[] query, int k, int efSearch, RoaringBitmap allowed, int oversample, boolean exact,
        int nprobe) {

    public SearchRequest {
        Objects.requireNonNull(query, "query");
        if (k < 0) {
            throw new IllegalArgumentException("k must not be negative: " + k);
        }
        if (efSearch < 0 || oversample < 0 || nprobe < 0) {
            throw new IllegalArgumentException("ef_search, oversample and nprobe must not be negative");
        }
    }

    public static SearchRequest of(float[] query, int k) {
        return new SearchRequest(query, k, 0, null, 0, false, 0);
    }

    public SearchRequest withEfSearch(int ef) {
        return new SearchRequest(query, k, ef, allowed, oversample, exact, nprobe);
    }

    public SearchRequest withFilter(RoaringBitmap allowedIds) {
        return new SearchRequest(query, k, efSearch, allowedIds, oversample, exact, nprobe);
    }

    /** The same filter given as a {@link BitSet} of internal ids (copied). */
    public SearchRequest withFilter(BitSet allowedIds) {
        if (allowedIds == null) {
            return withFilter((RoaringBitmap) null);
        }
        RoaringBitmap r = new RoaringBitmap();
        allowedIds.stream().forEach(r::add);
        r.runOptimize();
        return withFilter(r);
    }

    public SearchRequest withOversample(int factor) {
        return new SearchRequest(query, k, efSearch, allowed, factor, exact, nprobe);
    }

    public SearchRequest withNprobe(int lists) {
        return new SearchRequest(query, k, efSearch, allowed, oversample, exact, lists);
    }

    public SearchRequest asExact() {
        return new SearchRequest(query, k, efSearch, allowed, oversample, true, nprobe);
    }
}
