package io.nodedb.core.storage;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.metrics.PrometheusWriter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Cache;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.DataBlockIndexType;
import org.rocksdb.Env;
import org.rocksdb.FlushOptions;
import org.rocksdb.HyperClockCache;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.RocksMemEnv;
import org.rocksdb.Slice;
import org.rocksdb.Snapshot;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * RocksDB holding the state of the document engines and the catalog. RocksDB's own write-ahead log is off:
 * the command log is the WAL. Every write batch carries the LSN of the record it applies, in the same batch, and
 * flushes are atomic across column families, so whatever RocksDB has on disk after a crash is the state as of
 * exactly that LSN; recovery replays the command log from the next one.
 */
public final class StateStore implements AutoCloseable {
    static {
        RocksDB.loadLibrary();
    }

    /** Column families; the names are part of the on-disk format. */
    public enum Family {
        META("default"),
        CATALOG("catalog"),
        DOCUMENTS("documents"),
        INDEXES("indexes");

        final String cfName;

        Family(String cfName) {
            this.cfName = cfName;
        }
    }

    /**
     * Bytes at the start of an index key that the indexes family's Bloom filter holds instead of whole keys: the
     * index id (8), the first value's type tag (1) and 8 bytes of it, which is all of a BIGINT, DOUBLE or
     * TIMESTAMP and the start of a text. An equality lookup whose encoded prefix is at least this long reads only
     * the table files that may hold it, where a plain seek positions itself in every file of every level.
     */
    public static final int INDEX_FILTER_PREFIX = 17;

    /**
     * Memtable size per column family (RocksDB's default is 64 MB). A read that reaches the memtable walks a skip
     * list whose every level is a cache miss once it outgrows the CPU caches: on this machine a prefix seek among
     * 1M index entries took 5-6 us in a 64 MB memtable and 3.3-3.5 us with 4 MB, where most entries sit in table
     * files found through filters and one cached block; a SQL index lookup right after loading 1M rows went from
     * 13-13.7 to 9.6-10 us of CPU and a point get from 4.7-4.8 to 4.2 (16 MB: no clear change). The log, not
     * RocksDB's WAL, makes writes durable, so flushing more often costs background I/O, not commit latency.
     */
    static final long WRITE_BUFFER_BYTES = 4L << 20;
    /**
     * Data block size of the families that hold rows (RocksDB's default is 4 KB). A scan pays a block-cache lookup,
     * a block iterator and a restart-point search per block: with 16 KB blocks a 1M-row GROUP BY scan took about 7 %
     * less CPU (alternating runs in one JVM), while point reads, answered by the row cache or the block's hash index,
     * did not change. Index entries keep 4 KB blocks, since an equality lookup reads one block and searches it.
     */
    static final long DOCUMENT_BLOCK_BYTES = 16L << 10;
    private static final int MAX_IDLE_ITERATORS = 16;
    private static final byte[] APPLIED_LSN_KEY = "applied_lsn".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /**
     * Present once the store holds no range tombstone: stores written before the row cache truncated with RocksDB's
     * DeleteRange, whose tombstones a cached row would outlive, and are compacted once at open to drop them.
     */
    private static final byte[] NO_RANGE_TOMBSTONES_KEY =
            "no_range_tombstones".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final RocksDB db;
    private final DBOptions dbOptions;
    private final ColumnFamilyOptions cfOptions;
    private final ColumnFamilyOptions indexOptions;
    private final Cache blockCache;
    /** Rows of the documents family in the Java heap; null when off. */
    private final RowCache rowCache;
    /** Key ranges of the documents family retired by the batch being built; the applier's only. */
    private final List<byte[][]> retiredRows = new ArrayList<>();
    private RangeReclaimer reclaimer;
    private final BloomFilter bloom;
    private final Env env;
    private final WriteOptions writeOptions;
    private final ReadOptions readOptions;
    private final ReadOptions prefixReadOptions;
    /**
     * Idle prefix iterators over the indexes family. Creating an iterator builds a merging iterator over the
     * memtables and every table file; refreshing an idle one to the reader's snapshot only moves its sequence
     * number (and rebuilds it when a flush or compaction has changed the files): about 1.2 us of a 5 us lookup.
     * An idle iterator pins the memtables and files it last saw, so there are at most {@link #MAX_IDLE_ITERATORS},
     * and a flush closes them all.
     */
    private final ConcurrentLinkedDeque<RocksIterator> idlePrefixIterators = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idlePrefixCount = new AtomicInteger();
    private volatile boolean closing;
    private final EnumMap<Family, ColumnFamilyHandle> handles = new EnumMap<>(Family.class);
    private volatile long appliedLsn;
    /** Set by {@link #retire}, which only the applier calls, like {@link #write}. */
    private boolean retiredSinceWrite;

