package io.nodedb.core.kv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The file {@code MANIFEST} in the engine's directory: which snapshot file holds each collection, and the LSN the
 * whole set is exact for. Written last, by atomic rename, so a checkpoint takes effect all at once: a crash
 * before the rename leaves the previous manifest and the files it names, all untouched.
 * <pre>
 * offset  size  field
 *      0     4  magic "NKVM"
 *      4     2  format version (1)
 *      6     2  flags (0)
 *      8     8  LSN covered: every record at or below it is reflected in the files
 *     16     8  log time (microseconds) at that LSN, restored so time in the engine never goes backwards
 *     24     4  collection count, then per collection:
 *                 name (u16 length + UTF-8), file name (u16 + UTF-8), file LSN (8)
 *            4  CRC32C of every byte before it
 * </pre>
 * A file's LSN can be lower than the manifest's: a collection unchanged since an earlier checkpoint keeps its file,
 * which is exact for every LSN from its own up to the manifest's.
 */
final class KvManifest {
    static final String FILE = "MANIFEST";
    private static final int MAGIC = 0x4E4B564D; // "NKVM"
    private static final int VERSION = 1;

    record Entry(String collection, String file, long lsn) {
    }

    record Contents(long lsn, long logTime, List<Entry> entries) {
        static final Contents EMPTY = new Contents(0, Long.MIN_VALUE, List.of());

        Contents {
            entries = List.copyOf(entries);
        }

        Entry entry(String collection) {
            for (Entry e : entries) {
                if (e.collection.equals(collection)) {
                    return e;
                }
            }
            return null;
        }
    }

    private KvManifest() {
    }

    static void write(Path dir, Contents c) throws IOException {
        KvSnapshotIO.writeAtomically(dir.resolve(FILE), out -> {
            out.writeInt(MAGIC);
            out.writeShort(VERSION);
            out.writeShort(0);
            out.writeLong(c.lsn());
            out.writeLong(c.logTime());
            out.writeInt(c.entries().size());
            for (Entry e : c.entries()) {
                out.writeString(e.collection());
                out.writeString(e.file());
                out.writeLong(e.lsn());
            }
        });
    }

    /** The manifest in {@code dir}, or {@link Contents#EMPTY} if there is none yet. */
    static Contents read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return Contents.EMPTY;
        }
        try (KvSnapshotIO.Input in = new KvSnapshotIO.Input(file)) {
            if (in.readInt() != MAGIC) {
                throw in.corrupt("is not a key-value manifest (bad magic)");
            }
            int version = in.readUnsignedShort();
            if (version != VERSION) {
                throw in.corrupt("has format version " + version + "; this build reads " + VERSION);
            }
            in.readUnsignedShort();
            long lsn = in.readLong();
            long logTime = in.readLong();
            int n = in.readLength("collection list");
            List<Entry> entries = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String name = in.readString();
                String fileName = in.readString();
                long fileLsn = in.readLong();
                if (fileLsn > lsn || fileName.contains("/") || fileName.startsWith(".")) {
                    throw in.corrupt("names file \"" + fileName + "\" at LSN " + fileLsn + " for collection \"" + name
                            + "\", which cannot belong to a checkpoint at LSN " + lsn);
                }
                entries.add(new Entry(name, fileName, fileLsn));
            }
            in.verifyEnd();
            return new Contents(lsn, logTime, entries);
        }
    }
}
