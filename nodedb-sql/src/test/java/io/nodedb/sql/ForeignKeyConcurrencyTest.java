package io.nodedb.sql;

import io.nodedb.core.db.Database;
import io.nodedb.core.db.DatabaseOptions;
import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Foreign keys hold between concurrent transactions: each check that passes inside a transaction is made again by
 * the applier at commit, so the transaction that commits second fails with 23503 instead of leaving an orphan.
 */
class ForeignKeyConcurrencyTest {
    private Database db;
    private SqlEngine engine;
    private Session a;
    private Session b;

    @BeforeEach
    void open() {
        db = Database.open(DatabaseOptions.inMemory());
        engine = new SqlEngine(db);
        a = engine.newSession();
        b = engine.newSession();
        a.execute("CREATE TABLE customers (id BIGINT PRIMARY KEY, email TEXT UNIQUE)");
        a.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, customer BIGINT REFERENCES customers)");
        a.execute("CREATE INDEX orders_customer ON orders (customer)");
        a.execute("CREATE TABLE notes (id BIGINT PRIMARY KEY, author TEXT REFERENCES customers (email))");
        a.execute("INSERT INTO customers VALUES (1, 'a@x'), (2, 'b@x')");
    }

    @AfterEach
    void close() {
        a.close();
        b.close();
        db.close();
    }

    private long count(String table) {
        return ((Value.Int) b.execute("SELECT count(*) FROM " + table).getLast().rows().getFirst()[0]).value();
    }

    @Test
    void aChildCommittedAfterItsParentWasDeletedFails() {
        a.execute("BEGIN; INSERT INTO orders VALUES (10, 1)");
        b.execute("DELETE FROM customers WHERE id = 1");
        assertThatThrownBy(() -> a.execute("COMMIT")).isInstanceOfSatisfying(NodeDbException.class, e -> {
            assertThat(e.state()).isEqualTo(SqlState.FOREIGN_KEY_VIOLATION);
            assertThat(e.getMessage()).contains("key (customer)=(1) is not present in collection \"customers\"");
        });
        assertThat(count("orders")).isZero();
    }

    @Test
    void aParentDeletedAfterAChildWasCommittedFails() {
        a.execute("BEGIN; DELETE FROM customers WHERE id = 2");
        b.execute("INSERT INTO orders VALUES (11, 2)");
        assertThatThrownBy(() -> a.execute("COMMIT")).isInstanceOfSatisfying(NodeDbException.class, e -> {
            assertThat(e.state()).isEqualTo(SqlState.FOREIGN_KEY_VIOLATION);
            assertThat(e.getMessage()).contains("is still referenced from collection \"orders\"");
        });
        assertThat(count("customers")).isEqualTo(2);
    }

    @Test
    void aParentFoundThroughAUniqueIndexIsCheckedAtCommitToo() {
        a.execute("BEGIN; INSERT INTO notes VALUES (1, 'b@x')");
        b.execute("UPDATE customers SET email = 'c@x' WHERE id = 2");
        assertThatThrownBy(() -> a.execute("COMMIT")).isInstanceOfSatisfying(NodeDbException.class,
                e -> assertThat(e.state()).isEqualTo(SqlState.FOREIGN_KEY_VIOLATION));
        assertThat(count("notes")).isZero();
    }

    @Test
    void unrelatedConcurrentWritesStillCommit() {
        a.execute("BEGIN; INSERT INTO orders VALUES (12, 1), (13, 1), (14, 2)");
        b.execute("INSERT INTO orders VALUES (15, 1)");
        b.execute("DELETE FROM customers WHERE id = 2 AND false");
        a.execute("COMMIT");
        assertThat(count("orders")).isEqualTo(4);
        // A parent whose children are all deleted in the same transaction may go.
        a.execute("BEGIN; DELETE FROM orders WHERE customer = 2; DELETE FROM customers WHERE id = 2; COMMIT");
        assertThat(count("customers")).isEqualTo(1);
    }
}
