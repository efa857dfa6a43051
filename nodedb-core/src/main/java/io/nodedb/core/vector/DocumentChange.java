package io.nodedb.core.vector;

import io.nodedb.core.value.Value;

import java.util.Objects;

/**
 * What a document record did to a collection that vector indexes follow, as the database tells the vector engine
 * after the document engine has applied it. A write carries the document as it is now (after the record), not as
 * the record wrote it: on replay the document engine may already be ahead of the vector engine, and following the
 * current state makes every index converge on the documents whatever the order of recovery.
 */
public sealed interface DocumentChange {
    String collection();

    /** The document {@code id} was written or deleted; {@code current} is null when it no longer exists. */
    record Write(String collection, Value id, Value.Obj current) implements DocumentChange {
        public Write {
            Objects.requireNonNull(collection, "collection");
            Objects.requireNonNull(id, "id");
        }
    }

    /** Every document of the collection was removed. */
    record Truncate(String collection) implements DocumentChange {
    }

    /** The collection was dropped; its vector indexes go with it. */
    record Drop(String collection) implements DocumentChange {
    }
}
