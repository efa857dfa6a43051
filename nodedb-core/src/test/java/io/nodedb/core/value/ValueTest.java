package io.nodedb.core.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nodedb.core.testing.Seeds;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(Seeds.class)
class ValueTest {

    @Test
    void floatEqualityFollowsDoubleCompare() {
        assertThat(new Value.Float(Double.NaN)).isEqualTo(new Value.Float(Double.longBitsToDouble(0x7ff0000000000001L)));
        assertThat(new Value.Float(Double.NaN).hashCode()).isEqualTo(new Value.Float(0.0 / 0.0).hashCode());
        assertThat(new Value.Float(0.0)).isNotEqualTo(new Value.Float(-0.0));
    }

    @Test
    void equalityIsRepresentational() {
        assertThat(new Value.Decimal(new BigDecimal("12.5"))).isNotEqualTo(new Value.Decimal(new BigDecimal("12.50")));
        assertThat(new Value.Int(1)).isNotEqualTo(new Value.Float(1.0));
        assertThat(Value.Obj.of("a", Value.NULL, "b", Value.TRUE))
                .isNotEqualTo(Value.Obj.of("b", Value.TRUE, "a", Value.NULL))
                .isEqualTo(Value.Obj.of("a", Value.NULL, "b", Value.TRUE))
                .hasSameHashCodeAs(Value.Obj.of("a", Value.NULL, "b", Value.TRUE));
        assertThat(new Value.Null()).isEqualTo(Value.NULL);
    }

    @Test
    void arrayHoldingRecordsCompareByContentAndAreImmutable() {
        byte[] raw = {1, 2, 3};
        Value.Bytes b = new Value.Bytes(raw);
        raw[0] = 9;
        assertThat(b.value()).containsExactly(1, 2, 3);
        b.value()[1] = 9;
        assertThat(b.byteAt(1)).isEqualTo((byte) 2);
        assertThat(b).isEqualTo(new Value.Bytes(new byte[] {1, 2, 3})).hasSameHashCodeAs(new Value.Bytes(new byte[] {1, 2, 3}));
        assertThat(b).hasToString("Bytes[010203]");

        float[] f = {1f, 2f};
        Value.Vector v = new Value.Vector(f);
        f[0] = 5f;
        v.values()[1] = 7f;
        assertThat(v).isEqualTo(new Value.Vector(new float[] {1f, 2f})).hasToString("Vector[1.0, 2.0]");
        assertThat(v.dimensions()).isEqualTo(2);
        assertThat(new Value.Vector(new float[] {0f})).isNotEqualTo(new Value.Vector(new float[] {-0f}));

        Value.Geometry g = Value.Geometry.fromWkt("POINT (1 2)");
        g.wkb()[0] = 1;
        assertThat(g).isEqualTo(Value.Geometry.fromWkt("POINT(1   2)")).hasToString("Geometry[POINT (1 2)]");
        assertThat(new Value.Geometry(new byte[] {7})).hasToString("Geometry[invalid WKB 07]");
    }

