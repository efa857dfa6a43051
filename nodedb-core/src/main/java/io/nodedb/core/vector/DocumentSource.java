package io.nodedb.core.vector;

import io.nodedb.core.value.Value;

import java.util.function.BiConsumer;

/** Reads the documents of a collection, so a vector index created on it can index the rows that already exist. */
@FunctionalInterface
public interface DocumentSource {
    /** Visits every current document of the collection; visits nothing if there is no such collection. */
    void forEach(String collection, BiConsumer<Value, Value.Obj> visitor);
}
