package io.nodedb.sql.session;

import io.nodedb.core.db.Database;
import io.nodedb.core.document.DocumentCursor;
import io.nodedb.core.document.DocumentReadView;
import io.nodedb.core.document.VersionedDocument;
import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueType;
import io.nodedb.sql.ColumnInfo;
import io.nodedb.sql.plan.Scope;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns executor rows into result rows. Open (schemaless) columns expand into one column per field, in the order
 * fields first appear across the result; a document without a field shows NULL there.
 */
public final class Results {
    private Results() {
    }

    public static List<ColumnInfo> declared(Scope scope) {
        List<ColumnInfo> out = new ArrayList<>();
        for (Scope.Col c : scope.columns()) {
            if (!c.hidden()) {
                out.add(new ColumnInfo(c.name(), c.open() ? ValueType.OBJECT : c.type() == null ? ValueType.NULL
                        : c.type()));
            }
        }
        return out;
    }

    /** Documents read from a collection to learn the fields its open column is described with before running. */
    static final int DESCRIBE_SAMPLE = 1000;

    /**
     * The columns a client is told before the statement runs: open columns expand into the fields of the first
     * {@value #DESCRIBE_SAMPLE} documents of their source collection, in the order they first appear (none when
     * the source is unknown). The statement's results may later hold other fields; a client that pinned these
     * columns (a prepared statement described once) sees exactly these.
     */
    public static List<ColumnInfo> sampled(Scope scope, Database db) {
        List<Scope.Col> cols = scope.columns();
        if (cols.stream().noneMatch(Scope.Col::open)) {
            return declared(scope);
        }
        List<ColumnInfo> out = new ArrayList<>();
        try (DocumentReadView view = db.readView()) {
            for (Scope.Col c : cols) {
                if (c.hidden()) {
                    continue;
                }
                if (!c.open()) {
                    out.add(new ColumnInfo(c.name(), c.type() == null ? ValueType.NULL : c.type()));
                } else if (c.source() != null && view.catalog().find(c.source()) != null) {
                    List<Value[]> sample = new ArrayList<>();
                    try (DocumentCursor cursor = view.scan(c.source())) {
                        for (VersionedDocument d = cursor.next(); d != null && sample.size() < DESCRIBE_SAMPLE;
                                d = cursor.next()) {
                            sample.add(new Value[] {d.document()});
                        }
                    }
                    List<ColumnInfo> fields = new ArrayList<>();
                    expand(new Scope(List.of(c), null), sample, fields, new ArrayList<>());
                    out.addAll(fields);
                }
            }
        }
        return out;
    }

    /** Expands open columns; columns and rows are returned through the two output lists. */
    public static void expand(Scope scope, List<Value[]> rows, List<ColumnInfo> columnsOut, List<Value[]> rowsOut) {
        List<Scope.Col> cols = scope.columns();
        boolean anyOpen = false;
        for (int i = 0; i < cols.size() && !anyOpen; i++) {
            anyOpen = cols.get(i).open();
        }
        if (!anyOpen) {
            for (int i = 0; i < cols.size(); i++) {
                Scope.Col c = cols.get(i);
                columnsOut.add(new ColumnInfo(c.name(), c.type() != null ? c.type() : inferred(rows, i, null)));
            }
            rowsOut.addAll(rows);
            return;
        }
        List<Object> layout = new ArrayList<>();
        for (int i = 0; i < cols.size(); i++) {
            Scope.Col c = cols.get(i);
            if (!c.open()) {
                layout.add(i);
                columnsOut.add(new ColumnInfo(c.name(), c.type() != null ? c.type() : inferred(rows, i, null)));
                continue;
            }
            Map<String, Integer> fields = new LinkedHashMap<>();
            for (Value[] r : rows) {
                if (r[i] instanceof Value.Obj o) {
                    for (String f : o.names()) {
                        fields.putIfAbsent(f, fields.size());
                    }
                }
            }
            for (String f : fields.keySet()) {
                layout.add(new int[] {i});
                layout.add(f);
                columnsOut.add(new ColumnInfo(f, inferred(rows, i, f)));
            }
        }
        for (Value[] r : rows) {
            Value[] out = new Value[columnsOut.size()];
            int k = 0;
            for (int j = 0; j < layout.size(); j++) {
                Object l = layout.get(j);
                if (l instanceof Integer slot) {
                    out[k++] = r[slot];
                } else {
                    int slot = ((int[]) l)[0];
                    String f = (String) layout.get(++j);
                    Value v = r[slot] instanceof Value.Obj o ? o.get(f) : null;
                    out[k++] = v == null ? Value.NULL : v;
                }
            }
            rowsOut.add(out);
        }
    }

    /**
     * The columns {@link #expand} gives a result, learned batch by batch without keeping the rows: a query can be
     * described by its whole result in memory bounded by its number of fields.
     */
    public static final class Columns {
        private final List<Scope.Col> cols;
        /** Per column: for a closed one the type seen so far; for an open one, per field the type seen so far. */
        private final List<Map<String, ValueType>> seen = new ArrayList<>();
        /** The key a closed column's type is kept under (a closed column has one "field": itself). */
        private static final String CLOSED = "";

        public Columns(Scope scope) {
            this.cols = scope.columns();
            for (int i = 0; i < cols.size(); i++) {
                seen.add(new LinkedHashMap<>());
            }
        }

        public void add(List<Value[]> rows) {
            for (Value[] r : rows) {
                for (int i = 0; i < cols.size(); i++) {
                    Scope.Col c = cols.get(i);
                    Map<String, ValueType> types = seen.get(i);
                    if (!c.open()) {
                        if (c.type() == null) {
                            note(types, CLOSED, r[i]);
                        }
                    } else if (r[i] instanceof Value.Obj o) {
                        for (String f : o.names()) {
                            note(types, f, o.get(f));
                        }
                    }
                }
            }
        }

        /** Keeps the field's first appearance; its type is the values' one type, NULL when none or mixed. */
        private static void note(Map<String, ValueType> types, String field, Value v) {
            ValueType known = types.get(field);
            if (v == null || v.isNull()) {
                types.putIfAbsent(field, null);
            } else if (known == null) {
                types.put(field, v.type());
            } else if (known != v.type()) {
                types.put(field, ValueType.NULL);
            }
        }

        public List<ColumnInfo> columns() {
            List<ColumnInfo> out = new ArrayList<>();
            for (int i = 0; i < cols.size(); i++) {
                Scope.Col c = cols.get(i);
                Map<String, ValueType> types = seen.get(i);
                if (!c.open()) {
                    ValueType t = c.type() != null ? c.type() : types.get(CLOSED);
                    out.add(new ColumnInfo(c.name(), t == null ? ValueType.NULL : t));
                } else {
                    types.forEach((f, t) -> out.add(new ColumnInfo(f, t == null ? ValueType.NULL : t)));
                }
            }
            return out;
        }
    }

    /** The one type all non-null values share, or NULL (unknown / mixed). */
    private static ValueType inferred(List<Value[]> rows, int slot, String field) {
        ValueType t = null;
        for (Value[] r : rows) {
            Value v = field == null ? r[slot] : r[slot] instanceof Value.Obj o ? o.get(field) : null;
            if (v == null || v.isNull()) {
                continue;
            }
            if (t == null) {
                t = v.type();
            } else if (t != v.type()) {
                return ValueType.NULL;
            }
        }
        return t == null ? ValueType.NULL : t;
    }
}
