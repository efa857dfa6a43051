package io.nodedb.core.document;

import io.nodedb.core.catalog.ColumnDef;
import io.nodedb.core.catalog.SchemaVersion;
import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueCodec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Rows of strict collections as binary tuples, laid out by the schema version they were written with. Field
 * access is O(1): every column has a fixed slot, and variable-length columns keep their end offset in theirs.
 * <pre>
 * null bitmap      ceil(columns / 8) bytes, bit i set = column i is NULL
 * fixed section    one slot per column, in schema order:
 *                    BIGINT, DOUBLE, TIMESTAMP: 8 bytes; BOOL: 1; UUID: 16; VECTOR(n): 4n (float32)
 *                    variable-length types: 4-byte end offset of the value in the variable section
 * variable section TEXT as UTF-8, BYTES raw, GEOMETRY as WKB, other types (DECIMAL, ...) as MessagePack;
 *                  a value starts where the previous variable column's value ends
 * </pre>
 * All integers little-endian. The stored document around it records the schema version; a reader maps that
 * version's columns onto the current schema by column id, so dropped columns vanish, added ones read as NULL (the
 * SQL layer applies their defaults) and renamed ones keep their data.
 */
final class RowTuples {
    private RowTuples() {
    }

    /** How one column is stored. */
    private enum Kind {
        INT64(8), FLOAT64(8), BOOL(1), TIMESTAMP(8), UUID(16), VECTOR(-1), TEXT(4), BYTES(4), GEOMETRY(4), PACKED(4);

        final int width;

        Kind(int width) {
            this.width = width;
        }
    }

    /** Slots of one schema version, computed once per version. */
    private record Layout(Kind[] kinds, int[] widths, int[] offsets, int[] previousVariable, int bitmapBytes,
            int fixedBytes) {
    }

    /** Schema instances are replaced when the catalog changes; past this many entries the caches start over. */
    private static final int CACHE_LIMIT = 4096;
    private static final Map<SchemaPair, Layout> LAYOUTS = new java.util.concurrent.ConcurrentHashMap<>();

    private static Layout layout(SchemaVersion schema) {
        if (LAYOUTS.size() > CACHE_LIMIT) {
            LAYOUTS.clear();
        }
        return LAYOUTS.computeIfAbsent(new SchemaPair(schema, schema), pair -> computeLayout(schema));
    }

    private static Layout computeLayout(SchemaVersion schema) {
        List<ColumnDef> cols = schema.columns();
        int n = cols.size();
        Kind[] kinds = new Kind[n];
        int[] widths = new int[n];
        int[] offsets = new int[n];
        int[] previousVariable = new int[n];
        int bitmap = (n + 7) / 8;
        int offset = bitmap;
        int lastVariable = -1;
        for (int i = 0; i < n; i++) {
            String type = cols.get(i).type().toUpperCase(Locale.ROOT);
            kinds[i] = kindOf(type);
            widths[i] = kinds[i] == Kind.VECTOR ? 4 * vectorDimension(type) : kinds[i].width;
            offsets[i] = offset;
            offset += widths[i];
            previousVariable[i] = lastVariable;
            if (isVariable(kinds[i])) {
                lastVariable = i;
            }
        }
        return new Layout(kinds, widths, offsets, previousVariable, bitmap, offset);
    }

    private static boolean isVariable(Kind k) {
        return k == Kind.TEXT || k == Kind.BYTES || k == Kind.GEOMETRY || k == Kind.PACKED;
    }

    private static Kind kindOf(String type) {
        if (type.startsWith("VECTOR")) {
            return Kind.VECTOR;
        }
        return switch (type) {
            case "BIGINT", "INT", "INTEGER", "INT8", "INT4", "SMALLINT", "INT2" -> Kind.INT64;
            case "FLOAT", "DOUBLE", "DOUBLE PRECISION", "REAL", "FLOAT8", "FLOAT4" -> Kind.FLOAT64;
            case "BOOL", "BOOLEAN" -> Kind.BOOL;
            case "TIMESTAMP", "TIMESTAMPTZ" -> Kind.TIMESTAMP;
            case "UUID" -> Kind.UUID;
            case "TEXT", "STRING", "VARCHAR" -> Kind.TEXT;
            case "BYTES", "BYTEA" -> Kind.BYTES;
            case "GEOMETRY" -> Kind.GEOMETRY;
            default -> Kind.PACKED;
        };
    }

    static int vectorDimension(String type) {
        int open = type.indexOf('(');
        int close = type.indexOf(')');
        if (open < 0 || close < open) {
            throw new NodeDbException(SqlState.DATA_EXCEPTION, "VECTOR column type needs a dimension, got " + type);
        }
        return Integer.parseInt(type.substring(open + 1, close).trim());
    }

