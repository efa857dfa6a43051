package io.nodedb.cli;

import io.nodedb.core.testing.NoLeakedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.PrintWriter;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(NoLeakedFiles.class)
class ShellTest {

    private static String run(String input, boolean stopOnError, int[] status) throws Exception {
        StringWriter text = new StringWriter();
        try (EmbeddedBackend backend = new EmbeddedBackend(null)) {
            Shell shell = new Shell(backend, new PrintWriter(text), stopOnError, () -> 0L);
            status[0] = shell.run(Shell.from(new BufferedReader(new StringReader(input))));
        }
        return text.toString();
    }

    @Test
    void printsAlignedTablesLikePsql() throws Exception {
        int[] status = new int[1];
        String output = run("""
                CREATE COLLECTION users;
                INSERT INTO users (id, name, age) VALUES ('u1', 'Zoë', 30),
                  ('u2', 'Bob', 7);
                SELECT name, age FROM users ORDER BY age;
                \\x
                SELECT name FROM users WHERE id = 'u1';
                """, false, status);
        assertThat(output).isEqualTo("""
                CREATE COLLECTION
                INSERT 0 2
                 name | age
                ------+-----
                 Bob  |   7
                 Zoë  |  30
                (2 rows)

                Expanded display is on.
                -[ RECORD 1 ]
                name | Zoë
                (1 row)

                """);
        assertThat(status[0]).isZero();
    }

    @Test
    void errorsShowTheSqlStateAndACaretAndTheShellGoesOn() throws Exception {
        int[] status = new int[1];
        String output = run("SELECT 1 +;\nSELECT 2 AS two;\n\\nope\n", false, status);
        assertThat(output).isEqualTo("""
                ERROR:  42601: syntax error at or near ";", expected an expression
                LINE 1: SELECT 1 +;
                                  ^
                 two
                -----
                   2
                (1 row)

                invalid command \\nope; try \\? for help
                """);
        assertThat(status[0]).isZero();
    }

    @Test
    void stopOnErrorEndsAScriptWithStatus3() throws Exception {
        int[] status = new int[1];
        String output = run("SELECT * FROM missing;\nSELECT 1;\n", true, status);
        assertThat(output).startsWith("ERROR:  42P01:").doesNotContain("(1 row)");
        assertThat(status[0]).isEqualTo(3);
    }

    @Test
    void statementsEndOnlyAtSemicolonsOutsideQuotesAndComments() {
        assertThat(StatementBuffer.completeAt("SELECT 'a;b' -- c;\n")).isEqualTo(-1);
        assertThat(StatementBuffer.completeAt("SELECT \"x;\" /* ; */ ;")).isEqualTo(20);
        assertThat(StatementBuffer.completeAt("SELECT $$ ; $$ || $t$;$t$;")).isEqualTo(25);
        assertThat(StatementBuffer.completeAt("SELECT 'it''s;' ;")).isEqualTo(16);
        StatementBuffer b = new StatementBuffer();
        assertThat(b.add("SELECT 1")).isNull();
        assertThat(b.add("; SELECT 2;")).isEqualTo("SELECT 1\n;");
        assertThat(b.add("")).isEqualTo("SELECT 2;");
        assertThat(b.isEmpty()).isTrue();
    }

    @Test
    void commandLineRunsOneCommandAgainstAnEmbeddedDatabase() {
        StringWriter text = new StringWriter();
        int status = Ndb.run(new String[] {"--memory", "-c", "SELECT 40 + 2 AS answer"}, new PrintWriter(text));
        assertThat(status).isZero();
        assertThat(text.toString()).contains(" answer", "     42", "(1 row)");
        StringWriter usage = new StringWriter();
        assertThat(Ndb.run(new String[] {"--bogus"}, new PrintWriter(usage))).isEqualTo(2);
        assertThat(usage.toString()).contains("unknown option --bogus", "usage: ndb");
    }
}
