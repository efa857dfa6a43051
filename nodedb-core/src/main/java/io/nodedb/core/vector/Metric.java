package io.nodedb.core.vector;

import java.util.Locale;

/**
 * How two vectors are compared. Every metric is exposed as a distance: smaller means closer, so one search
 * algorithm serves all of them. The definitions (the kernels implement exactly these):
 * <ul>
 *   <li>{@code l2}: squared Euclidean distance, {@code Σ (aᵢ − bᵢ)²}. Squared because the square root changes no
 *       ranking and costs a division of the budget per comparison.</li>
 *   <li>{@code cosine}: {@code 1 − a·b / (‖a‖ ‖b‖)}, in [0, 2]; a zero vector is at distance 1 from everything
 *       (treated as orthogonal rather than failing a search).</li>
 *   <li>{@code inner_product}: {@code −(a·b)}, so the largest inner product ranks first; may be negative.</li>
 *   <li>{@code manhattan}: {@code Σ |aᵢ − bᵢ|}.</li>
 *   <li>{@code chebyshev}: {@code max |aᵢ − bᵢ|}.</li>
 *   <li>{@code hamming}: the number of components where {@code aᵢ ≠ bᵢ}. On binary-quantized codes the same idea
 *       counts differing bits.</li>
 *   <li>{@code jaccard}: {@code 1 − Σ sameSign(aᵢ,bᵢ)·min(|aᵢ|,|bᵢ|) / Σ max(|aᵢ|,|bᵢ|)}, 0 when both vectors are
 *       zero. On non-negative vectors this is the weighted (Ruzicka) Jaccard distance, and on 0/1 vectors it is the
 *       set Jaccard distance of their nonzero positions; components of opposite sign share nothing.
 *       {@code sameSign} is {@code aᵢ·bᵢ > 0} evaluated in float.</li>
 *   <li>{@code pearson}: {@code 1 − r} with r the Pearson correlation, in [0, 2]; computed in two passes (means,
 *       then centred sums) because the one-pass formula cancels catastrophically in float. A constant vector has
 *       no correlation with anything (distance 1).</li>
 * </ul>
 * The stored code of each metric is part of the checkpoint format: add, never renumber.
 */
public enum Metric {
    L2(1, "l2"),
    COSINE(2, "cosine"),
    INNER_PRODUCT(3, "inner_product"),
    MANHATTAN(4, "manhattan"),
    CHEBYSHEV(5, "chebyshev"),
    HAMMING(6, "hamming"),
    JACCARD(7, "jaccard"),
    PEARSON(8, "pearson");

    private final int code;
    private final String sqlName;

    Metric(int code, String sqlName) {
        this.code = code;
        this.sqlName = sqlName;
    }

    public int code() {
        return code;
    }

    /** The name used in SQL ({@code METRIC cosine}) and in the log. */
    public String sqlName() {
        return sqlName;
    }

    public static Metric fromCode(int code) {
        for (Metric m : values()) {
            if (m.code == code) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown metric code " + code);
    }

    /**
     * Parses a SQL metric name, case-insensitively; accepts the common aliases (euclidean, dot, ip, l1, ...).
     *
     * @throws IllegalArgumentException naming the accepted spellings
     */
    public static Metric parse(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "l2", "euclidean", "euclid" -> L2;
            case "cosine", "cos" -> COSINE;
            case "inner_product", "ip", "dot", "dot_product" -> INNER_PRODUCT;
            case "manhattan", "l1" -> MANHATTAN;
            case "chebyshev", "linf" -> CHEBYSHEV;
            case "hamming" -> HAMMING;
            case "jaccard" -> JACCARD;
            case "pearson" -> PEARSON;
            default -> throw new IllegalArgumentException("unknown metric '" + name
                    + "'; expected l2, cosine, inner_product, manhattan, chebyshev, hamming, jaccard or pearson");
        };
    }
}
