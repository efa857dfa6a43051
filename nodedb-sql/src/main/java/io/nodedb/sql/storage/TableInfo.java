package io.nodedb.sql.storage;

import io.nodedb.core.catalog.CollectionDef;
import io.nodedb.core.catalog.CollectionKind;
import io.nodedb.core.catalog.ColumnDef;
import io.nodedb.core.document.IndexKeys;
import io.nodedb.core.document.RowCursor;
import io.nodedb.core.value.Value;
import io.nodedb.sql.ast.TypeName;
import io.nodedb.sql.parser.TypeNames;

import java.util.ArrayList;
import java.util.List;

/**
 * A collection as rows: the row layout the executor sees and the mapping between rows and stored documents.
 * This is the one place that knows how rows are stored.
 *
 * <p>Layout: a strict row is its current columns then a hidden key slot; a schemaless row is the document then the
 * key slot. The core stores strict rows as binary tuples and maps rows written under older schema versions onto
 * the current one by column id (so renames keep data and dropped columns vanish); a column added later is absent
 * from older rows, which then read the value recorded when the column was added, kept in the collection's
 * options under {@value #HISTORY_OPTION} as {@code [{column, value}]}.
 */
public final class TableInfo {
    public static final String HISTORY_OPTION = "__schema_history";

    public record Column(String name, TypeName type, boolean nullable, boolean primaryKey, String defaultSql) {
    }

    /**
     * Option naming the columns of a primary key of several columns, in key order (an array of names). Their
     * {@link ColumnDef#primaryKey()} flags say which columns are key columns, not in which order.
     */
    public static final String PRIMARY_KEY_OPTION = "__primary_key";

    private final CollectionDef def;
    private final List<Column> columns;
    private final int pkIndex;
    private final int[] keyIndexes;
    private final Value[] fill;

    public TableInfo(CollectionDef def) {
        this.def = def;
        List<Column> cols = new ArrayList<>();
        if (def.currentSchema() != null) {
            for (ColumnDef c : def.currentSchema().columns()) {
                cols.add(new Column(c.name(), TypeNames.fromCatalog(c.type()), c.nullable(), c.primaryKey(),
                        c.defaultSql()));
            }
        }
        this.columns = List.copyOf(cols);
        List<String> keyNames = primaryKeyColumns(def);
        this.keyIndexes = new int[keyNames.size()];
        for (int i = 0; i < keyIndexes.length; i++) {
            keyIndexes[i] = columnIndex(keyNames.get(i));
        }
        this.pkIndex = keyIndexes.length == 1 ? keyIndexes[0] : -1;
        this.fill = new Value[cols.size()];
        java.util.Arrays.fill(fill, Value.NULL);
        for (Value h : history()) {
            int i = columnIndex(h.asObj().getString("column"));
            if (i >= 0) {
                fill[i] = h.asObj().get("value");
            }
        }
    }

    public CollectionDef def() {
        return def;
    }

    public String name() {
        return def.name();
    }

    /** Whether rows have declared columns: strict and key-value collections. */
    public boolean strict() {
        return def.kind() == CollectionKind.STRICT || def.kind() == CollectionKind.KEY_VALUE;
    }

    /** Whether the rows live in the key-value engine (see {@link KvRows}). */
    public boolean kv() {
        return def.kind() == CollectionKind.KEY_VALUE;
    }

    public List<Column> columns() {
        return columns;
    }

    /**
     * Index of the primary key column, or -1 when the key is hidden (generated), has several columns (see
     * {@link #keyIndexes()}) or the collection is schemaless.
     */
    public int pkIndex() {
        return pkIndex;
    }

    /** Indexes of the primary key's columns in key order; empty when the key is hidden or the rows schemaless. */
    public int[] keyIndexes() {
        return keyIndexes.clone();
    }

    /** Whether the primary key has several columns, so rows are stored under {@link #compositeId}. */
    public boolean compositeKey() {
        return keyIndexes.length > 1;
    }

    public boolean isKeyColumn(int column) {
        for (int k : keyIndexes) {
            if (k == column) {
                return true;
            }
        }
        return false;
    }

    /**
     * The stored id of a row under a primary key of several columns: the key values as one order-preserving byte
     * string (see {@link IndexKeys#tuple}), so rows sort by the key columns in key order and a point get is one
     * read. The values must already have their columns' types, or equal keys could encode differently.
     */
    public static Value compositeId(List<Value> keyValues) {
        return new Value.Bytes(IndexKeys.tuple(keyValues));
    }

