package io.nodedb.core.storage;

import io.nodedb.core.error.NodeDbException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** The checks made before a data directory is used; locking and format checks are in NodeDbTest. */
class DataDirectoryTest {
    @TempDir
    Path tmp;

    @Test
    void createsTheDirectoryWhenOnlyItIsMissing() throws Exception {
        Path dir = tmp.resolve("data");
        DataDirectory.prepare(dir);
        assertThat(dir).isDirectory();
        DataDirectory.prepare(dir);
    }

    @Test
    void refusesToCreateMissingParents() {
        Path dir = tmp.resolve("no/such/data");
        assertThatThrownBy(() -> DataDirectory.prepare(dir))
                .isInstanceOf(NodeDbException.class)
                .hasMessageStartingWith("data directory " + dir + " does not exist and neither does its parent "
                        + dir.getParent());
        assertThat(tmp.resolve("no")).doesNotExist();
    }

    @Test
    void refusesAFile() throws Exception {
        Path file = Files.writeString(tmp.resolve("data"), "x");
        assertThatThrownBy(() -> DataDirectory.prepare(file))
                .isInstanceOf(NodeDbException.class)
                .hasMessage("data directory " + file + " exists but is not a directory");
    }

    @Test
    void refusesAReadOnlyDirectory() throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")), "root may write anywhere");
        Path dir = Files.createDirectory(tmp.resolve("ro"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assertThatThrownBy(() -> DataDirectory.prepare(dir))
                    .isInstanceOf(NodeDbException.class)
                    .hasMessage("data directory " + dir + " is not writable by this user");
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
