package io.nodedb.embedded;

import java.io.PrintStream;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import io.nodedb.core.db.Database;
import io.nodedb.core.kv.KvOp;
import io.nodedb.core.value.Value;
import io.nodedb.core.vector.IndexDefinition;
import io.nodedb.core.vector.Metric;
import io.nodedb.core.vector.VectorOp;

/**
 * The child process of {@link CrashRecoveryTest}: concurrent writers that report every acknowledged write on
 * stdout ({@code ACK|KV|VEC <id> <version>}: a document, a key-value pair, a vector) until the parent kills the process with SIGKILL.
 */
public final class CrashWriterMain {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int cycle = Integer.parseInt(args[1]);
        int writers = Integer.parseInt(args[2]);
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        NodeDb db = NodeDb.open(dir);
        DocumentCollection c = db.createCollectionIfAbsent("crash");
        Database database = db.database();
        database.submitKv(List.of(new KvOp.CreateKvCollection("crashkv", 0, 0, true)));
        if (database.vectors().findIndex("crashvec").isEmpty()) {
            // Written directly, and attached to the document collection (following its "emb" field).
            database.submitVectors(List.of(new VectorOp.CreateIndex(
                    IndexDefinition.of("crashvec", "", "", 4, Metric.L2)),
                    new VectorOp.CreateIndex(IndexDefinition.of(CrashRecoveryTest.DOC_INDEX, "crash", "emb", 4,
                            Metric.L2))));
        }
        synchronized (out) {
            out.println("READY");
            out.flush();
        }
        Thread[] threads = new Thread[writers];
        for (int w = 0; w < writers; w++) {
            int writer = w;
            threads[w] = Thread.ofVirtual().start(() -> {
                // Versions grow across cycles too, so an overwrite in a later cycle is always newer.
                for (long seq = 0, version = (long) cycle << 32; ; seq++, version++) {
                    // Half new ids, half overwrites of a small hot set, so recovery must also keep the latest version.
                    String line;
                    switch ((int) (seq % 4)) {
                        case 0, 1 -> {
                            String id = seq % 2 == 0 ? "c" + cycle + "-w" + writer + "-n" + seq
                                    : "w" + writer + "-hot" + (seq % 16);
                            c.put(id, Document.of("cycle", cycle, "writer", writer, "version", version,
                                    "payload", "p".repeat((int) (seq % 200)),
                                    "emb", new float[] {cycle, seq, writer, 2f}));
                            line = "ACK " + id + " " + version;
                        }
                        case 2 -> {
                            // Values above 64 bytes land in the off-heap slab, which must survive too.
                            String key = "kv-w" + writer + "-" + (seq % 64);
                            byte[] value = (version + ":" + "v".repeat((int) (seq % 300))).getBytes(StandardCharsets.UTF_8);
                            // Every other pair is acknowledged before its fsync (synchronous_commit = off): a process
                            // crash must not lose it either, as it was written to the log file first.
                            database.submitKv(database.clockMicros(), List.of(new KvOp.Put("crashkv",
                                    key.getBytes(StandardCharsets.UTF_8), value)), seq % 8 != 2);
                            line = "KV " + key + " " + version;
                        }
                        default -> {
                            String id = "vec-w" + writer + "-" + (seq % 32);
                            database.submitVectors(List.of(new VectorOp.Upsert("crashvec", Value.of(id),
                                    // floats hold cycle and seq exactly (both far below 2^24); a long version would not
                                    new float[] {cycle, seq, writer, 1f})));
                            line = "VEC " + id + " " + version;
                        }
                    }
                    synchronized (out) {
                        out.println(line);
                        out.flush();
                    }
                }
            });
        }
        for (Thread t : threads) {
            t.join();
        }
    }
}
