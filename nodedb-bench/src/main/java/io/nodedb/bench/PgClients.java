package io.nodedb.bench;

import io.nodedb.bench.PgWireBench.Result;
import io.nodedb.bench.PgWireBench.Target;
import io.nodedb.bench.PgWireBench.Workload;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives the pgwire workloads: {@code clients} connections per server, one platform thread each (pgjdbc is
 * blocking), with connections opened and statements prepared before any clock starts.
 *
 * <p>Two ways to measure several servers. {@link #measure} gives one server its whole window at once, the servers
 * one after another. {@link #measureInterleaved} cuts the window into slices and alternates the servers slice by
 * slice, so that a slow minute of this virtual machine's disk or CPU (the fsync of an idle moment and a busy one
 * differ by tens of percent here) falls on both servers alike instead of on whichever ran then. Only one server
 * has clients running at any time.
 */
final class PgClients {
    private static final long INSERT_BASE = 1L << 40;
    /** Shorter slices would measure thread starts and the turn-over between servers more than the servers. */
    static final Duration MIN_SLICE = Duration.ofMillis(10);

    private PgClients() {
    }

    /**
     * One server's whole window: the workload runs for {@code warmup}, then for {@code window}. An operation counts
     * when it starts after the warmup and finishes before the deadline.
     */
    static Result measure(Target target, Workload w, int clients, long rows, AtomicLong insertIds, Duration warmup,
            Duration window) throws Exception {
        try (ClientSet set = new ClientSet(target, w, clients, rows, insertIds)) {
            long start = System.nanoTime() + warmup.toNanos();
            set.run(start, start + window.toNanos());
            return set.result();
        }
    }

    /** A slice in which one server's clients ran, for {@link #measureInterleaved}'s record of the order. */
    record Slice(int target, long startNanos, long endNanos, long operations) {
    }

    /** The servers' results, in the order of {@code targets}, and the slices as they ran. */
    record Interleaved(List<Result> results, List<Slice> slices) {
    }

    /**
     * Every server warms up for {@code warmup} in turn; then {@code window} is measured per server in slices of
     * {@code slice}: one slice per server per round, the order reversed every other round so that neither server
     * always follows the other. Connections stay open across slices.
     */
    static Interleaved measureInterleaved(List<Target> targets, Workload w, int clients, long rows,
            List<AtomicLong> insertIds, Duration warmup, Duration window, Duration slice) throws Exception {
        if (slice.compareTo(MIN_SLICE) < 0 || slice.compareTo(window) > 0) {
            throw new IllegalArgumentException("a slice must be between " + MIN_SLICE.toMillis() + " ms and the"
                    + " measured time (" + window.toMillis() + " ms), not " + slice.toMillis() + " ms");
        }
        List<ClientSet> sets = new ArrayList<>();
        try {
            for (int i = 0; i < targets.size(); i++) {
                sets.add(new ClientSet(targets.get(i), w, clients, rows, insertIds.get(i)));
            }
            for (ClientSet set : sets) {
                long end = System.nanoTime() + warmup.toNanos();
                set.run(end, end);
            }
            long sliceNanos = slice.toNanos();
            long rounds = Math.max(1, (window.toNanos() + sliceNanos - 1) / sliceNanos);
            List<Slice> slices = new ArrayList<>();
            for (long round = 0; round < rounds; round++) {
                for (int j = 0; j < sets.size(); j++) {
                    int i = round % 2 == 0 ? j : sets.size() - 1 - j;
                    ClientSet set = sets.get(i);
                    long before = set.operations();
                    long start = System.nanoTime();
                    set.run(start, start + sliceNanos);
                    slices.add(new Slice(i, start, start + sliceNanos, set.operations() - before));
                }
            }
            List<Result> results = new ArrayList<>();
            for (ClientSet set : sets) {
                results.add(set.result());
            }
            return new Interleaved(results, slices);
        } finally {
            for (ClientSet set : sets) {
                set.close();
            }
        }
    }

    /** One server's clients for one workload, run in timed stretches; totals add up over the stretches. */
    private static final class ClientSet implements AutoCloseable {
        private final Target target;
        private final Workload workload;
        private final List<Connection> conns = new ArrayList<>();
        private final List<Client> clients = new ArrayList<>();
        private final boolean cpuReadable;
        private long measuredNanos;
        private long serverCpuNanos;

        ClientSet(Target target, Workload w, int clients, long rows, AtomicLong insertIds) throws SQLException {
            this.target = target;
            this.workload = w;
            this.cpuReadable = target.pid() > 0 && ProcessCpu.available(target.pid());
            String sql = w == Workload.POINT_SELECT ? "SELECT grp, name, v FROM t WHERE id = ?"
                    : "INSERT INTO t (id, grp, name, v) VALUES (?, ?, ?, ?)";
            try {
                for (int i = 0; i < clients; i++) {
                    Connection c = target.connect();
                    conns.add(c);
                    this.clients.add(new Client(c.prepareStatement(sql), w, rows, insertIds, 42 + i));
                }
            } catch (SQLException | RuntimeException e) {
                close();
                throw e;
            }
        }

        /**
         * Runs every client until {@code end}, counting the operations that start at or after {@code countFrom};
         * the server's CPU is read at both ends of that span when it runs in processes of its own.
         */
        void run(long countFrom, long end) throws Exception {
            List<Thread> threads = new ArrayList<>();
            for (Client cl : clients) {
                cl.start = countFrom;
                cl.end = end;
                threads.add(Thread.ofPlatform().name("pg-client").daemon().start(cl));
            }
            if (cpuReadable && end > countFrom) {
                sleepUntil(countFrom);
                long before = ProcessCpu.treeNanos(target.pid());
                sleepUntil(end);
                serverCpuNanos += ProcessCpu.treeNanos(target.pid()) - before;
            }
            for (Thread t : threads) {
                t.join();
            }
            for (Client cl : clients) {
                if (cl.failure != null) {
                    throw new IllegalStateException(target.name() + " " + workload + " failed: " + cl.failure,
                            cl.failure);
                }
            }
            measuredNanos += Math.max(0, end - countFrom);
        }

        long operations() {
            return clients.stream().mapToLong(cl -> cl.ops).sum();
        }

        Result result() {
            return new Result(operations(), measuredNanos / 1e9,
                    LatencyStats.merge(clients.stream().map(cl -> cl.latency).toList()),
                    cpuReadable ? serverCpuNanos : -1);
        }

        @Override
        public void close() {
            for (Connection c : conns) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // The measurement is over; a failing close changes nothing in it.
                }
            }
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
        }
    }

    private static final class Client implements Runnable {
        private final PreparedStatement ps;
        private final Workload w;
        private final long rows;
        private final AtomicLong insertIds;
        private final SplittableRandom random;
        long start;
        long end;
        final LatencyStats latency = new LatencyStats();
        long ops;
        Throwable failure;

        Client(PreparedStatement ps, Workload w, long rows, AtomicLong insertIds, long seed) {
            this.ps = ps;
            this.w = w;
            this.rows = rows;
            this.insertIds = insertIds;
            this.random = new SplittableRandom(seed);
        }

        @Override
        public void run() {
            try {
                while (true) {
                    long t0 = System.nanoTime();
                    once();
                    long t1 = System.nanoTime();
                    if (t1 >= end) {
                        return;
                    }
                    if (t0 >= start) {
                        latency.recordNanos(t1 - t0);
                        ops++;
                    }
                }
            } catch (Throwable e) {
                failure = e;
            }
        }

        private void once() throws SQLException {
            if (w == Workload.POINT_SELECT) {
                ps.setLong(1, random.nextLong(rows));
                int found = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rs.getLong(1);
                        rs.getString(2);
                        rs.getDouble(3);
                        found++;
                    }
                }
                if (found != 1) {
                    throw new IllegalStateException("point select found " + found + " rows");
                }
            } else {
                long id = INSERT_BASE + insertIds.getAndIncrement();
                ps.setLong(1, id);
                ps.setLong(2, SqlBench.grp(id));
                ps.setString(3, SqlBench.nameOf(id));
                ps.setDouble(4, SqlBench.v(id));
                ps.executeUpdate();
            }
        }
    }
}
