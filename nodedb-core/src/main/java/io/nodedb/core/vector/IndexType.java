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
 * </ul>
 * Codes are part of the checkpoint format: add, never renumber.
 */
public enum IndexType {
    HNSW(1, "hnsw", 1),
    HNSW_SQ8(2, "hnsw_sq8", 4),
    HNSW_BINARY(3, "hnsw_binary", 20);

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

    public static IndexType fromCode(int code) {
        for (IndexType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown vector index type code " + code);
    }

    /** @throws IllegalArgumentException naming the accepted types (PQ and IVF-PQ are not implemented yet) */
    public static IndexType parse(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "hnsw" -> HNSW;
            case "hnsw_sq8", "sq8" -> HNSW_SQ8;
            case "hnsw_binary", "hnsw_bq", "binary" -> HNSW_BINARY;
            default -> throw new IllegalArgumentException("unknown vector index type '" + name
                    + "'; expected hnsw, hnsw_sq8 or hnsw_binary");
        };
    }
}
