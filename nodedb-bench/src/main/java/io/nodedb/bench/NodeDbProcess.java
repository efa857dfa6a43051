package io.nodedb.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * NodeDB's server in a JVM of its own, as PostgreSQL runs in processes of its own: the benchmark's client threads,
 * their allocation and their garbage collection stay out of the server's process. Started from this JVM's
 * classpath with its JVM options (but no second flight recording) and those of {@code NODEDB_SERVER_JAVA_OPTS}
 * (to profile the server, say), fsync per commit (the default), on free loopback ports; stopped with SIGTERM at
 * {@link #close()} or, if the benchmark dies first, by a shutdown hook.
 */
final class NodeDbProcess implements AutoCloseable {
    private static final long START_TIMEOUT_MS = 120_000;

    private final Process process;
    private final int pgwirePort;
    private final Path logFile;
    private final Thread hook;

    private NodeDbProcess(Process process, int pgwirePort, Path logFile) {
        this.process = process;
        this.pgwirePort = pgwirePort;
        this.logFile = logFile;
        this.hook = Thread.ofPlatform().name("nodedb-server-stop").unstarted(this::stop);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    static NodeDbProcess start(Path dataDir) throws IOException, InterruptedException {
        Files.createDirectories(dataDir);
        int pgwire = Postgres.freePort();
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!option.startsWith("-XX:StartFlightRecording") && !option.startsWith("-Dlogback")) {
                cmd.add(option);
            }
        }
        cmd.addAll(serverDefaultOptions());
        String extra = System.getenv("NODEDB_SERVER_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            cmd.addAll(List.of(extra.trim().split("\\s+")));
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.nodedb.server.NodeDbServer",
                "--data", dataDir.toString(), "--host", "127.0.0.1",
                "--port-pgwire", String.valueOf(pgwire), "--port-native", String.valueOf(Postgres.freePort()),
                "--port-http", String.valueOf(Postgres.freePort()), "--port-sync", String.valueOf(Postgres.freePort())));
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-server.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        NodeDbProcess server = new NodeDbProcess(p, pgwire, log);
        try {
            server.awaitListening();
            return server;
        } catch (IOException | RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
    }

    /**
     * The JVM options {@code bin/nodedb} gives the server beyond the bench's own, so that the benchmarks measure
     * the server as it is started (NodeDbProcessTest holds the two lists together).
     */
    static List<String> serverDefaultOptions() {
        return System.getProperty("os.name", "").startsWith("Linux") ? List.of("-XX:+UseTransparentHugePages")
                : List.of();
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("NodeDB server exited with " + process.exitValue() + " while starting: "
                        + logTail());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", pgwirePort), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IOException("NodeDB server did not listen on " + pgwirePort + " within " + START_TIMEOUT_MS
                + " ms: " + logTail());
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    int pgwirePort() {
        return pgwirePort;
    }

    long pid() {
        return process.pid();
    }

    private void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }
}
