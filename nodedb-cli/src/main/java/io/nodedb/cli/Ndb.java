package io.nodedb.cli;

import io.nodedb.core.SuppressForbidden;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code ndb}, NodeDB's SQL shell. {@code ndb [-h HOST] [-p PORT] [-U USER] [-W PASSWORD]} connects to a server
 * over pgwire; {@code ndb --embedded DIR} (or {@code --memory}) opens a database in-process. {@code -c SQL} runs
 * one command, {@code -f FILE} a script; otherwise it reads standard input, with line editing and history when
 * that is a terminal.
 */
public final class Ndb {
    private Ndb() {
    }

    @SuppressForbidden(reason = "the shell's own terminal output")
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        System.exit(run(args, out));
    }

    static final String USAGE = """
            usage: ndb [-h HOST] [-p PORT] [-U USER] [-W PASSWORD] [-c SQL | -f FILE] [--stop-on-error]
                   ndb --embedded DIR | --memory [-c SQL | -f FILE] [--stop-on-error]
            Connects to a NodeDB server over pgwire (default 127.0.0.1:6432, user nodedb; NODEDB_PASSWORD is read
            when -W is not given), or opens a data directory in this process with --embedded.""";

    /** Parses arguments, runs the shell, returns the exit status (1 connection failed, 2 usage, 3 script error). */
    @SuppressForbidden(reason = "reads the process's standard input and environment")
    static int run(String[] args, PrintWriter out) {
        String host = "127.0.0.1";
        int port = 6432;
        String user = "nodedb";
        String password = System.getenv("NODEDB_PASSWORD");
        String command = null;
        Path file = null;
        Path embedded = null;
        boolean memory = false;
        boolean stopOnError = false;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "-h", "--host" -> host = args[++i];
                    case "-p", "--port" -> port = Integer.parseInt(args[++i]);
                    case "-U", "--user" -> user = args[++i];
                    case "-W", "--password" -> password = args[++i];
                    case "-c", "--command" -> command = args[++i];
                    case "-f", "--file" -> file = Path.of(args[++i]);
                    case "--embedded" -> embedded = Path.of(args[++i]);
                    case "--memory" -> memory = true;
                    case "--stop-on-error" -> stopOnError = true;
                    case "--help" -> {
                        out.println(USAGE);
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
        } catch (RuntimeException e) {
            out.println("ndb: " + (e instanceof ArrayIndexOutOfBoundsException ? "an option lacks its value"
                    : e.getMessage()));
            out.println(USAGE);
            return 2;
        }
        Backend backend;
        try {
            backend = embedded != null || memory ? new EmbeddedBackend(embedded) : new PgBackend(host, port, user,
                    password);
        } catch (Backend.BackendException e) {
            out.println("ndb: cannot connect to " + host + ":" + port + ": " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            out.println("ndb: " + e.getMessage());
            return 1;
        }
        try (backend) {
            if (command != null) {
                Shell shell = new Shell(backend, out, true, System::nanoTime);
                return shell.execute(command) ? 0 : 3;
            }
            if (file != null) {
                try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    return new Shell(backend, out, stopOnError, System::nanoTime).run(Shell.from(r));
                }
            }
            if (System.console() != null) {
                return interactive(backend, out);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            return new Shell(backend, out, stopOnError, System::nanoTime).run(Shell.from(r));
        } catch (IOException e) {
            out.println("ndb: " + e.getMessage());
            return 1;
        }
    }

    private static int interactive(Backend backend, PrintWriter fallback) throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            PrintWriter out = terminal.writer();
            out.println("ndb (NodeDB) connected: " + backend.describe() + ". Type \\? for help, \\q to quit.");
            LineReader reader = LineReaderBuilder.builder().terminal(terminal)
                    .variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), ".ndb_history"))
                    .build();
            Shell shell = new Shell(backend, out, false, System::nanoTime);
            return shell.run(prompt -> {
                try {
                    return reader.readLine(prompt);
                } catch (UserInterruptException e) {
                    return "";
                } catch (EndOfFileException e) {
                    return null;
                }
            });
        } catch (IOException e) {
            fallback.println("ndb: no terminal (" + e.getMessage() + "); reading standard input");
            throw e;
        }
    }
}
