package io.nodedb.server.pgwire;

import io.nodedb.core.metrics.PrometheusWriter;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
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
    /** Connections running statements: executors draining on virtual threads, plus short writes on an I/O thread. */
    private final AtomicInteger working = new AtomicInteger();
    private final AtomicLong writesOnIo = new AtomicLong();

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

    AtomicInteger working() {
        return working;
    }

    /**
     * Claims the right to run a short write on the caller's I/O thread: only when no connection is running
     * anything. Then the write blocks nobody for long (another request arriving meanwhile waits at most one
     * commit), and committing on the I/O thread saves the two thread wake-ups (to a virtual thread and back) that
     * a lone commit otherwise pays on top of its fsync. With other work going on, writes go to virtual threads so
     * their commits can share an fsync. Pair with {@link #endWriteOnIo}.
     */
    boolean beginWriteOnIo() {
        if (working.compareAndSet(0, 1)) {
            writesOnIo.incrementAndGet();
            return true;
        }
        return false;
    }

    void endWriteOnIo() {
        working.decrementAndGet();
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
        out.counter("nodedb_pgwire_writes_on_io_total", "Short writes run on an I/O thread because nothing else ran",
                writesOnIo.get());
    }
}
