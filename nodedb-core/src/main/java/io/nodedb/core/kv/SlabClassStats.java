package io.nodedb.core.kv;

/**
 * Occupancy of one slab size class (or of the large-object path, named "large"), for {@code SHOW STORAGE} and
 * {@code /metrics}.
 *
 * @param sizeClass     "64" .. "4096", or "large"
 * @param slotSize      bytes per slot; 0 for the large path, whose blocks vary
 * @param slots         slots (blocks) reserved from the OS
 * @param occupied      slots (blocks) holding a value
 * @param capacityBytes native bytes reserved by the class
 * @param occupiedBytes bytes of the occupied slots (blocks)
 * @param storedBytes   bytes of the values themselves
 */
public record SlabClassStats(String sizeClass, int slotSize, long slots, long occupied, long capacityBytes,
                             long occupiedBytes, long storedBytes) {

    /**
     * Reserved bytes per occupied byte: 1.0 means every reserved slot is in use; 4.0 means three quarters of the
     * class's memory is free slots that only values of this class can reuse. 0 when nothing is occupied.
     */
    public double fragmentationRatio() {
        return occupiedBytes == 0 ? 0.0 : (double) capacityBytes / occupiedBytes;
    }

    /** Occupied slot bytes per stored value byte: the waste from rounding values up to their slot size. */
    public double internalWasteRatio() {
        return storedBytes == 0 ? 0.0 : (double) occupiedBytes / storedBytes;
    }

    SlabClassStats plus(SlabClassStats o) {
        return new SlabClassStats(sizeClass, slotSize, slots + o.slots, occupied + o.occupied,
                capacityBytes + o.capacityBytes, occupiedBytes + o.occupiedBytes, storedBytes + o.storedBytes);
    }
}
