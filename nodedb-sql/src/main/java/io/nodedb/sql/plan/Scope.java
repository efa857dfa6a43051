package io.nodedb.sql.plan;

import io.nodedb.core.value.ValueType;

import java.util.ArrayList;
import java.util.List;

/**
 * The columns of the rows an expression is evaluated on, for name resolution. An open column holds a whole
 * schemaless document whose fields are resolved by name at run time; a hidden column (a row's storage key) is
 * never visible to SQL.
 */
public final class Scope {
    /**
     * One column. {@code source} is, for an open column, the schemaless collection its documents come from (null
     * when unknown, e.g. a UNION of two collections): what a client describing the statement before running it is
     * told the fields are is sampled from there.
     */
    public record Col(String qualifier, String name, ValueType type, boolean open, boolean hidden, String source) {
        public Col(String qualifier, String name, ValueType type, boolean open, boolean hidden) {
            this(qualifier, name, type, open, hidden, null);
        }

        public static Col of(String qualifier, String name, ValueType type) {
            return new Col(qualifier, name, type, false, false);
        }
    }

    private final List<Col> columns;
    private final Scope outer;
    private int innerUses;

    public Scope(List<Col> columns, Scope outer) {
        this.columns = List.copyOf(columns);
        this.outer = outer;
    }

    public static Scope empty(Scope outer) {
        return new Scope(List.of(), outer);
    }

    public List<Col> columns() {
        return columns;
    }

    public Scope outer() {
        return outer;
    }

    public int width() {
        return columns.size();
    }

    /** Counts references from subqueries bound below this scope; a change while planning one means it is correlated. */
    void markUsedByInner() {
        innerUses++;
    }

    int innerUses() {
        return innerUses;
    }

    public Scope concat(Scope other) {
        List<Col> all = new ArrayList<>(columns);
        all.addAll(other.columns);
        return new Scope(all, outer);
    }

    public Scope withOuter(Scope newOuter) {
        return new Scope(columns, newOuter);
    }

    public Scope requalified(String qualifier) {
        List<Col> out = new ArrayList<>();
        for (Col c : columns) {
            out.add(new Col(qualifier, c.name(), c.type(), c.open(), c.hidden(), c.source()));
        }
        return new Scope(out, outer);
    }
}
