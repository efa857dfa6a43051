package io.nodedb.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileStore;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Set;

/**
 * Where a benchmark puts its data. Each run gets a fresh directory inside the chosen root and removes only that
 * directory, so pointing {@code --dir} at an existing directory never deletes anything that was already there.
 */
public final class BenchDir {
    /** Filesystems held in memory, where fsync returns without touching a device. */
    private static final Set<String> MEMORY_FILESYSTEMS = Set.of("tmpfs", "ramfs", "devtmpfs");

    private BenchDir() {
    }

    /**
     * The default root: {@code nodedb-bench/target/bench-data} of the checkout (bin/bench passes the checkout as
     * {@code -Dnodedb.bench.root}). Not /tmp, which is tmpfs on many machines and would make fsync free.
     */
    public static Path defaultRoot() {
        String root = System.getProperty("nodedb.bench.root");
        Path base = root != null ? Path.of(root) : Path.of("").toAbsolutePath();
        if (root != null || Files.isDirectory(base.resolve("nodedb-bench"))) {
            return base.resolve("nodedb-bench").resolve("target").resolve("bench-data");
        }
        return base.resolve("target").resolve("bench-data");
    }

    /**
     * Creates a fresh directory {@code <prefix><random>} under {@code root} and arranges for it to be deleted
     * when the JVM exits, so an interrupted run does not leave gigabytes of log segments behind.
     */
    public static Path createFresh(Path root, String prefix) throws IOException {
        Files.createDirectories(root);
        Path dir = Files.createTempDirectory(root, prefix).toAbsolutePath();
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("bench-dir-cleanup").unstarted(() -> {
            try {
                deleteRecursively(dir);
            } catch (UncheckedIOException e) {
                Console.warn("could not delete " + dir + ": " + e.getMessage());
            }
        }));
        return dir;
    }

    public static String fileSystemType(Path dir) throws IOException {
        return Files.getFileStore(dir).type();
    }

    public static boolean isMemoryBacked(FileStore store) {
        return MEMORY_FILESYSTEMS.contains(store.type().toLowerCase(Locale.ROOT));
    }

    /** Deletes {@code dir} and everything in it; a directory that is already gone is fine. */
    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    if (e != null && !(e instanceof NoSuchFileException)) {
                        throw e;
                    }
                    try {
                        Files.deleteIfExists(d);
                    } catch (DirectoryNotEmptyException racing) {
                        // A file appeared after the walk listed the directory; leave it rather than loop.
                        Console.warn("left non-empty " + d);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException gone) {
            // Deleted concurrently (the shutdown hook and the normal path both clean up).
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
