package io.nodedb.core.vector;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Fixed-size rows in native memory, addressed by a dense row number. Memory comes in chunks of a power-of-two
 * number of rows from one shared arena; a chunk never moves once allocated, so a reader holding a row's segment
 * and offset stays valid while the writer appends. Growth copies only the small array of chunk references.
 *
 * <p>One writer appends; any number of readers read rows that were published to them through some other
 * happens-before edge (the index publishes a row only after writing it). Closing frees every chunk at once; a
 * reader racing with close gets an {@link IllegalStateException} from the memory access, never freed memory.
 */
final class OffHeapRows implements AutoCloseable {
    /** Chunks aim at this size: large enough that allocation is rare, small enough not to waste much. */
    private static final long TARGET_CHUNK_BYTES = 256 * 1024;

    private final Arena arena = Arena.ofShared();
    private final long rowBytes;
    private final int chunkShift;
    private final int rowMask;
    private volatile MemorySegment[] chunks = new MemorySegment[0];
    private volatile int rows;
    private volatile long allocatedBytes;
    private volatile boolean closed;

    OffHeapRows(long rowBytes) {
        if (rowBytes <= 0 || rowBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("row size out of range: " + rowBytes);
        }
        this.rowBytes = rowBytes;
        long rowsPerChunk = Long.highestOneBit(Math.max(1, TARGET_CHUNK_BYTES / rowBytes));
        this.chunkShift = Long.numberOfTrailingZeros(rowsPerChunk);
        this.rowMask = (int) rowsPerChunk - 1;
    }

    long rowBytes() {
        return rowBytes;
    }

    int rows() {
        return rows;
    }

    /** Native bytes held, 0 after close. */
    long allocatedBytes() {
        return allocatedBytes;
    }

    /** Adds a zeroed row and returns its number. Writer thread only. */
    int append() {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        int row = rows;
        if (row == Integer.MAX_VALUE) {
            throw new IllegalStateException("row limit reached");
        }
        int chunk = row >>> chunkShift;
        MemorySegment[] current = chunks;
        if (chunk >= current.length) {
            current = Arrays.copyOf(current, Math.max(4, current.length * 2));
        }
        if (current[chunk] == null) {
            long bytes = rowBytes << chunkShift;
            current[chunk] = arena.allocate(bytes, 64);
            allocatedBytes += bytes;
        }
        chunks = current;
        rows = row + 1;
        return row;
    }

    /** The chunk holding {@code row}; pair it with {@link #offset(int)}. */
    MemorySegment segment(int row) {
        return chunks[row >>> chunkShift];
    }

    long offset(int row) {
        return (row & rowMask) * rowBytes;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        arena.close();
        chunks = new MemorySegment[0];
        allocatedBytes = 0;
    }

    boolean isClosed() {
        return closed;
    }

    /** Whether the arena still owns memory; for tests that check release. */
    boolean arenaAlive() {
        return arena.scope().isAlive();
    }
}
