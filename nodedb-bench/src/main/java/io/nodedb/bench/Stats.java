package io.nodedb.bench;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Summaries across repeated runs. Medians rather than means, because on a shared or noisy machine one run that
 * collided with something else should not move the published figure.
 */
public final class Stats {
    private Stats() {
    }

    public static double median(double... values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public static <T> double median(List<T> runs, ToDoubleFunction<T> figure) {
        return median(values(runs, figure));
    }

    public static <T> double min(List<T> runs, ToDoubleFunction<T> figure) {
        return Arrays.stream(values(runs, figure)).min().orElse(Double.NaN);
    }

    public static <T> double max(List<T> runs, ToDoubleFunction<T> figure) {
        return Arrays.stream(values(runs, figure)).max().orElse(Double.NaN);
    }

    public static <T> double[] values(List<T> runs, ToDoubleFunction<T> figure) {
        return runs.stream().mapToDouble(figure).toArray();
    }
}
