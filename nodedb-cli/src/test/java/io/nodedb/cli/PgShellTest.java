package io.nodedb.cli;

import io.nodedb.core.testing.NoLeakedFiles;
import io.nodedb.server.NodeDbServer;
import io.nodedb.server.config.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** The shell over pgwire against a real server, through the PostgreSQL JDBC driver. */
@ExtendWith(NoLeakedFiles.class)
class PgShellTest {
    @TempDir
    Path tmp;

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void runsAScriptAgainstAServer() throws Exception {
        ServerConfig d = ServerConfig.defaults(tmp);
        int pgPort = freePort();
        try (NodeDbServer server = NodeDbServer.start(new ServerConfig("127.0.0.1",
                new ServerConfig.Ports(pgPort, 6433, freePort(), OptionalInt.empty(), OptionalInt.empty(), 9090),
                tmp.resolve("data"), d.fsyncPolicy(), d.fsyncInterval(), d.checkpointInterval(), 64L << 20,
                ServerConfig.Auth.DEFAULTS, Optional.empty()))) {
            StringWriter text = new StringWriter();
            try (PgBackend backend = new PgBackend("127.0.0.1", pgPort, "nodedb", null)) {
                Shell shell = new Shell(backend, new PrintWriter(text), false, () -> 0L);
                int status = shell.run(Shell.from(new BufferedReader(new StringReader("""
                        CREATE COLLECTION notes;
                        INSERT INTO notes { id: 'n1', body: 'hello' };
                        SELECT id, body FROM notes;
                        SELECT nope FROM;
                        """))));
                assertThat(status).isZero();
            }
            assertThat(text.toString()).isEqualTo("""
                    OK 0
                    OK 1
                     id | body
                    ----+-------
                     n1 | hello
                    (1 row)

                    ERROR:  42601: syntax error at or near ";", expected a collection name
                    LINE 1: SELECT nope FROM;
                                            ^
                    """);
        }
    }
}
