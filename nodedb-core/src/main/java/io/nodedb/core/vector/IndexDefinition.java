package io.nodedb.core.vector;

import java.util.Objects;

/**
 * What {@code CREATE VECTOR INDEX} declares: the index name, the collection and field it indexes, the dimension,
 * the metric, the HNSW parameters and the storage type.
 */
public record IndexDefinition(String name, String collection, String field, int dim, Metric metric, int m,
        int efConstruction, IndexType type) {
    /** Far above any embedding model in use, low enough that one vector's scratch space stays small. */
    public static final int MAX_DIM = 65_536;

    /** @throws IllegalArgumentException naming the first invalid parameter */
    public IndexDefinition {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(type, "type");
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
    }

    /** Default M, ef_construction and type. */
    public static IndexDefinition of(String name, String collection, String field, int dim, Metric metric) {
        return new IndexDefinition(name, collection, field, dim, metric, HnswParams.DEFAULT_M,
                HnswParams.DEFAULT_EF_CONSTRUCTION, IndexType.HNSW);
    }

    public IndexDefinition withType(IndexType newType) {
        return new IndexDefinition(name, collection, field, dim, metric, m, efConstruction, newType);
    }

    public IndexDefinition withGraph(int newM, int newEfConstruction) {
        return new IndexDefinition(name, collection, field, dim, metric, newM, newEfConstruction, type);
    }

    /** The graph parameters this definition implies: M0 = 2M, the default ef_search and seed. */
    public HnswParams hnswParams() {
        return HnswParams.of(m, efConstruction);
    }
}
