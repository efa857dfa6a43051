package io.nodedb.core.value;

import io.nodedb.core.testing.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ByteSink#decodesExactly}: a writer that keeps applying the values it encoded (instead of decoding its
 * payload) relies on it to say when a reader of the bytes would see something else.
 */
@ExtendWith(Seeds.class)
class DecodesExactlyTest {

    @Test
    void exactIffNoNaNPayloadAndNoUnpairedSurrogate(TestInfo info) {
        RandomGenerator r = Seeds.random(info);
        RandomValues values = new RandomValues(r, true);
        int exact = 0;
        int inexact = 0;
        ByteSink sink = new ByteSink(64);
        for (int i = 0; i < 20_000; i++) {
            Value v = values.next();
            if (r.nextInt(20) == 0) {
                v = Value.Array.of(v, new Value.Str("a\uD800b")); // an unpaired surrogate
            } else if (r.nextInt(20) == 0) {
                v = Value.Obj.of("x", new Value.Float(Double.longBitsToDouble(0x7ff8_0000_0000_0001L)), "y", v);
            }
            sink.reset();
            ValueCodec.encode(v, sink);
            Value decoded = ValueCodec.decode(sink.toByteArray());
            boolean lossy = lossy(v);
            assertThat(sink.decodesExactly()).as("value %s", v).isEqualTo(!lossy);
            if (!lossy) {
                assertThat(sameBits(v, decoded)).as("value %s decoded as %s", v, decoded).isTrue();
                exact++;
            } else {
                inexact++;
            }
        }
        assertThat(exact).isGreaterThan(10_000);
        assertThat(inexact).isGreaterThan(500);
    }

    @Test
    void resetForgetsAnEarlierLoss() {
        ByteSink sink = new ByteSink(16);
        ValueCodec.encode(new Value.Str("\uDC00"), sink);
        assertThat(sink.decodesExactly()).isFalse();
        sink.reset();
        ValueCodec.encode(new Value.Str("\uD83D\uDE00"), sink);
        ValueCodec.encode(new Value.Float(Double.NaN), sink);
        assertThat(sink.decodesExactly()).isTrue();
    }

    /** Whether encoding loses something: a NaN other than the canonical one, or a lone surrogate in a string or key. */
    private static boolean lossy(Value v) {
        return switch (v) {
            case Value.Float f -> Double.doubleToRawLongBits(f.value()) != Double.doubleToLongBits(f.value());
            case Value.Str s -> unpaired(s.value());
            case Value.Array a -> a.elements().stream().anyMatch(DecodesExactlyTest::lossy);
            case Value.Obj o -> o.fields().entrySet().stream().anyMatch(e -> unpaired(e.getKey()) || lossy(e.getValue()));
            default -> false;
        };
    }

    private static boolean unpaired(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** Equality down to the bits of every double and the order of every object's fields. */
    static boolean sameBits(Value a, Value b) {
        if (a instanceof Value.Float x && b instanceof Value.Float y) {
            return Double.doubleToRawLongBits(x.value()) == Double.doubleToRawLongBits(y.value());
        }
        if (a instanceof Value.Bytes x && b instanceof Value.Bytes y) {
            return Arrays.equals(x.value(), y.value());
        }
        if (a instanceof Value.Geometry x && b instanceof Value.Geometry y) {
            return Arrays.equals(x.wkb(), y.wkb());
        }
        if (a instanceof Value.Vector x && b instanceof Value.Vector y) {
            return Arrays.equals(x.values(), y.values());
        }
        if (a instanceof Value.Decimal x && b instanceof Value.Decimal y) {
            return x.value().scale() == y.value().scale() && x.value().unscaledValue().equals(y.value().unscaledValue());
        }
        if (a instanceof Value.Array x && b instanceof Value.Array y) {
            List<Value> p = x.elements();
            List<Value> q = y.elements();
            if (p.size() != q.size()) {
                return false;
            }
            for (int i = 0; i < p.size(); i++) {
                if (!sameBits(p.get(i), q.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Value.Obj x && b instanceof Value.Obj y) {
            List<Map.Entry<String, Value>> p = List.copyOf(x.fields().entrySet());
            List<Map.Entry<String, Value>> q = List.copyOf(y.fields().entrySet());
            if (p.size() != q.size()) {
                return false;
            }
            for (int i = 0; i < p.size(); i++) {
                if (!p.get(i).getKey().equals(q.get(i).getKey()) || !sameBits(p.get(i).getValue(), q.get(i).getValue())) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }
}
