package io.nodedb.core.engine;

import io.nodedb.core.wal.LogRecord;

/** Record type codes in the command log; part of the on-disk format, so never renumber one. */
public final class RecordTypes {
    /** A batch of {@link Mutation}s applied atomically by the document engine (catalog DDL and documents). */
    public static final short DOCUMENT_BATCH = (short) (LogRecord.REQUIRED | 1);
    /** A batch of key-value operations applied atomically by the key-value engine. */
    public static final short KV_BATCH = (short) (LogRecord.REQUIRED | 2);
    /** A batch of vector index operations applied by the vector engine. */
    public static final short VECTOR_BATCH = (short) (LogRecord.REQUIRED | 3);

    private RecordTypes() {
    }
}
