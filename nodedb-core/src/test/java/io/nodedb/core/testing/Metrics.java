package io.nodedb.core.testing;

import io.nodedb.core.db.Database;
import io.nodedb.core.metrics.PrometheusWriter;

/** Reads one sample of a database's Prometheus text, for tests that check a counter moved. */
public final class Metrics {
    private Metrics() {
    }

    /** The value of the unlabelled sample {@code name}; fails the test when there is none. */
    public static double value(Database db, String name) {
        StringBuilder text = new StringBuilder();
        db.writeMetrics(new PrometheusWriter(text));
        for (String line : text.toString().split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1).trim());
            }
        }
        throw new AssertionError("no metric " + name);
    }
}
