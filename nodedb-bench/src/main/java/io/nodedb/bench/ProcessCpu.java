package io.nodedb.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time used by a server's processes, from {@code /proc/<pid>/stat} (user + system, in clock ticks of 10 ms):
 * the process and every descendant alive at the time of reading, which for PostgreSQL is the postmaster and one
 * backend per connection. On a machine shared with the benchmark's own clients, CPU per operation says how much
 * work a server does for a request independently of how the scheduler shared the cores.
 */
final class ProcessCpu {
    /** Linux's USER_HZ, which {@code /proc} reports in; 100 on every mainstream kernel configuration. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private ProcessCpu() {
    }

    /** Whether CPU can be read for {@code pid} here (Linux with /proc). */
    static boolean available(long pid) {
        return Files.isReadable(Path.of("/proc", Long.toString(pid), "stat"));
    }

    /** CPU time of {@code pid} and its live descendants so far, in nanoseconds. */
    static long treeNanos(long pid) {
        List<Long> pids = new ArrayList<>();
        pids.add(pid);
        ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(d -> pids.add(d.pid())));
        long ticks = 0;
        for (long p : pids) {
            ticks += ticks(p);
        }
        return ticks * NANOS_PER_TICK;
    }

    /** utime + stime of one process; 0 when it has exited in the meantime. */
    private static long ticks(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
        } catch (IOException gone) {
            return 0;
        }
        // The command name (field 2) is in parentheses and may hold spaces; fields after it are plain.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // f[0] is field 3 (state), so utime (field 14) is f[11] and stime (field 15) is f[12].
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
