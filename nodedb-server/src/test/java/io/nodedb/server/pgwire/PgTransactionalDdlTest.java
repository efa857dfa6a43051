package io.nodedb.server.pgwire;

import io.nodedb.core.testing.NoLeakedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Migrations over pgwire: DDL and rows in one transaction, as psql sends a script in one Simple Query message
 * ({@code psql -1 -f}) and as a JDBC migration tool runs it with autocommit off.
 */
@ExtendWith(NoLeakedFiles.class)
class PgTransactionalDdlTest {
    @TempDir
    Path tmp;

    /** The command tags and error SQLSTATEs of one Simple Query message, then the transaction status. */
    private static List<String> simpleQuery(PgRawClient c, String sql) throws Exception {
        c.send(PgRawClient.query(sql));
        List<String> out = new ArrayList<>();
        while (true) {
            PgRawClient.Message m = c.read();
            switch (m.type()) {
                case 'C' -> out.add(new String(m.body(), 0, m.body().length - 1, StandardCharsets.UTF_8));
                case 'E' -> out.add("ERROR " + field(m.body(), 'C'));
                case 'Z' -> {
                    out.add("status " + (char) m.body()[0]);
                    return out;
                }
                default -> {
                }
            }
        }
    }

    private static String field(byte[] body, char code) {
        int i = 0;
        while (i < body.length && body[i] != 0) {
            int end = i + 1;
            while (body[end] != 0) {
                end++;
            }
            if (body[i] == code) {
                return new String(body, i + 1, end - i - 1, StandardCharsets.UTF_8);
            }
            i = end + 1;
        }
        return null;
    }

    @Test
    void aScriptInOneSimpleQueryMessageCommitsDdlWithItsRows() throws Exception {
        try (PgTestServer server = PgTestServer.trust(tmp);
                PgRawClient c = new PgRawClient(server.pgPort(), 10_000)) {
            c.startup("nodedb");
            assertThat(simpleQuery(c, "BEGIN; CREATE TABLE m (id BIGINT PRIMARY KEY, v TEXT); "
                    + "INSERT INTO m VALUES (1, 'x'); CREATE INDEX m_v ON m (v); COMMIT;"))
                    .containsExactly("BEGIN", "CREATE COLLECTION", "INSERT 0 1", "CREATE INDEX", "COMMIT", "status I");
            assertThat(c.queryFirstValue("SELECT id FROM m WHERE v = 'x'")).isEqualTo("1");

            // A failing statement stops the message; the block is then aborted until ROLLBACK, and nothing stays.
            assertThat(simpleQuery(c, "BEGIN; CREATE TABLE n (id BIGINT PRIMARY KEY); "
                    + "CREATE TABLE n (id BIGINT PRIMARY KEY); COMMIT;"))
                    .containsExactly("BEGIN", "CREATE COLLECTION", "ERROR 42P07", "status E");
            assertThat(simpleQuery(c, "ROLLBACK")).containsExactly("ROLLBACK", "status I");
            assertThat(simpleQuery(c, "SELECT * FROM n")).containsExactly("ERROR 42P01", "status I");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"extended", "simple"})
    void jdbcWithAutocommitOffSeesItsDdlAndOthersSeeItAfterCommit(String mode) throws Exception {
        try (PgTestServer server = PgTestServer.password(tmp);
                Connection migrator = server.connect(mode, false);
                Connection other = server.connect(mode, false)) {
            migrator.setAutoCommit(false);
            try (Statement st = migrator.createStatement()) {
                st.execute("CREATE TABLE accounts (id BIGINT PRIMARY KEY, owner TEXT NOT NULL)");
                try (PreparedStatement ins = migrator.prepareStatement("INSERT INTO accounts VALUES (?, ?)")) {
                    for (long id = 1; id <= 3; id++) {
                        ins.setLong(1, id);
                        ins.setString(2, "owner" + id);
                        ins.executeUpdate();
                    }
                }
                st.execute("ALTER TABLE accounts ADD COLUMN balance BIGINT DEFAULT 0");
                try (ResultSet rs = st.executeQuery("SELECT count(*), sum(balance) FROM accounts")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong(1)).isEqualTo(3);
                    assertThat(rs.getLong(2)).isZero();
                }
            }
            assertThatThrownBy(() -> query(other, "SELECT count(*) FROM accounts"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42P01"));
            migrator.commit();
            assertThat(query(other, "SELECT count(*) FROM accounts")).isEqualTo(3);

            try (Statement st = migrator.createStatement()) {
                st.execute("CREATE TABLE scratch (id BIGINT PRIMARY KEY)");
                st.execute("INSERT INTO scratch VALUES (1)");
                st.execute("DROP TABLE accounts");
            }
            migrator.rollback();
            assertThat(query(other, "SELECT count(*) FROM accounts")).isEqualTo(3);
            assertThatThrownBy(() -> query(other, "SELECT count(*) FROM scratch"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42P01"));
        }
    }

    /** As a pg_dump restored with {@code psql -1}: CREATE TABLE, then COPY into it, in one transaction. */
    @Test
    void copyIntoATableCreatedInTheSameTransaction() throws Exception {
        try (PgTestServer server = PgTestServer.trust(tmp); Connection c = server.connect()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE items (id BIGINT PRIMARY KEY, name TEXT)");
            }
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            assertThat(copy.copyIn("COPY items FROM STDIN WITH (FORMAT csv)", new StringReader("1,one\n2,two\n")))
                    .isEqualTo(2);
            assertThat(query(c, "SELECT count(*) FROM items")).isEqualTo(2);
            c.commit();
            try (Connection other = server.connect()) {
                assertThat(query(other, "SELECT count(*) FROM items")).isEqualTo(2);
            }
        }
    }

    private static long query(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
