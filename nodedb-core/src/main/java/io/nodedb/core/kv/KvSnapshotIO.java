package io.nodedb.core.kv;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.storage.DurableFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Buffered big-endian reading and writing of snapshot files with a running CRC32C, and the crash-safe way to
 * publish one: write a temporary file, force it, rename it over the final name, force the directory.
 */
final class KvSnapshotIO {
    private static final int BUFFER = 1 << 16;

    private KvSnapshotIO() {
    }

    /** Writes {@code file} through {@code body} so that it appears complete or not at all. */
    static void writeAtomically(Path file, IoBody body) throws IOException {
        DurableFiles.writeAtomically(file, ch -> {
            Output out = new Output(ch);
            body.write(out);
            out.finish();
        });
    }

    interface IoBody {
        void write(Output out) throws IOException;
    }

    /** Appends to a channel through a buffer; {@link #finish()} appends the CRC32C of everything written. */
    static final class Output {
        private final FileChannel ch;
        private final byte[] buf = new byte[BUFFER];
        private final ByteBuffer bb = ByteBuffer.wrap(buf);
        private final CRC32C crc = new CRC32C();
        private int pos;

        Output(FileChannel ch) {
            this.ch = ch;
        }

        private void need(int n) throws IOException {
            if (pos + n > buf.length) {
                flush();
            }
        }

        void writeShort(int v) throws IOException {
            need(2);
            buf[pos++] = (byte) (v >>> 8);
            buf[pos++] = (byte) v;
        }

        void writeInt(int v) throws IOException {
            need(4);
            for (int s = 24; s >= 0; s -= 8) {
                buf[pos++] = (byte) (v >>> s);
            }
        }

        void writeLong(long v) throws IOException {
            need(8);
            for (int s = 56; s >= 0; s -= 8) {
                buf[pos++] = (byte) (v >>> s);
            }
        }

        void write(byte[] b) throws IOException {
            int off = 0;
            while (off < b.length) {
                if (pos == buf.length) {
                    flush();
                }
                int n = Math.min(b.length - off, buf.length - pos);
                System.arraycopy(b, off, buf, pos, n);
                pos += n;
                off += n;
            }
        }

        /** A string as an unsigned 16-bit byte length and UTF-8. */
        void writeString(String s) throws IOException {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            if (b.length > 0xFFFF) {
                throw new IllegalArgumentException("name longer than 65535 bytes: " + s.substring(0, 40) + "...");
            }
            writeShort(b.length);
            write(b);
        }

        /** Copies a slab value straight into the buffer, with no intermediate array. */
        void writeSlab(SlabAllocator slab, int handle, int len) throws IOException {
            int off = 0;
            while (off < len) {
                if (pos == buf.length) {
                    flush();
                }
                int n = Math.min(len - off, buf.length - pos);
                slab.readPart(handle, off, buf, pos, n);
                pos += n;
                off += n;
            }
        }

        private void flush() throws IOException {
            crc.update(buf, 0, pos);
            bb.clear().limit(pos);
            while (bb.hasRemaining()) {
                ch.write(bb);
            }
            pos = 0;
        }

        void finish() throws IOException {
            flush();
            int c = (int) crc.getValue();
            writeInt(c);
            bb.clear().limit(pos);
            while (bb.hasRemaining()) {
                ch.write(bb);
            }
            pos = 0;
        }
    }

    /** Reads a file written by {@link Output}, checking lengths against what remains and the CRC at the end. */
    static final class Input implements AutoCloseable {
        private final Path file;
        private final FileChannel ch;
        private final long size;
        private final byte[] buf = new byte[BUFFER];
        private final ByteBuffer bb = ByteBuffer.wrap(buf);
        private final CRC32C crc = new CRC32C();
        private int pos;
        private int limit;
        private long consumedBeforeBuffer;

        Input(Path file) throws IOException {
            this.file = file;
            this.ch = FileChannel.open(file, StandardOpenOption.READ);
            this.size = ch.size();
        }

        Path file() {
            return file;
        }

        /** Bytes left before the 4-byte CRC trailer. */
        long remaining() {
            return size - 4 - (consumedBeforeBuffer + pos);
        }

        private void fill(int n) throws IOException {
            if (limit - pos >= n) {
                return;
            }
            crc.update(buf, 0, pos);
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            consumedBeforeBuffer += pos;
            limit -= pos;
            pos = 0;
            bb.clear().position(limit);
            while (limit < n) {
                int r = ch.read(bb);
                if (r < 0) {
                    throw corrupt("ends early, at byte " + (consumedBeforeBuffer + limit));
                }
                limit += r;
            }
        }

        NodeDbException corrupt(String problem) {
            return new NodeDbException(SqlState.DATA_CORRUPTED, "key-value snapshot " + file + " " + problem
                    + "; restore it from a backup or remove the kv directory to rebuild from the log if it is complete");
        }

        int readUnsignedShort() throws IOException {
            fill(2);
            int v = ((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF);
            pos += 2;
            return v;
        }

        int readInt() throws IOException {
            fill(4);
            int v = 0;
            for (int i = 0; i < 4; i++) {
                v = (v << 8) | (buf[pos++] & 0xFF);
            }
            return v;
        }

        long readLong() throws IOException {
            fill(8);
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (buf[pos++] & 0xFF);
            }
            return v;
        }

        /** A length field: must fit in what remains of the file, so a corrupt one cannot allocate gigabytes. */
        int readLength(String what) throws IOException {
            int n = readInt();
            if (n < 0 || n > remaining()) {
                throw corrupt("has a " + what + " length of " + Integer.toUnsignedString(n) + " bytes with only "
                        + remaining() + " left");
            }
            return n;
        }

        byte[] readBytes(int n) throws IOException {
            byte[] out = new byte[n];
            int off = 0;
            while (off < n) {
                if (pos == limit) {
                    fill(1);
                }
                int c = Math.min(n - off, limit - pos);
                System.arraycopy(buf, pos, out, off, c);
                pos += c;
                off += c;
            }
            return out;
        }

        String readString() throws IOException {
            int n = readUnsignedShort();
            if (n > remaining()) {
                throw corrupt("has a name of " + n + " bytes with only " + remaining() + " left");
            }
            return new String(readBytes(n), StandardCharsets.UTF_8);
        }

        /** Checks the CRC trailer and that nothing follows it. */
        void verifyEnd() throws IOException {
            if (remaining() != 0) {
                throw corrupt("has " + remaining() + " unexpected bytes before its checksum");
            }
            crc.update(buf, 0, pos);
            int expected = (int) crc.getValue();
            consumedBeforeBuffer += pos;
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
            bb.clear().position(limit);
            while (limit < 4) {
                int r = ch.read(bb);
                if (r < 0) {
                    throw corrupt("is truncated in its checksum");
                }
                limit += r;
            }
            int stored = ((buf[0] & 0xFF) << 24) | ((buf[1] & 0xFF) << 16) | ((buf[2] & 0xFF) << 8) | (buf[3] & 0xFF);
            if (stored != expected) {
                throw corrupt("fails its CRC32C check (stored " + Integer.toHexString(stored) + ", computed "
                        + Integer.toHexString(expected) + ")");
            }
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }
    }
}
