package io.nodedb.cli;

import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueJson;

import java.util.HexFormat;

/** Values as the shell prints them, the same way psql shows them from the server. */
final class ValueText {
    private ValueText() {
    }

    static String of(Value v) {
        return switch (v) {
            case Value.Bool b -> b.value() ? "t" : "f";
            case Value.Str s -> s.value();
            case Value.Decimal d -> d.value().toPlainString();
            case Value.Bytes b -> "\\x" + HexFormat.of().formatHex(b.value());
            case Value.Timestamp t -> t.toIsoString();
            case Value.Date d -> d.toText();
            case Value.Time t -> t.toText();
            case Value.Interval i -> i.toText();
            case Value.Uuid u -> u.value().toString();
            case Value.Geometry g -> g.toWkt();
            case Value.Array a -> ValueJson.toJson(a);
            case Value.Obj o -> ValueJson.toJson(o);
            default -> ValueJson.toJson(v);
        };
    }
}
