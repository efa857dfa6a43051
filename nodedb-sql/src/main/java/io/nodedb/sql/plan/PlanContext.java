package io.nodedb.sql.plan;

import io.nodedb.core.catalog.Catalog;
import io.nodedb.core.catalog.CollectionDef;
import io.nodedb.core.value.ValueType;
import io.nodedb.sql.SqlErrors;
import io.nodedb.sql.storage.TableInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * State shared while planning one statement: the catalog it is planned against, the CTEs in scope, and the
 * parameter types inferred so far.
 */
public final class PlanContext {
    private final Catalog catalog;
    private final Function<CollectionDef, TableInfo> tables;
    private final List<Map<String, CteDef>> cteFrames = new ArrayList<>();
    private final Map<Integer, ValueType> paramTypes = new HashMap<>();
    private int maxParam;

    /** A CTE visible by name: its plan (shared via a materialization key) and its output columns. */
    public record CteDef(String name, Object key, io.nodedb.sql.exec.PlanNode body, Scope columns,
            boolean workTable) {
    }

    public PlanContext(Catalog catalog, Function<CollectionDef, TableInfo> tables) {
        this.catalog = catalog;
        this.tables = tables;
    }

    public Catalog catalog() {
        return catalog;
    }

    public TableInfo table(String name, int pos) {
        CollectionDef def = catalog.find(name);
        if (def == null) {
            throw SqlErrors.undefinedTable(name, pos);
        }
        return tables.apply(def);
    }

    public void pushCtes(Map<String, CteDef> frame) {
        cteFrames.add(frame);
    }

    public void popCtes() {
        cteFrames.removeLast();
    }

    public CteDef cte(String name) {
        for (int i = cteFrames.size() - 1; i >= 0; i--) {
            CteDef d = cteFrames.get(i).get(name);
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    public void noteParam(int index, ValueType type) {
        maxParam = Math.max(maxParam, index);
        if (type != null) {
            paramTypes.putIfAbsent(index, type);
        }
    }

    /** Inferred type of each parameter, NULL where nothing constrains it. */
    public List<ValueType> paramTypes() {
        List<ValueType> out = new ArrayList<>();
        for (int i = 1; i <= maxParam; i++) {
            out.add(paramTypes.getOrDefault(i, ValueType.NULL));
        }
        return out;
    }
}
