package io.nodedb.core.kv;

import java.util.List;

/**
 * One page of a SCAN. Pass {@code nextCursor} to the next call; 0 means the scan is complete. As in Redis, a page
 * may hold fewer entries than asked (MATCH filters after the page is chosen, expired keys are skipped) and still
 * have a next cursor. Every key present for the whole scan is returned exactly once, however the table is resized
 * in between, because pages are consecutive ranges of the key hash.
 */
public record KvScanPage(long nextCursor, List<KvEntry> entries) {
    public boolean isComplete() {
        return nextCursor == 0;
    }
}
