package io.nodedb.core.vector;

import io.nodedb.core.value.Value;

import java.util.function.BiConsumer;

/** Reads the documents of a collection, so a vector index created on it can index the rows that already exist. */
public interface DocumentSource {
    /** A source without collections, for an engine that follows none. */
    DocumentSource NONE = new DocumentSource() {
        @Override
        public boolean hasRows(String collection) {
            return false;
        }

        @Override
        public void forEach(String collection, BiConsumer<Value, Value.Obj> visitor) {
        }
    };

    /** Whether the collection exists and holds a document now: when it does not, a new index has nothing to build. */
    boolean hasRows(String collection);

    /** Visits every current document of the collection; visits nothing if there is no such collection. */
    void forEach(String collection, BiConsumer<Value, Value.Obj> visitor);
}
