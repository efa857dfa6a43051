package io.nodedb.core.wal;

import java.util.Arrays;

/**
 * One record of the command log: its log sequence number, its type and its payload. The payload is the
 * resolved mutation (row images, generated ids, timestamps already evaluated), never SQL text, so that applying
 * the same records always gives the same state.
 */
public record LogRecord(long lsn, short type, byte[] payload) {

    /** Records whose type has this bit set must be understood by the reader; others may be skipped. */
    public static final int REQUIRED = 0x8000;

    public boolean isRequired() {
        return (type & REQUIRED) != 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogRecord r && r.lsn == lsn && r.type == type && Arrays.equals(r.payload, payload);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(lsn) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "LogRecord[lsn=" + lsn + ", type=0x" + Integer.toHexString(type & 0xFFFF)
                + ", payload=" + payload.length + " bytes]";
    }
}
