package io.nodedb.server.pgwire;

import io.nodedb.core.testing.NoLeakedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code SELECT *} over schemaless documents through a server-prepared statement: pgjdbc describes the statement
 * once, before binding, and decodes every later execution by that description, so the columns must be known then
 * and must not change afterwards.
 */
@ExtendWith(NoLeakedFiles.class)
class PgSchemalessDescribeTest {
    @TempDir
    Path tmp;

    private static List<String> labels(ResultSetMetaData md) throws SQLException {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            out.add(md.getColumnLabel(i));
        }
        return out;
    }

    @Test
    void aParameterizedSelectStarIsDescribedByTheCollectionsFieldsAndKeepsThem() throws Exception {
        try (PgTestServer server = PgTestServer.trust(tmp); Connection c = server.connect("extended", true)) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE COLLECTION people");
                st.execute("INSERT INTO people { id: 'p1', name: 'Ann', age: 31 }");
                st.execute("INSERT INTO people { id: 'p2', name: 'Ben', city: 'Oslo' }");
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM people WHERE id = ?")) {
                ps.setString(1, "p1");
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(labels(rs.getMetaData())).containsExactly("id", "name", "age", "city");
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString("name")).isEqualTo("Ann");
                    assertThat(rs.getLong("age")).isEqualTo(31);
                    assertThat(rs.getString("city")).isNull();
                }
                try (Statement st = c.createStatement()) {
                    st.execute("INSERT INTO people { id: 'p3', name: 'Cai', email: 'cai@example.com' }");
                }
                ps.setString(1, "p3");
                try (ResultSet rs = ps.executeQuery()) {
                    // described before p3 existed: its new field is not among the statement's columns
                    assertThat(labels(rs.getMetaData())).containsExactly("id", "name", "age", "city");
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString("name")).isEqualTo("Cai");
                    assertThat(rs.getObject("age")).isNull();
                    assertThat(rs.next()).isFalse();
                }
            }
            // pgjdbc keeps the description of a statement text for the connection's life; a new connection
            // describes it again and learns the new field
            try (Connection fresh = server.connect("extended", true);
                 PreparedStatement ps = fresh.prepareStatement("SELECT * FROM people WHERE id = ?")) {
                ps.setString(1, "p3");
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(labels(rs.getMetaData())).containsExactly("id", "name", "age", "city", "email");
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString("email")).isEqualTo("cai@example.com");
                }
            }
        }
    }

    @Test
    void aSelectStarWithoutParametersIsDescribedByItsOwnResult() throws Exception {
        try (PgTestServer server = PgTestServer.trust(tmp); Connection c = server.connect("extended", true);
             Statement st = c.createStatement()) {
            st.execute("CREATE COLLECTION people");
            st.execute("INSERT INTO people { id: 'p1', name: 'Ann', age: 31 }");
            st.execute("INSERT INTO people { id: 'p2', name: 'Ben', city: 'Oslo' }");
            try (ResultSet rs = st.executeQuery("SELECT * FROM people WHERE id = 'p2'")) {
                assertThat(labels(rs.getMetaData())).containsExactly("id", "name", "city");
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("city")).isEqualTo("Oslo");
            }
        }
    }
}
