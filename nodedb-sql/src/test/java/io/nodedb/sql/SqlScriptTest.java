package io.nodedb.sql;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.fail;

/**
 * SQL script tests, in the manner of H2's: every file under {@code src/test/resources/sql/} runs in a fresh
 * in-memory database, statement by statement, and each statement's output must match what the file says.
 *
 * <p>Format:
 * <pre>
 * -- a comment (ignored, also between statements)
 * SELECT name, age FROM users ORDER BY age;     -- a statement: lines up to one ending in ';'
 * > name | age                                 -- expected output, one '>' line each
 * > Bob | 25
 * > (1 row)
 *
 * INSERT INTO users (id) VALUES ('u1');
 * > ERROR 23505                                 -- an error: only the SQLSTATE is compared ...
 * SELECT FROM;
 * > ERROR 42601: syntax error at end of input, expected an expression (at position 12)   -- ... or all of it
 * </pre>
 * Rows render as cells joined by " | " (NULL as {@code NULL}, other values in their text form), followed by
 * "(n rows)"; statements without rows render as their command tag ("INSERT 0 1", "CREATE COLLECTION").
 * A statement with no '>' lines must produce no output at all, which no statement does: every statement needs
 * its expectation. Run with {@code -Dsql.script.update=true} to rewrite the files with the actual output
 * (then review the diff before committing).
 */
class SqlScriptTest {
    private static final Path DIR = Path.of("src/test/resources/sql");

    static Stream<String> scripts() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).sorted().toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void script(String name) throws IOException {
        Path file = DIR.resolve(name);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<SqlScript.Case> cases = SqlScript.parse(lines);
        StringBuilder failures = new StringBuilder();
        List<List<String>> actuals = new ArrayList<>();
        try (ScriptExecutor executor = new EmbeddedScriptExecutor()) {
            for (SqlScript.Case c : cases) {
                List<String> actual = executor.run(c.sql());
                actuals.add(actual);
                if (!matches(c.expected(), actual)) {
                    failures.append("\n").append(name).append(":").append(c.line()).append(": ").append(c.sql())
                            .append("\n  expected:\n").append(indent(c.expected())).append("  actual:\n")
                            .append(indent(actual));
                }
            }
        }
        if (!failures.isEmpty()) {
            if (Boolean.getBoolean("sql.script.update")) {
                rewrite(file, lines, cases, actuals);
            }
            fail(failures.toString());
        }
    }

    static boolean matches(List<String> expected, List<String> actual) {
        if (expected.size() == 1 && actual.size() == 1 && expected.getFirst().matches("ERROR [0-9A-Z]{5}")) {
            return actual.getFirst().startsWith(expected.getFirst() + ":");
        }
        return expected.equals(actual);
    }

    private static String indent(List<String> lines) {
        StringBuilder b = new StringBuilder();
        lines.forEach(l -> b.append("    > ").append(l).append('\n'));
        return b.toString();
    }

    private static void rewrite(Path file, List<String> lines, List<SqlScript.Case> cases, List<List<String>> actuals)
            throws IOException {
        List<String> out = new ArrayList<>();
        int c = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith(">")) {
                continue;
            }
            out.add(line);
            if (c < cases.size() && line.stripTrailing().endsWith(";") && !line.startsWith("--")) {
                int endLine = cases.get(c).line() + (int) cases.get(c).sql().chars().filter(ch -> ch == '\n').count();
                if (i + 1 == endLine) {
                    List<String> expected = cases.get(c).expected();
                    List<String> actual = actuals.get(c);
                    for (String l : matches(expected, actual) ? expected : actual) {
                        out.add("> " + l);
                    }
                    c++;
                }
            }
        }
        Files.write(file, out, StandardCharsets.UTF_8);
    }
}
