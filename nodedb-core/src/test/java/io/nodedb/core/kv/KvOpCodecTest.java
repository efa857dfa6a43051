package io.nodedb.core.kv;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueCodec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KvOpCodecTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyOperationRoundTrips() {
        KvBatch batch = new KvBatch(1_700_000_000_123_456L, List.of(
                new KvOp.CreateKvCollection("sessions", 60_000_000L, 1 << 20, true),
                new KvOp.DropKvCollection("old", true),
                new KvOp.Put("sessions", b("k"), new byte[300], 42L, KvOp.PutMode.NX),
                new KvOp.Put("sessions", b("k2"), new byte[0], KvOp.TTL_KEEP, KvOp.PutMode.XX),
                new KvOp.Delete("sessions", b("k")),
                new KvOp.Expire("sessions", b("k"), 99L),
                new KvOp.Persist("sessions", b("k")),
                new KvOp.Truncate("sessions"),
                new KvOp.Incr("c", b("n"), Long.MIN_VALUE, KvOp.TTL_DEFAULT),
                new KvOp.IncrFloat("c", b("f"), -0.5, 7L),
                new KvOp.Cas("c", b("x"), null, b("new"), 0L),
                new KvOp.Cas("c", b("x"), b("old"), b("new"), 0L),
                new KvOp.GetSet("c", b("g"), b("v"), 5L),
                new KvOp.CreateKvIndex("c", "by_city", List.of("address", "city"), false),
                new KvOp.DropKvIndex("c", "by_city", true)));
        KvBatch back = KvOpCodec.decode(KvOpCodec.encode(batch));
        assertThat(back).usingRecursiveComparison().isEqualTo(batch);
    }

    @Test
    void damagedPayloadsAreDataCorruption() {
        byte[] good = KvOpCodec.encode(KvBatch.of(1, new KvOp.Delete("c", b("k"))));
        for (byte[] bad : List.of(new byte[0], new byte[] {(byte) 0x93}, java.util.Arrays.copyOf(good, good.length - 1),
                ValueCodec.encode(Value.Array.of(Value.of(2), Value.of(1), Value.Array.EMPTY)),
                ValueCodec.encode(Value.Array.of(Value.of(1), Value.of(1),
                        Value.Array.of(Value.Array.of(Value.of(99))))))) {
            assertThatThrownBy(() -> KvOpCodec.decode(bad)).isInstanceOfSatisfying(NodeDbException.class,
                    e -> assertThat(e.state()).isEqualTo(SqlState.DATA_CORRUPTED));
        }
    }
}
