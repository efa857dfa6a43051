package io.nodedb.core.engine;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.value.Value;

import java.util.List;

/**
 * The outcome of applying one log record: its LSN, and either one count of affected rows per operation (plus any
 * values operations return, such as the new value of an atomic increment) or the error that rejected the whole
 * record.
 */
public record ApplyResult(long lsn, List<Long> affected, List<Value> returned, NodeDbException error) {

    public static ApplyResult ok(long lsn, List<Long> affected) {
        return new ApplyResult(lsn, List.copyOf(affected), List.of(), null);
    }

    public static ApplyResult ok(long lsn, List<Long> affected, List<Value> returned) {
        return new ApplyResult(lsn, List.copyOf(affected), List.copyOf(returned), null);
    }

    public static ApplyResult failed(long lsn, NodeDbException error) {
        return new ApplyResult(lsn, List.of(), List.of(), error);
    }

    public boolean isOk() {
        return error == null;
    }

    /** Returns this result, or throws its error (with the caller's stack, so the trace shows who waited). */
    public ApplyResult orThrow() {
        if (error != null) {
            throw new NodeDbException(error.state(), error.getMessage(), error.position(), error);
        }
        return this;
    }
}
