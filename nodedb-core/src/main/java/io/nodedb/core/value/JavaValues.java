package io.nodedb.core.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Plain Java objects to {@link Value}s, for {@link Value#of(Object)}. */
final class JavaValues {
    private JavaValues() {}

    static Value toValue(Object o) {
        return switch (o) {
            case null -> Value.NULL;
            case Value v -> v;
            case Boolean b -> Value.Bool.of(b);
            case Long l -> new Value.Int(l);
            case Integer i -> new Value.Int(i);
            case Short s -> new Value.Int(s);
            case Byte b -> new Value.Int(b);
            case Double d -> new Value.Float(d);
            case Float f -> new Value.Float(f);
            case BigDecimal d -> new Value.Decimal(d);
            case BigInteger i -> {
                if (i.bitLength() > 63) {
                    throw new IllegalArgumentException("java.math.BigInteger " + i + " is out of BIGINT range");
                }
                yield new Value.Int(i.longValue());
            }
            case String s -> new Value.Str(s);
            case byte[] b -> new Value.Bytes(b);
            case Instant t -> Value.Timestamp.of(t);
            case LocalDate d -> new Value.Date(Math.toIntExact(d.toEpochDay()));
            case LocalTime t -> new Value.Time(t.toNanoOfDay() / 1000);
            case UUID u -> new Value.Uuid(u);
            case List<?> list -> {
                List<Value> elements = new ArrayList<>(list.size());
                for (Object e : list) {
                    elements.add(toValue(e));
                }
                yield new Value.Array(elements);
            }
            case Map<?, ?> map -> {
                FieldMap.Builder b = new FieldMap.Builder(map.size());
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!(e.getKey() instanceof String key)) {
                        throw new IllegalArgumentException("map keys must be strings, got "
                                + (e.getKey() == null ? "null" : e.getKey().getClass().getName()));
                    }
                    b.add(key, toValue(e.getValue()));
                }
                yield new Value.Obj(b.build());
            }
            case float[] f -> new Value.Vector(f);
            default -> throw new IllegalArgumentException("cannot convert " + o.getClass().getTypeName() + " to a Value");
        };
    }
}
