package io.nodedb.embedded;

import java.io.PrintStream;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The child process of {@link CrashRecoveryTest}: concurrent writers that report every acknowledged write on
 * stdout ({@code ACK <id> <version>}) until the parent kills the process with SIGKILL.
 */
public final class CrashWriterMain {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int cycle = Integer.parseInt(args[1]);
        int writers = Integer.parseInt(args[2]);
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        NodeDb db = NodeDb.open(dir);
        DocumentCollection c = db.createCollectionIfAbsent("crash");
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
                    String id = seq % 2 == 0 ? "c" + cycle + "-w" + writer + "-n" + seq : "w" + writer + "-hot" + (seq % 16);
                    c.put(id, Document.of("cycle", cycle, "writer", writer, "version", version,
                            "payload", "p".repeat((int) (seq % 200))));
                    synchronized (out) {
                        out.println("ACK " + id + " " + version);
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
