package io.nodedb.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The real server as a child JVM with this test's classpath, its output collected as it comes. */
final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final StringBuffer stdout = new StringBuffer();
    private final StringBuffer stderr = new StringBuffer();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final Thread outPump;
    private final Thread errPump;

    private ServerProcess(Process process) {
        this.process = process;
        outPump = pump(process.getInputStream(), stdout, true);
        errPump = pump(process.getErrorStream(), stderr, false);
    }

    /** Starts the server in {@code workingDir}; NODEDB_* variables of this JVM are not passed on, {@code env} is. */
    static ServerProcess start(Path workingDir, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector",
                "--sun-misc-unsafe-memory-access=allow", "-Xmx256m"));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), NodeDbServer.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("NODEDB_"));
        // Tests must not depend on the default ports being free on the machine.
        builder.environment().put("NODEDB_PORT_PGWIRE", Integer.toString(freePort()));
        builder.environment().put("NODEDB_PORT_HTTP", Integer.toString(freePort()));
        builder.environment().putAll(env);
        return new ServerProcess(builder.start());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** True once the banner's last line is out; false if the process exited first or time ran out. */
    boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (ready.await(50, TimeUnit.MILLISECONDS)) {
                return true;
            }
            if (!process.isAlive()) {
                return ready.getCount() == 0;
            }
        }
        return false;
    }

    /** The exit code, or -1 if the process is still running after {@code timeout}. */
    int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return -1;
        }
        outPump.join(5_000);
        errPump.join(5_000);
        return process.exitValue();
    }

    Process process() {
        return process;
    }

    long pid() {
        return process.pid();
    }

    String stdout() {
        return stdout.toString();
    }

    String stderr() {
        return stderr.toString();
    }

    /** For assertion messages. */
    String describe() {
        return "stdout:\n" + stdout + "\nstderr:\n" + stderr;
    }

    private Thread pump(InputStream in, StringBuffer into, boolean watchForBanner) {
        return Thread.ofPlatform().daemon().name("server-output-" + process.pid()).start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    into.append(line).append('\n');
                    if (watchForBanner && line.equals(Banner.READY_LINE)) {
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                // The JDK closes a dead process's pipes after draining them; what was read is all there is.
            }
        });
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
