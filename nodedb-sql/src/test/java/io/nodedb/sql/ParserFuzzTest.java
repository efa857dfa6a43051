package io.nodedb.sql;

import io.nodedb.core.db.Database;
import io.nodedb.core.db.DatabaseOptions;
import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;
import io.nodedb.core.testing.Seeds;
import io.nodedb.sql.lexer.Lexer;
import io.nodedb.sql.lexer.Token;
import io.nodedb.sql.lexer.TokenKind;
import io.nodedb.sql.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Random token soups and mutated valid statements: the parser must either parse or throw a NodeDbException with
 * a user-facing SQLSTATE and a position inside the input; never another exception, never a hang.
 */
@ExtendWith(Seeds.class)
class ParserFuzzTest {
    private static final Set<String> ALLOWED = Set.of("42601", "0A000", "42704", "22P02", "54001", "22007");

    private static final List<String> VALID = List.of(
            "SELECT a, b AS c FROM t WHERE a > 1 AND b IN (1, 2, 3) ORDER BY a DESC NULLS LAST LIMIT 10 OFFSET 2",
            "SELECT count(*), sum(x) FILTER (WHERE x > 0) FROM t GROUP BY y HAVING count(*) > 1",
            "WITH RECURSIVE r (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5) SELECT n FROM r",
            "SELECT u.name FROM users u LEFT JOIN orders o ON u.id = o.user_id WHERE o.id IS NULL",
            "SELECT row_number() OVER (PARTITION BY a ORDER BY b ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM t",
            "INSERT INTO users { name: 'Bob', tags: ['a', 'b'], address: { city: 'Oslo' } }",
            "INSERT INTO t (a, b) VALUES (1, 'x'), ($1, ?) ON CONFLICT (a) DO UPDATE SET b = EXCLUDED.b RETURNING *",
            "UPDATE t SET a = a + 1, b = CASE WHEN c THEN 'y' ELSE NULL END WHERE id = 3 RETURNING a",
            "DELETE FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.id = t.id)",
            "CREATE COLLECTION orders TYPE DOCUMENT STRICT (id UUID DEFAULT gen_uuid_v7(), total DECIMAL NOT NULL)",
            "CREATE TABLE x (a INT PRIMARY KEY, v VECTOR(3), g GEOMETRY, ts TIMESTAMP DEFAULT now())",
            "ALTER TABLE x RENAME COLUMN a TO b",
            "CREATE UNIQUE INDEX IF NOT EXISTS i ON t (a, b.c)",
            "SELECT CAST(a AS BIGINT), b::TEXT, x[0], doc->>'k', ts + INTERVAL '1 hour', e'\\n' FROM t",
            "SELECT a FROM t WHERE b BETWEEN 1 AND 2 OR c NOT LIKE 'x%' OR d ILIKE '%y' OR e IS NOT DISTINCT FROM f",
            "SELECT extract(year FROM ts), substring(s FROM 2 FOR 3), trim(LEADING 'x' FROM s), position('a' IN s)",
            "EXPLAIN ANALYZE SELECT * FROM (VALUES (1), (2)) v (n) UNION SELECT 3 EXCEPT SELECT 4",
            "BEGIN; SAVEPOINT s; ROLLBACK TO SAVEPOINT s; COMMIT",
            "SET application_name = 'x'; SHOW ALL; RESET ALL",
            "CREATE VECTOR INDEX IF NOT EXISTS v ON docs FIELD emb METRIC cosine DIM 3 M 8 WITH (index_type = 'ivf_pq')",
            "SELECT id, vector_distance() AS d FROM docs WHERE k = 'a' AND emb <-> [0.1, 0.2] LIMIT 5",
            "SELECT * FROM t WHERE id IN (SEARCH docs USING VECTOR(emb, ARRAY[1.0, 2.0], 3) WHERE x > 1)",
            "ALTER VECTOR INDEX ON docs FIELD emb SET (nprobe = 8); DROP VECTOR INDEX IF EXISTS v; SHOW VECTOR INDEXES",
            "CREATE TABLE c (a INT PRIMARY KEY CHECK (a > 0), b INT, CONSTRAINT k CHECK (b < a), CHECK (a < 9))",
            "ALTER TABLE c ADD CONSTRAINT k2 CHECK (b IS NOT NULL); ALTER TABLE c DROP CONSTRAINT IF EXISTS k2",
            "UPDATE s SET q = s.q + d.n FROM d WHERE d.k = s.k RETURNING q; DELETE FROM s USING d WHERE d.k = s.k",
            "SELECT a, b, GROUPING(a, b) FROM t NATURAL LEFT JOIN u GROUP BY ROLLUP (a, b), CUBE (c)",
            "SELECT a FROM t GROUP BY GROUPING SETS ((a, b), a, ()) HAVING GROUPING(a) = 0",
            "CREATE COLLECTION kv TYPE KEY_VALUE (k TEXT PRIMARY KEY, n BIGINT) WITH (ttl = INTERVAL '15 minutes')",
            "SELECT KV_INCR('kv', 'x', 1, TTL => 60), KV_CAS('kv', 'x', 1, 2); SHOW STORAGE",
            "CREATE TABLE IF NOT EXISTS s AS SELECT a, sum(b) AS b FROM t GROUP BY a WITH NO DATA; SET synchronous_commit = off",
            "CREATE COLLECTION c AS SELECT 'k' || id AS id FROM t WHERE d > DATE '2024-01-01' - INTERVAL '1' DAY",
            "SELECT DISTINCT ON (a, lower(b)) a, b FROM t ORDER BY lower(b), a, c DESC NULLS FIRST LIMIT 3",
            "CREATE TABLE m (id INT PRIMARY KEY, e TEXT UNIQUE NOT NULL, t TEXT, CONSTRAINT u UNIQUE (t, e))",
            "CREATE TABLE ck (a BIGINT, b TEXT, v INT, PRIMARY KEY (a, b)); INSERT INTO ck VALUES (1, 'x', 2) "
                    + "ON CONFLICT (b, a) DO UPDATE SET v = EXCLUDED.v",
            "SELECT rank() OVER w, sum(a) OVER (w ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM t "
                    + "WINDOW v AS (PARTITION BY b), w AS (v ORDER BY a DESC)",
            "SELECT t.a, s.n FROM t, LATERAL (SELECT count(*) AS n FROM u WHERE u.a = t.a) s "
                    + "LEFT JOIN LATERAL generate_series(1, t.a) g ON true CROSS JOIN LATERAL unnest(t.c) x",
            "SELECT to_char(-1234.5, 'FMS9G990D00'), to_number('1,234.5-', '9G999D9MI'), "
                    + "to_date('2024-03-05', 'YYYY-MM-DD'), to_timestamp('5 Mar 2024 02:07 PM', 'DD Mon YYYY HH12:MI AM')",
            "CREATE TABLE f (id INT PRIMARY KEY, p INT REFERENCES t (a) ON DELETE NO ACTION, q TEXT, "
                    + "CONSTRAINT fq FOREIGN KEY (q, id) REFERENCES g (x, y) ON UPDATE RESTRICT)");

