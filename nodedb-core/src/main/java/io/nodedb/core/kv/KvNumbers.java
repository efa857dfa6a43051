package io.nodedb.core.kv;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueCodec;
import io.nodedb.core.value.ValueFormatException;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Reading stored values as numbers for INCR and INCRBYFLOAT, and keys for error messages. */
final class KvNumbers {
    private KvNumbers() {
    }

    static long asLong(byte[] stored, String collection, byte[] key) {
        Value v = decode(stored);
        try {
            return switch (v) {
                case Value.Int i -> i.value();
                case Value.Str s -> Long.parseLong(s.value());
                case Value.Bytes b -> Long.parseLong(new String(b.value(), StandardCharsets.US_ASCII));
                case null, default -> throw notNumeric(collection, key, "an integer");
            };
        } catch (NumberFormatException e) {
            throw notNumeric(collection, key, "an integer");
        }
    }

    static double asDouble(byte[] stored, String collection, byte[] key) {
        Value v = decode(stored);
        return switch (v) {
            case Value.Int i -> i.value();
            case Value.Float f -> f.value();
            case Value.Decimal d -> d.value().doubleValue();
            case Value.Str s -> parseDecimal(s.value(), collection, key);
            case Value.Bytes b -> parseDecimal(new String(b.value(), StandardCharsets.US_ASCII), collection, key);
            case null, default -> throw notNumeric(collection, key, "a number");
        };
    }

    private static Value decode(byte[] stored) {
        try {
            return ValueCodec.decode(stored);
        } catch (ValueFormatException e) {
            return null;
        }
    }

    /** Plain decimal notation only: Java would also accept "NaN", hex floats and a trailing 'd'. */
    private static double parseDecimal(String s, String collection, byte[] key) {
        if (s.isEmpty() || !s.chars().allMatch(ch -> (ch >= '0' && ch <= '9') || ch == '.' || ch == '-'
                || ch == '+' || ch == 'e' || ch == 'E')) {
            throw notNumeric(collection, key, "a number");
        }
        try {
            double d = Double.parseDouble(s);
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw notNumeric(collection, key, "a number");
    }

    /** 42846 (cannot coerce), as PostgreSQL reports a value that cannot be read as the type asked for. */
    private static NodeDbException notNumeric(String collection, byte[] key, String what) {
        return new NodeDbException(SqlState.CANNOT_COERCE, "the value of key " + show(key) + " in kv "
                + "collection \"" + collection + "\" is not " + what);
    }

    /** A key for an error message: text if it is printable ASCII, else hex; long keys are cut. */
    static String show(byte[] key) {
        int n = Math.min(key.length, 64);
        boolean printable = true;
        for (int i = 0; i < n && printable; i++) {
            printable = key[i] >= 0x20 && key[i] < 0x7f;
        }
        String s = printable ? "'" + new String(key, 0, n, StandardCharsets.US_ASCII) + "'"
                : "0x" + HexFormat.of().formatHex(key, 0, n);
        return key.length > n ? s + "..." : s;
    }
}
