package io.nodedb.server.clients;

import io.nodedb.server.pgwire.PgTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A migration run as {@code psql -1 -v ON_ERROR_STOP=1 -f file}: the real psql wraps the file in one transaction,
 * DDL, rows and {@code \copy} alike, so either all of it is committed or, after an error, none of it.
 */
@Timeout(120)
class PsqlMigrationTest {
    @TempDir
    Path tmp;

    private static final String MIGRATION = """
            CREATE TABLE customers (id BIGINT PRIMARY KEY, email TEXT NOT NULL);
            CREATE UNIQUE INDEX customers_email ON customers (email);
            INSERT INTO customers VALUES (1, 'a@x'), (2, 'b@x');
            ALTER TABLE customers ADD COLUMN tier TEXT DEFAULT 'basic';
            CREATE TABLE orders (id BIGINT PRIMARY KEY, customer BIGINT REFERENCES customers, total BIGINT);
            \\copy orders FROM 'orders.csv' WITH (FORMAT csv)
            UPDATE customers SET tier = 'gold' WHERE id IN (SELECT customer FROM orders WHERE total > 100);
            """;

    private int psql(PgTestServer server, Path dir, String file) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(PsqlScriptTest.PSQL.toString(), "-X", "-q", "-1", "-v",
                "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", Integer.toString(server.pgPort()), "-U", "nodedb", "-d",
                "nodedb", "-f", file).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", PgTestServer.PASSWORD);
        pb.environment().put("PGSSLMODE", "disable");
        pb.environment().put("PGCONNECT_TIMEOUT", "10");
        pb.environment().remove("PGOPTIONS");
        Process p = pb.start();
        p.getOutputStream().close();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("psql finished").isTrue();
        return p.exitValue();
    }

    @Test
    void aMigrationInOneTransactionCommitsWholeOrNotAtAll() throws Exception {
        assumeTrue(Files.isExecutable(PsqlScriptTest.PSQL), "psql is not installed at /usr/bin/psql (.ci/run "
                + "installs postgresql-client); skipping the psql migration test");
        Path dir = Files.createDirectory(tmp.resolve("psql"));
        Files.writeString(dir.resolve("orders.csv"), "10,1,50\n11,2,500\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("v1.sql"), MIGRATION, StandardCharsets.UTF_8);
        // The last statement fails (a duplicate email), after DDL, rows and a \copy: none of them may stay.
        Files.writeString(dir.resolve("v2.sql"), """
                CREATE TABLE audit (id BIGINT PRIMARY KEY, note TEXT);
                INSERT INTO audit VALUES (1, 'v2');
                \\copy audit FROM 'audit.csv' WITH (FORMAT csv)
                ALTER TABLE customers DROP COLUMN tier;
                INSERT INTO customers VALUES (3, 'a@x');
                """, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("audit.csv"), "2,copied\n", StandardCharsets.UTF_8);
        try (PgTestServer server = PgTestServer.password(Files.createDirectory(tmp.resolve("server")))) {
            assertThat(psql(server, dir, "v1.sql")).as("psql exit status of v1.sql").isZero();
            assertThat(psql(server, dir, "v2.sql")).as("psql exit status of v2.sql").isEqualTo(3);
            try (Connection c = server.connect()) {
                assertThat(text(c, "SELECT id, email, tier FROM customers ORDER BY id"))
                        .isEqualTo("1|a@x|basic\n2|b@x|gold\n");
                assertThat(text(c, "SELECT count(*) FROM orders")).isEqualTo("2\n");
                assertThatThrownBy(() -> text(c, "SELECT * FROM audit")).isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getSQLState()).isEqualTo("42P01"));
            }
        }
    }

    private static String text(Connection c, String sql) throws SQLException {
        return PgTestServer.rowsAsText(c, sql);
    }
}
