package io.nodedb.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway PostgreSQL 15 cluster for a benchmark: installed from Debian when missing, initialised in a fresh
 * directory, started on a free loopback port with fsync on, and stopped and deleted at {@link #close()} or, if the
 * benchmark dies first, by a shutdown hook. PostgreSQL refuses to run as root, so as root every server command
 * runs as the {@code postgres} user through {@code runuser}.
 */
public final class Postgres implements AutoCloseable {
    public static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

    private final Path dir;
    private final Path data;
    private final int port;
    private final Thread hook;
    private boolean running;

    private Postgres(Path dir, int port) {
        this.dir = dir;
        this.data = dir.resolve("data");
        this.port = port;
        // Stop before deleting: a hook of its own, so the order against other hooks does not matter.
        this.hook = Thread.ofPlatform().name("postgres-stop").unstarted(this::stopAndDelete);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Installs PostgreSQL 15 if needed, then initialises and starts a cluster under {@code root}. */
    public static Postgres start(Path root) throws IOException, InterruptedException {
        ensureInstalled();
        Files.createDirectories(root);
        Path dir = Files.createTempDirectory(root, "pg-").toAbsolutePath();
        Postgres pg = new Postgres(dir, freePort());
        try {
            if (isRoot()) {
                pg.run(List.of("chown", "-R", "postgres:postgres", dir.toString()), false);
            }
            pg.run(List.of(BIN.resolve("initdb").toString(), "-D", pg.data.toString(), "-U", "postgres",
                    "-A", "trust", "-E", "UTF8", "--no-sync"), true);
            // fsync and synchronous_commit are PostgreSQL's defaults; spelt out so the durable setting is explicit.
            String opts = "-p " + pg.port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=on"
                    + " -c synchronous_commit=on -c full_page_writes=on -c max_connections=100";
            pg.run(List.of(BIN.resolve("pg_ctl").toString(), "-D", pg.data.toString(), "-l",
                    dir.resolve("postgres.log").toString(), "-w", "-t", "60", "-o", opts, "start"), true);
            pg.running = true;
            return pg;
        } catch (IOException | RuntimeException e) {
            pg.close();
            throw e;
        }
    }

    public int port() {
        return port;
    }

    /** The postmaster's pid (first line of postmaster.pid), or -1 when it cannot be read. */
    public long pid() {
        try {
            return Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).getFirst().strip());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public String version() {
        try {
            return exec(List.of(BIN.resolve("postgres").toString(), "--version")).strip();
        } catch (IOException | InterruptedException e) {
            return "PostgreSQL 15 (version unknown)";
        }
    }

    @Override
    public void close() {
        stopAndDelete();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Already in the hooks; the hook itself does the same work.
        }
    }

    private synchronized void stopAndDelete() {
        if (running) {
            try {
                run(List.of(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop"),
                        true);
            } catch (IOException | RuntimeException e) {
                Console.warn("stopping PostgreSQL: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running = false;
        }
        try {
            BenchDir.deleteRecursively(dir);
        } catch (RuntimeException e) {
            Console.warn("could not delete " + dir + ": " + e.getMessage());
        }
    }

    private static void ensureInstalled() throws IOException, InterruptedException {
        if (Files.isExecutable(BIN.resolve("postgres")) && Files.isExecutable(BIN.resolve("pgbench"))) {
            return;
        }
        if (!isRoot()) {
            throw new IOException("PostgreSQL 15 is not installed at " + BIN + "; install it with "
                    + "`sudo apt-get install postgresql` (Debian 12 ships 15)");
        }
        Console.progress("installing PostgreSQL 15 from Debian (apt-get install postgresql) ...");
        String out = exec(List.of("apt-get", "install", "-y", "-qq", "postgresql"));
        if (!Files.isExecutable(BIN.resolve("postgres"))) {
            exec(List.of("apt-get", "update", "-qq"));
            out = exec(List.of("apt-get", "install", "-y", "-qq", "postgresql"));
        }
        if (!Files.isExecutable(BIN.resolve("postgres"))) {
            throw new IOException("apt-get did not install " + BIN.resolve("postgres") + ":\n" + out);
        }
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Runs a PostgreSQL tool, as the postgres user when we are root; fails with its output on a non-zero exit. */
    private void run(List<String> command, boolean asPostgres) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgres && isRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        exec(full);
    }

    /** Runs a command to completion with a time limit and returns its output; a non-zero exit throws. */
    static String exec(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text;
        try (InputStream in = p.getInputStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " timed out");
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + p.exitValue() + ":\n" + text);
        }
        return text;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