    /** Encodes a row under {@code schema}. Fields must be columns of the schema and match their types. */
    static byte[] encode(SchemaVersion schema, Value.Obj row, String collection) {
        Layout l = layout(schema);
        List<ColumnDef> cols = schema.columns();
        for (String name : row.names()) {
            if (!hasColumn(cols, name)) {
                throw new NodeDbException(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" of \"" + collection
                        + "\" does not exist");
            }
        }
        byte[][] variable = new byte[cols.size()][];
        int variableBytes = 0;
        for (int i = 0; i < cols.size(); i++) {
            Value v = row.get(cols.get(i).name());
            if (v != null && !v.isNull() && isVariable(l.kinds[i])) {
                variable[i] = variableBytes(l.kinds[i], v, cols.get(i), collection);
                variableBytes += variable[i].length;
            }
        }
        ByteBuffer out = ByteBuffer.allocate(l.fixedBytes + variableBytes).order(ByteOrder.LITTLE_ENDIAN);
        int variableEnd = 0;
        for (int i = 0; i < cols.size(); i++) {
            ColumnDef col = cols.get(i);
            Value v = row.get(col.name());
            int at = l.offsets[i];
            if (v == null || v.isNull()) {
                if (!col.nullable() || col.primaryKey()) {
                    throw new NodeDbException(SqlState.NOT_NULL_VIOLATION, "null value in column \"" + col.name()
                            + "\" of \"" + collection + "\" violates not-null constraint");
                }
                out.put(i >> 3, (byte) (out.get(i >> 3) | (1 << (i & 7))));
                if (isVariable(l.kinds[i])) {
                    out.putInt(at, variableEnd);
                }
                continue;
            }
            switch (l.kinds[i]) {
                case INT64 -> out.putLong(at, requireType(v, Value.Int.class, col, collection).value());
                case FLOAT64 -> out.putDouble(at, v instanceof Value.Int n ? n.value()
                        : requireType(v, Value.Float.class, col, collection).value());
                case BOOL -> out.put(at, (byte) (requireType(v, Value.Bool.class, col, collection).value() ? 1 : 0));
                case TIMESTAMP -> out.putLong(at, requireType(v, Value.Timestamp.class, col, collection).micros());
                case UUID -> {
                    UUID u = requireType(v, Value.Uuid.class, col, collection).value();
                    out.putLong(at, u.getMostSignificantBits()).putLong(at + 8, u.getLeastSignificantBits());
                }
                case VECTOR -> {
                    Value.Vector vec = requireType(v, Value.Vector.class, col, collection);
                    if (vec.dimensions() * 4 != l.widths[i]) {
                        throw new NodeDbException(SqlState.DATA_EXCEPTION, "column \"" + col.name() + "\" is "
                                + col.type() + " but the vector has " + vec.dimensions() + " dimensions");
                    }
                    for (int d = 0; d < vec.dimensions(); d++) {
                        out.putFloat(at + 4 * d, vec.get(d));
                    }
                }
                case TEXT, BYTES, GEOMETRY, PACKED -> {
                    out.put(l.fixedBytes + variableEnd, variable[i]);
                    variableEnd += variable[i].length;
                    out.putInt(at, variableEnd);
                }
            }
        }
        return out.array();
    }

