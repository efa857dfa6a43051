package io.nodedb.core.wal;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Reads the records of one segment file in order, validating each. A record that fails validation is reported
 * as a {@link BadRecordException} with its offset; whether that is a torn tail or corruption is the caller's
 * decision, since only the caller knows whether this is the last segment.
 */
final class SegmentReader implements AutoCloseable {
    private static final int READ_CHUNK = 64 << 10;

    private final Path path;
    private final FileChannel channel;
    private final long firstLsn;
    private long previousLastLsn;
    private final CRC32C crc = new CRC32C();
    private final ByteBuffer header = ByteBuffer.allocate(RecordFormat.RECORD_HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    private ByteBuffer chunk = ByteBuffer.allocate(READ_CHUNK).order(ByteOrder.LITTLE_ENDIAN).limit(0);
    private long chunkStart = RecordFormat.SEGMENT_HEADER_SIZE;
    private long position = RecordFormat.SEGMENT_HEADER_SIZE;

    /** Thrown for a record that does not validate; {@code offset} is where the record starts. */
    static final class BadRecordException extends Exception {
        final long offset;

        BadRecordException(long offset, String reason) {
            super(reason, null, false, false);
            this.offset = offset;
        }
    }

    SegmentReader(Path path) throws IOException, BadRecordException {
        this.path = path;
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            this.firstLsn = readSegmentHeader();
        } catch (IOException | BadRecordException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private long readSegmentHeader() throws IOException, BadRecordException {
        ByteBuffer b = ByteBuffer.allocate(RecordFormat.SEGMENT_HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (channel.read(b, b.position()) < 0) {
                throw new BadRecordException(0, "segment header is incomplete (" + b.position() + " of "
                        + RecordFormat.SEGMENT_HEADER_SIZE + " bytes)");
            }
        }
        b.flip();
        byte[] magic = new byte[8];
        b.get(magic);
        if (!Arrays.equals(magic, RecordFormat.SEGMENT_MAGIC)) {
            throw new BadRecordException(0, "not a NodeDB log segment (bad magic)");
        }
        int version = Short.toUnsignedInt(b.getShort());
        CRC32C headerCrc = new CRC32C();
        headerCrc.update(b.array(), 0, 36);
        if (b.getInt(36) != (int) headerCrc.getValue()) {
            throw new BadRecordException(0, "segment header checksum mismatch");
        }
        if (version > RecordFormat.SEGMENT_FORMAT_VERSION) {
            throw new NodeDbException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "log segment " + path
                    + " was written by segment format version " + version + ", newer than this build supports ("
                    + RecordFormat.SEGMENT_FORMAT_VERSION + "); upgrade NodeDB to open this data directory");
        }
        previousLastLsn = b.getLong(24);
        return b.getLong(16);
    }

    /** The LSN the previous segment ended at, as recorded when this segment was started. */
    long previousLastLsn() {
        return previousLastLsn;
    }

    long firstLsn() {
        return firstLsn;
    }

    Path path() {
        return path;
    }

    /** Offset at which the next record starts. */
    long position() {
        return position;
    }

    /**
     * Reads the next record, which must carry {@code expectedLsn}; returns null at a clean end of file.
     */
    LogRecord next(long expectedLsn) throws IOException, BadRecordException {
        long start = position;
        long size = channel.size();
        if (start == size) {
            return null;
        }
        if (size - start < RecordFormat.RECORD_HEADER_SIZE) {
            if (isZeroFrom(start, size)) {
                return null;
            }
            throw new BadRecordException(start, "incomplete record header (" + (size - start) + " bytes left)");
        }
        header.clear();
        readFully(header, start);
        header.flip();
        int magic = header.getInt(0);
        if (magic == 0 && isZeroFrom(start, size)) {
            // The zero-filled space the writer allocates ahead of itself: the records end here.
            return null;
        }
        if (magic != RecordFormat.RECORD_MAGIC) {
            throw new BadRecordException(start, "bad record magic 0x" + Integer.toHexString(magic));
        }
        int version = Short.toUnsignedInt(header.getShort(4));
        if (version != RecordFormat.RECORD_FORMAT_VERSION) {
            throw new BadRecordException(start, "unknown record format version " + version);
        }
        short type = header.getShort(6);
        long lsn = header.getLong(8);
        int length = header.getInt(16);
        if (length < 0 || length > RecordFormat.MAX_PAYLOAD) {
            throw new BadRecordException(start, "payload length " + Integer.toUnsignedString(length)
                    + " is out of range");
        }
        if (size - start - RecordFormat.RECORD_HEADER_SIZE < length) {
            throw new BadRecordException(start, "record of " + length + " bytes runs past the end of the file");
        }
        byte[] payload = new byte[length];
        readFully(ByteBuffer.wrap(payload), start + RecordFormat.RECORD_HEADER_SIZE);
        crc.reset();
        crc.update(header.array(), 0, 28);
        crc.update(payload, 0, length);
        if (header.getInt(28) != (int) crc.getValue()) {
            throw new BadRecordException(start, "record checksum mismatch");
        }
        if (lsn != expectedLsn) {
            throw new BadRecordException(start, "record has LSN " + lsn + " where " + expectedLsn + " was expected");
        }
        position = start + RecordFormat.RECORD_HEADER_SIZE + length;
        return new LogRecord(lsn, type, payload);
    }

    /** Reads through a chunk cache so that small records do not cost one system call each. */
    private void readFully(ByteBuffer dst, long offset) throws IOException {
        while (dst.hasRemaining()) {
            long inChunk = offset - chunkStart;
            if (inChunk >= 0 && inChunk < chunk.limit()) {
                int n = (int) Math.min(dst.remaining(), chunk.limit() - inChunk);
                dst.put(dst.position(), chunk, (int) inChunk, n);
                dst.position(dst.position() + n);
                offset += n;
                continue;
            }
            if (dst.remaining() >= READ_CHUNK) {
                int n = channel.read(dst, offset);
                if (n < 0) {
                    throw new IOException("unexpected end of " + path + " at offset " + offset);
                }
                offset += n;
                continue;
            }
            chunk.clear();
            int n = channel.read(chunk, offset);
            if (n < 0) {
                throw new IOException("unexpected end of " + path + " at offset " + offset);
            }
            chunk.flip();
            chunkStart = offset;
        }
    }

    /** True if every byte from {@code from} to {@code end} is zero. */
    private boolean isZeroFrom(long from, long end) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(READ_CHUNK);
        for (long pos = from; pos < end; ) {
            b.clear().limit((int) Math.min(READ_CHUNK, end - pos));
            int n = channel.read(b, pos);
            if (n < 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                if (b.get(i) != 0) {
                    return false;
                }
            }
            pos += n;
        }
        return true;
    }

