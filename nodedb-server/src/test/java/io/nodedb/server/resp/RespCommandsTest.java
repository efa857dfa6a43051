package io.nodedb.server.resp;

import io.nodedb.core.db.Database;
import io.nodedb.core.db.DatabaseOptions;
import io.nodedb.core.metrics.PrometheusWriter;
import io.nodedb.server.net.Transport;
import io.nodedb.server.resp.RespTestClient.Err;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command over a real socket against an in-memory database. */
@Timeout(60)
class RespCommandsTest {
    private static Transport transport;
    private Database db;
    private RespListener listener;
    private RespTestClient c;

    @BeforeAll
    static void startTransport() {
        transport = Transport.start(1);
    }

    @AfterAll
    static void stopTransport() {
        transport.close();
    }

    @BeforeEach
    void start() throws Exception {
        db = Database.open(DatabaseOptions.inMemory());
        listener = RespListener.start(transport, "127.0.0.1", 0, db);
        c = new RespTestClient(listener.address());
    }

    @AfterEach
    void stop() throws Exception {
        c.close();
        listener.close();
        db.close();
    }

    private static Err err(Object o) {
        assertThat(o).isInstanceOf(Err.class);
        return (Err) o;
    }

    @Test
    void sqlAndRespShareKeyValueCollections() throws Exception {
        io.nodedb.sql.Session sql = new io.nodedb.sql.SqlEngine(db).newSession();
        sql.execute("CREATE COLLECTION cache WITH storage = 'kv'");
        sql.execute("INSERT INTO cache (key, value, ttl) VALUES ('a', 'from sql', 100)");
        assertThat(c.call("SELECT", "cache")).isEqualTo("OK");
        assertThat(c.call("GET", "a")).isEqualTo("from sql");
        assertThat((Long) c.call("TTL", "a")).isBetween(99L, 100L);
        assertThat(c.call("SET", "b", "from resp")).isEqualTo("OK");
        assertThat(c.call("INCR", "n")).isEqualTo(1L);
        var rows = sql.execute("SELECT key, value FROM cache ORDER BY key").getLast().rows().stream()
                .map(r -> io.nodedb.sql.expr.SqlValues.display(r[0]) + "=" + io.nodedb.sql.expr.SqlValues.display(r[1]))
                .toList();
        assertThat(rows).containsExactly("a=from sql", "b=from resp", "n=1");
        assertThat(sql.execute("SELECT KV_INCR('cache', 'n', 41)").getLast().rows().getFirst()[0])
                .isEqualTo(io.nodedb.core.value.Value.of(42));
        assertThat(c.call("GET", "n")).isEqualTo("42");
    }

    @Test
    void stringsAndOptions() throws Exception {
        assertThat(c.call("PING")).isEqualTo("PONG");
        assertThat(c.call("PING", "hi")).isEqualTo("hi");
        assertThat(c.call("ECHO", "héllo")).isEqualTo("héllo");
        assertThat(c.call("GET", "k")).isNull();
        assertThat(c.call("SET", "k", "v")).isEqualTo("OK");
        assertThat(c.call("GET", "k")).isEqualTo("v");
        assertThat(c.call("SET", "k", "w", "NX")).isNull();
        assertThat(c.call("SET", "k", "w", "XX")).isEqualTo("OK");
        assertThat(c.call("SET", "absent", "w", "XX")).isNull();
        assertThat(c.call("SET", "k", "x", "GET")).isEqualTo("w");
        assertThat(c.call("GETSET", "k", "y")).isEqualTo("x");
        assertThat(c.call("SET", "new", "1", "NX", "GET")).isNull();
        assertThat(c.call("SET", "new", "2", "NX", "GET")).isEqualTo("1");
        assertThat(c.call("GET", "new")).isEqualTo("1");
        assertThat(c.call("SET", "x", "1", "XX", "GET")).isNull();
        assertThat(c.call("EXISTS", "x")).isEqualTo(0L);
        // one-byte strings are the MessagePack ambiguity this adapter avoids: "7" must stay "7"
        assertThat(c.call("SET", "seven", "7")).isEqualTo("OK");
        assertThat(c.call("GET", "seven")).isEqualTo("7");
        assertThat(c.call("STRLEN", "k")).isEqualTo(1L);
        assertThat(c.call("MSET", "a", "1", "b", "2")).isEqualTo("OK");
        assertThat(c.call("MGET", "a", "b", "nope")).isEqualTo(java.util.Arrays.asList("1", "2", null));
        assertThat(c.call("EXISTS", "a", "b", "nope", "a")).isEqualTo(3L);
        assertThat(c.call("DEL", "a", "b", "nope")).isEqualTo(2L);
        assertThat(c.call("SETNX", "a", "1")).isEqualTo(1L);
        assertThat(c.call("SETNX", "a", "2")).isEqualTo(0L);
        assertThat(c.call("TYPE", "a")).isEqualTo("string");
        assertThat(c.call("TYPE", "zz")).isEqualTo("none");
        String big = "x".repeat(100_000);
        assertThat(c.call("SET", "big", big)).isEqualTo("OK");
        assertThat(c.call("GET", "big")).isEqualTo(big);
        assertThat(err(c.call("SET", "k")).message()).isEqualTo("ERR wrong number of arguments for 'set' command");
        assertThat(err(c.call("SET", "k", "v", "NX", "XX")).message()).isEqualTo("ERR syntax error");
        assertThat(err(c.call("SET", "k", "v", "EX", "0")).message()).contains("invalid expire time");
        assertThat(err(c.call("NOSUCH", "a")).message()).startsWith("ERR unknown command 'nosuch'");
    }