    private static boolean hasColumn(List<ColumnDef> cols, String name) {
        for (int i = 0; i < cols.size(); i++) {
            if (cols.get(i).name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] variableBytes(Kind kind, Value v, ColumnDef col, String collection) {
        return switch (kind) {
            case TEXT -> requireType(v, Value.Str.class, col, collection).value().getBytes(StandardCharsets.UTF_8);
            case BYTES -> requireType(v, Value.Bytes.class, col, collection).value();
            case GEOMETRY -> requireType(v, Value.Geometry.class, col, collection).wkb();
            default -> ValueCodec.encode(v);
        };
    }

    private static <T extends Value> T requireType(Value v, Class<T> type, ColumnDef col, String collection) {
        if (!type.isInstance(v)) {
            throw new NodeDbException(SqlState.DATATYPE_MISMATCH, "column \"" + col.name() + "\" of \"" + collection
                    + "\" is of type " + col.type() + " but the value is of type " + v.type());
        }
        return type.cast(v);
    }

    /**
     * Decodes a tuple written under {@code written} into a row of {@code current}: fields in the current schema's
     * order and names; columns the written version did not have are left out.
     */
    static Value.Obj decode(byte[] buf, int off, int len, SchemaVersion written, SchemaVersion current) {
        Projection p = projection(written, current);
        Layout l = layout(written);
        Value.Obj.Builder row = Value.Obj.builder();
        for (int c = 0; c < p.names.length; c++) {
            row.put(p.names[c], read(buf, off, l, p.slots[c]));
        }
        return row.build();
    }

    /**
     * Reads tuples written under one schema version as rows of another (the current one) by column position,
     * without building documents: what a scan uses, resolved once per version instead of once per row.
     */
    static final class ColumnReader {
        private final Layout layout;
        /** Per column of the current schema: its slot in the written tuple, or -1 if the version lacks it. */
        private final int[] slots;

        private ColumnReader(SchemaVersion written, SchemaVersion current) {
            this.layout = layout(written);
            List<ColumnDef> cols = written.columns();
            List<ColumnDef> target = current.columns();
            this.slots = new int[target.size()];
            for (int c = 0; c < slots.length; c++) {
                slots[c] = -1;
                for (int i = 0; i < cols.size(); i++) {
                    if (cols.get(i).id() == target.get(c).id()) {
                        slots[c] = i;
                    }
                }
            }
        }

        /**
         * Puts column c of the tuple at {@code buf[off..]} into {@code row[c]} for every c with {@code wanted[c]}
         * (null: every column): its value, {@link Value#NULL} for SQL NULL, or null when the tuple's version has no
         * such column.
         */
        void read(byte[] buf, int off, boolean[] wanted, Value[] row) {
            for (int c = 0; c < slots.length; c++) {
                if (wanted == null || wanted[c]) {
                    row[c] = slots[c] < 0 ? null : RowTuples.read(buf, off, layout, slots[c]);
                }
            }
        }
    }

    /** For each column of the current schema the written version also has: its name and its slot in the tuple. */
    private record Projection(String[] names, int[] slots) {
    }

    /**
     * Compares schema versions by identity: a record's value hash would walk every column definition on every row,
     * and the catalog hands out the same instances until the schema changes.
     */
    private record SchemaPair(SchemaVersion written, SchemaVersion current) {
        @Override
        public boolean equals(Object o) {
            return o instanceof SchemaPair p && p.written == written && p.current == current;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(written) * 31 + System.identityHashCode(current);
        }
    }

    private static final Map<SchemaPair, ColumnReader> COLUMN_READERS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The reader of tuples written in {@code written} into columns of {@code current}, built once per pair. */
    static ColumnReader columnReader(SchemaVersion written, SchemaVersion current) {
        if (COLUMN_READERS.size() > CACHE_LIMIT) {
            COLUMN_READERS.clear();
        }
        return COLUMN_READERS.computeIfAbsent(new SchemaPair(written, current),
                pair -> new ColumnReader(written, current));
    }

    private static final Map<SchemaPair, Projection> PROJECTIONS = new java.util.concurrent.ConcurrentHashMap<>();

    private static Projection projection(SchemaVersion written, SchemaVersion current) {
        if (PROJECTIONS.size() > CACHE_LIMIT) {
            PROJECTIONS.clear();
        }
        return PROJECTIONS.computeIfAbsent(new SchemaPair(written, current), pair -> {
            List<ColumnDef> cols = written.columns();
            Map<Integer, Integer> slotById = new HashMap<>(cols.size() * 2);
            for (int i = 0; i < cols.size(); i++) {
                slotById.put(cols.get(i).id(), i);
            }
            List<String> names = new java.util.ArrayList<>();
            List<Integer> slots = new java.util.ArrayList<>();
            for (ColumnDef col : current.columns()) {
                Integer slot = slotById.get(col.id());
                if (slot != null) {
                    names.add(col.name());
                    slots.add(slot);
                }
            }
            return new Projection(names.toArray(String[]::new), slots.stream().mapToInt(Integer::intValue).toArray());
        });
    }

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle DOUBLE = MethodHandles.byteArrayViewVarHandle(double[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle FLOAT = MethodHandles.byteArrayViewVarHandle(float[].class,
            ByteOrder.LITTLE_ENDIAN);

    /** Column {@code i} of the tuple starting at {@code buf[base]}, read in place (no buffer objects per row). */
    private static Value read(byte[] buf, int base, Layout l, int i) {
        if ((buf[base + (i >> 3)] & (1 << (i & 7))) != 0) {
            return Value.NULL;
        }
        int at = base + l.offsets[i];
        return switch (l.kinds[i]) {
            case INT64 -> new Value.Int((long) LONG.get(buf, at));
            case FLOAT64 -> new Value.Float((double) DOUBLE.get(buf, at));
            case BOOL -> Value.Bool.of(buf[at] != 0);
            case TIMESTAMP -> new Value.Timestamp((long) LONG.get(buf, at));
            case UUID -> new Value.Uuid(new UUID((long) LONG.get(buf, at), (long) LONG.get(buf, at + 8)));
            case VECTOR -> {
                float[] f = new float[l.widths[i] / 4];
                for (int d = 0; d < f.length; d++) {
                    f[d] = (float) FLOAT.get(buf, at + 4 * d);
                }
                yield new Value.Vector(f);
            }
            case TEXT, BYTES, GEOMETRY, PACKED -> {
                int prev = l.previousVariable[i];
                int variable = base + l.fixedBytes;
                int start = variable + (prev < 0 ? 0 : (int) INT.get(buf, base + l.offsets[prev]));
                int end = variable + (int) INT.get(buf, at);
                yield switch (l.kinds[i]) {
                    case TEXT -> new Value.Str(new String(buf, start, end - start, StandardCharsets.UTF_8));
                    case BYTES -> new Value.Bytes(Arrays.copyOfRange(buf, start, end));
                    case GEOMETRY -> new Value.Geometry(Arrays.copyOfRange(buf, start, end));
                    default -> ValueCodec.decode(buf, start, end - start);
                };
            }
        };
    }
}
