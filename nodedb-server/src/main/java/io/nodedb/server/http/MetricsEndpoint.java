package io.nodedb.server.http;

import io.nodedb.core.metrics.PrometheusWriter;

import java.util.List;

/** {@code GET /metrics}: the Prometheus text exposition of every registered source, in order. */
public final class MetricsEndpoint {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private MetricsEndpoint() {
    }

    public static Router register(Router router, List<MetricsSource> sources) {
        List<MetricsSource> copy = List.copyOf(sources);
        return router.get("/metrics", request -> {
            StringBuilder text = new StringBuilder(4096);
            PrometheusWriter out = new PrometheusWriter(text);
            copy.forEach(source -> source.writeMetrics(out));
            return Response.text(200, CONTENT_TYPE, text.toString());
        });
    }
}
