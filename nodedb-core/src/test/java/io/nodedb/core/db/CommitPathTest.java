package io.nodedb.core.db;

import io.nodedb.core.engine.ApplyResult;
import io.nodedb.core.kv.KvOp;
import io.nodedb.core.testing.NoLeakedFiles;
import io.nodedb.core.value.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes whose callers wait may be applied on the caller's thread, others on the applier thread. Increments are
 * read-modify-write inside the engine, so if two records were ever applied at once, or out of order, two of them
 * would return the same count.
 */
@ExtendWith(NoLeakedFiles.class)
class CommitPathTest {
    private static final byte[] KEY = "n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void waitingAndAsynchronousWritesAreAppliedOneAtATimeInLogOrder() throws Exception {
        int threads = 6;
        int perThread = 150;
        ConcurrentLinkedQueue<Long> counts = new ConcurrentLinkedQueue<>();
        try (Database db = Database.open(DatabaseOptions.onDisk(dir))) {
            db.submitKv(List.of(new KvOp.CreateKvCollection("c", 0, 0)));
            try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    boolean waits = t % 2 == 0;
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < perThread; i++) {
                            List<KvOp> incr = List.of(new KvOp.Incr("c", KEY, 1, KvOp.TTL_DEFAULT));
                            ApplyResult r = waits ? db.submitKv(incr) : db.submitKvAsync(incr).join();
                            counts.add(((Value.Int) r.returned().getFirst()).value());
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            }
            assertThat(counts).hasSize(threads * perThread).doesNotHaveDuplicates();
            assertThat(counts.stream().mapToLong(Long::longValue).max().orElseThrow()).isEqualTo(threads * perThread);
        }
        try (Database db = Database.open(DatabaseOptions.onDisk(dir))) {
            ApplyResult r = db.submitKv(List.of(new KvOp.Incr("c", KEY, 0, KvOp.TTL_DEFAULT)));
            assertThat(r.returned()).containsExactly(new Value.Int(threads * perThread));
        }
    }
}
