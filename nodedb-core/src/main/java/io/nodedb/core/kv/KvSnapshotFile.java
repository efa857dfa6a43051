package io.nodedb.core.kv;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One collection's snapshot file, {@code c-<lsn>-<n>.kvs} in the engine's directory. Big-endian throughout:
 * <pre>
 * offset  size  field
 *      0     4  magic "NKVS"
 *      4     2  format version (1)
 *      6     2  flags (0)
 *      8     8  LSN the contents are exact for
 *     16     8  log time (microseconds) at that LSN
 *     24   2+n  collection name: u16 length, UTF-8
 *            8  default TTL (microseconds, 0 for none)
 *            8  memory budget (bytes, 0 for none)
 *            4  index count, then per index: name (u16 + UTF-8), field count (u16), fields (u16 + UTF-8 each)
 *            8  entry count, then per entry:
 *                 4  key length, key bytes
 *                 4  value length, value bytes
 *                 8  expiry (absolute microseconds, 0 for none)
 *            4  CRC32C of every byte before it
 * </pre>
 * Entries are in table order (by key hash). Expired entries may be present; loading keeps them, and they read as
 * absent like any other expired key. Index contents are not stored: they are rebuilt from the entries.
 */
final class KvSnapshotFile {
    static final int MAGIC = 0x4E4B5653; // "NKVS"
    static final int VERSION = 1;

    private KvSnapshotFile() {
    }

    /** What a checkpoint copied under the lock: settings, index definitions and a private copy of the table. */
    record Frozen(String name, long defaultTtlMicros, long memoryBudgetBytes, List<KvIndex> indexes, KvStore store,
                  KvHashTable table) {
    }

    static void write(Path file, Frozen f, long lsn, long logTime) throws IOException {
        SlabAllocator slab = f.store().slab();
        KvSnapshotIO.writeAtomically(file, out -> {
            out.writeInt(MAGIC);
            out.writeShort(VERSION);
            out.writeShort(0);
            out.writeLong(lsn);
            out.writeLong(logTime);
            out.writeString(f.name());
            out.writeLong(f.defaultTtlMicros());
            out.writeLong(f.memoryBudgetBytes());
            out.writeInt(f.indexes().size());
            for (KvIndex i : f.indexes()) {
                out.writeString(i.name());
                out.writeShort(i.path().size());
                for (String field : i.path()) {
                    out.writeString(field);
                }
            }
            out.writeLong(f.table().size());
            IOException[] failure = new IOException[1];
            f.table().forEach((key, inline, ref, expire) -> {
                if (failure[0] != null) {
                    return;
                }
                try {
                    out.writeInt(key.length);
                    out.write(key);
                    if (inline != null) {
                        out.writeInt(inline.length);
                        out.write(inline);
                    } else {
                        out.writeInt(KvStore.refLength(ref));
                        out.writeSlab(slab, KvStore.refHandle(ref), KvStore.refLength(ref));
                    }
                    out.writeLong(expire);
                } catch (IOException e) {
                    failure[0] = e;
                }
            });
            if (failure[0] != null) {
                throw failure[0];
            }
        });
    }

    /** A collection as loaded: its settings, the LSN of its file, and a filled store. */
    record Loaded(String name, long defaultTtlMicros, long memoryBudgetBytes, long lsn, KvStore store) {
    }

    /**
     * Reads a file into a new store. The store is closed again if anything is wrong with the file.
     *
     * @throws io.nodedb.core.error.NodeDbException DATA_CORRUPTED naming the file and the problem
     */
    static Loaded read(Path file, KvStoreFactory stores) throws IOException {
        try (KvSnapshotIO.Input in = new KvSnapshotIO.Input(file)) {
            if (in.readInt() != MAGIC) {
                throw in.corrupt("is not a key-value snapshot (bad magic)");
            }
            int version = in.readUnsignedShort();
            if (version != VERSION) {
                throw in.corrupt("has format version " + version + "; this build reads " + VERSION);
            }
            in.readUnsignedShort();
            long lsn = in.readLong();
            in.readLong();
            String name = in.readString();
            long ttl = in.readLong();
            long budget = in.readLong();
            int indexCount = in.readLength("index list");
            List<KvIndex> indexes = new ArrayList<>(indexCount);
            for (int i = 0; i < indexCount; i++) {
                String indexName = in.readString();
                int fields = in.readUnsignedShort();
                List<String> path = new ArrayList<>(fields);
                for (int j = 0; j < fields; j++) {
                    path.add(in.readString());
                }
                indexes.add(new KvIndex(indexName, path));
            }
            long count = in.readLong();
            if (count < 0 || count > in.remaining() / 16) {
                throw in.corrupt("claims " + count + " entries, more than its size allows");
            }
            KvStore store = stores.create((int) Math.min(KvHashTable.MAX_CAPACITY / 2, count * 4 / 3 + 1));
            try {
                for (long i = 0; i < count; i++) {
                    byte[] key = in.readBytes(in.readLength("key"));
                    byte[] value = in.readBytes(in.readLength("value"));
                    long expire = in.readLong();
                    store.beforeWrite();
                    store.put(key, store.hash(key), value, expire, null);
                }
                in.verifyEnd();
                for (KvIndex i : indexes) {
                    store.addIndex(i);
                }
            } catch (IOException | RuntimeException e) {
                store.close();
                throw e;
            }
            return new Loaded(name, ttl, budget, lsn, store);
        }
    }

    /** Makes an empty store sized for a given number of entries. */
    interface KvStoreFactory {
        KvStore create(int expectedEntries);
    }
}
