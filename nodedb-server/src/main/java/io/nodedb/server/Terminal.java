package io.nodedb.server;

import io.nodedb.core.SuppressForbidden;
import java.io.PrintStream;

/**
 * The process's own output: the banner on stdout, fatal errors on stderr as {@code nodedb: <message>}. Everything
 * else goes through the log.
 */
@SuppressForbidden(reason = "the one place that writes to the process's stdout and stderr")
final class Terminal {
    private Terminal() {
    }

    static void out(String text) {
        print(System.out, text);
    }

    static void error(String message) {
        print(System.err, "nodedb: " + message);
    }

    private static void print(PrintStream stream, String text) {
        stream.println(text.stripTrailing());
        stream.flush();
    }
}
