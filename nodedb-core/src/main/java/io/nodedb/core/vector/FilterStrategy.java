package io.nodedb.core.vector;

/**
 * How a filtered search runs, chosen by the share of live vectors the filter removes. A graph walk that may only
 * return a few allowed nodes wanders through the whole graph, so the more selective the filter, the less the graph
 * helps:
 * <ul>
 *   <li>under 50 % removed: {@link #FILTERED_HNSW}, the graph walk passes through every node but collects only
 *       allowed ones;</li>
 *   <li>50 % to 95 %: {@link #POST_FILTER}, an unfiltered search for more results than wanted, filtered
 *       afterwards ({@link #overfetch}), falling back to an exact scan if that leaves fewer than k;</li>
 *   <li>over 95 %: {@link #EXACT_SCAN} of the allowed vectors, which are few.</li>
 * </ul>
 */
public enum FilterStrategy {
    UNFILTERED,
    FILTERED_HNSW,
    POST_FILTER,
    EXACT_SCAN;

    /** The least number of results {@link #POST_FILTER} fetches per wanted result. */
    public static final int OVERFETCH = 10;

    /**
     * Results {@link #POST_FILTER} fetches per wanted result: at least {@value #OVERFETCH}, and enough that twice k
     * allowed rows are expected among them. A flat 10× expects only k allowed rows when 90 % are filtered out, so
     * half the searches at that selectivity would come up short and fall back to a scan.
     */
    public static int overfetch(long allowedLive, long live) {
        if (allowedLive <= 0) {
            return OVERFETCH;
        }
        return (int) Math.max(OVERFETCH, Math.min(1_000, (2 * live + allowedLive - 1) / allowedLive));
    }

    public static FilterStrategy choose(long allowedLive, long live) {
        if (live <= 0) {
            return EXACT_SCAN;
        }
        double removed = 1.0 - (double) allowedLive / live;
        if (removed < 0.5) {
            return FILTERED_HNSW;
        }
        if (removed <= 0.95) {
            return POST_FILTER;
        }
        return EXACT_SCAN;
    }
}
