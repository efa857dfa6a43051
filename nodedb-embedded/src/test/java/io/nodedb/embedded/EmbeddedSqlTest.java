package io.nodedb.embedded;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.testing.NoLeakedFiles;
import io.nodedb.core.value.Value;
import io.nodedb.sql.Session;
import io.nodedb.sql.StatementResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(NoLeakedFiles.class)
class EmbeddedSqlTest {
    @TempDir
    Path dir;

    @Test
    void sqlAndTheTypedApiSeeTheSameDataAcrossARestart() {
        try (NodeDb db = NodeDb.open(dir)) {
            db.sql("CREATE COLLECTION users");
            db.sql("INSERT INTO users (id, name, age) VALUES ($1, $2, $3)", "u1", "Alice", 30);
            db.collection("users").put("u2", Document.of("name", "Bob", "age", 25));
            StatementResult r = db.sql("SELECT name FROM users WHERE age > $1 ORDER BY name", 20);
            assertThat(r.tag()).isEqualTo("SELECT 2");
            assertThat(r.rows()).extracting(row -> row[0]).containsExactly(Value.of("Alice"), Value.of("Bob"));
        }
        try (NodeDb db = NodeDb.open(dir)) {
            assertThat(db.collection("users").get("u1").orElseThrow().getString("name")).isEqualTo("Alice");
            assertThat(db.sql("SELECT count(*) FROM users").rows().getFirst()[0]).isEqualTo(Value.of(2L));
        }
    }

    @Test
    void sessionsHoldTransactionsAndErrorsCarryPositions() {
        try (NodeDb db = NodeDb.inMemory()) {
            db.sql("CREATE TABLE accounts (id BIGINT PRIMARY KEY, balance BIGINT NOT NULL)");
            db.sql("INSERT INTO accounts VALUES (1, 100), (2, 0)");
            Session s = db.newSession();
            s.execute("BEGIN");
            s.execute("UPDATE accounts SET balance = balance - 40 WHERE id = 1");
            s.execute("UPDATE accounts SET balance = balance + 40 WHERE id = 2");
            assertThat(db.sql("SELECT balance FROM accounts WHERE id = 2").rows().getFirst()[0])
                    .as("not visible before COMMIT").isEqualTo(Value.of(0L));
            s.execute("COMMIT");
            s.close();
            assertThat(db.sql("SELECT balance FROM accounts WHERE id = 2").rows().getFirst()[0]).isEqualTo(Value.of(40L));
            assertThatThrownBy(() -> db.sql("SELECT * FROM accounts WHERE"))
                    .isInstanceOfSatisfying(NodeDbException.class, e -> {
                        assertThat(e.state()).isEqualTo(SqlState.SYNTAX_ERROR);
                        assertThat(e.position()).as("just past the end, as PostgreSQL reports it").isEqualTo(29);
                    });
        }
    }
}
