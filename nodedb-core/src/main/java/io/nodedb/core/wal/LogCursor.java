package io.nodedb.core.wal;

/** Iterates log records in LSN order. */
public interface LogCursor extends AutoCloseable {
    /** The next record, or null when there is no further durable record right now. */
    LogRecord next();

    @Override
    void close();
}