    @Test
    void vectorsRejectNonFiniteComponents() {
        assertThatThrownBy(() -> new Value.Vector(new float[] {1f, Float.NaN}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("vector component 1 is not finite: NaN");
    }

    @Test
    void containersCopyAndAreUnmodifiable() {
        List<Value> list = new ArrayList<>(List.of(Value.TRUE));
        Value.Array a = new Value.Array(list);
        list.add(Value.FALSE);
        assertThat(a.size()).isEqualTo(1);
        assertThatThrownBy(() -> a.elements().add(Value.NULL)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> Value.Array.of(Value.NULL, null)).isInstanceOf(NullPointerException.class);

        Map<String, Value> map = new LinkedHashMap<>();
        map.put("z", Value.TRUE);
        map.put("a", Value.FALSE);
        Value.Obj o = new Value.Obj(map);
        map.put("b", Value.NULL);
        assertThat(o.names()).containsExactly("z", "a");
        assertThat(o.fields()).isEqualTo(Map.of("z", Value.TRUE, "a", Value.FALSE));
        assertThatThrownBy(() -> o.fields().put("q", Value.NULL)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> o.fields().entrySet().iterator().remove()).isInstanceOf(RuntimeException.class);
        assertThat(new Value.Obj(o.fields()).fields()).isSameAs(o.fields());
    }

    @Test
    void objAccessors() {
        Value.Obj o = Value.Obj.builder()
                .put("n", 5L)
                .put("s", "x")
                .put("d", 1.5)
                .put("b", true)
                .put("t", Instant.parse("2026-01-02T03:04:05.123456789Z"))
                .put("nested", Map.of("k", 1))
                .put("list", List.of(1, "two"))
                .put("null", Value.NULL)
                .build();
        assertThat(o.getLong("n")).isEqualTo(5);
        assertThat(o.getString("s")).isEqualTo("x");
        assertThat(o.getDouble("d")).isEqualTo(1.5);
        assertThat(o.getBoolean("b")).isTrue();
        assertThat(o.get("t")).isEqualTo(Value.Timestamp.of(Instant.parse("2026-01-02T03:04:05.123456Z")));
        assertThat(o.getObj("nested").getLong("k")).isEqualTo(1);
        assertThat(o.getList("list")).containsExactly(new Value.Int(1), new Value.Str("two"));
        assertThat(o.get("null")).isEqualTo(Value.NULL);
        assertThat(o.get("missing")).isNull();
        assertThat(o.has("null")).isTrue();
        assertThatThrownBy(() -> o.getLong("s"))
                .isInstanceOf(ValueTypeException.class)
                .hasMessage("field 's': expected BIGINT, got TEXT");
        assertThatThrownBy(() -> o.getString("missing"))
                .isInstanceOf(NoSuchElementException.class)
                .hasMessage("no field 'missing'");
        assertThatThrownBy(() -> new Value.Str("x").asLong())
                .isInstanceOf(ValueTypeException.class)
                .hasMessage("expected BIGINT, got TEXT")
                .satisfies(e -> assertThat(((ValueTypeException) e).actual()).isEqualTo(ValueType.TEXT));

        Value.Obj changed = o.with("s", new Value.Str("y")).with("new", Value.TRUE).without("n");
        assertThat(changed.names()).containsExactly("s", "d", "b", "t", "nested", "list", "null", "new");
        assertThat(changed.getString("s")).isEqualTo("y");
        assertThat(o.getString("s")).isEqualTo("x");
        assertThat(o.without("missing")).isSameAs(o);
    }

    @Test
    void largeObjectsLookUpThroughTheIndex() {
        Value.Obj.Builder b = Value.Obj.builder();
        for (int i = 0; i < 50; i++) {
            b.put("k" + i, new Value.Int(i));
        }
        b.put("k3", new Value.Int(-3));
        Value.Obj o = b.build();
        assertThat(o.size()).isEqualTo(50);
        assertThat(o.getLong("k3")).isEqualTo(-3);
        assertThat(o.getLong("k49")).isEqualTo(49);
        assertThat(o.has("k50")).isFalse();
        Value.Obj smaller = o;
        for (int i = 0; i < 45; i++) {
            smaller = smaller.without("k" + i);
        }
        assertThat(smaller.names()).containsExactly("k45", "k46", "k47", "k48", "k49");
        assertThat(smaller.getLong("k47")).isEqualTo(47);
        assertThat(b).satisfies(used -> assertThatThrownBy(used::build).isInstanceOf(IllegalStateException.class));
    }

    @Test
    void ofConvertsJavaValues() {
        assertThat(Value.of((Object) null)).isEqualTo(Value.NULL);
        assertThat(Value.of((String) null)).isEqualTo(Value.NULL);
        assertThat(Value.of(Boolean.TRUE)).isSameAs(Value.TRUE);
        assertThat(Value.of((Object) 7)).isEqualTo(new Value.Int(7));
        assertThat(Value.of((Object) (short) 7)).isEqualTo(new Value.Int(7));
        assertThat(Value.of((Object) (byte) 7)).isEqualTo(new Value.Int(7));
        assertThat(Value.of((Object) 7L)).isEqualTo(new Value.Int(7));
        assertThat(Value.of((Object) 1.5f)).isEqualTo(new Value.Float(1.5));
        assertThat(Value.of((Object) 1.5)).isEqualTo(new Value.Float(1.5));
        assertThat(Value.of(new BigDecimal("1.0"))).isEqualTo(new Value.Decimal(new BigDecimal("1.0")));
        assertThat(Value.of(BigInteger.valueOf(Long.MIN_VALUE))).isEqualTo(new Value.Int(Long.MIN_VALUE));
        assertThat(Value.of("s")).isEqualTo(new Value.Str("s"));
        assertThat(Value.of(new byte[] {1})).isEqualTo(new Value.Bytes(new byte[] {1}));
        assertThat(Value.of(Instant.ofEpochSecond(-1, 1))).isEqualTo(new Value.Timestamp(-1_000_000));
        assertThat(Value.of(new UUID(1, 2))).isEqualTo(new Value.Uuid(new UUID(1, 2)));
        assertThat(Value.of(new float[] {1f})).isEqualTo(new Value.Vector(new float[] {1f}));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", null);
        m.put("a", List.of(1, 2.0));
        assertThat(Value.of(m)).isEqualTo(Value.Obj.of("b", Value.NULL, "a",
                Value.Array.of(new Value.Int(1), new Value.Float(2.0))));
        Value v = new Value.Int(3);
        assertThat(Value.of((Object) v)).isSameAs(v);

        assertThatThrownBy(() -> Value.of(BigInteger.ONE.shiftLeft(63)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("java.math.BigInteger 9223372036854775808 is out of BIGINT range");
        assertThatThrownBy(() -> Value.of(new java.util.Date()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot convert java.util.Date to a Value");
        assertThatThrownBy(() -> Value.of(Map.of(1, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("map keys must be strings, got java.lang.Integer");
        assertThatThrownBy(() -> Value.of(Instant.MAX))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("instant out of TIMESTAMP range");
    }

    @Test
    void timestampsCoverTheWholeLongRange() {
        for (long micros : new long[] {Long.MIN_VALUE, Long.MAX_VALUE, -1, 0, 1, -999_999, -1_000_001}) {
            Value.Timestamp t = new Value.Timestamp(micros);
            assertThat(Value.Timestamp.of(t.toInstant())).isEqualTo(t);
            assertThat(Value.Timestamp.parse(t.toIsoString())).isEqualTo(t);
        }
        assertThat(new Value.Timestamp(1_500_000)).hasToString("Timestamp[1970-01-01T00:00:01.500Z]");
        assertThatThrownBy(() -> Value.Timestamp.parse("+294247-01-10T04:00:54.775808Z"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timestamp +294247-01-10T04:00:54.775808Z is out of range");
    }

    @Test
    void geometryWkt() {
        assertThat(Value.Geometry.fromWkt("POINT Z (1 2 3)").toWkt()).isEqualTo("POINT Z(1 2 3)");
        assertThat(Value.Geometry.fromWkt("POINT M (1 2 3)").toWkt()).isEqualTo("POINT M(1 2 3)");
        assertThat(Value.Geometry.fromWkt("polygon ((0 0, 1 0, 1 1, 0 0))").toWkt())
                .isEqualTo("POLYGON ((0 0, 1 0, 1 1, 0 0))");
        assertThat(Value.Geometry.fromWkt("POINT EMPTY").toWkt()).isEqualTo("POINT EMPTY");
        assertThat(Value.Geometry.fromWkt(" POINT (-0 1e300) ").toWkt()).startsWith("POINT (-0 1000000000000");
        assertThat(Value.Geometry.fromWkt("POINT (1 2)").toJts().getCoordinate().getY()).isEqualTo(2.0);

        assertThatThrownBy(() -> Value.Geometry.fromWkt("POINT (1)"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid WKT: Expected number but found ')' (line 1)");
        assertThatThrownBy(() -> Value.Geometry.fromWkt("POLYGON ((0 0, 1 0, 1 1))"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid WKT: Points of LinearRing do not form a closed linestring");
        assertThatThrownBy(() -> Value.Geometry.fromWkt("CIRCLE (1 2)"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid WKT: Unknown geometry type: CIRCLE (line 1)");
        assertThatThrownBy(() -> Value.Geometry.fromWkt("POINT EMPTY x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid WKT: unexpected text after geometry");
        assertThatThrownBy(() -> Value.Geometry.fromWkb(new byte[] {0, 0, 0, 0, 9}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid WKB: ");
        assertThatThrownBy(() -> new Value.Geometry(new byte[] {0}).toWkt()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void typesNameTheSqlTypes() {
        assertThat(new Value.Int(1).type()).isEqualTo(ValueType.BIGINT);
        assertThat(new Value.Float(1).type()).isEqualTo(ValueType.DOUBLE);
        assertThat(new Value.Str("").type()).isEqualTo(ValueType.TEXT);
        assertThat(Value.Obj.EMPTY.type()).isEqualTo(ValueType.OBJECT);
        assertThat(Value.NULL.isNull()).isTrue();
        assertThat(Value.NULL).hasToString("NULL");
    }
}
