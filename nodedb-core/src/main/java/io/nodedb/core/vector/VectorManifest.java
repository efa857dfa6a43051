package io.nodedb.core.vector;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.storage.DurableFiles;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The vector engine's checkpoint directory is described by one small file, {@code MANIFEST}: the LSN the last
 * checkpoint covers and the index file holding each index as of then. Index files are never overwritten (their
 * names carry the LSN they were written at) and the manifest is replaced atomically, so the directory's state
 * flips from one complete checkpoint to the next in one rename. An index unchanged since an earlier checkpoint
 * keeps its old file: its content is still exact at the new LSN.
 *
 * <p>Format: magic "NDBM", u16 version 1, i64 lsn, i32 count, count × {UTF name, UTF file name}, u32 CRC32C of
 * the preceding bytes; big-endian.
 */
final class VectorManifest {
    static final String FILE_NAME = "MANIFEST";
    static final String INDEX_SUFFIX = ".vidx";
    private static final int MAGIC = 0x4E44424D; // "NDBM"
    private static final int VERSION = 1;

    record Entry(String indexName, String fileName) {
    }

    private final long lsn;
    private final List<Entry> entries;

    VectorManifest(long lsn, List<Entry> entries) {
        this.lsn = lsn;
        this.entries = List.copyOf(entries);
    }

    long lsn() {
        return lsn;
    }

    List<Entry> entries() {
        return entries;
    }

    /** A file name for an index written at {@code lsn}: percent-encoded so any index name is a safe file name. */
    static String fileName(String indexName, long lsn) {
        StringBuilder sb = new StringBuilder();
        for (byte b : indexName.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_') {
                sb.append(c);
            } else {
                sb.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
            }
        }
        return sb.append('-').append(lsn).append(INDEX_SUFFIX).toString();
    }

    /** The manifest in {@code dir}, or null if there is none (a fresh directory). */
    static VectorManifest read(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return null;
        }
        try {
            byte[] all = Files.readAllBytes(file);
            if (all.length < 4) {
                throw corrupt(file, "truncated");
            }
            CRC32C crc = new CRC32C();
            crc.update(all, 0, all.length - 4);
            if ((int) crc.getValue() != ByteBuffer.wrap(all, all.length - 4, 4).getInt()) {
                throw corrupt(file, "checksum mismatch");
            }
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(all, 0, all.length - 4));
            if (in.readInt() != MAGIC) {
                throw corrupt(file, "bad magic");
            }
            int version = in.readUnsignedShort();
            if (version != VERSION) {
                throw new NodeDbException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, file + " has format version "
                        + version + "; this build reads version " + VERSION);
            }
            long lsn = in.readLong();
            int count = in.readInt();
            if (count < 0 || count > all.length) {
                throw corrupt(file, "entry count " + count);
            }
            List<Entry> entries = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                entries.add(new Entry(in.readUTF(), in.readUTF()));
            }
            return new VectorManifest(lsn, entries);
        } catch (EOFException e) {
            throw corrupt(file, "truncated");
        } catch (IOException e) {
            throw new NodeDbException(SqlState.IO_ERROR, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static NodeDbException corrupt(Path file, String problem) {
        return new NodeDbException(SqlState.DATA_CORRUPTED, "vector manifest " + file + " is damaged: " + problem);
    }

    /** Replaces the manifest in {@code dir} atomically and durably. */
    void write(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            out.writeShort(VERSION);
            out.writeLong(lsn);
            out.writeInt(entries.size());
            for (Entry e : entries) {
                out.writeUTF(e.indexName());
                out.writeUTF(e.fileName());
            }
            CRC32C crc = new CRC32C();
            crc.update(bytes.toByteArray());
            out.writeInt((int) crc.getValue());
            DurableFiles.writeAtomically(file, bytes.toByteArray());
        } catch (IOException e) {
            throw new NodeDbException(SqlState.IO_ERROR, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