    private static final List<String> WORDS = List.of("SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "(", ")", ",",
            "VECTOR", "SEARCH", "USING", "<->", "ROLLUP", "CUBE", "GROUPING", "SETS", "NATURAL", "CHECK", "CONSTRAINT",
            "*", "+", "-", "/", "=", "<>", "<", ">=", "1", "2.5", "'s'", "a", "b", "t", "GROUP", "BY", "ORDER",
            "LIMIT", "JOIN", "ON", "IN", "IS", "NULL", "CASE", "WHEN", "THEN", "ELSE", "END", "CAST", "AS", "INSERT",
            "INTO", "VALUES", "UPDATE", "SET", "DELETE", "CREATE", "COLLECTION", "TABLE", "INT", "TEXT", "{", "}",
            "[", "]", ":", "::", ";", "WITH", "RECURSIVE", "UNION", "OVER", "PARTITION", "$1", "?", "EXISTS",
            "BETWEEN", "LIKE", "INTERVAL", "DISTINCT", ".", "ALTER", "DROP", "INDEX", "EXPLAIN", "BEGIN", "WINDOW",
            "LATERAL", "PRIMARY", "KEY", "FOREIGN", "REFERENCES");

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void parserOnlyEverReportsProperErrors(TestInfo info) {
        SplittableRandom random = Seeds.random(info);
        long start = System.nanoTime();
        int parsed = 0;
        for (int i = 0; i < 20_000; i++) {
            String sql = i % 2 == 0 ? soup(random) : mutate(random);
            if (check(sql)) {
                parsed++;
            }
        }
        assertThat(parsed).as("some mutated statements still parse").isPositive();
        assertThat(System.nanoTime() - start).as("20k cases").isLessThan(TimeUnit.SECONDS.toNanos(30));
    }

