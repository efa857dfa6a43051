package io.nodedb.server.pgwire;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueType;
import io.nodedb.sql.ColumnInfo;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The PostgreSQL types announced for result columns, and the encoding of rows in them.
 *
 * <p>A column's planned type is not always what its values are: a schemaless field has no fixed type
 * ({@link ValueType#NULL}) and an aggregate may widen (sum over BIGINT overflowing into DECIMAL). A client decodes
 * every value by the announced type, so when the rows are at hand the type is taken from them: the planned type when
 * every value has it, the values' own type when they agree, the wider numeric type when they mix integers, decimals
 * and floats, and text (which can carry any value) otherwise.
 */
final class PgColumns {
    private static final Set<ValueType> NUMERIC = EnumSet.of(ValueType.BIGINT, ValueType.DECIMAL, ValueType.DOUBLE);

    private PgColumns() {
    }

    /** The planned types, for a description given before any row exists (Describe of a statement). */
    static PgType[] planned(List<ColumnInfo> columns) {
        PgType[] out = new PgType[columns.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = PgType.forValueType(columns.get(i).type());
        }
        return out;
    }

    /**
     * How to lay a row of the {@code actual} columns out as the {@code pinned} ones, matched by name (the n-th
     * column of a name to the n-th of that name): for each pinned column the actual column it takes its value from,
     * or -1 where the result lacks it (sent as NULL); an actual column the pinned ones lack is not sent. Null when
     * the two agree column by column, so rows go out as they are.
     */
    static int[] reshaping(List<ColumnInfo> actual, List<ColumnInfo> pinned) {
        if (actual.size() == pinned.size() && namesEqual(actual, pinned)) {
            return null;
        }
        Map<String, List<Integer>> positions = new HashMap<>();
        for (int i = 0; i < actual.size(); i++) {
            positions.computeIfAbsent(actual.get(i).name(), k -> new ArrayList<>()).add(i);
        }
        int[] from = new int[pinned.size()];
        Map<String, Integer> used = new HashMap<>();
        for (int i = 0; i < from.length; i++) {
            String name = pinned.get(i).name();
            int nth = used.merge(name, 1, Integer::sum) - 1;
            List<Integer> at = positions.getOrDefault(name, List.of());
            from[i] = nth < at.size() ? at.get(nth) : -1;
        }
        return from;
    }

    /** The row laid out by {@link #reshaping}; the row itself when {@code from} is null. */
    static Value[] reshape(Value[] row, int[] from) {
        if (from == null) {
            return row;
        }
        Value[] out = new Value[from.length];
        for (int i = 0; i < from.length; i++) {
            out[i] = from[i] < 0 ? Value.NULL : row[from[i]];
        }
        return out;
    }

    private static boolean namesEqual(List<ColumnInfo> a, List<ColumnInfo> b) {
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).name().equals(b.get(i).name())) {
                return false;
            }
        }
        return true;
    }

    /** The types that fit every value of {@code rows}. */
    static PgType[] fitted(List<ColumnInfo> columns, List<Value[]> rows) {
        PgType[] out = new PgType[columns.size()];
        for (int c = 0; c < out.length; c++) {
            ValueType planned = columns.get(c).type();
            Set<ValueType> seen = EnumSet.noneOf(ValueType.class);
            for (Value[] row : rows) {
                Value v = c < row.length ? row[c] : null;
                if (v != null && !v.isNull()) {
                    seen.add(v.type());
                }
            }
            ValueType t;
            if (seen.isEmpty() || (seen.size() == 1 && seen.contains(planned))) {
                t = planned;
            } else if (seen.size() == 1) {
                t = seen.iterator().next();
            } else if (NUMERIC.containsAll(seen)) {
                t = seen.contains(ValueType.DOUBLE) ? ValueType.DOUBLE : ValueType.DECIMAL;
            } else {
                t = ValueType.TEXT;
            }
            out[c] = PgType.forValueType(t);
        }
        return out;
    }

    static List<PgWriter.Field> fields(List<ColumnInfo> columns, PgType[] types, short[] formats) {
        List<PgWriter.Field> out = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            out.add(new PgWriter.Field(columns.get(i).name(), types[i].oid, types[i].size, -1, format(formats, i)));
        }
        return out;
    }

    static short format(short[] formats, int i) {
        return formats.length == 0 ? 0 : formats.length == 1 ? formats[0] : i < formats.length ? formats[i] : 0;
    }

    /**
     * @throws NodeDbException 42804 when a value cannot be sent as its column's announced binary type (the client
     *     described a statement whose plan promised another type); the connection stays usable
     */
    static byte[][] encodeRow(Value[] row, PgType[] types, short[] formats, java.time.ZoneId zone) {
        byte[][] out = new byte[row.length][];
        for (int i = 0; i < row.length; i++) {
            Value v = row[i];
            if (v == null || v.isNull()) {
                continue;
            }
            PgType type = i < types.length ? types[i] : PgType.TEXT;
            if (format(formats, i) == 1) {
                try {
                    out[i] = PgBinary.encode(v, type);
                } catch (RuntimeException e) {
                    throw new NodeDbException(SqlState.DATATYPE_MISMATCH, "cannot send a "
                            + v.type().name().toLowerCase(Locale.ROOT) + " value in binary as column type "
                            + type.name().toLowerCase(Locale.ROOT) + " (column " + (i + 1) + ")", e);
                }
            } else {
                out[i] = PgText.encode(v, zone);
            }
        }
        return out;
    }
}
