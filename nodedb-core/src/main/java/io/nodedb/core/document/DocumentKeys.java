package io.nodedb.core.document;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Keys of the documents column family: the collection's 8-byte big-endian id, then the document id encoded so
 * that byte order equals value order within a type:
 * <pre>
 * 0x10 int64 with the sign bit flipped, big-endian
 * 0x20 UTF-8 string bytes (last component, so no terminator)
 * 0x30 UUID, 16 bytes big-endian
 * 0x40 raw bytes
 * </pre>
 * All of a collection's rows share its 8-byte prefix, so a scan or a drop is one range.
 */
public final class DocumentKeys {
    private static final byte INT = 0x10;
    private static final byte STRING = 0x20;
    private static final byte UUID = 0x30;
    private static final byte BYTES = 0x40;

    private DocumentKeys() {
    }

    public static byte[] prefix(long collectionId) {
        return ByteBuffer.allocate(8).putLong(collectionId).array();
    }

    /** The first key after every key of the collection: the prefix of the next id. */
    public static byte[] prefixEnd(long collectionId) {
        return prefix(collectionId + 1);
    }

    public static byte[] key(long collectionId, Value id) {
        return switch (id) {
            case Value.Int i -> ByteBuffer.allocate(17).putLong(collectionId).put(INT)
                    .putLong(i.value() ^ Long.MIN_VALUE).array();
            case Value.Str s -> {
                byte[] utf8 = s.value().getBytes(StandardCharsets.UTF_8);
                yield ByteBuffer.allocate(9 + utf8.length).putLong(collectionId).put(STRING).put(utf8).array();
            }
            case Value.Uuid u -> ByteBuffer.allocate(25).putLong(collectionId).put(UUID)
                    .putLong(u.value().getMostSignificantBits()).putLong(u.value().getLeastSignificantBits()).array();
            case Value.Bytes b -> ByteBuffer.allocate(9 + b.value().length).putLong(collectionId).put(BYTES)
                    .put(b.value()).array();
            default -> throw new NodeDbException(SqlState.DATATYPE_MISMATCH, "a document id must be BIGINT, TEXT, "
                    + "UUID or BYTES, got " + id.type());
        };
    }

    /** Decodes the document id from a full key. */
    public static Value id(byte[] key) {
        ByteBuffer b = ByteBuffer.wrap(key, 8, key.length - 8);
        byte tag = b.get();
        return switch (tag) {
            case INT -> Value.of(b.getLong() ^ Long.MIN_VALUE);
            case STRING -> Value.of(new String(key, 9, key.length - 9, StandardCharsets.UTF_8));
            case UUID -> new Value.Uuid(new java.util.UUID(b.getLong(), b.getLong()));
            case BYTES -> new Value.Bytes(java.util.Arrays.copyOfRange(key, 9, key.length));
            default -> throw new NodeDbException(SqlState.DATA_CORRUPTED, "unknown document id tag " + tag);
        };
    }
}
