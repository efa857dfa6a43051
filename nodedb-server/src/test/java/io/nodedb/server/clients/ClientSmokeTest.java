package io.nodedb.server.clients;

import io.nodedb.server.pgwire.PgTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * node-postgres and psycopg2, the real libraries, run their smoke scripts from src/test/clients against a
 * password-mode server: connect with SCRAM, parameters, a transaction committed and one rolled back, an error,
 * and the connection still usable afterwards. .ci/run installs both; a test skips (saying why) only when its
 * client is missing.
 */
@Timeout(120)
class ClientSmokeTest {
    private static final Path CLIENTS = Path.of("src/test/clients");

    @TempDir
    Path tmp;

    @Test
    void nodePostgres() throws Exception {
        String node = which("node");
        assumeTrue(node != null, "node is not installed (.ci/run installs nodejs and npm); skipping node-postgres");
        assumeTrue(Files.isDirectory(CLIENTS.resolve("node_modules/pg")), "node-postgres is not installed: run "
                + "`npm install --prefix nodedb-server/src/test/clients` (.ci/run does); skipping");
        List<String> out = run(List.of(node, "smoke.js"));
        assertThat(out).containsExactly(
                "connected",
                "inserted 2",
                "prepared [{\"name\":\"ada\",\"score\":1.5}]",
                "after transactions [{\"id\":\"1\",\"name\":\"ada\",\"score\":1.5},{\"id\":\"2\",\"name\":\"bob\","
                        + "\"score\":9.25}]",
                "error 42P01",
                "still usable 2");
    }

    @Test
    void psycopg2() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        assumeTrue(Files.isExecutable(python), "/usr/bin/python3 is missing; skipping psycopg2");
        Process check = new ProcessBuilder(python.toString(), "-c", "import psycopg2").redirectErrorStream(true)
                .start();
        String why = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(check.waitFor() == 0, "psycopg2 is not importable by /usr/bin/python3 (.ci/run installs "
                + "python3-psycopg2); skipping: " + why.strip());
        List<String> out = run(List.of(python.toString(), "smoke.py"));
        assertThat(out).containsExactly(
                "connected",
                "inserted 2",
                "parameterized [(\"o'neil\", 1.5)]",
                "after transactions [(1, \"o'neil\", 1.5), (2, 'bob', 9.25)]",
                "error 42P01",
                "still usable 2");
    }

    private List<String> run(List<String> command) throws Exception {
        try (PgTestServer server = PgTestServer.password(tmp)) {
            List<String> cmd = new ArrayList<>(command);
            cmd.add(Integer.toString(server.pgPort()));
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(CLIENTS.toFile()).redirectErrorStream(true);
            pb.environment().put("NODEDB_PASSWORD", PgTestServer.PASSWORD);
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("client finished").isTrue();
            assertThat(p.exitValue()).as("exit status; output:\n" + out).isZero();
            return out.lines().toList();
        }
    }

    /** The absolute path of {@code program} on PATH, or null. */
    static String which(String program) throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }
}
