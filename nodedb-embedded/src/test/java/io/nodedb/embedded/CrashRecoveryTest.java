package io.nodedb.embedded;

import io.nodedb.core.testing.NoLeakedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import io.nodedb.core.value.Value;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Kills a writing child JVM with SIGKILL at random moments and checks after each kill that every write the child
 * saw acknowledged (documents, key-value pairs and vectors, one engine each; half the key-value pairs acknowledged
 * before their fsync, as with {@code synchronous_commit = off}) is in the database, at the
 * acknowledged version or a later one, and that the database opens
 * cleanly. Cycles: {@code -Dnodedb.crash.cycles} (20 by default; the long-run profile uses 1000). The kill delays
 * come from {@code -Dtests.seed}, printed on failure. Odd cycles run one writer instead of {@value #WRITERS}: a lone
 * committer writes, forces and applies its records on its own thread, the group-commit path is not used.
 */
@ExtendWith(NoLeakedFiles.class)
class CrashRecoveryTest {
    /** The vector index attached to the "crash" collection. */
    static final String DOC_INDEX = "crashdocvec";
    private static final int WRITERS = 16;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedWriteSurvivesKillMinus9() throws Exception {
        int cycles = Integer.getInteger("nodedb.crash.cycles", 20);
        long seed = Long.getLong("tests.seed", System.nanoTime());
        Random random = new Random(seed);
        Path data = dir.resolve("data");
        Map<String, Long> acked = new ConcurrentHashMap<>();
        long totalAcks = 0;
        for (int cycle = 0; cycle < cycles; cycle++) {
            int killAfterMs = 20 + random.nextInt(700);
            int acksThisCycle = runChildAndKill(data, cycle, killAfterMs, acked, seed);
            totalAcks += acksThisCycle;
            try (NodeDb db = NodeDb.open(data)) {
                for (Map.Entry<String, Long> e : acked.entrySet()) {
                    String[] kindAndId = e.getKey().split(" ", 2);
                    long version = storedVersion(db, kindAndId[0], kindAndId[1]);
                    if (version < e.getValue()) {
                        fail("cycle " + cycle + ": acknowledged " + e.getKey() + " v" + e.getValue() + " is "
                                + (version < 0 ? "missing" : "at v" + version) + " after kill -9 (reproduce with "
                                + "-Dtests.seed=" + seed + ")");
                    }
                }
            }
        }
        System.out.printf("crash test: %d cycles, %d acknowledged writes checked, %d distinct ids, seed %d%n",
                cycles, totalAcks, acked.size(), seed);
        assertThat(totalAcks).as("the child acknowledged writes").isGreaterThan(cycles);
    }

    /** The version a write of this kind left for this id, or -1 if there is none. */
    private static long storedVersion(NodeDb db, String kind, String id) {
        return switch (kind) {
            case "ACK" -> {
                long version = db.collection("crash").get(id).map(d -> d.getLong("version")).orElse(-1L);
                // The index that follows the collection must hold exactly the stored document's vector.
                Value.Obj doc = db.database().get("crash", Value.of(id));
                // Replaying the index's creation builds it again beside the applier; wait for that build.
                db.database().vectors().built(DOC_INDEX).join();
                float[] indexed = db.database().vectors().index(DOC_INDEX).vector(Value.of(id));
                float[] stored = doc == null ? null : ((Value.Vector) doc.fields().get("emb")).values();
                if (!java.util.Arrays.equals(stored, indexed)) {
                    fail("after kill -9 the vector index following 'crash' holds " + java.util.Arrays.toString(indexed)
                            + " for " + id + " but the document has " + java.util.Arrays.toString(stored));
                }
                yield version;
            }
            case "KV" -> {
                var v = db.database().kv().get("crashkv", id.getBytes(StandardCharsets.UTF_8));
                yield v == null ? -1 : Long.parseLong(new String(v.value(), StandardCharsets.UTF_8).split(":")[0]);
            }
            case "VEC" -> {
                float[] vec = db.database().vectors().index("crashvec").vector(Value.of(id));
                yield vec == null ? -1 : ((long) vec[0] << 32) + (long) vec[1];
            }
            default -> throw new IllegalStateException(kind);
        };
    }

    private int runChildAndKill(Path data, int cycle, int killAfterMs, Map<String, Long> acked, long seed)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("--sun-misc-unsafe-memory-access=allow");
        cmd.add("-Xmx256m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(CrashWriterMain.class.getName());
        cmd.add(data.toString());
        cmd.add(Integer.toString(cycle));
        cmd.add(Integer.toString(cycle % 2 == 0 ? WRITERS : 1));
        Path stderr = dir.resolve("child-" + cycle + ".err");
        Process child = new ProcessBuilder(cmd).redirectError(stderr.toFile()).start();
        CountDownLatch ready = new CountDownLatch(1);
        int[] count = {0};
        Thread reader = Thread.ofPlatform().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.equals("READY")) {
                        ready.countDown();
                    } else {
                        // A line cut by the kill is incomplete and is not an acknowledgement we can check.
                        String[] parts = line.split(" ");
                        if (parts.length == 3 && (parts[0].equals("ACK") || parts[0].equals("KV")
                                || parts[0].equals("VEC"))) {
                            acked.merge(parts[0] + " " + parts[1], Long.parseLong(parts[2]), Math::max);
                            count[0]++;
                        }
                    }
                }
            } catch (IOException | NumberFormatException ignored) {
                // the pipe breaks when the child dies
            }
        });
        if (!ready.await(60, TimeUnit.SECONDS)) {
            child.destroyForcibly().waitFor();
            fail("cycle " + cycle + ": the child did not open the database within 60 s: "
                    + Files.readString(stderr) + " (seed " + seed + ")");
        }
        Thread.sleep(killAfterMs);
        child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no final fsync
        child.waitFor(30, TimeUnit.SECONDS);
        reader.join(10_000);
        if (!child.isAlive() && child.exitValue() != 137 && child.exitValue() != 9) {
            String err = Files.readString(stderr);
            if (err.contains("Exception")) {
                fail("cycle " + cycle + ": the child failed before the kill: " + err);
            }
        }
        return count[0];
    }
}
