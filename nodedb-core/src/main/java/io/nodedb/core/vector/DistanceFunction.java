package io.nodedb.core.vector;

import java.lang.foreign.MemorySegment;

/**
 * A distance between two float32 vectors of {@code dim} components stored at byte offsets of memory segments (in
 * native byte order). Segments rather than arrays because indexed vectors live off-heap; a heap array is wrapped
 * with {@link MemorySegment#ofArray(float[])} without copying.
 */
@FunctionalInterface
public interface DistanceFunction {

    float distance(MemorySegment a, long aOffset, MemorySegment b, long bOffset, int dim);

    default float distance(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("dimensions differ: " + a.length + " and " + b.length);
        }
        return distance(MemorySegment.ofArray(a), 0, MemorySegment.ofArray(b), 0, a.length);
    }
}