    /** The primary key's column names in key order; empty when the key is hidden or the collection schemaless. */
    public static List<String> primaryKeyColumns(CollectionDef def) {
        if (def.currentSchema() == null) {
            return List.of();
        }
        if (def.options().get(PRIMARY_KEY_OPTION) instanceof Value.Array a) {
            return a.elements().stream().map(v -> ((Value.Str) v).value()).toList();
        }
        return def.currentSchema().columns().stream().filter(ColumnDef::primaryKey).map(ColumnDef::name).toList();
    }

    public int width() {
        return strict() ? columns.size() + 1 : 2;
    }

    public int columnIndex(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    public Value[] decode(Value id, Value.Obj stored) {
        Value[] row = new Value[width()];
        row[row.length - 1] = id;
        if (!strict()) {
            row[0] = stored;
            return row;
        }
        for (int i = 0; i < columns.size(); i++) {
            Value value = stored.get(columns.get(i).name());
            row[i] = value != null ? value : fill[i];
        }
        return row;
    }

    /**
     * Completes a strict row whose columns a {@link RowCursor} filled: a column the row's schema version lacked
     * (null) reads as the value recorded when it was added, and the key slot gets {@code id} (null when the query
     * does not read the key).
     */
    public Value[] complete(Value[] row, Value id) {
        for (int i = 0; i < columns.size(); i++) {
            if (row[i] == null) {
                row[i] = fill[i];
            }
        }
        row[row.length - 1] = id;
        return row;
    }

    /** The stored form of a strict row: its columns by name. */
    public Value.Obj encode(Value[] row) {
        Value.Obj.Builder b = Value.Obj.builder();
        for (int i = 0; i < columns.size(); i++) {
            b.put(columns.get(i).name(), row[i]);
        }
        return b.build();
    }

    /** Option holding the CHECK constraints: an array of {name, sql} objects, in the order they were added. */
    public static final String CHECKS_OPTION = "__checks";

    /** A CHECK constraint as stored: its name and the SQL text of its condition. */
    public record Check(String name, String sql) {
    }

    public List<Check> checks() {
        Value stored = def.options().get(CHECKS_OPTION);
        if (!(stored instanceof Value.Array a)) {
            return List.of();
        }
        List<Check> out = new java.util.ArrayList<>();
        for (Value v : a.elements()) {
            Value.Obj o = (Value.Obj) v;
            out.add(new Check(((Value.Str) o.get("name")).value(), ((Value.Str) o.get("sql")).value()));
        }
        return out;
    }

    /**
     * Option holding the FOREIGN KEY constraints: an array of {name, columns, parent, parent_columns} objects, the
     * parent's columns always spelled out (its key when the constraint named none).
     */
    public static final String FOREIGN_KEYS_OPTION = "__foreign_keys";

    /** A FOREIGN KEY constraint as stored. */
    public record ForeignKey(String name, List<String> columns, String parent, List<String> parentColumns) {
        public Value toValue() {
            return Value.Obj.builder().put("name", Value.of(name)).put("columns", names(columns))
                    .put("parent", Value.of(parent)).put("parent_columns", names(parentColumns)).build();
        }

        private static Value names(List<String> names) {
            return new Value.Array(names.stream().map(n -> (Value) Value.of(n)).toList());
        }
    }

    public List<ForeignKey> foreignKeys() {
        return foreignKeys(def);
    }

    public static List<ForeignKey> foreignKeys(CollectionDef def) {
        if (!(def.options().get(FOREIGN_KEYS_OPTION) instanceof Value.Array a)) {
            return List.of();
        }
        List<ForeignKey> out = new ArrayList<>();
        for (Value v : a.elements()) {
            Value.Obj o = (Value.Obj) v;
            out.add(new ForeignKey(o.getString("name"), strings(o.get("columns")), o.getString("parent"),
                    strings(o.get("parent_columns"))));
        }
        return out;
    }

    private static List<String> strings(Value array) {
        return ((Value.Array) array).elements().stream().map(v -> ((Value.Str) v).value()).toList();
    }

    public List<Value> history() {
        Value h = def.options().get(HISTORY_OPTION);
        return h instanceof Value.Array a ? a.elements() : List.of();
    }
}
