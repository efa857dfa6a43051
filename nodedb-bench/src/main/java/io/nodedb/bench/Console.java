package io.nodedb.bench;

import io.nodedb.core.SuppressForbidden;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A benchmark's terminal. Results go to stdout so they can be redirected to a file on their own; progress and
 * warnings go to stderr.
 */
@SuppressForbidden(reason = "benchmarks report to the terminal; this is the one class that touches stdout/stderr")
public final class Console {
    private Console() {
    }

    public static void out(String text) {
        print(System.out, text);
    }

    /** Text for stderr as is, e.g. the usage after a bad option. */
    public static void err(String text) {
        print(System.err, text);
    }

    public static void progress(String format, Object... args) {
        print(System.err, String.format(Locale.ROOT, format, args));
    }

    public static void warn(String message) {
        print(System.err, "WARN: " + message);
    }

    public static void error(String message) {
        print(System.err, "error: " + message);
    }

    private static void print(PrintStream stream, String text) {
        stream.println(text);
        stream.flush();
    }
}
