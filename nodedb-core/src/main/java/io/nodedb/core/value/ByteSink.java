package io.nodedb.core.value;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * A growable byte buffer for encoders. Keep one per thread (or per connection) and {@link #reset()} it between
 * values: after warm-up the capacity fits the workload and encoding allocates nothing.
 *
 * <p>Not thread-safe. After an encoder throws, the contents are unspecified; reset before reuse.
 */
public final class ByteSink {
    private static final VarHandle SHORT_BE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /** Some JVMs reserve header words in an array; staying below this avoids OutOfMemoryError on growth. */
    private static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;

    private byte[] buf;
    private int size;
    /** Set when an encoder wrote something that decodes to a different value (see {@link #decodesExactly}). */
    private boolean inexact;

    public ByteSink() {
        this(256);
    }

    public ByteSink(int initialCapacity) {
        if (initialCapacity < 0) {
            throw new IllegalArgumentException("negative capacity " + initialCapacity);
        }
        buf = new byte[initialCapacity];
    }

    /** Empties the sink, keeping its capacity. */
    public void reset() {
        size = 0;
        inexact = false;
    }

    /**
     * Whether decoding what was written since the last reset gives back values equal to the encoded ones, bit for
     * bit: false once {@link ValueCodec} replaced an unpaired surrogate with '?' or wrote a NaN with a payload
     * as the canonical NaN. Callers that keep using the values they encoded rely on this to know that a reader of
     * the bytes sees the same thing.
     */
    public boolean decodesExactly() {
        return !inexact;
    }

    void markInexact() {
        inexact = true;
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return buf.length;
    }

    /** The backing array, valid in {@code [0, size())}; replaced when the sink grows, so do not hold on to it. */
    public byte[] array() {
        return buf;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    /** Makes room for {@code extra} more bytes. */
    public void ensureCapacity(int extra) {
        long needed = (long) size + extra;
        if (needed > buf.length) {
            grow(needed);
        }
    }

    private void grow(long needed) {
        if (needed > MAX_CAPACITY) {
            throw new IllegalStateException("encoded value too large: needs " + needed + " bytes");
        }
        long doubled = Math.max(16L, (long) buf.length * 2);
        buf = Arrays.copyOf(buf, (int) Math.min(MAX_CAPACITY, Math.max(doubled, needed)));
    }

    public void writeByte(int b) {
        if (size == buf.length) {
            grow(size + 1L);
        }
        buf[size++] = (byte) b;
    }

    public void write(byte[] src) {
        write(src, 0, src.length);
    }

    public void write(byte[] src, int off, int len) {
        Objects.checkFromIndexSize(off, len, src.length);
        ensureCapacity(len);
        System.arraycopy(src, off, buf, size, len);
        size += len;
    }

    public void writeShortBE(int v) {
        ensureCapacity(2);
        SHORT_BE.set(buf, size, (short) v);
        size += 2;
    }

    public void writeIntBE(int v) {
        ensureCapacity(4);
        INT_BE.set(buf, size, v);
        size += 4;
    }

    public void writeLongBE(long v) {
        ensureCapacity(8);
        LONG_BE.set(buf, size, v);
        size += 8;
    }

    public void writeIntLE(int v) {
        ensureCapacity(4);
        INT_LE.set(buf, size, v);
        size += 4;
    }

    /** Writes without a bounds check; the caller has called {@link #ensureCapacity} for these bytes. */
    void putByteUnchecked(int b) {
        buf[size++] = (byte) b;
    }
}
