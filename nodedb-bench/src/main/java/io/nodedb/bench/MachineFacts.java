package io.nodedb.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a reader needs to judge a published figure: the CPU, the JVM and, for anything touching the disk, the
 * filesystem and device the data directory sits on. Every probe is best effort; a missing fact reads
 * "unknown" rather than failing the benchmark.
 */
public final class MachineFacts {
    private final Map<String, String> facts = new LinkedHashMap<>();
    private final boolean memoryBacked;

    private MachineFacts(boolean memoryBacked) {
        this.memoryBacked = memoryBacked;
    }

    /** Collects the facts, with the filesystem of {@code dataDir} (which must exist). */
    public static MachineFacts collect(Path dataDir) {
        FileStore store = null;
        try {
            store = Files.getFileStore(dataDir);
        } catch (IOException e) {
            // Reported as unknown below.
        }
        MachineFacts m = new MachineFacts(store != null && BenchDir.isMemoryBacked(store));
        m.facts.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        m.facts.put("cpu", cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores available");
        m.facts.put("java", System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vm.name")
                + ", " + System.getProperty("java.vendor") + ")");
        m.facts.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        m.facts.put("data dir", dataDir.toAbsolutePath().toString());
        if (store != null) {
            m.facts.put("filesystem", store.type() + " on " + store.name() + deviceKind(store.name()));
        } else {
            m.facts.put("filesystem", "unknown");
        }
        m.facts.put("df -T", dfLine(dataDir));
        return m;
    }

    public MachineFacts put(String key, String value) {
        facts.put(key, value);
        return this;
    }

    /** True when the data directory is in memory (tmpfs), where fsync figures mean nothing. */
    public boolean memoryBacked() {
        return memoryBacked;
    }

    public String fixedWidth() {
        int width = facts.keySet().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder b = new StringBuilder();
        facts.forEach((k, v) -> b.append(k).append(':').append(" ".repeat(width - k.length() + 1)).append(v)
                .append('\n'));
        return b.toString();
    }

    public String markdown() {
        StringBuilder b = new StringBuilder();
        facts.forEach((k, v) -> b.append("- ").append(k).append(": `").append(v.replace("`", "'")).append("`\n"));
        return b.toString();
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or not readable.
        }
        return "unknown CPU";
    }

    /** The kernel's rotational flag from /sys when the store names a block device, else nothing. */
    private static String deviceKind(String storeName) {
        if (!storeName.startsWith("/dev/")) {
            return "";
        }
        try {
            Path dev = Path.of("/sys/class/block").resolve(Path.of(storeName).getFileName()).toRealPath();
            // A partition has no queue of its own; its disk is the parent directory.
            Path rotational = dev.resolve("queue/rotational");
            if (!Files.exists(rotational)) {
                rotational = dev.getParent().resolve("queue/rotational");
            }
            String flag = Files.readString(rotational, StandardCharsets.US_ASCII).trim();
            // Virtual disks often claim rotational=1 whatever backs them, so quote the flag rather than judge it.
            return " (kernel queue/rotational=" + flag + ")";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static String dfLine(Path dir) {
        try {
            Process p = new ProcessBuilder(List.of("df", "-T", dir.toAbsolutePath().toString()))
                    .redirectErrorStream(true).start();
            String text;
            try (InputStream in = p.getInputStream()) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroy();
                return "unavailable";
            }
            String[] lines = text.strip().split("\n");
            // The header is fixed; the data line is the fact. Collapse df's column padding.
            return lines[lines.length - 1].trim().replaceAll("\\s+", " ");
        } catch (IOException e) {
            return "unavailable";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unavailable";
        }
    }
}
