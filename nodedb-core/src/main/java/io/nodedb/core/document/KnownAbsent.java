package io.nodedb.core.document;

import java.util.BitSet;

/**
 * What the writer of a batch already knows: the document writes at {@code positions} of the batch found their ids
 * absent from the store in reads made after the store's applied LSN was {@code appliedLsn} (see
 * {@link DocumentReadView#appliedLsnAtOpen}). The applier rereads those ids unless the store's applied LSN is still
 * {@code appliedLsn} when it applies the batch: then no record has been written to the store since those reads, so
 * the ids are still absent, and reading them again would only repeat what the writer saw.
 *
 * <p>Nothing of this is logged. Replay (and any applier without it) reads every id, and reaches the same state.
 */
public record KnownAbsent(long appliedLsn, BitSet positions) {
    public KnownAbsent {
        positions = (BitSet) positions.clone();
    }

    /** Whether the write at this position of the batch found its id absent. */
    public boolean at(int position) {
        return positions.get(position);
    }
}
