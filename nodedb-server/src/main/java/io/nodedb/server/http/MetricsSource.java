package io.nodedb.server.http;

import io.nodedb.core.metrics.PrometheusWriter;

/** Something that contributes lines to {@code GET /metrics}; {@code Database::writeMetrics} is one. */
@FunctionalInterface
public interface MetricsSource {
    void writeMetrics(PrometheusWriter out);
}
