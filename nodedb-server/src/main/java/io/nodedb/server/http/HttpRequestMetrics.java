package io.nodedb.server.http;

import io.nodedb.core.metrics.PrometheusWriter;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts HTTP responses by status code, once each response has been written. */
public final class HttpRequestMetrics implements MetricsSource {
    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();

    void served(int status) {
        byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    public long total() {
        return byStatus.values().stream().mapToLong(LongAdder::sum).sum();
    }

    @Override
    public void writeMetrics(PrometheusWriter out) {
        out.header("nodedb_http_requests_total", "counter", "HTTP requests served, by status code");
        new TreeMap<>(byStatus).forEach((status, count) ->
                out.sample("nodedb_http_requests_total", "code", Integer.toString(status), count.sum()));
    }
}
