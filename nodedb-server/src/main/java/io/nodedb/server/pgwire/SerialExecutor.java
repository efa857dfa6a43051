package io.nodedb.server.pgwire;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one connection's tasks in order on virtual threads, one at a time, and holds no thread at all while the
 * connection is idle: a drain thread is started when work arrives and ends when the queue is empty.
 */
final class SerialExecutor {
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final String name;
    /** Shared by every connection of a listener: how many executors are draining right now. */
    private final AtomicInteger drainingCount;

    SerialExecutor(String name, AtomicInteger drainingCount) {
        this.name = name;
        this.drainingCount = drainingCount;
    }

    /**
     * Whether no task is queued or running. Only the thread that submits tasks may act on the answer (run a task
     * itself instead of submitting it): that keeps tasks in order, and the flag's reset at the end of a drain
     * publishes everything the drained tasks wrote.
     */
    boolean isIdle() {
        return !draining.get() && tasks.isEmpty();
    }

    void execute(Runnable task) {
        tasks.add(task);
        startIfIdle();
    }

    private void startIfIdle() {
        if (draining.compareAndSet(false, true)) {
            drainingCount.incrementAndGet();
            Thread.ofVirtual().name(name).start(this::drain);
        }
    }

    private void drain() {
        try {
            for (Runnable t = tasks.poll(); t != null; t = tasks.poll()) {
                t.run();
            }
        } finally {
            drainingCount.decrementAndGet();
            draining.set(false);
            // A task may have arrived after the last poll and before the flag was cleared.
            if (!tasks.isEmpty()) {
                startIfIdle();
            }
        }
    }
}
