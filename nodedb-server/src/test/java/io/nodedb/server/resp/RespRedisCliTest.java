package io.nodedb.server.resp;

import io.nodedb.core.db.Database;
import io.nodedb.core.db.DatabaseOptions;
import io.nodedb.server.net.Transport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The real redis-cli against the listener. Skipped, saying why, where redis-cli is not installed. */
@Timeout(120)
class RespRedisCliTest {
    private static Transport transport;
    private static Database db;
    private static RespListener listener;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(onPath("redis-cli"), "redis-cli is not installed (apt-get install redis-tools); skipping the "
                + "redis-cli tests");
        transport = Transport.start(1);
        db = Database.open(DatabaseOptions.inMemory());
        listener = RespListener.start(transport, "127.0.0.1", 0, db);
    }

    @AfterAll
    static void stop() {
        if (listener != null) {
            listener.close();
            db.close();
            transport.close();
        }
    }

    private static boolean onPath(String exe) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, exe))) {
                return true;
            }
        }
        return false;
    }

    private static String cli(Path stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p",
                Integer.toString(listener.address().getPort())));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (stdin != null) {
            pb.redirectInput(stdin.toFile());
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out.strip();
    }

    private static String cli(String... args) throws IOException, InterruptedException {
        return cli(null, args);
    }

    @Test
    void oneShotCommands() throws Exception {
        assertThat(cli("PING")).isEqualTo("PONG");
        assertThat(cli("SET", "cli:k", "v")).isEqualTo("OK");
        assertThat(cli("GET", "cli:k")).isEqualTo("v");
        assertThat(cli("INCR", "cli:n")).isEqualTo("1");
        assertThat(cli("INCR", "cli:n")).isEqualTo("2");
        assertThat(cli("HSET", "cli:h", "f", "x")).isEqualTo("1");
        assertThat(cli("HGETALL", "cli:h")).isEqualTo("f\nx");
        assertThat(cli("KEYS", "cli:*").lines().sorted().toList()).containsExactly("cli:h", "cli:k", "cli:n");
        assertThat(cli("GET", "cli:h")).contains("WRONGTYPE");
        assertThat(cli("INFO", "keyspace")).contains("default:keys=");
    }

    @Test
    void massInsertWithPipeThenScan() throws Exception {
        int n = 10_000;
        Path file = tmp.resolve("mass.txt");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String k = "mass:" + i;
            String v = "value-" + i;
            sb.append("*3\r\n$3\r\nSET\r\n$").append(k.length()).append("\r\n").append(k).append("\r\n$")
                    .append(v.length()).append("\r\n").append(v).append("\r\n");
        }
        Files.writeString(file, sb, StandardCharsets.US_ASCII);
        String out = cli(file, "--pipe");
        assertThat(out).contains("errors: 0, replies: " + n);
        assertThat(cli("GET", "mass:1234")).isEqualTo("value-1234");
        String scan = cli("SCAN", "0", "MATCH", "mass:12*", "COUNT", "100000");
        List<String> lines = scan.lines().toList();
        assertThat(lines.getFirst()).isEqualTo("0");
        // mass:12, mass:120..129, mass:1200..1299
        assertThat(lines.subList(1, lines.size())).hasSize(1 + 10 + 100).allMatch(k -> k.startsWith("mass:12"));
        assertThat(cli("KEYS", "mass:*").lines().count()).isEqualTo(n);
    }
}
