package io.nodedb.bench;

import org.HdrHistogram.Histogram;

import java.util.Collection;

/**
 * Latencies of one measured operation. Values are recorded in nanoseconds (3 significant digits) and reported
 * in microseconds: an fsync on tmpfs or a battery-backed cache takes well under a microsecond, and recording in
 * whole microseconds would turn those into zeros and the ratios into divisions by zero.
 *
 * <p>Not thread-safe: give each thread its own and {@link #merge} them after the threads are joined.
 */
public final class LatencyStats {
    private final Histogram histogram = new Histogram(3);

    public void recordNanos(long nanos) {
        histogram.recordValue(Math.max(0, nanos));
    }

    public void add(LatencyStats other) {
        histogram.add(other.histogram);
    }

    public static LatencyStats merge(Collection<LatencyStats> parts) {
        LatencyStats all = new LatencyStats();
        for (LatencyStats part : parts) {
            all.add(part);
        }
        return all;
    }

    public long count() {
        return histogram.getTotalCount();
    }

    /** The latency at {@code percentile} (0..100) in microseconds; 0 when nothing was recorded. */
    public double percentileMicros(double percentile) {
        return count() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1_000.0;
    }

    public double p50Micros() {
        return percentileMicros(50);
    }

    public double p99Micros() {
        return percentileMicros(99);
    }

    public double p999Micros() {
        return percentileMicros(99.9);
    }

    public double meanMicros() {
        return count() == 0 ? 0 : histogram.getMean() / 1_000.0;
    }

    public double maxMicros() {
        return count() == 0 ? 0 : histogram.getMaxValue() / 1_000.0;
    }
}
