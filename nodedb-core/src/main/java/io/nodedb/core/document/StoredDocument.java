package io.nodedb.core.document;

import io.nodedb.core.catalog.CollectionDef;
import io.nodedb.core.catalog.CollectionKind;
import io.nodedb.core.catalog.SchemaVersion;
import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueCodec;

import java.nio.ByteBuffer;

/**
 * Value layout in the documents column family:
 * <pre>
 * offset size field
 *  0      1   format tag: 0x01 = MessagePack document (schemaless), 0x02 = binary tuple (strict)
 *  1      8   version: the LSN of the record that wrote it, big-endian (the conflict check compares it)
 *  9      2   tag 0x02 only: the schema version the tuple was written with, big-endian
 *  9/11   n   the document ({@link ValueCodec}) or the tuple ({@link RowTuples})
 * </pre>
 */
final class StoredDocument {
    static final byte MSGPACK = 0x01;
    static final byte TUPLE = 0x02;
    private static final int HEADER = 9;

    private StoredDocument() {
    }

    static byte[] encode(long lsn, CollectionDef def, Value.Obj document) {
        SchemaVersion schema = def.currentSchema();
        if (def.kind() == CollectionKind.STRICT && schema != null) {
            byte[] tuple = RowTuples.encode(schema, document, def.name());
            return ByteBuffer.allocate(HEADER + 2 + tuple.length).put(TUPLE).putLong(lsn)
                    .putShort((short) schema.version()).put(tuple).array();
        }
        byte[] body = ValueCodec.encode(document);
        return ByteBuffer.allocate(HEADER + body.length).put(MSGPACK).putLong(lsn).put(body).array();
    }

    static long version(byte[] stored) {
        check(stored);
        return ByteBuffer.wrap(stored, 1, 8).getLong();
    }

    static Value.Obj document(byte[] stored, CollectionDef def) {
        check(stored);
        if (stored[0] == MSGPACK) {
            return ValueCodec.decode(stored, HEADER, stored.length - HEADER).asObj();
        }
        return RowTuples.decode(stored, TUPLE_START, stored.length - TUPLE_START, writtenSchema(stored, def),
                def.currentSchema());
    }

    /** Where the tuple of a {@link #TUPLE} value starts. */
    static final int TUPLE_START = HEADER + 2;

    /** The number of the schema version a {@link #TUPLE} value was written with. */
    static int schemaVersion(byte[] stored) {
        return (stored[HEADER] & 0xFF) << 8 | stored[HEADER + 1] & 0xFF;
    }

    /** The schema version a {@link #TUPLE} value was written with, from the collection's history. */
    static SchemaVersion writtenSchema(byte[] stored, CollectionDef def) {
        int version = schemaVersion(stored);
        for (SchemaVersion s : def.schemas()) {
            if (s.version() == version) {
                return s;
            }
        }
        throw new NodeDbException(SqlState.DATA_CORRUPTED, "row of \"" + def.name() + "\" was written with schema "
                + "version " + version + ", which the catalog does not have");
    }

    private static void check(byte[] stored) {
        if (stored.length < HEADER || (stored[0] != MSGPACK && stored[0] != TUPLE)) {
            throw new NodeDbException(SqlState.DATA_CORRUPTED, "stored document has an unknown format tag "
                    + (stored.length == 0 ? "(empty)" : stored[0]));
        }
    }
}
