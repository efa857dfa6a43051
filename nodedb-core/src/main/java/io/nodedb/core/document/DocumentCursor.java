package io.nodedb.core.document;

/** Pulls documents one at a time; close it to release the underlying iterator. */
public interface DocumentCursor extends AutoCloseable {
    /** The next document, or null at the end. */
    VersionedDocument next();

    @Override
    void close();
}