    private StateStore(RocksDB db, DBOptions dbOptions, ColumnFamilyOptions cfOptions,
            ColumnFamilyOptions indexOptions, BloomFilter bloom, Cache cache, RowCache rowCache, Env env,
            List<ColumnFamilyHandle> list) {
        this.db = db;
        this.dbOptions = dbOptions;
        this.cfOptions = cfOptions;
        this.indexOptions = indexOptions;
        this.bloom = bloom;
        this.blockCache = cache;
        this.rowCache = rowCache;
        this.env = env;
        this.writeOptions = new WriteOptions().setDisableWAL(true);
        this.readOptions = totalOrder(new ReadOptions());
        this.prefixReadOptions = prefixOnly(new ReadOptions());
        Family[] families = Family.values();
        for (int i = 0; i < families.length; i++) {
            handles.put(families[i], list.get(i));
        }
    }

    /**
     * Opens the store in {@code dir}; a null directory keeps it in memory (RocksDB's in-memory environment).
     *
     * @param blockCacheBytes size of the shared block cache
     * @param rowCacheBytes size of the row cache ({@link RowCache}, in the Java heap), which keeps rows of the
     *        documents family read by key. Worth it while the rows read often fit: with 1M rows read at random,
     *        RocksDB's own row cache of 128 MB cut a SQL point get from about 4.2 to 2.3 us of CPU and one of 64 MB
     *        (a third of the rows) made it 5 us, since nearly every read then also inserts and evicts; the heap
     *        cache that replaced it answers in about 2.0 where RocksDB's took 3.5. 0 turns it off.
     */
    public static StateStore open(Path dir, long blockCacheBytes, long rowCacheBytes) {
        Env env = dir == null ? new RocksMemEnv(Env.getDefault()) : null;
        // Every read takes and releases a block through the cache; an LRU cache does that under a shard mutex with
        // list surgery (about a sixth of a point read's CPU in profiles), a clock cache with a few atomic operations.
        // An entry charge of 0 lets the cache size its own table.
        Cache cache = new HyperClockCache(blockCacheBytes, 0, -1, false);
        DBOptions dbOptions = new DBOptions()
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                .setAtomicFlush(true)
                .setMaxBackgroundJobs(2)
                .setKeepLogFileNum(3);
        if (env != null) {
            dbOptions.setEnv(env);
        }
        // A Bloom filter per table file lets a point read skip the files that cannot hold its key: with a million
        // rows spread over the memtable, L0 and L1, a get otherwise searches the index block of each of them.
        BloomFilter bloom = new BloomFilter(10, false);
        // Rows are read by whole key: a hash index in each data block finds the key without a binary search, and a
        // whole-key filter on the memtable lets a read of a row that was flushed skip the memtable's skip list.
        ColumnFamilyOptions cfOptions = new ColumnFamilyOptions()
                .setWriteBufferSize(WRITE_BUFFER_BYTES)
                .setMemtablePrefixBloomSizeRatio(0.02)
                .setMemtableWholeKeyFiltering(true)
                .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(cache).setFilterPolicy(bloom)
                        .setBlockSize(DOCUMENT_BLOCK_BYTES)
                        .setDataBlockIndexType(DataBlockIndexType.kDataBlockBinaryAndHash));
        // Index entries are only ever sought, never read by whole key, so their filter holds key prefixes alone;
        // the memtable gets a prefix filter too, since after a load most recent entries live there.
        ColumnFamilyOptions indexOptions = new ColumnFamilyOptions()
                .setWriteBufferSize(WRITE_BUFFER_BYTES)
                .useCappedPrefixExtractor(INDEX_FILTER_PREFIX)
                .setMemtablePrefixBloomSizeRatio(0.02)
                .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(cache).setFilterPolicy(bloom)
                        .setWholeKeyFiltering(false));
        // LZ4 rather than RocksDB's default Snappy: the same size on disk (64 MB for the SQL bench's 1M rows and
        // index), a 1M-row scan 7 % faster and a load 10 % faster, since every block read from a file is
        // decompressed. Without compression the files were 1.7 times larger for no faster reads.
        cfOptions.setCompressionType(CompressionType.LZ4_COMPRESSION);
        indexOptions.setCompressionType(CompressionType.LZ4_COMPRESSION);
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        for (Family f : Family.values()) {
            descriptors.add(new ColumnFamilyDescriptor(f.cfName.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    f == Family.INDEXES ? indexOptions : cfOptions));
        }
        List<ColumnFamilyHandle> list = new ArrayList<>();
        try {
            String path = dir == null ? "/nodedb-in-memory" : dir.toString();
            RocksDB db = RocksDB.open(dbOptions, path, descriptors, list);
            StateStore store = new StateStore(db, dbOptions, cfOptions, indexOptions, bloom, cache,
                    rowCacheBytes > 0 ? new RowCache(rowCacheBytes) : null, env, list);
            byte[] lsn = db.get(store.handle(Family.META), APPLIED_LSN_KEY);
            store.appliedLsn = lsn == null ? 0 : decodeLong(lsn);
            store.dropRangeTombstones();
            store.reclaimer = new RangeReclaimer(db, store.handles, store.writeOptions);
            return store;
        } catch (RocksDBException e) {
            list.forEach(ColumnFamilyHandle::close);
            dbOptions.close();
            cfOptions.close();
            indexOptions.close();
            bloom.close();
            cache.close();
            if (env != null) {
                env.close();
            }
            throw new NodeDbException(SqlState.IO_ERROR, "cannot open the state store in " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    public ColumnFamilyHandle handle(Family f) {
        return handles.get(f);
    }

    /** LSN of the last record applied to this store (0 for a new store). */
    public long appliedLsn() {
        return appliedLsn;
    }

    public byte[] get(Family family, byte[] key) {
        try {
            return db.get(handles.get(family), readOptions, key);
        } catch (RocksDBException e) {
            throw ioError("read", e);
        }
    }

    public RocksIterator iterator(Family family) {
        return db.newIterator(handles.get(family), readOptions);
    }

    private static void requireFilteredPrefix(Family family, byte[] prefix) {
        if (!filtersPrefix(family, prefix)) {
            throw new IllegalArgumentException("no prefix filter for " + prefix.length + " bytes in " + family);
        }
    }

    /**
     * Writes {@code batch} together with the LSN it applies. Called by the applier only, in LSN order. Rows of the
     * documents family must have entered the batch through {@link #putRow} and {@link #deleteRow}.
     */
    public void write(WriteBatch batch, long lsn) {
        try {
            batch.put(handles.get(Family.META), APPLIED_LSN_KEY, encodeLong(lsn));
            db.write(writeOptions, batch);
            appliedLsn = lsn;
        } catch (RocksDBException e) {
            throw ioError("write", e);
        } finally {
            if (rowCache != null) {
                for (byte[][] range : retiredRows) {
                    rowCache.purge(range[0], range[1]);
                }
                if (rowCache.hasPendingWrites()) {
                    rowCache.written(db.getLatestSequenceNumber());
                }
            }
            retiredRows.clear();
        }
        if (retiredSinceWrite) {
            retiredSinceWrite = false;
            reclaimer.signal();
        }
    }

    /**
     * Adds a row of the documents family to {@code batch}, which the applier passes to {@link #write} next. Rows
     * are written this way only: the row cache must hear of every change of a row before and after it is written.
     */
    public void putRow(WriteBatch batch, byte[] key, byte[] value) throws RocksDBException {
        if (rowCache != null) {
            rowCache.writing(key);
        }
        batch.put(handles.get(Family.DOCUMENTS), key, value);
    }

    /** As {@link #putRow}, a delete of a row. */
    public void deleteRow(WriteBatch batch, byte[] key) throws RocksDBException {
        if (rowCache != null) {
            rowCache.writing(key);
        }
        batch.delete(handles.get(Family.DOCUMENTS), key);
    }

    /**
     * Adds to {@code batch} that the keys of {@code family} from {@code from} (inclusive) to {@code to} (exclusive)
     * are read no more: once the batch is written they are deleted in the background (see {@link RangeReclaimer}).
     * Only for ranges under an id that is never used again.
     */
    public void retire(WriteBatch batch, Family family, byte[] from, byte[] to) {
        try {
            RangeReclaimer.retire(batch, handles.get(Family.META), family, from, to);
        } catch (RocksDBException e) {
            throw ioError("write", e);
        }
        if (family == Family.DOCUMENTS) {
            retiredRows.add(new byte[][] {from, to});
        }
        retiredSinceWrite = true;
    }

    /** Waits until every retired range is deleted; false if that takes longer than the timeout. */
    public boolean awaitReclaimed(long timeoutMillis) throws InterruptedException {
        reclaimer.signal();
        return reclaimer.awaitIdle(timeoutMillis);
    }

    /**
     * Waits until RocksDB has no flush or compaction running or pending in any family; false if that takes longer
     * than the timeout. After a bulk load the table files are compacted in the background for a while, and reads
     * that run meanwhile search more files and share the CPU with the compaction.
     */
    public boolean awaitCompactions(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (longProperty(null, "rocksdb.compaction-pending") > 0
                || longProperty(null, "rocksdb.num-running-compactions") > 0
                || longProperty(null, "rocksdb.num-running-flushes") > 0
                || longProperty(null, "rocksdb.mem-table-flush-pending") > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /**
     * Compacts the rows and index entries down to the last level, and waits for it. RocksDB leaves up to three
     * level-0 files uncompacted for as long as nothing more is written, and every read checks each of them (their
     * filters, at least) besides the last level: after a bulk load this made a SQL index lookup about 5 % and a
     * full scan about 5 % slower (alternating A/B rounds, 1M rows). Rewrites the files that overlap level 0.
     */
    public void compactToLastLevel() {
        try {
            for (Family f : List.of(Family.DOCUMENTS, Family.INDEXES)) {
                db.compactRange(handles.get(f));
            }
        } catch (RocksDBException e) {
            throw ioError("compaction", e);
        }
        // Idle iterators pin the files the compaction replaced.
        closeIdleIterators();
    }

    /**
     * Compacts a store that may hold range tombstones (see {@link #NO_RANGE_TOMBSTONES_KEY}) down to its last
     * level, which drops them with the keys they cover, before any read can fill the row cache.
     */
    private void dropRangeTombstones() throws RocksDBException {
        ColumnFamilyHandle meta = handles.get(Family.META);
        if (db.get(meta, NO_RANGE_TOMBSTONES_KEY) != null) {
            return;
        }
        if (appliedLsn > 0) {
            for (Family f : List.of(Family.DOCUMENTS, Family.INDEXES)) {
                try (org.rocksdb.CompactRangeOptions o = new org.rocksdb.CompactRangeOptions()
                        .setBottommostLevelCompaction(org.rocksdb.CompactRangeOptions.BottommostLevelCompaction.kForce)) {
                    db.compactRange(handles.get(f), null, null, o);
                }
            }
        }
        db.put(meta, writeOptions, NO_RANGE_TOMBSTONES_KEY, new byte[0]);
        flush();
    }

    /**
     * Flushes every column family atomically and returns an LSN whose effects are now all on disk. The LSN is read
     * before the flush starts, so it is a lower bound even while the applier keeps writing.
     */
    public long flush() {
        closeIdleIterators();
        long covered = appliedLsn;
        try (FlushOptions fo = new FlushOptions().setWaitForFlush(true)) {
            db.flush(fo, new ArrayList<>(handles.values()));
        } catch (RocksDBException e) {
            throw ioError("flush", e);
        }
        return covered;
    }

    /**
     * A consistent read view at one LSN: a RocksDB snapshot, and the applied LSN read through that same snapshot,
     * so the LSN names exactly the state the view sees.
     */
    public View snapshot() {
        return new View(null, db.getSnapshot());
    }

    /**
     * With a prefix extractor on the indexes family RocksDB's default seek is a prefix seek, whose result past the
     * prefix is undefined; every read that is not an equality lookup must ask for the total order.
     */
    private static ReadOptions totalOrder(ReadOptions ro) {
        return ro.setTotalOrderSeek(true);
    }

    /** A prefix seek: table files whose prefix filter rules out the seek key's prefix are skipped. */
    private static ReadOptions prefixOnly(ReadOptions ro) {
        return ro.setTotalOrderSeek(false).setPrefixSameAsStart(true);
    }

    /**
     * A view of whatever is committed when each read runs, without a snapshot: for a statement that makes a single
     * read, where it is indistinguishable from a snapshot and saves creating and releasing one, and for the
     * applier, whose reads see every record before the one it applies.
     */
    public View latest() {
        return new View(readOptions, null);
    }

    private void recycle(RocksIterator it) {
        if (!closing && idlePrefixCount.incrementAndGet() <= MAX_IDLE_ITERATORS) {
            idlePrefixIterators.addFirst(it);
            if (closing && idlePrefixIterators.remove(it)) {
                // close() ran meanwhile and may have missed it
                idlePrefixCount.decrementAndGet();
                it.close();
            }
        } else {
            idlePrefixCount.decrementAndGet();
            it.close();
        }
    }

    private void closeIdleIterators() {
        for (RocksIterator it = idlePrefixIterators.pollFirst(); it != null; it = idlePrefixIterators.pollFirst()) {
            idlePrefixCount.decrementAndGet();
            it.close();
        }
    }

    /** Whether {@link View#prefixIterator} can serve keys starting with {@code prefix}. */
    public static boolean filtersPrefix(Family family, byte[] prefix) {
        return family == Family.INDEXES && prefix.length >= INDEX_FILTER_PREFIX;
    }

    /** Reads of one snapshot; close it to release the snapshot. Safe to use from one thread at a time. */
    public final class View implements AutoCloseable {
        /**
         * The read options of RocksDB reads through this view; for a snapshot view made on first use, since an
         * equality lookup answered by pooled iterators and the row cache needs none (they were four native calls).
         */
        private ReadOptions ro;
        private final Snapshot snap;
        /** The snapshot's RocksDB sequence number; Long.MAX_VALUE for the latest state. */
        private final long seq;
        private RowCache.Probe probe;
        private long lsn = -1;
        private boolean closed;

        private View(ReadOptions ro, Snapshot snap) {
            this.ro = ro;
            this.snap = snap;
            this.seq = snap == null ? Long.MAX_VALUE : snap.getSequenceNumber();
        }

        /**
         * The LSN of the last record whose effects this view sees. Read on first use: most statements never ask, and
         * the lookup is a RocksDB read of its own.
         */
        public long lsn() {
            if (lsn < 0) {
                byte[] stored = get(Family.META, APPLIED_LSN_KEY);
                lsn = stored == null ? 0 : decodeLong(stored);
            }
            return lsn;
        }

        public byte[] get(Family family, byte[] key) {
            if (family == Family.DOCUMENTS && rowCache != null) {
                byte[] into = new byte[128];
                int size = get(family, key, into);
                while (size > into.length) {
                    into = new byte[size];
                    size = get(family, key, into);
                }
                return size < 0 ? null : size == into.length ? into : Arrays.copyOf(into, size);
            }
            try {
                return db.get(handles.get(family), readOptions(), key);
            } catch (RocksDBException e) {
                throw ioError("read", e);
            }
        }

        /**
         * Reads the value into {@code into} and returns its size, which is more than {@code into} holds when only
         * its start fit (read again with a larger array), or -1 when the key is absent. Saves the array native code
         * would otherwise allocate per read.
         */
        public int get(Family family, byte[] key, byte[] into) {
            if (family == Family.DOCUMENTS && rowCache != null) {
                if (probe == null) {
                    probe = new RowCache.Probe();
                }
                int size = rowCache.lookup(key, seq, into, probe);
                if (size >= 0) {
                    return size;
                }
                size = read(family, key, into);
                if (size >= 0 && size <= into.length) {
                    rowCache.fill(key, into, size, seq, probe);
                }
                return size;
            }
            return read(family, key, into);
        }

        private int read(Family family, byte[] key, byte[] into) {
            try {
                return db.get(handles.get(family), readOptions(), key, into);
            } catch (RocksDBException e) {
                throw ioError("read", e);
            }
        }

        /**
         * An iterator that ends before {@code upperBound} (exclusive; null = the family's end). With a bound RocksDB
         * itself stops at it, so a long scan needs no key comparison per entry; the bound costs a few native calls
         * of setup, which a lookup of one or two entries does better without.
         */
        public BoundedIterator iterator(Family family, byte[] upperBound) {
            if (upperBound == null) {
                return new BoundedIterator(db.newIterator(handles.get(family), readOptions()), null, null);
            }
            Slice bound = new Slice(upperBound);
            ReadOptions bounded = new ReadOptions(readOptions()).setIterateUpperBound(bound);
            return new BoundedIterator(db.newIterator(handles.get(family), bounded), bounded, bound);
        }

        /**
         * An iterator over keys that start with {@code prefix}, which must pass {@link #filtersPrefix}: it reads
         * only the table files whose prefix filter may hold the prefix, and stops where the prefix ends.
         */
        public BoundedIterator prefixIterator(Family family, byte[] prefix) {
            requireFilteredPrefix(family, prefix);
            RocksIterator it = idlePrefixIterators.pollFirst();
            if (it == null) {
                it = db.newIterator(handles.get(Family.INDEXES), prefixReadOptions);
            } else {
                idlePrefixCount.decrementAndGet();
            }
            try {
                if (snap == null) {
                    it.refresh();
                } else {
                    it.refresh(snap);
                }
            } catch (RocksDBException e) {
                it.close();
                throw ioError("read", e);
            }
            return new BoundedIterator(it, null, null, StateStore.this);
        }

        private ReadOptions readOptions() {
            if (ro == null) {
                ro = totalOrder(new ReadOptions().setSnapshot(snap));
            }
            return ro;
        }

        @Override
        public void close() {
            if (!closed && snap != null) {
                closed = true;
                if (ro != null) {
                    ro.close();
                }
                db.releaseSnapshot(snap);
            }
        }
    }

    /** A RocksDB iterator with the native read options and bound it was created with; closing frees all three. */
    public static final class BoundedIterator implements AutoCloseable {
        private final RocksIterator iterator;
        private final ReadOptions ownOptions;
        private final Slice bound;
        /** The store whose idle iterators this one rejoins when closed; null closes it. */
        private final StateStore pool;

        private BoundedIterator(RocksIterator iterator, ReadOptions ownOptions, Slice bound) {
            this(iterator, ownOptions, bound, null);
        }

        private BoundedIterator(RocksIterator iterator, ReadOptions ownOptions, Slice bound, StateStore pool) {
            this.iterator = iterator;
            this.ownOptions = ownOptions;
            this.bound = bound;
            this.pool = pool;
        }

        public RocksIterator iterator() {
            return iterator;
        }

        @Override
        public void close() {
            if (pool != null) {
                pool.recycle(iterator);
                return;
            }
            iterator.close();
            if (ownOptions != null) {
                ownOptions.close();
                bound.close();
            }
        }
    }

    public void writeMetrics(PrometheusWriter out) {
        out.gauge("nodedb_rocksdb_applied_lsn", "LSN of the last record applied to RocksDB", appliedLsn);
        out.header("nodedb_rocksdb_estimated_keys", "gauge", "Estimated keys per column family");
        for (Map.Entry<Family, ColumnFamilyHandle> e : handles.entrySet()) {
            out.sample("nodedb_rocksdb_estimated_keys", "family", e.getKey().cfName,
                    longProperty(e.getValue(), "rocksdb.estimate-num-keys"));
        }
        out.gauge("nodedb_rocksdb_memtable_bytes", "Bytes in RocksDB memtables",
                longProperty(null, "rocksdb.cur-size-all-mem-tables"));
        out.gauge("nodedb_rocksdb_sst_bytes", "Bytes in RocksDB SST files",
                longProperty(null, "rocksdb.total-sst-files-size"));
        out.gauge("nodedb_rocksdb_block_cache_bytes", "Bytes in the RocksDB block cache", blockCache.getUsage());
        out.gauge("nodedb_row_cache_bytes", "Bytes of rows held in the row cache (Java heap)",
                rowCache == null ? 0 : rowCache.bytes());
        out.counter("nodedb_row_cache_hits_total", "Row reads the row cache answered",
                rowCache == null ? 0 : rowCache.hits());
        out.counter("nodedb_row_cache_misses_total", "Row reads the row cache passed to RocksDB",
                rowCache == null ? 0 : rowCache.misses());
        out.counter("nodedb_storage_reclaimed_keys_total", "Keys of dropped or truncated collections and indexes "
                + "deleted in the background", reclaimer.reclaimedKeys());
    }

    /** A RocksDB property of one family that has no numeric form (such as {@code rocksdb.num-files-at-level0}). */
    String property(Family family, String name) throws RocksDBException {
        return db.getProperty(handles.get(family), name);
    }

    private long longProperty(ColumnFamilyHandle cf, String name) {
        try {
            return cf == null ? db.getAggregatedLongProperty(name) : db.getLongProperty(cf, name);
        } catch (RocksDBException e) {
            return -1;
        }
    }

    private static NodeDbException ioError(String what, RocksDBException e) {
        return new NodeDbException(SqlState.IO_ERROR, "state store " + what + " failed: " + e.getMessage(), e);
    }

    public static byte[] encodeLong(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putLong(v).array();
    }

    public static long decodeLong(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.BIG_ENDIAN).getLong();
    }

    @Override
    public void close() {
        closing = true;
        reclaimer.close();
        closeIdleIterators();
        handles.values().forEach(ColumnFamilyHandle::close);
        db.close();
        writeOptions.close();
        readOptions.close();
        prefixReadOptions.close();
        dbOptions.close();
        cfOptions.close();
        indexOptions.close();
        bloom.close();
        blockCache.close();
        if (env != null) {
            env.close();
        }
    }
}
