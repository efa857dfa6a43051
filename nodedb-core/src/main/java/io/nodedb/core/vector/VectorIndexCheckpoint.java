package io.nodedb.core.vector;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.storage.DurableFiles;
import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueCodec;
import io.nodedb.core.value.ValueFormatException;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * Writes one vector index to a file and loads it back as it was: same vectors, same graph, same tombstones, so
 * searches give the same answers and later inserts build the same graph they would have built without the restart.
 *
 * <h2>File format, version 2</h2>
 * Big-endian throughout; strings are {@link java.io.DataOutput#writeUTF} (u16 length, modified UTF-8).
 * <pre>
 * magic        4 bytes  "NDBV"
 * version      u16      2 (version 1 files, which end the sq8 section with the vectors, still load)
 * lsn          i64      the last log record whose effects the file contains
 * name, collection, field   3 strings
 * dim          i32
 * metric       u8       {@link Metric#code()}
 * type         u8       {@link IndexType#code()}
 * m, m0, efConstruction, efSearch   4 × i32
 * seed         i64      level-drawing seed
 * sq8Training  i32      vectors an SQ8 index trains on
 * count        i32      node slots n (live and deleted)
 * entry        i64      (top level &lt;&lt; 32) | entry node id, or -1 when empty
 * levelDraws   i64      levels drawn so far (the draw counter of the level generator)
 * nodes        n × { flags u8 (1 deleted, 2 unlinked), levels u8 (top level + 1),
 *                    levels × { count u16, count × i32 neighbour ids } }
 * externalIds  n × { length i32, {@link ValueCodec} bytes }
 * sq8          u8 0 | 1, then if 1: dim × f32 min, dim × f32 max
 * options      4 × i32  pq_m, nlist, nprobe, training_size as declared (0 = default)       (version 2)
 * pq           u8 0 none | 1 hnsw_pq | 2 ivf_pq; then if not 0:                          (version 2)
 *                m i32, then per subspace 256 × width f32 centroids;
 *                if 2: nlist i32, nlist × dim f32 coarse centroids;
 *                n × m bytes codes in node order; if 2: n × i32 each node's list
 * vectors      n × dim × f32, in node order
 * crc32c       u32      CRC32C of every preceding byte
 * </pre>
 * SQ8 and binary codes are not stored: they are a pure function of the vectors and the stored quantizer (binary
 * codes need none) and are re-encoded on load. PQ codes and IVF list assignments are stored: recomputing them
 * means a nearest-centroid search per vector and subspace, which is a rebuild in all but name.
 *
 * The vectors come last so a reader can stream them straight into the index's native memory.
 *
 * <p>Writes go to a temporary file in the same directory, are forced to disk, then renamed over the target, and
 * the directory is forced, so a crash leaves either the old file or the new one.
 */
public final class VectorIndexCheckpoint {
    private static final int MAGIC = 0x4E444256; // "NDBV"
    private static final int VERSION = 2;
    private static final ValueLayout.OfFloat NATIVE_FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfFloat BIG_ENDIAN_FLOAT =
            ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    /** An index read back from a file, with the LSN the file covers. */
    public record Loaded(VectorIndex index, long lsn) {
    }

    private VectorIndexCheckpoint() {
    }

    /** Writes the index as it is now; the caller guarantees no write runs on it meanwhile. */
    public static void write(VectorIndex index, long lsn, Path file) {
        write(index.snapshot(), lsn, file);
    }

    /**
     * Writes a snapshot taken earlier (under the engine's lock); only the vectors are read from the live index,
     * and those slots never change once written.
     */
    static void write(VectorIndex.Snapshot snapshot, long lsn, Path file) {
        try {
            DurableFiles.writeAtomically(file, ch -> {
                OutputStream raw = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                CRC32C crc = new CRC32C();
                DataOutputStream out = new DataOutputStream(new CheckedOutputStream(raw, crc));
                writeBody(snapshot, lsn, out);
                out.flush();
                new DataOutputStream(raw).writeInt((int) crc.getValue());
                raw.flush();
            });
        } catch (IOException e) {
            throw new NodeDbException(SqlState.IO_ERROR, "cannot write vector checkpoint " + file + ": "
                    + e.getMessage(), e);
        }
    }


    private static void writeBody(VectorIndex.Snapshot s, long lsn, DataOutputStream out) throws IOException {
        VectorIndex index = s.index();
        IndexDefinition def = index.definition();
        HnswParams p = index.params();
        out.writeInt(MAGIC);
        out.writeShort(VERSION);
        out.writeLong(lsn);
        out.writeUTF(def.name());
        out.writeUTF(def.collection());
        out.writeUTF(def.field());
        out.writeInt(def.dim());
        out.writeByte(def.metric().code());
        out.writeByte(def.type().code());
        out.writeInt(p.m());
        out.writeInt(p.m0());
        out.writeInt(p.efConstruction());
        out.writeInt(p.efSearch());
        out.writeLong(p.seed());
        out.writeInt(index.sq8TrainingSize());
        int n = s.size();
        out.writeInt(n);
        out.writeLong(s.entry());
        out.writeLong(s.levelDraws());
        for (int node = 0; node < n; node++) {
            out.writeByte(s.flags()[node]);
            int[][] lv = s.links()[node];
            out.writeByte(lv.length);
            for (int[] list : lv) {
                out.writeShort(list.length);
                for (int x : list) {
                    out.writeInt(x);
                }
            }
        }
        for (int node = 0; node < n; node++) {
            byte[] id = ValueCodec.encode(s.externals()[node]);
            out.writeInt(id.length);
            out.write(id);
        }
        Sq8Quantizer sq8 = s.sq8();
        out.writeByte(sq8 == null ? 0 : 1);
        if (sq8 != null) {
            for (float f : sq8.min()) {
                out.writeFloat(f);
            }
            for (float f : sq8.max()) {
                out.writeFloat(f);
            }
        }
        QuantizationOptions o = def.quantization();
        out.writeInt(o.pqSubspaces());
        out.writeInt(o.nlist());
        out.writeInt(o.nprobe());
        out.writeInt(o.trainingSize());
        writePq(s.pq(), out);
        int dim = def.dim();
        VectorStore vectors = index.vectors();
        byte[] buf = new byte[4 * dim];
        MemorySegment bufSeg = MemorySegment.ofArray(buf);
        for (int node = 0; node < n; node++) {
            MemorySegment.copy(vectors.segment(node), NATIVE_FLOAT, vectors.offset(node), bufSeg, BIG_ENDIAN_FLOAT,
                    0, dim);
            out.write(buf);
        }
    }

    private static void writePq(VectorIndex.PqState pq, DataOutputStream out) throws IOException {
        if (pq == null) {
            out.writeByte(0);
            return;
        }
        out.writeByte(pq.coarse() == null ? 1 : 2);
        PqCodebook book = pq.codebook();
        out.writeInt(book.subspaces());
        for (int j = 0; j < book.subspaces(); j++) {
            writeFloats(book.centroids(j), out);
        }
        if (pq.coarse() != null) {
            out.writeInt(pq.coarse().length / book.dim());
            writeFloats(pq.coarse(), out);
        }
        out.write(pq.codes());
        if (pq.lists() != null) {
            for (int l : pq.lists()) {
                out.writeInt(l);
            }
        }
    }

    private static void writeFloats(float[] values, DataOutputStream out) throws IOException {
        byte[] buf = new byte[4 * values.length];
        MemorySegment.copy(MemorySegment.ofArray(values), NATIVE_FLOAT, 0, MemorySegment.ofArray(buf),
                BIG_ENDIAN_FLOAT, 0, values.length);
        out.write(buf);
    }

    private static float[] readFloats(DataInputStream in, int count) throws IOException {
        byte[] buf = new byte[4 * count];
        in.readFully(buf);
        float[] out = new float[count];
        MemorySegment.copy(MemorySegment.ofArray(buf), BIG_ENDIAN_FLOAT, 0, MemorySegment.ofArray(out),
                NATIVE_FLOAT, 0, count);
        return out;
    }

    private static VectorIndex.PqState readPq(DataInputStream in, int n, int dim, long fileSize, Path file)
            throws IOException {
        int kind = in.readUnsignedByte();
        if (kind == 0) {
            return null;
        }
        if (kind > 2) {
            throw corrupt(file, "unknown PQ section kind " + kind, null);
        }
        int m = in.readInt();
        if (m < 1 || m > dim) {
            throw corrupt(file, "PQ has " + m + " subspaces for " + dim + " dimensions", null);
        }
        float[][] books = new float[m][];
        for (int j = 0; j < m; j++) {
            int width = (int) ((long) (j + 1) * dim / m - (long) j * dim / m);
            books[j] = readFloats(in, PqCodebook.CENTROIDS * width);
        }
        PqCodebook book = new PqCodebook(dim, m, books);
        float[] coarse = null;
        if (kind == 2) {
            int nlist = in.readInt();
            if (nlist < 1 || (long) nlist * dim * 4 > fileSize) {
                throw corrupt(file, "IVF has " + nlist + " lists", null);
            }
            coarse = readFloats(in, nlist * dim);
        }
        if ((long) n * m > fileSize) {
            throw corrupt(file, n + " PQ codes of " + m + " bytes do not fit in " + fileSize + " bytes", null);
        }
        byte[] codes = new byte[n * m];
        in.readFully(codes);
        int[] lists = null;
        if (kind == 2) {
            lists = new int[n];
            int nlist = coarse.length / dim;
            for (int i = 0; i < n; i++) {
                lists[i] = in.readInt();
                if (lists[i] < 0 || lists[i] >= nlist) {
                    throw corrupt(file, "node " + i + " is in IVF list " + lists[i] + " of " + nlist, null);
                }
            }
        }
        return new VectorIndex.PqState(book, coarse, codes, lists);
    }

    /** Loads with the preferred kernels. */
    public static Loaded read(Path file) {
        return read(file, VectorKernels.preferred());
    }

    /**
     * Loads an index. Every count and id is checked against the file's size and the declared parameters before
     * anything is allocated, and the checksum is verified before the index is returned.
     *
     * @throws NodeDbException {@link SqlState#DATA_CORRUPTED} naming the file and the problem, or
     *     {@link SqlState#IO_ERROR}
     */
    public static Loaded read(Path file, VectorKernels kernels) {
        long fileSize;
        try {
            fileSize = Files.size(file);
        } catch (IOException e) {
            throw new NodeDbException(SqlState.IO_ERROR, "cannot read vector checkpoint " + file + ": "
                    + e.getMessage(), e);
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            CRC32C crc = new CRC32C();
            DataInputStream in = new DataInputStream(new CheckedInputStream(raw, crc));
            return readBody(in, crc, new DataInputStream(raw), fileSize, kernels, file);
        } catch (EOFException e) {
            throw corrupt(file, "truncated", e);
        } catch (IllegalArgumentException | ValueFormatException e) {
            throw corrupt(file, e.getMessage(), e);
        } catch (IOException e) {
            throw new NodeDbException(SqlState.IO_ERROR, "cannot read vector checkpoint " + file + ": "
                    + e.getMessage(), e);
        }
    }

    private static NodeDbException corrupt(Path file, String problem, Throwable cause) {
        return new NodeDbException(SqlState.DATA_CORRUPTED, "vector checkpoint " + file + " is damaged: " + problem,
                cause);
    }

    private static Loaded readBody(DataInputStream in, CRC32C crc, DataInputStream trailer, long fileSize,
            VectorKernels kernels, Path file) throws IOException {
        if (in.readInt() != MAGIC) {
            throw corrupt(file, "not a vector index checkpoint (bad magic)", null);
        }
        int version = in.readUnsignedShort();
        if (version != VERSION && version != 1) {
            throw new NodeDbException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "vector checkpoint " + file
                    + " has format version " + version + "; this build reads version " + VERSION);
        }
        long lsn = in.readLong();
        String name = in.readUTF();
        String collection = in.readUTF();
        String field = in.readUTF();
        int dim = in.readInt();
        Metric metric = Metric.fromCode(in.readUnsignedByte());
        IndexType type = IndexType.fromCode(in.readUnsignedByte());
        int m = in.readInt();
        int m0 = in.readInt();
        int efConstruction = in.readInt();
        int efSearch = in.readInt();
        long seed = in.readLong();
        int sq8Training = in.readInt();
        HnswParams params = new HnswParams(m, m0, efConstruction, efSearch, seed);
        int n = in.readInt();
        if (n < 0 || (long) n * dim * 4 > fileSize) {
            throw corrupt(file, "node count " + n + " does not fit in " + fileSize + " bytes", null);
        }
        long entry = in.readLong();
        long levelDraws = in.readLong();
        int[][][] links = new int[n][][];
        byte[] flags = new byte[n];
        for (int node = 0; node < n; node++) {
            flags[node] = in.readByte();
            int levels = in.readUnsignedByte();
            if (levels < 1 || levels > HnswGraph.MAX_LEVEL + 1) {
                throw corrupt(file, "node " + node + " has " + levels + " levels", null);
            }
            links[node] = new int[levels][];
            for (int l = 0; l < levels; l++) {
                int count = in.readUnsignedShort();
                if (count > (l == 0 ? m0 : m)) {
                    throw corrupt(file, "node " + node + " has " + count + " neighbours at level " + l, null);
                }
                int[] list = new int[count];
                for (int i = 0; i < count; i++) {
                    list[i] = in.readInt();
                    if (list[i] < 0 || list[i] >= n) {
                        throw corrupt(file, "node " + node + " links to node " + list[i] + " of " + n, null);
                    }
                }
                links[node][l] = list;
            }
        }
        Value[] externals = new Value[n];
        for (int node = 0; node < n; node++) {
            int len = in.readInt();
            if (len <= 0 || len > fileSize) {
                throw corrupt(file, "external id of node " + node + " has length " + len, null);
            }
            byte[] id = new byte[len];
            in.readFully(id);
            externals[node] = ValueCodec.decode(id);
        }
        Sq8Quantizer sq8 = null;
        if (in.readUnsignedByte() == 1) {
            float[] min = new float[dim];
            float[] max = new float[dim];
            for (int i = 0; i < dim; i++) {
                min[i] = in.readFloat();
            }
            for (int i = 0; i < dim; i++) {
                max[i] = in.readFloat();
            }
            sq8 = new Sq8Quantizer(min, max);
        }
        QuantizationOptions options = QuantizationOptions.DEFAULTS;
        VectorIndex.PqState pq = null;
        if (version >= 2) {
            options = new QuantizationOptions(in.readInt(), in.readInt(), in.readInt(), in.readInt());
            pq = readPq(in, n, dim, fileSize, file);
        }
        IndexDefinition def = new IndexDefinition(name, collection, field, dim, metric, m, efConstruction, type,
                options);
        if (entry >= 0 && ((int) entry < 0 || (int) entry >= n)) {
            throw corrupt(file, "entry point " + (int) entry + " is not a node", null);
        }
        VectorIndex.Snapshot parts = new VectorIndex.Snapshot(null, n, links, flags, externals, entry, levelDraws,
                sq8, pq);
        byte[] buf = new byte[4 * dim];
        MemorySegment bufSeg = MemorySegment.ofArray(buf);
        VectorIndex index;
        try {
            index = VectorIndex.restore(def, params, kernels, sq8Training, parts, into -> {
                try {
                    in.readFully(buf);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                MemorySegment.copy(bufSeg, BIG_ENDIAN_FLOAT, 0, MemorySegment.ofArray(into), NATIVE_FLOAT, 0, dim);
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        try {
            int expected = (int) crc.getValue();
            int stored = trailer.readInt();
            if (stored != expected) {
                throw corrupt(file, "checksum mismatch", null);
            }
            if (trailer.read() != -1) {
                throw corrupt(file, "trailing bytes after the checksum", null);
            }
        } catch (IOException | RuntimeException e) {
            index.close();
            throw e;
        }
        return new Loaded(index, lsn);
    }
}
