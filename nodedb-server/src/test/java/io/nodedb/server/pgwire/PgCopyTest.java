package io.nodedb.server.pgwire;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.util.PSQLException;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** COPY FROM STDIN and TO STDOUT through pgjdbc's CopyManager against a real server. */
@Timeout(120)
class PgCopyTest {
    @TempDir
    Path tmp;
    private PgTestServer server;
    private Connection c;
    private CopyManager copy;

    @BeforeEach
    void start() throws Exception {
        server = PgTestServer.trust(tmp);
        c = server.connect();
        copy = c.unwrap(PGConnection.class).getCopyAPI();
    }

    @AfterEach
    void stop() throws Exception {
        c.close();
        server.close();
    }

    private String query(String sql) throws SQLException {
        return PgTestServer.rowsAsText(c, sql);
    }

    private void exec(String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    @Test
    void csvWithHeaderIntoStrictCollectionConvertsTypesAndKeepsNullsApartFromEmptyStrings() throws Exception {
        exec("CREATE TABLE items (sku TEXT PRIMARY KEY, qty INT, note TEXT)");
        long n = copy.copyIn("COPY items FROM STDIN WITH (FORMAT csv, HEADER true)", new StringReader(
                "sku,qty,note\na1,3,\"hello, world\"\na2,,\"\"\n\"a3\",7,\"two\nlines \"\"quoted\"\"\"\n"));
        assertThat(n).isEqualTo(3);
        assertThat(query("SELECT sku, qty, note, note IS NULL FROM items ORDER BY sku")).isEqualTo(
                "a1|3|hello, world|f\na2|null||f\na3|7|two\nlines \"quoted\"|f\n");
        assertThat(query("SELECT sum(qty) FROM items")).isEqualTo("10\n");
    }

    @Test
    void csvWithColumnListAndLegacyOptionsAndTextFormat() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, a TEXT, b TEXT)");
        assertThat(copy.copyIn("COPY t (id, b) FROM STDIN WITH CSV DELIMITER ';'",
                new StringReader("1;x\r\n2;y"))).isEqualTo(2);
        assertThat(copy.copyIn("COPY t FROM STDIN", new StringReader("3\t\\N\ttab\\there\n4\tback\\\\slash\t\\N\n\\.\n")))
                .isEqualTo(2);
        assertThat(query("SELECT id, a, b FROM t ORDER BY id")).isEqualTo(
                "1|null|x\n2|null|y\n3|null|tab\there\n4|back\\slash|null\n");
    }

    @Test
    void ndjsonIntoSchemalessCollectionKeepsJsonTypes() throws Exception {
        exec("CREATE COLLECTION docs");
        long n = copy.copyIn("COPY docs FROM STDIN WITH (FORMAT ndjson, HEADER)", new StringReader(
                "{\"id\": 1, \"name\": \"a\", \"tags\": [\"x\"]}\n\n{\"id\": 2, \"name\": \"b\", \"score\": 2.5}\n"));
        assertThat(n).isEqualTo(2);
        assertThat(query("SELECT id, name, score FROM docs ORDER BY id")).isEqualTo("1|a|null\n2|b|2.5\n");
        assertThat(query("SELECT id + 1 FROM docs WHERE id = 2")).isEqualTo("3\n");
        // CSV into a schemaless collection: the header names the fields; without one there is no column order
        assertThat(copy.copyIn("COPY docs FROM STDIN (FORMAT csv, HEADER)", new StringReader("id,name\nc3,c\n")))
                .isEqualTo(1);
        assertThat(query("SELECT name FROM docs WHERE id = 'c3'")).isEqualTo("c\n");
        assertThatThrownBy(() -> copy.copyIn("COPY docs FROM STDIN (FORMAT csv)", new StringReader("c4,d\n")))
                .isInstanceOfSatisfying(PSQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("0A000");
                    assertThat(e.getMessage()).contains("needs a column list");
                });
    }

    @Test
    void dataArrivingInOddChunksIsReassembled() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, s TEXT)");
        byte[] data = "1,\"é multi\nline\"\n2,ü\n".getBytes(StandardCharsets.UTF_8);
        CopyIn in = copy.copyIn("COPY t FROM STDIN (FORMAT csv)");
        for (byte b : data) {
            in.writeToCopy(new byte[] {b}, 0, 1);
            in.flushCopy();
        }
        assertThat(in.endCopy()).isEqualTo(2);
        assertThat(query("SELECT s FROM t ORDER BY id")).isEqualTo("é multi\nline\nü\n");
    }

    @Test
    void badValueNamesTheLineAndEarlierBatchesStay() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, n INT)");
        StringBuilder csv = new StringBuilder("id,n\n");
        for (int i = 1; i <= 1500; i++) {
            csv.append(i).append(',').append(i == 1234 ? "not-a-number" : Integer.toString(i)).append('\n');
        }
        assertThatThrownBy(() -> copy.copyIn("COPY t FROM STDIN WITH (FORMAT csv, HEADER)",
                new StringReader(csv.toString())))
                .isInstanceOfSatisfying(PSQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("22P02");
                    assertThat(e.getServerErrorMessage().getWhere()).isEqualTo("COPY t, line 1235");
                });
        // the first batch of 1000 rows was committed; the failing batch wrote nothing
        assertThat(query("SELECT count(*) FROM t")).isEqualTo("1000\n");
        assertThat(query("SELECT 1")).isEqualTo("1\n");
    }

    @Test
    void duplicateKeyIs23505WithItsLineAndAllOrNothingInsideATransaction() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY)");
        c.setAutoCommit(false);
        assertThatThrownBy(() -> copy.copyIn("COPY t FROM STDIN (FORMAT csv)", new StringReader("1\n2\n2\n")))
                .isInstanceOfSatisfying(PSQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("23505");
                    assertThat(e.getServerErrorMessage().getWhere()).startsWith("COPY t, line");
                });
        c.rollback();
        c.setAutoCommit(true);
        assertThatThrownBy(() -> copy.copyIn("COPY t FROM STDIN (FORMAT csv)", new StringReader("1\n2\n2\n")))
                .isInstanceOfSatisfying(PSQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("23505");
                    assertThat(e.getServerErrorMessage().getWhere()).isEqualTo("COPY t, line 3");
                });
        assertThat(query("SELECT count(*) FROM t")).isEqualTo("0\n");
    }

    @Test
    void wrongColumnCountAndBadJsonAndCopyFailAreErrorsAndTheConnectionGoesOn() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, s TEXT)");
        assertThatThrownBy(() -> copy.copyIn("COPY t FROM STDIN (FORMAT csv)", new StringReader("1,a\n2\n")))
                .hasMessageContaining("missing data for column \"s\"").hasMessageContaining("line 2");
        assertThatThrownBy(() -> copy.copyIn("COPY t FROM STDIN (FORMAT ndjson)", new StringReader("{\"id\":1}\n[1]\n")))
                .isInstanceOfSatisfying(PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22P02"));
        CopyIn in = copy.copyIn("COPY t FROM STDIN (FORMAT csv)");
        in.writeToCopy("5,x\n".getBytes(StandardCharsets.UTF_8), 0, 4);
        in.cancelCopy();
        assertThatThrownBy(() -> copy.copyIn("COPY t FROM '/etc/passwd'", new StringReader("")))
                .isInstanceOfSatisfying(PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("0A000"));
        assertThatThrownBy(() -> copy.copyIn("COPY t FROM STDIN WITH (FORMAT xml)", new StringReader("")))
                .isInstanceOfSatisfying(PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42601"));
        assertThatThrownBy(() -> copy.copyIn("COPY missing FROM STDIN", new StringReader("")))
                .isInstanceOfSatisfying(PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42P01"));
        assertThat(query("SELECT count(*) FROM t")).isEqualTo("0\n");
    }

    @Test
    void copyOutInEveryFormatAndFromAQuery() throws Exception {
        exec("CREATE TABLE t (id INT PRIMARY KEY, s TEXT, f FLOAT)");
        exec("INSERT INTO t (id, s, f) VALUES (1, 'plain', 1.5), (2, 'with, comma', NULL), (3, '', 2), "
                + "(4, 'tab\there', 0.25)");
        StringWriter csv = new StringWriter();
        assertThat(copy.copyOut("COPY t TO STDOUT WITH (FORMAT csv, HEADER)", csv)).isEqualTo(4);
        assertThat(csv.toString()).isEqualTo("id,s,f\n1,plain,1.5\n2,\"with, comma\",\n3,\"\",2\n4,tab\there,0.25\n");
        StringWriter text = new StringWriter();
        copy.copyOut("COPY t (s, id) TO STDOUT", text);
        assertThat(text.toString()).isEqualTo("plain\t1\nwith, comma\t2\n\t3\ntab\\there\t4\n");
        StringWriter json = new StringWriter();
        assertThat(copy.copyOut("COPY (SELECT id, s, f FROM t WHERE id <= 2 ORDER BY id) TO STDOUT (FORMAT ndjson)",
                json)).isEqualTo(2);
        assertThat(json.toString()).isEqualTo("{\"id\":1,\"s\":\"plain\",\"f\":1.5}\n"
                + "{\"id\":2,\"s\":\"with, comma\",\"f\":null}\n");
        // round trip: what COPY TO wrote, COPY FROM reads back
        exec("CREATE TABLE t2 (id INT PRIMARY KEY, s TEXT, f FLOAT)");
        copy.copyIn("COPY t2 FROM STDIN WITH (FORMAT csv, HEADER)", new StringReader(csv.toString()));
        assertThat(query("SELECT id, s, f FROM t2 ORDER BY id")).isEqualTo(query("SELECT id, s, f FROM t ORDER BY id"));
    }
}
