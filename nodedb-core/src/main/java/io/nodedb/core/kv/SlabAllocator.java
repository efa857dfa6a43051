package io.nodedb.core.kv;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Off-heap storage for key-value values too large to keep inline in the hash table.
 *
 * <p>Values up to {@value #MAX_SLAB_SIZE} bytes go to one of seven size classes (64 B .. 4 KB). Each class carves
 * fixed-size slots out of 64 KiB chunks: a value wastes at most half its slot, and because every slot of a class
 * has the same size, a freed slot fits the next value of that class exactly, so the native heap never fragments.
 * Allocation pops the class's free list or bumps into the newest chunk; free pushes onto the free list; both O(1).
 * A class grows by adding a chunk, never by moving one, so a handle stays valid and concurrent readers never see
 * memory move under them. Larger values take the large-object path: power-of-two blocks (8 KiB and up) with their
 * own free list per size, so a freed block is reused by the next value of similar size.
 *
 * <p>Memory is never handed back to the OS before {@link #close()}: all of it comes from one shared {@link Arena},
 * which close releases in one step. Occupancy and fragmentation per class are in {@link #stats()} so an operator
 * can see when a collection should be rebuilt to compact.
 *
 * <p>A handle is an int: bit 31 marks a large object whose id is bits 0..30; otherwise bits 28..30 hold the size
 * class and bits 0..27 the slot. The caller keeps the value's length next to the handle.
 *
 * <p>Threading: {@link #allocate}, {@link #free}, {@link #pin}, {@link #unpin} and {@link #close} must be called by
 * one thread at a time (the engine calls them under its mutation lock). {@link #read} may run on any thread
 * concurrently with them, provided the slot it reads is neither freed nor reused meanwhile; a pin guarantees that
 * for a checkpoint that reads outside the lock.
 */
public final class SlabAllocator implements AutoCloseable {
    public static final int MAX_SLAB_SIZE = 4096;
    static final int[] CLASS_SIZES = {64, 128, 256, 512, 1024, 2048, 4096};
    /** Largest value the large-object path accepts; blocks are powers of two, so this keeps them below 2 GiB. */
    public static final int MAX_VALUE_SIZE = 1 << 30;

    private static final int CHUNK_BYTES = 64 << 10;
    private static final int LARGE_FLAG = 1 << 31;
    private static final int CLASS_SHIFT = 28;
    private static final int SLOT_MASK = (1 << CLASS_SHIFT) - 1;
    private static final int MIN_LARGE_ORDER = 13; // 8 KiB

    private final Arena arena = Arena.ofShared();
    private final SizeClass[] classes = new SizeClass[CLASS_SIZES.length];
    private final LargeObjects large = new LargeObjects();
    private int pins;
    private long[] deferred = new long[0];
    private int deferredCount;
    private boolean closeRequested;
    private boolean closed;

    public SlabAllocator() {
        for (int i = 0; i < classes.length; i++) {
            classes[i] = new SizeClass(CLASS_SIZES[i]);
        }
    }

    /** The size class a value of this many bytes lands in, or -1 for the large-object path. */
    static int classIndex(int size) {
        if (size <= 64) {
            return 0;
        }
        if (size > MAX_SLAB_SIZE) {
            return -1;
        }
        // ceil(log2(size)) - 6: 65..128 -> 1, 129..256 -> 2, ...
        return 32 - Integer.numberOfLeadingZeros(size - 1) - 6;
    }

    /** Bytes of native memory a value of this size occupies (its slot or block), for memory accounting. */
    public static long footprint(int size) {
        int c = classIndex(size);
        return c >= 0 ? CLASS_SIZES[c] : 1L << largeOrder(size);
    }

    private static int largeOrder(int size) {
        return Math.max(MIN_LARGE_ORDER, 32 - Integer.numberOfLeadingZeros(size - 1));
    }

    /** Copies {@code value} into a new slot and returns its handle. */
    public int allocate(byte[] value) {
        return allocate(value, 0, value.length);
    }

    public int allocate(byte[] src, int off, int len) {
        checkOpen();
        if (len < 0 || len > MAX_VALUE_SIZE) {
            throw new IllegalArgumentException("value of " + len + " bytes is outside 0.." + MAX_VALUE_SIZE);
        }
        int c = classIndex(len);
        if (c < 0) {
            return LARGE_FLAG | large.allocate(src, off, len);
        }
        int slot = classes[c].allocate(src, off, len);
        return (c << CLASS_SHIFT) | slot;
    }

    /**
     * Releases a slot. While a checkpoint has the allocator {@linkplain #pin() pinned} the slot is only queued, so
     * the checkpoint can still read the value it copied the handle of.
     */
    public void free(int handle, int len) {
        checkOpen();
        if (pins > 0) {
            if (deferredCount == deferred.length) {
                deferred = Arrays.copyOf(deferred, Math.max(16, deferredCount * 2));
            }
            deferred[deferredCount++] = ((long) handle << 32) | (len & 0xFFFF_FFFFL);
            return;
        }
        release(handle, len);
    }

    private void release(int handle, int len) {
        if ((handle & LARGE_FLAG) != 0) {
            large.free(handle & ~LARGE_FLAG, len);
        } else {
            classes[handle >>> CLASS_SHIFT].free(handle & SLOT_MASK, len);
        }
    }

    /** Copies the value into a new array. */
    public byte[] read(int handle, int len) {
        byte[] out = new byte[len];
        read(handle, len, out, 0);
        return out;
    }

    public void read(int handle, int len, byte[] dst, int dstOff) {
        MemorySegment.copy(segment(handle), ValueLayout.JAVA_BYTE, offset(handle), dst, dstOff, len);
    }

    /** Copies {@code len} bytes starting {@code from} bytes into the value, for streaming large values out. */
    void readPart(int handle, int from, byte[] dst, int dstOff, int len) {
        MemorySegment.copy(segment(handle), ValueLayout.JAVA_BYTE, offset(handle) + from, dst, dstOff, len);
    }

    /** Whether the stored value equals {@code other} byte for byte, without copying it to the heap. */
    public boolean contentEquals(int handle, int len, byte[] other) {
        if (other.length != len) {
            return false;
        }
        long off = offset(handle);
        return MemorySegment.mismatch(segment(handle), off, off + len, MemorySegment.ofArray(other), 0, len) < 0;
    }

    private MemorySegment segment(int handle) {
        if ((handle & LARGE_FLAG) != 0) {
            return large.block(handle & ~LARGE_FLAG);
        }
        return classes[handle >>> CLASS_SHIFT].chunkOf(handle & SLOT_MASK);
    }

    private long offset(int handle) {
        if ((handle & LARGE_FLAG) != 0) {
            return 0;
        }
        return classes[handle >>> CLASS_SHIFT].offsetOf(handle & SLOT_MASK);
    }

    static boolean isLarge(int handle) {
        return (handle & LARGE_FLAG) != 0;
    }

    static int classOf(int handle) {
        return handle >>> CLASS_SHIFT;
    }

    /** Defers every free until the matching {@link #unpin()}, so slots handed to a reader stay intact. */
    public void pin() {
        checkOpen();
        pins++;
    }

    /** Ends a {@link #pin()}; the last unpin performs the deferred frees, or the close requested meanwhile. */
    public void unpin() {
        if (pins <= 0) {
            throw new IllegalStateException("unpin without pin");
        }
        if (--pins > 0) {
            return;
        }
        if (closeRequested) {
            closeNow();
            return;
        }
        for (int i = 0; i < deferredCount; i++) {
            release((int) (deferred[i] >>> 32), (int) deferred[i]);
        }
        deferredCount = 0;
        if (deferred.length > 1024) {
            deferred = new long[0];
        }
    }

    /** Per size class, then one row named "large" for the large-object path. */
    public List<SlabClassStats> stats() {
        List<SlabClassStats> out = new ArrayList<>(classes.length + 1);
        for (SizeClass c : classes) {
            out.add(new SlabClassStats(Integer.toString(c.slotSize), c.slotSize, c.totalSlots(), c.occupied,
                    c.capacityBytes(), (long) c.occupied * c.slotSize, c.storedBytes));
        }
        out.add(large.stats());
        return out;
    }

    /** Native bytes reserved from the OS by this allocator. */
    public long reservedBytes() {
        long total = large.reservedBytes;
        for (SizeClass c : classes) {
            total += c.capacityBytes();
        }
        return total;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Whether the arena that owns every slot and block has been closed, which frees all of them. */
    boolean memoryReleased() {
        return !arena.scope().isAlive();
    }

    /**
     * Returns all native memory at once. If a checkpoint still has the allocator pinned, the memory is returned
     * when it unpins, so its copy stays readable until then.
     */
    @Override
    public void close() {
        if (closed || closeRequested) {
            return;
        }
        if (pins > 0) {
            closeRequested = true;
            return;
        }
        closeNow();
    }

    private void closeNow() {
        closed = true;
        arena.close();
    }

    private void checkOpen() {
        if (closed || closeRequested) {
            throw new IllegalStateException("slab allocator is closed");
        }
    }

    /** One size class: fixed-size slots in equal chunks, a LIFO free list of slot numbers, and a bump pointer. */
    private final class SizeClass {
        final int slotSize;
        final int slotsPerChunkShift;
        final int slotInChunkMask;
        /** Replaced (never modified in place) when a chunk is added, so lock-free readers see a complete array. */
        volatile MemorySegment[] chunks = new MemorySegment[0];
        int nextFresh;
        int[] free = new int[0];
        int freeCount;
        int occupied;
        long storedBytes;

        SizeClass(int slotSize) {
            this.slotSize = slotSize;
            int slotsPerChunk = CHUNK_BYTES / slotSize;
            this.slotsPerChunkShift = Integer.numberOfTrailingZeros(slotsPerChunk);
            this.slotInChunkMask = slotsPerChunk - 1;
        }

        int allocate(byte[] src, int off, int len) {
            int slot;
            if (freeCount > 0) {
                slot = free[--freeCount];
            } else {
                if (nextFresh == totalSlots()) {
                    grow();
                }
                slot = nextFresh++;
            }
            MemorySegment.copy(src, off, chunkOf(slot), ValueLayout.JAVA_BYTE, offsetOf(slot), len);
            occupied++;
            storedBytes += len;
            return slot;
        }

        void free(int slot, int len) {
            if (slot >= nextFresh) {
                throw new IllegalArgumentException("slot " + slot + " of class " + slotSize + " was never allocated");
            }
            if (freeCount == free.length) {
                free = Arrays.copyOf(free, Math.max(16, freeCount * 2));
            }
            free[freeCount++] = slot;
            occupied--;
            storedBytes -= len;
        }

        private void grow() {
            MemorySegment[] old = chunks;
            if ((long) (old.length + 1) << slotsPerChunkShift > SLOT_MASK + 1L) {
                throw new IllegalStateException("size class " + slotSize + " is full (" + (SLOT_MASK + 1L)
                        + " slots)");
            }
            MemorySegment[] next = Arrays.copyOf(old, old.length + 1);
            next[old.length] = arena.allocate(CHUNK_BYTES, 64);
            chunks = next;
        }

        MemorySegment chunkOf(int slot) {
            return chunks[slot >>> slotsPerChunkShift];
        }

        long offsetOf(int slot) {
            return (long) (slot & slotInChunkMask) * slotSize;
        }

        int totalSlots() {
            return chunks.length << slotsPerChunkShift;
        }

        long capacityBytes() {
            return (long) chunks.length * CHUNK_BYTES;
        }
    }

    /** Values above {@value #MAX_SLAB_SIZE} bytes: one power-of-two block each, recycled per block size. */
    private final class LargeObjects {
        /** Indexed by id; replaced when it grows, for the same reason as {@link SizeClass#chunks}. */
        volatile MemorySegment[] blocks = new MemorySegment[0];
        int[] freeIds = new int[0];
        int freeIdCount;
        int nextId;
        /** Index = log2 of the block size. */
        final List<List<MemorySegment>> freeBlocks = new ArrayList<>();
        long reservedBytes;
        long liveBlocks;
        long liveBlockBytes;
        long storedBytes;
        long totalBlocks;

        int allocate(byte[] src, int off, int len) {
            int order = largeOrder(len);
            List<MemorySegment> spare = spareBlocks(order);
            MemorySegment block;
            if (!spare.isEmpty()) {
                block = spare.removeLast();
            } else {
                block = arena.allocate(1L << order, 64);
                reservedBytes += 1L << order;
                totalBlocks++;
            }
            MemorySegment.copy(src, off, block, ValueLayout.JAVA_BYTE, 0, len);
            int id;
            if (freeIdCount > 0) {
                id = freeIds[--freeIdCount];
            } else {
                id = nextId++;
                if (id == blocks.length) {
                    blocks = Arrays.copyOf(blocks, Math.max(8, id * 2));
                }
            }
            MemorySegment[] b = blocks;
            b[id] = block;
            blocks = b; // volatile write publishes the element to lock-free readers
            liveBlocks++;
            liveBlockBytes += block.byteSize();
            storedBytes += len;
            return id;
        }

        void free(int id, int len) {
            MemorySegment block = blocks[id];
            if (block == null) {
                throw new IllegalArgumentException("large object " + id + " is not allocated");
            }
            blocks[id] = null;
            spareBlocks(Long.numberOfTrailingZeros(block.byteSize())).add(block);
            if (freeIdCount == freeIds.length) {
                freeIds = Arrays.copyOf(freeIds, Math.max(8, freeIdCount * 2));
            }
            freeIds[freeIdCount++] = id;
            liveBlocks--;
            liveBlockBytes -= block.byteSize();
            storedBytes -= len;
        }

        MemorySegment block(int id) {
            return blocks[id];
        }

        private List<MemorySegment> spareBlocks(int order) {
            while (freeBlocks.size() <= order) {
                freeBlocks.add(new ArrayList<>());
            }
            return freeBlocks.get(order);
        }

        SlabClassStats stats() {
            return new SlabClassStats("large", 0, totalBlocks, liveBlocks, reservedBytes, liveBlockBytes, storedBytes);
        }
    }
}
