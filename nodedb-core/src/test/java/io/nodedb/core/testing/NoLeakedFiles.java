package io.nodedb.core.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Fails a test that leaves a file handle open under a JUnit temporary directory: every component that opens
 * files (log segments, RocksDB, snapshots) must release them on close. Reads /proc/self/fd, so it checks only on
 * Linux; elsewhere it does nothing.
 */
public final class NoLeakedFiles implements AfterEachCallback {
    private static final Path FD_DIR = Path.of("/proc/self/fd");

    @Override
    public void afterEach(ExtensionContext context) {
        List<String> leaked = openFilesUnder(System.getProperty("java.io.tmpdir") + "/junit");
        if (!leaked.isEmpty()) {
            throw new AssertionError("test left " + leaked.size() + " file(s) open: " + leaked);
        }
    }

    /** Targets of this process's open file descriptors whose path starts with {@code prefix}. */
    public static List<String> openFilesUnder(String prefix) {
        List<String> found = new ArrayList<>();
        if (!Files.isDirectory(FD_DIR)) {
            return found;
        }
        try (Stream<Path> fds = Files.list(FD_DIR)) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith(prefix)) {
                        found.add(target);
                    }
                } catch (IOException gone) {
                    // the descriptor closed while we listed; not a leak
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot list " + FD_DIR, e);
        }
        return found;
    }
}
