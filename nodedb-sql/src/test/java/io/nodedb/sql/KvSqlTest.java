package io.nodedb.sql;

import io.nodedb.core.db.Database;
import io.nodedb.core.db.DatabaseOptions;
import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.sql.expr.SqlValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** KEY_VALUE collections through SQL with a settable clock: TTLs count down, expire, and survive a restart. */
class KvSqlTest {
    private static final long T0 = 1_800_000_000_000_000L;
    private final AtomicLong clock = new AtomicLong(T0);

    @TempDir
    Path tmp;

    private static List<String> rows(Session s, String sql) {
        StatementResult r = s.execute(sql).getLast();
        return r.rows().stream().map(row -> String.join(" | ",
                java.util.Arrays.stream(row).map(SqlValues::display).toList())).toList();
    }

    private void advanceSeconds(long s) {
        clock.addAndGet(s * 1_000_000L);
    }

    @Test
    void ttlsCountDownAndExpireWithTheDatabaseClock() {
        try (Database db = Database.open(DatabaseOptions.inMemory().withClock(clock::get))) {
            Session s = new SqlEngine(db).newSession();
            s.execute("CREATE COLLECTION sessions TYPE KEY_VALUE (key TEXT PRIMARY KEY, user_id TEXT) "
                    + "WITH (ttl = INTERVAL '1 minute')");
            s.execute("INSERT INTO sessions VALUES ('a', 'alice', 10), ('b', 'bob', NULL)");
            s.execute("INSERT INTO sessions { key: 'c', user_id: 'carol', ttl: INTERVAL '1 hour' }");
            assertThat(rows(s, "SELECT key, ttl FROM sessions ORDER BY key")).containsExactly("a | 10", "b | 60",
                    "c | 3600");
            advanceSeconds(4);
            assertThat(rows(s, "SELECT key, ttl FROM sessions ORDER BY key")).containsExactly("a | 6", "b | 56",
                    "c | 3596");
            // UPDATE without ttl keeps the expiry; with it, sets a new one.
            s.execute("UPDATE sessions SET user_id = 'ALICE' WHERE key = 'a'");
            s.execute("UPDATE sessions SET ttl = 100 WHERE key = 'b'");
            assertThat(rows(s, "SELECT key, user_id, ttl FROM sessions WHERE key IN ('a', 'b') ORDER BY key"))
                    .containsExactly("a | ALICE | 6", "b | bob | 100");
            advanceSeconds(6);
            assertThat(rows(s, "SELECT key FROM sessions ORDER BY key")).containsExactly("b", "c");
            assertThat(rows(s, "SELECT count(*) FROM sessions WHERE key = 'a'")).containsExactly("0");
            // An expired key is absent for INSERT (no 23505) and for the atomics.
            s.execute("INSERT INTO sessions (key, user_id) VALUES ('a', 'again')");
            assertThat(rows(s, "SELECT user_id, ttl FROM sessions WHERE key = 'a'")).containsExactly("again | 60");
            s.execute("CREATE COLLECTION counters TYPE KEY_VALUE (k TEXT PRIMARY KEY, n BIGINT)");
            assertThat(rows(s, "SELECT KV_INCR('counters', 'x', 5, TTL => 2)")).containsExactly("5");
            advanceSeconds(1);
            assertThat(rows(s, "SELECT KV_INCR('counters', 'x', 1)")).containsExactly("6");
            advanceSeconds(1);
            assertThat(rows(s, "SELECT KV_INCR('counters', 'x', 1)")).containsExactly("1");
            assertThat(rows(s, "SELECT n, ttl FROM counters")).containsExactly("1 | NULL");
        }
    }