    @Test
    void counters() throws Exception {
        assertThat(c.call("INCR", "n")).isEqualTo(1L);
        assertThat(c.call("INCRBY", "n", "41")).isEqualTo(42L);
        assertThat(c.call("DECR", "n")).isEqualTo(41L);
        assertThat(c.call("DECRBY", "n", "1")).isEqualTo(40L);
        assertThat(c.call("GET", "n")).isEqualTo("40");
        assertThat(c.call("SET", "s", "10")).isEqualTo("OK");
        assertThat(c.call("INCR", "s")).isEqualTo(11L);
        assertThat(c.call("SET", "one", "5")).isEqualTo("OK");
        assertThat(c.call("INCR", "one")).isEqualTo(6L);
        assertThat(c.call("INCRBYFLOAT", "f", "10.5")).isEqualTo("10.5");
        assertThat(c.call("INCRBYFLOAT", "f", "0.5")).isEqualTo("11");
        assertThat(c.call("GET", "f")).isEqualTo("11");
        assertThat(c.call("SET", "word", "abc")).isEqualTo("OK");
        assertThat(err(c.call("INCR", "word")).message()).isEqualTo("ERR value is not an integer or out of range");
        assertThat(err(c.call("INCRBYFLOAT", "word", "1")).message()).isEqualTo("ERR value is not a valid float");
        assertThat(err(c.call("INCRBY", "n", "x")).message()).isEqualTo("ERR value is not an integer or out of range");
        assertThat(c.call("SET", "max", Long.toString(Long.MAX_VALUE))).isEqualTo("OK");
        assertThat(err(c.call("INCR", "max")).message()).contains("overflow");
        c.call("HSET", "h", "f", "v");
        assertThat(err(c.call("INCR", "h")).message()).startsWith("WRONGTYPE");
        assertThat(c.call("GET", "max")).isEqualTo(Long.toString(Long.MAX_VALUE));
    }

    @Test
    void expiry() throws Exception {
        assertThat(c.call("TTL", "k")).isEqualTo(-2L);
        c.call("SET", "k", "v");
        assertThat(c.call("TTL", "k")).isEqualTo(-1L);
        assertThat(c.call("EXPIRE", "k", "100")).isEqualTo(1L);
        assertThat((Long) c.call("TTL", "k")).isBetween(99L, 100L);
        assertThat((Long) c.call("PTTL", "k")).isBetween(98_000L, 100_000L);
        assertThat(c.call("SET", "k", "v2", "KEEPTTL")).isEqualTo("OK");
        assertThat((Long) c.call("TTL", "k")).isBetween(99L, 100L);
        assertThat(c.call("SET", "k", "v3")).isEqualTo("OK");
        assertThat(c.call("TTL", "k")).isEqualTo(-1L);
        assertThat(c.call("PEXPIRE", "k", "100000")).isEqualTo(1L);
        assertThat(c.call("PERSIST", "k")).isEqualTo(1L);
        assertThat(c.call("PERSIST", "k")).isEqualTo(0L);
        assertThat(c.call("EXPIRE", "missing", "10")).isEqualTo(0L);
        c.call("SET", "short", "v", "PX", "150");
        assertThat(c.call("GET", "short")).isEqualTo("v");
        c.call("SET", "ex", "v", "EX", "60");
        assertThat((Long) c.call("TTL", "ex")).isBetween(59L, 60L);
        c.call("SETEX", "sx", "30", "v");
        assertThat((Long) c.call("TTL", "sx")).isBetween(29L, 30L);
        Thread.sleep(300);
        assertThat(c.call("GET", "short")).isNull();
        assertThat(c.call("TTL", "short")).isEqualTo(-2L);
        assertThat(c.call("EXPIRE", "ex", "-1")).isEqualTo(1L);
        assertThat(c.call("EXISTS", "ex")).isEqualTo(0L);
        c.call("INCR", "cnt");
        c.call("EXPIRE", "cnt", "50");
        c.call("INCR", "cnt");
        assertThat((Long) c.call("TTL", "cnt")).isBetween(49L, 50L); // INCR keeps the TTL, as in Redis
    }

