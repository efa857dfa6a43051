package io.nodedb.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The read-eval-print loop: SQL ends with {@code ;}; backslash commands act at once. Errors print the SQLSTATE
 * and, for syntax errors, a caret under the position, and never end the shell. With {@code stopOnError} (scripts
 * run with -f or piped in under --stop-on-error) the first error ends it with a failing exit status.
 */
final class Shell {
    /** A source of input lines; null at the end of input. */
    @FunctionalInterface
    interface LineSource {
        String readLine(String prompt) throws IOException;
    }

    private final Backend backend;
    private final PrintWriter out;
    private final boolean stopOnError;
    private final Supplier<Long> clock;
    private boolean expanded;
    private boolean timing;
    private int errors;

    Shell(Backend backend, PrintWriter out, boolean stopOnError, Supplier<Long> nanoClock) {
        this.backend = backend;
        this.out = out;
        this.stopOnError = stopOnError;
        this.clock = nanoClock;
    }

    static LineSource from(BufferedReader reader) {
        return prompt -> reader.readLine();
    }

    /** Runs until end of input or {@code \q}; returns the process exit status. */
    int run(LineSource in) throws IOException {
        StatementBuffer buffer = new StatementBuffer();
        while (true) {
            String line = in.readLine(buffer.isEmpty() ? "ndb=> " : "ndb-> ");
            if (line == null) {
                break;
            }
            if (buffer.isEmpty() && line.strip().startsWith("\\")) {
                if (!meta(line.strip())) {
                    return errors > 0 && stopOnError ? 3 : 0;
                }
                continue;
            }
            for (String statement = buffer.add(line); statement != null; statement = buffer.add("")) {
                if (!execute(statement) && stopOnError) {
                    return 3;
                }
            }
        }
        if (!buffer.isEmpty() && !execute(buffer.drain()) && stopOnError) {
            return 3;
        }
        out.flush();
        return 0;
    }

    /** Runs SQL and prints its results; false after an error. */
    boolean execute(String sql) {
        long start = clock.get();
        try {
            List<ResultView> results = backend.execute(sql);
            for (ResultView r : results) {
                TableFormatter.print(r, expanded, out);
            }
            return true;
        } catch (Backend.BackendException e) {
            errors++;
            out.println("ERROR:  " + e.sqlState + ": " + e.getMessage());
            if (e.position > 0) {
                caret(sql, e.position);
            }
            return false;
        } finally {
            if (timing) {
                out.printf(Locale.ROOT, "Time: %.3f ms%n", (clock.get() - start) / 1e6);
            }
            out.flush();
        }
    }

    /** Prints the line holding the 1-based position with a caret under it, as psql does. */
    private void caret(String sql, int position) {
        int at = Math.min(position - 1, sql.length());
        int lineStart = sql.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
        int lineEnd = sql.indexOf('\n', at);
        String line = sql.substring(lineStart, lineEnd < 0 ? sql.length() : lineEnd);
        int lineNo = (int) sql.substring(0, lineStart).chars().filter(c -> c == '\n').count() + 1;
        String prefix = "LINE " + lineNo + ": ";
        out.println(prefix + line);
        out.println(" ".repeat(prefix.length() + at - lineStart) + "^");
    }

    /** Handles a backslash command; false when the shell should end. */
    private boolean meta(String command) {
        String[] words = command.split("\\s+", 2);
        String arg = words.length > 1 ? words[1].strip() : "";
        switch (words[0]) {
            case "\\q" -> {
                return false;
            }
            case "\\x" -> {
                expanded = arg.isEmpty() ? !expanded : arg.equals("on");
                out.println("Expanded display is " + (expanded ? "on." : "off."));
            }
            case "\\timing" -> {
                timing = arg.isEmpty() ? !timing : arg.equals("on");
                out.println("Timing is " + (timing ? "on." : "off."));
            }
            case "\\dt", "\\d" -> execute(arg.isEmpty() ? "SHOW COLLECTIONS" : "DESCRIBE " + arg);
            case "\\conninfo" -> out.println("You are connected to " + backend.describe() + ".");
            case "\\?" -> out.println("""
                    General
                      \\q                quit
                      \\conninfo         show the connection
                    Informational
                      \\d                list collections (SHOW COLLECTIONS)
                      \\d NAME           describe a collection (DESCRIBE NAME)
                    Formatting
                      \\x [on|off]       expanded display
                      \\timing [on|off]  show how long each statement took
                    SQL statements end with a semicolon.""");
            default -> {
                errors++;
                out.println("invalid command " + words[0] + "; try \\? for help");
                if (stopOnError) {
                    return false;
                }
            }
        }
        out.flush();
        return true;
    }
}