    /** The same mutations through the whole engine: any error is a NodeDbException, never an internal one. */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void engineOnlyEverReportsProperErrors(TestInfo info) {
        SplittableRandom random = Seeds.random(info);
        try (Database db = Database.open(DatabaseOptions.inMemory())) {
            Session session = new SqlEngine(db).newSession();
            session.execute("CREATE TABLE t (a INT PRIMARY KEY, b TEXT, c BOOL); CREATE COLLECTION users; "
                    + "CREATE COLLECTION u; CREATE TABLE x (a INT PRIMARY KEY, v VECTOR(3)); CREATE COLLECTION orders;"
                    + "INSERT INTO t VALUES (1, 'x', true), (2, NULL, false); INSERT INTO users { id: 'u1', name: 'A' }");
            for (int i = 0; i < 3_000; i++) {
                String sql = mutate(random);
                try {
                    session.execute(sql, List.of(Value.of(1), Value.of("p")));
                } catch (NodeDbException e) {
                    if (e.state() == SqlState.INTERNAL_ERROR) {
                        fail("internal error for: " + sql, e);
                    }
                } catch (RuntimeException | StackOverflowError e) {
                    fail("engine threw " + e + " for: " + sql, e);
                }
                if (session.inTransaction()) {
                    session.execute("ROLLBACK");
                }
            }
        }
    }

    @Test
    void deepNestingIsRejectedNotOverflowed() {
        check("SELECT " + "(".repeat(100_000) + "1" + ")".repeat(100_000));
        check("SELECT " + "-".repeat(100_000) + "1");
        check("SELECT " + "NOT ".repeat(50_000) + "true");
    }

    private static boolean check(String sql) {
        try {
            Parser.parse(sql);
            return true;
        } catch (NodeDbException e) {
            if (!ALLOWED.contains(e.state().code())) {
                fail("unexpected SQLSTATE " + e.state().code() + " for: " + sql, e);
            }
            if (e.position() < 1 || e.position() > sql.length() + 1) {
                fail("position " + e.position() + " outside 1.." + (sql.length() + 1) + " for: " + sql, e);
            }
            return false;
        } catch (RuntimeException | StackOverflowError e) {
            fail("parser threw " + e + " for: " + sql, e);
            return false;
        }
    }

    private static String soup(SplittableRandom random) {
        StringBuilder b = new StringBuilder();
        int n = random.nextInt(1, 30);
        for (int i = 0; i < n; i++) {
            if (random.nextInt(20) == 0) {
                b.append((char) random.nextInt(32, 127));
            } else {
                b.append(WORDS.get(random.nextInt(WORDS.size())));
            }
            b.append(random.nextBoolean() ? " " : "");
        }
        return b.toString();
    }

    private static String mutate(SplittableRandom random) {
        String base = VALID.get(random.nextInt(VALID.size()));
        List<Token> tokens = new ArrayList<>(Lexer.tokenize(base));
        tokens.removeLast();
        List<String> texts = new ArrayList<>();
        for (Token t : tokens) {
            texts.add(t.kind() == TokenKind.STRING ? "'" + t.text().replace("'", "''") + "'"
                    : t.kind() == TokenKind.QUOTED ? "\"" + t.text() + "\"" : t.kind() == TokenKind.PARAM ? "$"
                    + t.text() : t.text());
        }
        int edits = random.nextInt(1, 4);
        for (int e = 0; e < edits && !texts.isEmpty(); e++) {
            int at = random.nextInt(texts.size());
            switch (random.nextInt(5)) {
                case 0 -> texts.remove(at);
                case 1 -> texts.add(at, texts.get(at));
                case 2 -> {
                    int other = random.nextInt(texts.size());
                    String tmp = texts.get(at);
                    texts.set(at, texts.get(other));
                    texts.set(other, tmp);
                }
                case 3 -> texts.subList(at, texts.size()).clear();
                default -> texts.add(at, WORDS.get(random.nextInt(WORDS.size())));
            }
        }
        return String.join(" ", texts);
    }
}