    @Test
    void scanKeysDbsizeFlushSelect() throws Exception {
        assertThat(c.call("DBSIZE")).isEqualTo(0L);
        assertThat(c.call("KEYS", "*")).isEqualTo(List.of());
        for (int i = 0; i < 50; i++) {
            c.call("SET", "user:" + i, "v");
        }
        c.call("SET", "other", "v");
        assertThat(c.call("DBSIZE")).isEqualTo(51L);
        assertThat((List<?>) c.call("KEYS", "user:*")).hasSize(50);
        assertThat(c.call("KEYS", "oth?r")).isEqualTo(List.of("other"));
        List<Object> seen = new ArrayList<>();
        String cursor = "0";
        do {
            List<?> page = (List<?>) c.call("SCAN", cursor, "MATCH", "user:*", "COUNT", "7");
            cursor = (String) page.get(0);
            seen.addAll((List<?>) page.get(1));
        } while (!cursor.equals("0"));
        assertThat(seen).hasSize(50).doesNotHaveDuplicates();
        assertThat((List<?>) ((List<?>) c.call("SCAN", "0", "COUNT", "1000")).get(1)).hasSize(51);
        assertThat(err(c.call("SCAN", "x")).message()).isEqualTo("ERR invalid cursor");
        assertThat(c.call("SELECT", "sessions")).isEqualTo("OK");
        assertThat(c.call("DBSIZE")).isEqualTo(0L);
        assertThat(c.call("GET", "other")).isNull();
        c.call("SET", "s1", "x");
        assertThat(c.call("DBSIZE")).isEqualTo(1L);
        assertThat(db.kv().exists("sessions")).isTrue();
        assertThat(c.call("SELECT", "0")).isEqualTo("OK");
        assertThat(c.call("GET", "other")).isEqualTo("v");
        assertThat(c.call("FLUSHDB")).isEqualTo("OK");
        assertThat(c.call("DBSIZE")).isEqualTo(0L);
        c.call("SELECT", "sessions");
        assertThat(c.call("GET", "s1")).isEqualTo("x");
        assertThat(c.call("FLUSHALL")).isEqualTo("OK");
        assertThat(c.call("GET", "s1")).isNull();
    }

    @Test
    void hashes() throws Exception {
        assertThat(c.call("HSET", "h", "name", "ada", "lang", "en")).isEqualTo(2L);
        assertThat(c.call("HSET", "h", "name", "grace", "age", "36")).isEqualTo(1L);
        assertThat(c.call("HGET", "h", "name")).isEqualTo("grace");
        assertThat(c.call("HGET", "h", "nope")).isNull();
        assertThat(c.call("HMGET", "h", "lang", "nope", "age")).isEqualTo(java.util.Arrays.asList("en", null, "36"));
        assertThat(c.call("HGETALL", "h")).isEqualTo(List.of("name", "grace", "lang", "en", "age", "36"));
        assertThat(c.call("HLEN", "h")).isEqualTo(3L);
        assertThat(c.call("HEXISTS", "h", "age")).isEqualTo(1L);
        assertThat(c.call("HKEYS", "h")).isEqualTo(List.of("name", "lang", "age"));
        assertThat(c.call("TYPE", "h")).isEqualTo("hash");
        assertThat(c.call("HDEL", "h", "lang", "nope")).isEqualTo(1L);
        assertThat(c.call("HGETALL", "missing")).isEqualTo(List.of());
        assertThat(err(c.call("GET", "h")).message()).startsWith("WRONGTYPE");
        c.call("SET", "s", "v");
        assertThat(err(c.call("HSET", "s", "f", "v")).message()).startsWith("WRONGTYPE");
        assertThat(err(c.call("HGET", "s", "f")).message()).startsWith("WRONGTYPE");
        assertThat(c.call("MGET", "h", "s")).isEqualTo(java.util.Arrays.asList(null, "v"));
        assertThat(c.call("HDEL", "h", "name", "age")).isEqualTo(2L);
        assertThat(c.call("EXISTS", "h")).isEqualTo(0L); // the last field gone, the key is gone
        // the value is a document: a MessagePack map any other NodeDB client can read
        c.call("HSET", "doc", "a", "1");
        byte[] raw = db.kv().get("default", "doc".getBytes(StandardCharsets.UTF_8)).value();
        assertThat(io.nodedb.core.value.ValueCodec.decode(raw)).isInstanceOf(io.nodedb.core.value.Value.Obj.class);
    }

