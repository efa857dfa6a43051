package io.nodedb.core.wal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * On-disk layout of log segments and records. All integers are little-endian.
 *
 * <h2>Segment file {@code wal-<first lsn, 20 digits>.seg}</h2>
 * <pre>
 * offset size field
 *  0      8   magic "NDBWAL\r\n"
 *  8      2   segment format version (currently 1; a newer one is refused)
 * 10      2   header size (40)
 * 12      4   reserved, 0
 * 16      8   LSN of the first record in this segment
 * 24      8   LSN the previous segment ended at: first LSN - 1, unless LSNs were skipped on open because
 *             the engines had applied records of a tail that was never fsynced (fsync policy off)
 * 32      4   reserved, 0
 * 36      4   CRC32C of bytes 0..35
 * 40      ... records, back to back
 * </pre>
 *
 * <h2>Record</h2>
 * <pre>
 * offset size field
 *  0      4   magic 'N' 'D' 'B' 'R'
 *  4      2   record format version (currently 1)
 *  6      2   record type; bit 15 set = required (a reader that does not know the type must stop)
 *  8      8   LSN (each record's LSN is its predecessor's plus one, across segments)
 * 16      4   payload length in bytes (at most {@link #MAX_PAYLOAD})
 * 20      2   flags: bit 0 = payload encrypted, bit 1 = payload compressed
 * 22      2   key id of the encryption key (0 when not encrypted); room for key rotation
 * 24      4   forced distance d (unsigned): every record with LSN &lt;= LSN - d was on the device when this one was
 *             written (d &gt;= 1; 0xFFFFFFFF when further back; 0 in logs written before it existed, meaning unknown)
 * 28      4   CRC32C of bytes 0..27 followed by the payload
 * 32      n   payload
 * </pre>
 * The writer fills the active segment with zeros ahead of its write position (so that fdatasync need not update
 * the file size); a record position holding only zeros to the end of the file is the end of the records. Sealed
 * segments are cut to their last record.
 * A torn write at the end of the last segment fails the CRC (or the magic, or runs past the end of the file)
 * and is cut on open; the same failure anywhere else is corruption and stops recovery. After a machine crash the
 * written-but-not-forced tail may reach the disk out of order, leaving a hole with valid records after it; the
 * forced distance tells the two apart: if no valid record after the hole proves the hole's LSN was forced before
 * it was written, the hole is in the unforced tail and is cut with everything after it.
 */
public final class RecordFormat {
    public static final int SEGMENT_HEADER_SIZE = 40;
    public static final int RECORD_HEADER_SIZE = 32;
    public static final int SEGMENT_FORMAT_VERSION = 1;
    public static final int RECORD_FORMAT_VERSION = 1;
    public static final int MAX_PAYLOAD = 64 << 20;
    public static final int RECORD_MAGIC = 'N' | 'D' << 8 | 'B' << 16 | 'R' << 24;
    static final byte[] SEGMENT_MAGIC = "NDBWAL\r\n".getBytes(StandardCharsets.US_ASCII);

    public static final int FLAG_ENCRYPTED = 1;
    public static final int FLAG_COMPRESSED = 2;

    private RecordFormat() {
    }

    static String segmentName(long firstLsn) {
        return String.format(java.util.Locale.ROOT, "wal-%020d.seg", firstLsn);
    }

    /** The first LSN encoded in a segment file name, or -1 if the name is not a segment's. */
    static long parseSegmentName(String name) {
        if (!name.startsWith("wal-") || !name.endsWith(".seg") || name.length() != 4 + 20 + 4) {
            return -1;
        }
        try {
            return Long.parseLong(name, 4, 24, 10);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static ByteBuffer segmentHeader(long firstLsn, long previousLastLsn) {
        ByteBuffer b = ByteBuffer.allocate(SEGMENT_HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.put(SEGMENT_MAGIC);
        b.putShort((short) SEGMENT_FORMAT_VERSION);
        b.putShort((short) SEGMENT_HEADER_SIZE);
        b.putInt(0);
        b.putLong(firstLsn);
        b.putLong(previousLastLsn);
        b.putInt(0);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, 36);
        b.putInt((int) crc.getValue());
        return b.flip();
    }

    /** Writes one record (header and payload) at the buffer's position. The caller ensures it fits. */
    static void writeRecord(ByteBuffer out, CRC32C crc, long lsn, short type, int flags, int keyId,
            long forcedLsn, byte[] payload) {
        int start = out.position();
        out.putInt(RECORD_MAGIC);
        out.putShort((short) RECORD_FORMAT_VERSION);
        out.putShort(type);
        out.putLong(lsn);
        out.putInt(payload.length);
        out.putShort((short) flags);
        out.putShort((short) keyId);
        out.putInt((int) Math.min(lsn - forcedLsn, 0xFFFF_FFFFL));
        crc.reset();
        crc.update(out.duplicate().position(start).limit(start + 28));
        crc.update(payload, 0, payload.length);
        out.putInt((int) crc.getValue());
        out.put(payload);
    }

    /**
     * The LSN a record's forced distance proves to have been on the device when it was written, or the record's own
     * LSN for a record without one (format written before the field existed): treated as proving everything.
     */
    static long provenForcedLsn(long lsn, int forcedDistance) {
        return forcedDistance == 0 ? lsn : lsn - Integer.toUnsignedLong(forcedDistance);
    }

    static int recordSize(int payloadLength) {
        return RECORD_HEADER_SIZE + payloadLength;
    }
}
