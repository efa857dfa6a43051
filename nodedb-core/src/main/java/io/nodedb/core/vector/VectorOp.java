package io.nodedb.core.vector;

import io.nodedb.core.value.Value;

import java.util.Arrays;
import java.util.Objects;

/**
 * One operation in a {@link io.nodedb.core.engine.RecordTypes#VECTOR_BATCH} record. Operations are resolved before
 * they are logged (ids generated, vectors computed), so applying them needs nothing but the engine's state.
 */
public sealed interface VectorOp {

    /** {@code CREATE VECTOR INDEX}. */
    record CreateIndex(IndexDefinition definition) implements VectorOp {
        public CreateIndex {
            Objects.requireNonNull(definition, "definition");
        }

        public CreateIndex(String name, String collection, String field, int dim, Metric metric, int m,
                int efConstruction, IndexType type) {
            this(new IndexDefinition(name, collection, field, dim, metric, m, efConstruction, type));
        }
    }

    /** {@code DROP VECTOR INDEX}. */
    record DropIndex(String name) implements VectorOp {
        public DropIndex {
            Objects.requireNonNull(name, "name");
        }
    }

    /** Inserts a row's vector or replaces it. */
    record Upsert(String index, Value id, float[] vector) implements VectorOp {
        public Upsert {
            Objects.requireNonNull(index, "index");
            Objects.requireNonNull(id, "id");
            vector = vector.clone();
        }

        @Override
        public float[] vector() {
            return vector.clone();
        }

        float[] raw() {
            return vector;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Upsert u && u.index.equals(index) && u.id.equals(id)
                    && Arrays.equals(u.vector, vector);
        }

        @Override
        public int hashCode() {
            return (index.hashCode() * 31 + id.hashCode()) * 31 + Arrays.hashCode(vector);
        }

        @Override
        public String toString() {
            return "Upsert[index=" + index + ", id=" + id + ", dim=" + vector.length + "]";
        }
    }

    /** Removes a row's vector; removing an absent row is not an error (it affects 0 rows). */
    record Delete(String index, Value id) implements VectorOp {
        public Delete {
            Objects.requireNonNull(index, "index");
            Objects.requireNonNull(id, "id");
        }
    }
}
