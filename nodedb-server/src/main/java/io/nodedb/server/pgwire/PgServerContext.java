package io.nodedb.server.pgwire;

import io.nodedb.core.metrics.PrometheusWriter;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** What every connection of one pgwire listener shares: sessions, authentication, cancel keys and counters. */
final class PgServerContext {
    /** Opens a SQL session for an authenticated user. */
    @FunctionalInterface
    interface SessionFactory {
        PgSession open(String user);
    }

    private final SessionFactory sessions;
    private final PgAuthenticator authenticator;
    private final PgCancelRegistry cancels = new PgCancelRegistry();
    private final Map<String, String> parameterStatus;
    private final AtomicLong open = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();

    PgServerContext(SessionFactory sessions, PgAuthenticator authenticator, String version) {
        this.sessions = sessions;
        this.authenticator = authenticator;
        Map<String, String> p = new LinkedHashMap<>();
        // Drivers parse server_version as a PostgreSQL version; ours follows after a space.
        p.put("server_version", "16.0 (NodeDB " + version + ")");
        p.put("server_encoding", "UTF8");
        p.put("client_encoding", "UTF8");
        p.put("DateStyle", "ISO, MDY");
        p.put("IntervalStyle", "postgres");
        p.put("integer_datetimes", "on");
        p.put("standard_conforming_strings", "on");
        p.put("is_superuser", "on");
        this.parameterStatus = Map.copyOf(p);
    }

    SessionFactory sessions() {
        return sessions;
    }

    PgAuthenticator authenticator() {
        return authenticator;
    }

    PgCancelRegistry cancels() {
        return cancels;
    }

    Map<String, String> parameterStatus() {
        return parameterStatus;
    }

    void connectionOpened() {
        open.incrementAndGet();
        accepted.incrementAndGet();
    }

    void connectionClosed() {
        open.decrementAndGet();
    }

    void writeMetrics(PrometheusWriter out) {
        out.gauge("nodedb_pgwire_connections", "Open PostgreSQL protocol connections", open.get());
        out.counter("nodedb_pgwire_connections_accepted_total", "PostgreSQL protocol connections accepted",
                accepted.get());
    }
}
