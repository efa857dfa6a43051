package io.nodedb.server.resp;

import io.nodedb.core.db.Database;
import io.nodedb.core.db.DatabaseOptions;
import io.nodedb.server.net.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What RESP clients wrote survives closing and reopening the database, with the TTL left, not a fresh one. */
@Timeout(60)
class RespRestartTest {
    @TempDir
    Path dir;

    @Test
    void valuesAndRemainingTtlSurviveARestart() throws Exception {
        try (Transport transport = Transport.start(1)) {
            try (Database db = Database.open(DatabaseOptions.onDisk(dir));
                 RespListener listener = RespListener.start(transport, "127.0.0.1", 0, db);
                 RespTestClient c = new RespTestClient(listener.address())) {
                assertThat(c.call("SET", "k", "v")).isEqualTo("OK");
                assertThat(c.call("SET", "ttl", "v", "EX", "100")).isEqualTo("OK");
                assertThat(c.call("SET", "soon", "v", "PX", "1500")).isEqualTo("OK");
                assertThat(c.call("INCRBY", "n", "5")).isEqualTo(5L);
                assertThat(c.call("HSET", "h", "f", "v")).isEqualTo(1L);
                assertThat(c.call("ZADD", "z", "2", "b", "1", "a")).isEqualTo(2L);
                c.call("SELECT", "other");
                assertThat(c.call("SET", "o", "1")).isEqualTo("OK");
            }
            Thread.sleep(1100);
            try (Database db = Database.open(DatabaseOptions.onDisk(dir));
                 RespListener listener = RespListener.start(transport, "127.0.0.1", 0, db);
                 RespTestClient c = new RespTestClient(listener.address())) {
                assertThat(c.call("GET", "k")).isEqualTo("v");
                assertThat(c.call("GET", "n")).isEqualTo("5");
                assertThat(c.call("INCR", "n")).isEqualTo(6L);
                assertThat(c.call("HGET", "h", "f")).isEqualTo("v");
                assertThat(c.call("ZRANGE", "z", "0", "-1")).isEqualTo(List.of("a", "b"));
                // a restart never extends a TTL: about 1 s of the 100 has passed
                assertThat((Long) c.call("TTL", "ttl")).isBetween(97L, 99L);
                assertThat((Long) c.call("PTTL", "soon")).isLessThan(500L);
                Thread.sleep(600);
                assertThat(c.call("GET", "soon")).isNull();
                c.call("SELECT", "other");
                assertThat(c.call("GET", "o")).isEqualTo("1");
            }
        }
    }
}