    @Test
    void concurrentHashWritersLoseNothing() throws Exception {
        int writers = 4;
        int fields = 25;
        try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int id = w;
                done.add(pool.submit(() -> {
                    try (RespTestClient own = new RespTestClient(listener.address())) {
                        for (int f = 0; f < fields; f++) {
                            assertThat(own.call("HSET", "shared", "w" + id + "f" + f, "x")).isEqualTo(1L);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        assertThat(c.call("HLEN", "shared")).isEqualTo((long) writers * fields);
    }

    @Test
    void concurrentSortedSetWritersLoseNothing() throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                int id = w;
                done.add(pool.submit(() -> {
                    try (RespTestClient own = new RespTestClient(listener.address())) {
                        for (int m = 0; m < 20; m++) {
                            own.call("ZADD", "board", Integer.toString(id * 100 + m), "w" + id + "m" + m);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        assertThat(c.call("ZCARD", "board")).isEqualTo(60L);
        assertThat(c.call("ZRANGE", "board", "0", "0")).isEqualTo(List.of("w0m0"));
        assertThat(c.call("ZRANGE", "board", "-1", "-1")).isEqualTo(List.of("w2m19"));
    }

    @Test
    void aClientReadingSlowlyGetsEveryReplyInOrder() throws Exception {
        c.call("SET", "blob", "b".repeat(8192));
        int n = 3000;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < n; i++) {
            b.writeBytes(i % 2 == 0 ? RespTestClient.encode("GET", "blob") : RespTestClient.encode("ECHO", "e" + i));
        }
        try (ExecutorService writer = Executors.newSingleThreadExecutor()) {
            Future<?> sent = writer.submit(() -> {
                c.send(b.toByteArray());
                return null;
            });
            Thread.sleep(200); // let the server's outbound buffer fill so it has to stop reading
            for (int i = 0; i < n; i++) {
                Object r = c.read();
                if (i % 2 == 0) {
                    assertThat((String) r).hasSize(8192);
                } else {
                    assertThat(r).isEqualTo("e" + i);
                }
            }
            sent.get();
        }
    }

    @Test
    void sortedSets() throws Exception {
        assertThat(c.call("ZADD", "z", "1", "a", "3", "c", "2", "b")).isEqualTo(3L);
        assertThat(c.call("ZADD", "z", "5", "a")).isEqualTo(0L);
        assertThat(c.call("ZADD", "z", "CH", "6", "a", "1", "d")).isEqualTo(2L);
        assertThat(c.call("ZADD", "z", "NX", "100", "a")).isEqualTo(0L);
        assertThat(c.call("ZADD", "z", "XX", "100", "new")).isEqualTo(0L);
        assertThat(c.call("ZADD", "z", "INCR", "1.5", "a")).isEqualTo("7.5");
        assertThat(c.call("ZCARD", "z")).isEqualTo(4L);
        assertThat(c.call("ZRANGE", "z", "0", "-1")).isEqualTo(List.of("d", "b", "c", "a"));
        assertThat(c.call("ZRANGE", "z", "1", "2", "WITHSCORES")).isEqualTo(List.of("b", "2", "c", "3"));
        assertThat(c.call("ZRANGE", "z", "-2", "100")).isEqualTo(List.of("c", "a"));
        assertThat(c.call("ZRANGE", "z", "3", "1")).isEqualTo(List.of());
        assertThat(c.call("ZRANK", "z", "c")).isEqualTo(2L);
        assertThat(c.call("ZREVRANK", "z", "c")).isEqualTo(1L);
        assertThat(c.call("ZRANK", "z", "zz")).isNull();
        assertThat(c.call("ZSCORE", "z", "a")).isEqualTo("7.5");
        assertThat(c.call("ZSCORE", "z", "zz")).isNull();
        assertThat(c.call("TYPE", "z")).isEqualTo("zset");
        assertThat(c.call("ZREM", "z", "a", "zz")).isEqualTo(1L);
        assertThat(err(c.call("ZADD", "z", "x", "a")).message()).isEqualTo("ERR value is not a valid float");
        assertThat(err(c.call("ZADD", "z", "NX", "XX", "1", "a")).message()).contains("not compatible");
        assertThat(err(c.call("HGET", "z", "a")).message()).startsWith("WRONGTYPE");
        assertThat(err(c.call("GET", "z")).message()).startsWith("WRONGTYPE");
        c.call("SET", "s", "v");
        assertThat(err(c.call("ZADD", "s", "1", "a")).message()).startsWith("WRONGTYPE");
        assertThat(c.call("ZREM", "z", "b", "c", "d")).isEqualTo(3L);
        assertThat(c.call("EXISTS", "z")).isEqualTo(0L);
        assertThat(c.call("ZCARD", "z")).isEqualTo(0L);
    }

    @Test
    void pipelineOfAHundredCommandsInOneWrite() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < 100; i++) {
            b.writeBytes(switch (i % 4) {
                case 0 -> RespTestClient.encode("SET", "p" + i, "v" + i);
                case 1 -> RespTestClient.encode("INCR", "ctr");
                case 2 -> RespTestClient.encode("GET", "p" + (i - 2));
                default -> RespTestClient.encode("SET", "p" + i, "v", "XX");
            });
        }
        long batchesBefore = metric("nodedb_resp_write_batches_total");
        c.send(b.toByteArray());
        long ctr = 0;
        for (int i = 0; i < 100; i++) {
            Object r = c.read();
            switch (i % 4) {
                case 0 -> assertThat(r).isEqualTo("OK");
                case 1 -> assertThat(r).isEqualTo(++ctr);
                case 2 -> assertThat(r).isEqualTo("v" + (i - 2));
                default -> assertThat(r).isNull();
            }
        }
        // GETs split the pipeline into runs of writes: 25 GETs give at most 26 batches for 75 writes
        long batches = metric("nodedb_resp_write_batches_total") - batchesBefore;
        assertThat(batches).isLessThanOrEqualTo(26);
        // a pipeline of pure writes, one of which fails, still answers each command on its own
        b.reset();
        for (int i = 0; i < 10; i++) {
            b.writeBytes(i == 5 ? RespTestClient.encode("INCR", "p0") : RespTestClient.encode("INCR", "w"));
        }
        c.send(b.toByteArray());
        long w = 0;
        for (int i = 0; i < 10; i++) {
            Object r = c.read();
            if (i == 5) {
                assertThat(err(r).message()).isEqualTo("ERR value is not an integer or out of range");
            } else {
                assertThat(r).isEqualTo(++w);
            }
        }
    }

    @Test
    void largeValuesInOnePipelineAreSplitIntoSeveralRecords() throws Exception {
        String value = "v".repeat(3 << 20);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < 5; i++) {
            b.writeBytes(RespTestClient.encode("SET", "large" + i, value));
        }
        long before = metric("nodedb_resp_write_batches_total");
        c.send(b.toByteArray());
        for (int i = 0; i < 5; i++) {
            assertThat(c.read()).isEqualTo("OK");
        }
        assertThat(metric("nodedb_resp_write_batches_total") - before).isGreaterThanOrEqualTo(2);
        assertThat(c.call("STRLEN", "large4")).isEqualTo((long) value.length());
    }

    @Test
    void getOptionsRefuseOtherTypesWithoutWriting() throws Exception {
        c.call("HSET", "h", "f", "v");
        assertThat(err(c.call("GETSET", "h", "x")).message()).startsWith("WRONGTYPE");
        assertThat(err(c.call("SET", "h", "x", "GET")).message()).startsWith("WRONGTYPE");
        assertThat(c.call("HGET", "h", "f")).isEqualTo("v");
        assertThat(c.call("SET", "h", "x")).isEqualTo("OK"); // a plain SET replaces any type, as in Redis
        assertThat(c.call("GET", "h")).isEqualTo("x");
    }

    @Test
    void malformedFrameClosesOnlyThatConnection() throws Exception {
        try (RespTestClient bad = new RespTestClient(listener.address())) {
            bad.send("*1\r\n$4\r\nPING\r\n*2\r\n$3\r\nGET\r\n!oops\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(bad.read()).isEqualTo("PONG");
            assertThat(err(bad.read()).message()).startsWith("ERR Protocol error: expected '$'");
            assertThat(bad.closedByServer()).isTrue();
        }
        try (RespTestClient bad = new RespTestClient(listener.address())) {
            bad.send("*1\r\n$999999999999\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(err(bad.read()).message()).startsWith("ERR Protocol error: invalid bulk length");
            assertThat(bad.closedByServer()).isTrue();
        }
        try (RespTestClient bad = new RespTestClient(listener.address())) {
            bad.send("*x\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(err(bad.read()).message()).startsWith("ERR Protocol error: invalid multibulk length");
        }
        assertThat(c.call("SET", "still", "here")).isEqualTo("OK");
        assertThat(c.call("GET", "still")).isEqualTo("here");
        assertThat(metric("nodedb_resp_protocol_errors_total")).isEqualTo(3);
    }

    @Test
    void inlineCommandsForTelnet() throws Exception {
        c.send("SET greeting \"hello world\"\r\nGET greeting\r\nPING\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(c.read()).isEqualTo("OK");
        assertThat(c.read()).isEqualTo("hello world");
        assertThat(c.read()).isEqualTo("PONG");
    }

    @Test
    void pubSub() throws Exception {
        try (RespTestClient sub = new RespTestClient(listener.address())) {
            assertThat(sub.call("SUBSCRIBE", "news", "sport")).isEqualTo(List.of("subscribe", "news", 1L));
            assertThat(sub.read()).isEqualTo(List.of("subscribe", "sport", 2L));
            assertThat(err(sub.call("GET", "k")).message()).contains("only (P|S)SUBSCRIBE");
            assertThat(sub.call("PING")).isEqualTo(List.of("pong", ""));
            assertThat(c.call("PUBLISH", "news", "hello")).isEqualTo(1L);
            assertThat(c.call("PUBLISH", "weather", "sun")).isEqualTo(0L);
            assertThat(sub.read()).isEqualTo(List.of("message", "news", "hello"));
            assertThat(sub.call("UNSUBSCRIBE", "news")).isEqualTo(List.of("unsubscribe", "news", 1L));
            assertThat(c.call("PUBLISH", "news", "again")).isEqualTo(0L);
            assertThat(sub.call("UNSUBSCRIBE")).isEqualTo(List.of("unsubscribe", "sport", 0L));
            assertThat(sub.call("SET", "k", "v")).isEqualTo("OK");
        }
    }

    @Test
    void infoCommandQuit() throws Exception {
        c.call("SET", "k", "v");
        String info = (String) c.call("INFO");
        assertThat(info).contains("# Server", "redis_version:", "# Memory", "used_memory:", "# Keyspace",
                "default:keys=1");
        assertThat((String) c.call("INFO", "keyspace")).doesNotContain("# Server");
        assertThat(c.call("COMMAND", "DOCS")).isEqualTo(List.of());
        assertThat(c.call("COMMAND")).isEqualTo(List.of());
        assertThat((Long) c.call("COMMAND", "COUNT")).isGreaterThan(40);
        assertThat(c.call("CLIENT", "SETNAME", "me")).isEqualTo("OK");
        assertThat(c.call("CLIENT", "GETNAME")).isEqualTo("me");
        assertThat(c.call("AUTH", "anything")).isEqualTo("OK");
        assertThat(c.call("QUIT")).isEqualTo("OK");
        assertThat(c.closedByServer()).isTrue();
    }

    @Test
    void authWithAChecker() throws Exception {
        try (RespListener secured = RespListener.start(transport, "127.0.0.1", 0, db,
                up -> up[0].equals("default") && up[1].equals("s3cret"));
             RespTestClient s = new RespTestClient(secured.address())) {
            assertThat(err(s.call("GET", "k")).message()).startsWith("NOAUTH");
            assertThat(err(s.call("SET", "k", "v")).message()).startsWith("NOAUTH");
            assertThat(err(s.call("AUTH", "wrong")).message()).startsWith("WRONGPASS");
            assertThat(s.call("AUTH", "s3cret")).isEqualTo("OK");
            assertThat(s.call("SET", "k", "v")).isEqualTo("OK");
        }
    }

    private long metric(String name) {
        StringBuilder sb = new StringBuilder();
        listener.writeMetrics(new PrometheusWriter(sb));
        for (String line : sb.toString().split("\n")) {
            if (line.startsWith(name + " ")) {
                return (long) Double.parseDouble(line.substring(name.length() + 1).trim());
            }
        }
        throw new AssertionError(name + " not in " + sb);
    }
}
