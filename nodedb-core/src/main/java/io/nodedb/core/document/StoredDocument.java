package io.nodedb.core.document;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueCodec;

import java.nio.ByteBuffer;

/**
 * Value layout in the documents column family:
 * <pre>
 * offset size field
 *  0      1   format tag, 0x01 = MessagePack document
 *  1      8   version: the LSN of the record that wrote it, big-endian (the conflict check compares it)
 *  9      n   the document, MessagePack ({@link ValueCodec})
 * </pre>
 */
final class StoredDocument {
    static final byte MSGPACK = 0x01;
    static final int HEADER = 9;

    private StoredDocument() {
    }

    static byte[] encode(long lsn, Value.Obj document) {
        byte[] body = ValueCodec.encode(document);
        return ByteBuffer.allocate(HEADER + body.length).put(MSGPACK).putLong(lsn).put(body).array();
    }

    static long version(byte[] stored) {
        check(stored);
        return ByteBuffer.wrap(stored, 1, 8).getLong();
    }

    static Value.Obj document(byte[] stored) {
        check(stored);
        return ValueCodec.decode(stored, HEADER, stored.length - HEADER).asObj();
    }

    private static void check(byte[] stored) {
        if (stored.length < HEADER || stored[0] != MSGPACK) {
            throw new NodeDbException(SqlState.DATA_CORRUPTED, "stored document has an unknown format tag "
                    + (stored.length == 0 ? "(empty)" : stored[0]));
        }
    }
}
