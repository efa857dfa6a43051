package io.nodedb.core.storage;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Properties;

/**
 * The on-disk home of one database: validated, locked against a second process, and stamped with the format
 * version that wrote it. Layout: {@code FORMAT} (properties), {@code LOCK} (holds the owner's pid while open),
 * {@code wal/} (command log segments), {@code rocksdb/} (documents, indexes, catalog), {@code kv/} (key-value
 * snapshots), {@code vector/} (vector index checkpoints).
 */
public final class DataDirectory implements AutoCloseable {
    /** Bumped whenever a file under the data directory changes incompatibly. */
    public static final int FORMAT_VERSION = 1;
    private static final String FORMAT_FILE = "FORMAT";
    private static final String LOCK_FILE = "LOCK";

    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DataDirectory(Path root, FileChannel lockChannel, FileLock lock) {
        this.root = root;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Opens {@code root}, creating it when it does not exist but its parent does. Checks, in this order and before
     * writing anything: that it is a writable directory, that no other process holds it, and that no newer
     * format wrote it.
     */
    public static DataDirectory open(Path root) {
        Path dir = prepare(root);
        try {
            Properties format = readFormat(dir);
            FileChannel ch = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException sameProcess) {
                lock = null;
            }
            if (lock == null) {
                String owner = readPid(ch);
                ch.close();
                throw new NodeDbException(SqlState.LOCK_NOT_AVAILABLE, "data directory " + dir
                        + " is locked by pid " + owner + "; stop that process or choose another data directory");
            }
            writePid(ch);
            DataDirectory d = new DataDirectory(dir, ch, lock);
            if (format == null) {
                d.writeFormat();
            }
            return d;
        } catch (IOException e) {
            throw new NodeDbException(SqlState.IO_ERROR, "cannot open data directory " + dir + ": " + e, e);
        }
    }

    /**
     * Checks that {@code root} is a writable directory, creating it when only its last component is missing (a
     * typo in the path is reported, not silently created as a tree). Returns the absolute, normalised path.
     */
    public static Path prepare(Path root) {
        Path dir = root.toAbsolutePath().normalize();
        try {
            if (!Files.exists(dir)) {
                Path parent = dir.getParent();
                if (parent == null || !Files.isDirectory(parent)) {
                    throw new NodeDbException(SqlState.IO_ERROR, "data directory " + dir + " does not exist and "
                            + "neither does its parent " + parent + "; create it or choose another with --data");
                }
                Files.createDirectory(dir);
            }
        } catch (IOException e) {
            throw new NodeDbException(SqlState.IO_ERROR, "cannot create data directory " + dir + ": " + e, e);
        }
        if (!Files.isDirectory(dir)) {
            throw new NodeDbException(SqlState.IO_ERROR, "data directory " + dir + " exists but is not a directory");
        }
        if (!Files.isWritable(dir)) {
            throw new NodeDbException(SqlState.IO_ERROR, "data directory " + dir + " is not writable by this user");
        }
        return dir;
    }

    private static Properties readFormat(Path dir) throws IOException {
        Path file = dir.resolve(FORMAT_FILE);
        if (!Files.exists(file)) {
            return null;
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        String v = p.getProperty("format_version");
        int version;
        try {
            version = Integer.parseInt(v == null ? "" : v.trim());
        } catch (NumberFormatException e) {
            throw new NodeDbException(SqlState.DATA_CORRUPTED, file + ": key 'format_version' must be an integer, got '"
                    + v + "'");
        }
        if (version > FORMAT_VERSION) {
            throw new NodeDbException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "data directory " + dir
                    + " was written by format version " + version + " (" + p.getProperty("created_by", "unknown")
                    + "); this build reads up to version " + FORMAT_VERSION + ". Upgrade NodeDB to open it.");
        }
        return p;
    }

    private void writeFormat() throws IOException {
        String text = "# NodeDB data directory; do not edit\nformat_version=" + FORMAT_VERSION
                + "\ncreated_by=nodedb-jvm\n";
        DurableFiles.writeAtomically(root.resolve(FORMAT_FILE), text.getBytes(StandardCharsets.UTF_8));
    }

    private static String readPid(FileChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(32);
        ch.read(b, 0);
        String s = new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).trim();
        return s.isEmpty() ? "unknown" : s;
    }

    private static void writePid(FileChannel ch) throws IOException {
        ch.truncate(0);
        ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
    }

    public Path root() {
        return root;
    }

    public Path walDir() {
        return root.resolve("wal");
    }

    public Path rocksDir() {
        return root.resolve("rocksdb");
    }

    /** Key-value snapshots, one file per collection and checkpoint plus a manifest. */
    public Path kvDir() {
        return root.resolve("kv");
    }

    /** Vector index checkpoints. */
    public Path vectorDir() {
        return root.resolve("vector");
    }

    @Override
    public void close() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException ignored) {
            // the OS releases the lock with the descriptor anyway
        }
    }
}
