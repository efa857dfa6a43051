package io.nodedb.core.vector;

import java.util.Locale;

/**
 * How an index keeps its vectors for search. Every type keeps the float32 vectors (re-ranking and exact scans
 * need them); the quantized types add compact codes that the search ranks with first.
 * <ul>
 *   <li>{@code hnsw}: graph search on float distances.</li>
 *   <li>{@code hnsw_sq8}: graph search on 8-bit scalar-quantized codes (asymmetric: float query against decoded
 *       codes), then the best candidates re-ranked with float distances.</li>
 *   <li>{@code hnsw_binary}: one sign bit per component; candidates ranked by Hamming distance over all codes
 *       (cheap enough to scan, too coarse to navigate a graph), then re-ranked with float distances.</li>
 *   <li>{@code hnsw_pq}: graph search on product-quantized codes (m one-byte codes, 256 trained centroids per
 *       subspace; asymmetric distance tables per query), then re-ranked with float distances.</li>
 *   <li>{@code ivf_pq}: no graph; k-means lists (nlist), PQ codes of each vector's residual from its list's
 *       centroid, nprobe lists scanned per query with distance tables, then re-ranked with float distances.</li>
 * </ul>
 * Codes are part of the checkpoint format: add, never renumber.
 */
public enum IndexType {
    HNSW(1, "hnsw", 1),
    HNSW_SQ8(2, "hnsw_sq8", 4),
    HNSW_BINARY(3, "hnsw_binary", 20),
    HNSW_PQ(4, "hnsw_pq", 8),
    IVF_PQ(5, "ivf_pq", 8);

    private final int code;
    private final String sqlName;
    private final int defaultOversample;

    IndexType(int code, String sqlName, int defaultOversample) {
        this.code = code;
        this.sqlName = sqlName;
        this.defaultOversample = defaultOversample;
    }

    public int code() {
        return code;
    }

    public String sqlName() {
        return sqlName;
    }

    /** How many candidates per requested result a quantized search re-ranks with float distances. */
    public int defaultOversample() {
        return defaultOversample;
    }

    /** Whether the type keeps product-quantized codes (and takes {@link QuantizationOptions}). */
    public boolean productQuantized() {
        return this == HNSW_PQ || this == IVF_PQ;
    }

    /** Whether searches walk the HNSW graph (IVF-PQ keeps no graph links). */
    public boolean hasGraph() {
        return this != IVF_PQ;
    }

    public static IndexType fromCode(int code) {
        for (IndexType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown vector index type code " + code);
    }

    /** @throws IllegalArgumentException naming the accepted types */
    public static IndexType parse(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "hnsw" -> HNSW;
            case "hnsw_sq8", "sq8" -> HNSW_SQ8;
            case "hnsw_binary", "hnsw_bq", "binary" -> HNSW_BINARY;
            case "hnsw_pq", "pq" -> HNSW_PQ;
            case "ivf_pq", "ivfpq" -> IVF_PQ;
            default -> throw new IllegalArgumentException("unknown vector index type '" + name
                    + "'; expected hnsw, hnsw_sq8, hnsw_binary, hnsw_pq or ivf_pq");
        };
    }
}
