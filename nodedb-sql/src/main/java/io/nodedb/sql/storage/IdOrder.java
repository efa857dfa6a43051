package io.nodedb.sql.storage;

import io.nodedb.core.value.Value;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/** The order of document ids in storage: BIGINT, then TEXT (by UTF-8 bytes), then UUID, then BYTES. */
public final class IdOrder implements Comparator<Value> {
    public static final IdOrder INSTANCE = new IdOrder();

    private IdOrder() {
    }

    @Override
    public int compare(Value a, Value b) {
        int ra = rank(a);
        int rb = rank(b);
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        return switch (a) {
            case Value.Int x -> Long.compare(x.value(), ((Value.Int) b).value());
            case Value.Str x -> Arrays.compareUnsigned(x.value().getBytes(StandardCharsets.UTF_8),
                    ((Value.Str) b).value().getBytes(StandardCharsets.UTF_8));
            case Value.Uuid x -> {
                Value.Uuid y = (Value.Uuid) b;
                int c = Long.compareUnsigned(x.value().getMostSignificantBits(), y.value().getMostSignificantBits());
                yield c != 0 ? c : Long.compareUnsigned(x.value().getLeastSignificantBits(),
                        y.value().getLeastSignificantBits());
            }
            case Value.Bytes x -> Arrays.compareUnsigned(x.value(), ((Value.Bytes) b).value());
            default -> 0;
        };
    }

    private static int rank(Value v) {
        return switch (v) {
            case Value.Int i -> 0;
            case Value.Str s -> 1;
            case Value.Uuid u -> 2;
            default -> 3;
        };
    }
}