    /**
     * True if any complete, checksummed record header and payload starts after {@code offset}: then a bad record
     * at {@code offset} is damage in the middle of the log, not a torn tail.
     */
    /**
     * The highest LSN that a valid record after {@code offset} proves was forced before it was written (see the
     * forced distance in {@link RecordFormat}), or -1 when no valid record follows.
     */
    long forcedLsnProvenAfter(long offset) throws IOException {
        long size = channel.size();
        long from = offset + 1;
        if (size - from < RecordFormat.RECORD_HEADER_SIZE) {
            return -1;
        }
        ByteBuffer rest = ByteBuffer.allocate((int) Math.min(size - from, Integer.MAX_VALUE - 8))
                .order(ByteOrder.LITTLE_ENDIAN);
        while (rest.hasRemaining() && channel.read(rest, from + rest.position()) >= 0) {
            // keep reading until full
        }
        rest.flip();
        CRC32C c = new CRC32C();
        long proven = -1;
        for (int i = 0; i + RecordFormat.RECORD_HEADER_SIZE <= rest.limit(); i++) {
            if (rest.getInt(i) != RecordFormat.RECORD_MAGIC) {
                continue;
            }
            int length = rest.getInt(i + 16);
            if (length < 0 || length > rest.limit() - i - RecordFormat.RECORD_HEADER_SIZE) {
                continue;
            }
            c.reset();
            c.update(rest.duplicate().position(i).limit(i + 28));
            c.update(rest.duplicate().position(i + RecordFormat.RECORD_HEADER_SIZE)
                    .limit(i + RecordFormat.RECORD_HEADER_SIZE + length));
            if (rest.getInt(i + 28) == (int) c.getValue()) {
                proven = Math.max(proven, RecordFormat.provenForcedLsn(rest.getLong(i + 8), rest.getInt(i + 24)));
            }
        }
        return proven;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
