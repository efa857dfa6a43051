package io.nodedb.core.engine;

import io.nodedb.core.wal.LogRecord;

/** Record type codes in the command log; part of the on-disk format, so never renumber one. */
public final class RecordTypes {
    /** A batch of {@link Mutation}s applied atomically by the document engine (catalog DDL and documents). */
    public static final short DOCUMENT_BATCH = (short) (LogRecord.REQUIRED | 1);

    private RecordTypes() {
    }
}