    @Test
    void valuesAndRemainingTtlsSurviveARestart() {
        try (Database db = Database.open(DatabaseOptions.onDisk(tmp).withClock(clock::get))) {
            Session s = new SqlEngine(db).newSession();
            s.execute("CREATE COLLECTION sessions TYPE KEY_VALUE (key TEXT PRIMARY KEY, user_id TEXT, hits INT)");
            s.execute("INSERT INTO sessions VALUES ('a', 'alice', 1, 3600), ('b', 'bob', 2, NULL), ('c', 'c', 3, 5)");
            s.execute("CREATE INDEX ON sessions (user_id)");
            s.execute("UPDATE sessions SET user_id = 'bobby' WHERE key = 'b'");
            s.execute("CREATE COLLECTION counters TYPE KV (k TEXT PRIMARY KEY, n BIGINT) WITH (ttl = 600)");
            s.execute("SELECT KV_INCR('counters', 'visits', 41), KV_INCR('counters', 'visits', 1)");
        }
        advanceSeconds(100);
        try (Database db = Database.open(DatabaseOptions.onDisk(tmp).withClock(clock::get))) {
            Session s = new SqlEngine(db).newSession();
            assertThat(rows(s, "SELECT key, user_id, hits, ttl FROM sessions ORDER BY key"))
                    .containsExactly("a | alice | 1 | 3500", "b | bobby | 2 | NULL");
            // The engine's index came back with its data and follows the update made before the restart.
            assertThat(rows(s, "EXPLAIN SELECT key FROM sessions WHERE user_id = 'bobby'").getLast())
                    .contains("KV Index Scan on sessions");
            assertThat(rows(s, "SELECT key FROM sessions WHERE user_id = 'bobby'")).containsExactly("b");
            assertThat(rows(s, "SELECT key FROM sessions WHERE user_id = 'bob'")).isEmpty();
            assertThat(rows(s, "SELECT k, n, ttl FROM counters")).containsExactly("visits | 42 | 500");
            assertThat(rows(s, "SHOW COLLECTIONS")).containsExactly("counters | key_value", "sessions | key_value");
            s.execute("DROP COLLECTION sessions");
            assertThat(db.kv().exists("sessions")).isFalse();
        }
        try (Database db = Database.open(DatabaseOptions.onDisk(tmp).withClock(clock::get))) {
            Session s = new SqlEngine(db).newSession();
            assertThat(db.kv().exists("sessions")).isFalse();
            assertThatThrownBy(() -> s.execute("SELECT * FROM sessions")).isInstanceOfSatisfying(
                    NodeDbException.class, e -> assertThat(e.state()).isEqualTo(SqlState.UNDEFINED_TABLE));
            // Re-created, it starts empty: no keys of the dropped collection come back.
            s.execute("CREATE COLLECTION sessions TYPE KEY_VALUE (key TEXT PRIMARY KEY, user_id TEXT, hits INT)");
            assertThat(rows(s, "SELECT count(*) FROM sessions")).containsExactly("0");
        }
    }

    @Test
    void aRejectedBatchLeavesNothing() {
        try (Database db = Database.open(DatabaseOptions.inMemory().withClock(clock::get))) {
            Session s = new SqlEngine(db).newSession();
            s.execute("CREATE COLLECTION c TYPE KEY_VALUE (k TEXT PRIMARY KEY, v TEXT)");
            s.execute("INSERT INTO c VALUES ('x', 'old')");
            assertThatThrownBy(() -> s.execute("INSERT INTO c (k, v, ttl) VALUES ('y', 'new', NULL), ('z', 'bad', -1)"))
                    .isInstanceOfSatisfying(NodeDbException.class,
                            e -> assertThat(e.state()).isEqualTo(SqlState.INVALID_PARAMETER_VALUE));
            assertThatThrownBy(() -> s.execute(
                    "UPSERT INTO c (k, v, ttl) VALUES ('x', 'changed', 5), ('x2', 'v', 'soon')"))
                    .isInstanceOf(NodeDbException.class);
            assertThat(rows(s, "SELECT k, v FROM c")).containsExactly("x | old");
            // IF NOT EXISTS over a collection of another kind leaves the KV engine alone.
            s.execute("CREATE TABLE docs (id TEXT PRIMARY KEY)");
            s.execute("CREATE COLLECTION IF NOT EXISTS docs TYPE KEY_VALUE (k TEXT PRIMARY KEY, v TEXT)");
            assertThat(db.kv().exists("docs")).isFalse();
        }
    }
}
