package io.nodedb.server.clients;

import io.nodedb.server.pgwire.PgTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real psql binary runs src/test/resources/psql/session.sql (plain SQL, transactions, \copy in and out, errors)
 * against a password-mode server; its whole output, stderr included, must equal session.out. Only the durations
 * of {@code \timing} lines are normalized. Run with {@code -Dpsql.update=true} to rewrite session.out (review the
 * diff before committing).
 */
@Timeout(120)
class PsqlScriptTest {
    static final Path PSQL = Path.of("/usr/bin/psql");
    private static final Path DIR = Path.of("src/test/resources/psql");

    @TempDir
    Path tmp;

    @Test
    void sessionScriptMatchesExpectedOutput() throws Exception {
        assumeTrue(Files.isExecutable(PSQL), "psql is not installed at /usr/bin/psql (.ci/run installs "
                + "postgresql-client); skipping the psql script test");
        Path work = Files.createDirectory(tmp.resolve("psql"));
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path f : files.toList()) {
                Files.copy(f, work.resolve(f.getFileName()));
            }
        }
        String actual;
        try (PgTestServer server = PgTestServer.password(Files.createDirectory(tmp.resolve("server")))) {
            ProcessBuilder pb = new ProcessBuilder(PSQL.toString(), "-X", "-h", "127.0.0.1", "-p",
                    Integer.toString(server.pgPort()), "-U", "nodedb", "-d", "nodedb", "-f", "session.sql")
                    .directory(work.toFile()).redirectErrorStream(true);
            pb.environment().put("PGPASSWORD", PgTestServer.PASSWORD);
            pb.environment().put("PGSSLMODE", "disable");
            pb.environment().put("PGCONNECT_TIMEOUT", "10");
            pb.environment().put("LC_ALL", "C.UTF-8");
            pb.environment().remove("PGOPTIONS");
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("psql finished").isTrue();
            actual = new String(out, StandardCharsets.UTF_8).replaceAll("(?m)^Time: [0-9.]+ ms.*$", "Time: N ms");
        }
        Path expectedFile = DIR.resolve("session.out");
        if (Boolean.getBoolean("psql.update")) {
            Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
        }
        String expected = Files.readString(expectedFile, StandardCharsets.UTF_8);
        assertThat(actual.lines().toList()).isEqualTo(List.of(expected.split("\n", -1)).stream()
                .limit(expected.endsWith("\n") ? expected.split("\n", -1).length - 1 : Long.MAX_VALUE).toList());
    }
}
