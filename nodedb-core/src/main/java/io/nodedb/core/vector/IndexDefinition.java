package io.nodedb.core.vector;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code CREATE VECTOR INDEX} declares: the index name, the collection and field it indexes, the dimension,
 * the metric, the HNSW parameters, the storage type and, for the product-quantized types, their options.
 */
public record IndexDefinition(String name, String collection, String field, int dim, Metric metric, int m,
        int efConstruction, IndexType type, QuantizationOptions quantization) {
    /** Far above any embedding model in use, low enough that one vector's scratch space stays small. */
    public static final int MAX_DIM = 65_536;

    /** @throws IllegalArgumentException naming the first invalid parameter */
    public IndexDefinition {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(type, "type");
        quantization = quantization == null ? QuantizationOptions.DEFAULTS : quantization;
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a vector index needs a name");
        }
        collection = collection == null ? "" : collection;
        field = field == null ? "" : field;
        if (dim < 1 || dim > MAX_DIM) {
            throw new IllegalArgumentException("DIM must be between 1 and " + MAX_DIM + ", got " + dim);
        }
        if (m < 2 || m > HnswParams.MAX_M) {
            throw new IllegalArgumentException("M must be between 2 and " + HnswParams.MAX_M + ", got " + m);
        }
        if (efConstruction < 1 || efConstruction > 100_000) {
            throw new IllegalArgumentException("EF_CONSTRUCTION must be between 1 and 100000, got " + efConstruction);
        }
        if (type.productQuantized()) {
            if (!PqCodebook.supports(metric)) {
                throw new IllegalArgumentException(type.sqlName() + " supports the metrics l2, cosine, inner_product"
                        + " and manhattan, not " + metric.sqlName());
            }
            if (quantization.pqSubspaces() > dim) {
                throw new IllegalArgumentException("pq_m must be between 1 and DIM (" + dim + "), got "
                        + quantization.pqSubspaces());
            }
        }
    }

    /** Without quantization options (all defaults). */
    public IndexDefinition(String name, String collection, String field, int dim, Metric metric, int m,
            int efConstruction, IndexType type) {
        this(name, collection, field, dim, metric, m, efConstruction, type, QuantizationOptions.DEFAULTS);
    }

    /** Default M, ef_construction and type. */
    public static IndexDefinition of(String name, String collection, String field, int dim, Metric metric) {
        return new IndexDefinition(name, collection, field, dim, metric, HnswParams.DEFAULT_M,
                HnswParams.DEFAULT_EF_CONSTRUCTION, IndexType.HNSW);
    }

    public IndexDefinition withType(IndexType newType) {
        return new IndexDefinition(name, collection, field, dim, metric, m, efConstruction, newType, quantization);
    }

    public IndexDefinition withGraph(int newM, int newEfConstruction) {
        return new IndexDefinition(name, collection, field, dim, metric, newM, newEfConstruction, type,
                quantization);
    }

    public IndexDefinition withQuantization(QuantizationOptions options) {
        return new IndexDefinition(name, collection, field, dim, metric, m, efConstruction, type, options);
    }

    /**
     * Applies the options of {@code CREATE VECTOR INDEX ... WITH (...)}, keys case-insensitive, values as written:
     * <ul>
     *   <li>{@code index_type}: {@code hnsw}, {@code hnsw_sq8}, {@code hnsw_binary}, {@code hnsw_pq},
     *       {@code ivf_pq} (see {@link IndexType#parse}); {@code type} is accepted as a synonym;</li>
     *   <li>{@code m}: HNSW neighbours per node, except for {@code ivf_pq}, which has no graph: there it is the
     *       number of PQ subspaces (as in FAISS's {@code IVFnlist,PQm});</li>
     *   <li>{@code ef_construction};</li>
     *   <li>{@code pq_m}: PQ subspaces (any PQ type; wins over {@code m} for {@code ivf_pq});</li>
     *   <li>{@code nlist}, {@code nprobe}: IVF lists and lists scanned per query;</li>
     *   <li>{@code training_size}: live vectors at which PQ codebooks and IVF centroids are trained.</li>
     * </ul>
     * The type is applied first, so the order of the keys does not matter.
     *
     * @throws IllegalArgumentException naming an unknown key or a bad value
     */
    public IndexDefinition withOptions(Map<String, String> options) {
        IndexType t = type;
        int newM = m;
        int ef = efConstruction;
        QuantizationOptions q = quantization;
        Integer plainM = null;
        Integer pqM = null;
        for (Map.Entry<String, String> e : options.entrySet()) {
            String k = e.getKey().strip().toLowerCase(Locale.ROOT);
            if (k.equals("index_type") || k.equals("type")) {
                t = IndexType.parse(e.getValue());
            }
        }
        for (Map.Entry<String, String> e : options.entrySet()) {
            String key = e.getKey().strip().toLowerCase(Locale.ROOT);
            switch (key) {
                case "index_type", "type" -> { }
                case "m" -> plainM = intOption(key, e.getValue());
                case "ef_construction" -> ef = intOption(key, e.getValue());
                case "pq_m" -> pqM = intOption(key, e.getValue());
                case "nlist" -> q = q.withNlist(intOption(key, e.getValue()));
                case "nprobe" -> q = q.withNprobe(intOption(key, e.getValue()));
                case "training_size" -> q = q.withTrainingSize(intOption(key, e.getValue()));
                default -> throw new IllegalArgumentException("unknown vector index option '" + e.getKey()
                        + "'; expected index_type, m, ef_construction, pq_m, nlist, nprobe or training_size");
            }
        }
        if (plainM != null) {
            if (t == IndexType.IVF_PQ && pqM == null) {
                pqM = plainM;
            } else {
                newM = plainM;
            }
        }
        if (pqM != null) {
            q = q.withSubspaces(pqM);
        }
        return new IndexDefinition(name, collection, field, dim, metric, newM, ef, t, q);
    }

    private static int intOption(String key, String value) {
        try {
            int v = Integer.parseInt(value.strip());
            if (v < 1) {
                throw new IllegalArgumentException("option " + key + " must be positive, got " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + key + " must be an integer, got '" + value + "'", e);
        }
    }

    /** The graph parameters this definition implies: M0 = 2M, the default ef_search and seed. */
    public HnswParams hnswParams() {
        return HnswParams.of(m, efConstruction);
    }
}
