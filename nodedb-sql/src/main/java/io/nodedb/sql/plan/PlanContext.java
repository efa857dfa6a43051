package io.nodedb.sql.plan;

import io.nodedb.core.catalog.Catalog;
import io.nodedb.core.catalog.CollectionDef;
import io.nodedb.core.value.ValueType;
import io.nodedb.core.vector.IndexDefinition;
import io.nodedb.core.vector.VectorEngine;
import io.nodedb.sql.SqlErrors;
import io.nodedb.sql.storage.TableInfo;

import java.time.ZoneId;
import java.time.ZoneOffset;
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
    private final VectorEngine vectors;
    private final ZoneId zone;
    private final List<Map<String, IndexDefinition>> vectorScopes = new ArrayList<>();
    private final List<Map<String, CteDef>> cteFrames = new ArrayList<>();
    private final Map<Integer, ValueType> paramTypes = new HashMap<>();
    private int maxParam;
    private boolean subqueries;

    /** A CTE visible by name: its plan (shared via a materialization key) and its output columns. */
    public record CteDef(String name, Object key, io.nodedb.sql.exec.PlanNode body, Scope columns,
            boolean workTable) {
    }

    /** For expressions stored in the catalog (defaults, checks), whose text constants are read in UTC. */
    public PlanContext(Catalog catalog, Function<CollectionDef, TableInfo> tables) {
        this(catalog, tables, null, ZoneOffset.UTC);
    }

    /**
     * @param vectors the vector indexes a query may use; null plans without any
     * @param zone the session time zone, in which text constants are read as timestamps
     */
    public PlanContext(Catalog catalog, Function<CollectionDef, TableInfo> tables, VectorEngine vectors,
            ZoneId zone) {
        this.catalog = catalog;
        this.tables = tables;
        this.vectors = vectors;
        this.zone = zone;
    }

    /** The session time zone the statement is planned for. */
    public ZoneId zone() {
        return zone;
    }

    /** The vector engine, or null when planning without vector indexes. */
    public VectorEngine vectors() {
        return vectors;
    }

    /** Vector indexes on the collection, by field path. */
    public Map<String, IndexDefinition> vectorIndexesOn(String collection) {
        Map<String, IndexDefinition> out = new HashMap<>();
        if (vectors != null) {
            for (IndexDefinition d : vectors.indexesOn(collection)) {
                out.putIfAbsent(d.field(), d);
            }
        }
        return out;
    }

    /**
     * Makes the vector indexes of a SELECT's single table visible to distance expressions in it: {@code f <-> q}
     * and {@code vector_distance(f, q)} take the metric of the index on {@code f}. Keys are the field as written,
     * with and without the table qualifier.
     */
    public void pushVectorScope(Map<String, IndexDefinition> byWrittenField) {
        vectorScopes.add(byWrittenField);
    }

    public void popVectorScope() {
        vectorScopes.removeLast();
    }

    /** The index whose metric a distance on this field (as written, e.g. "a.emb") uses, or null. */
    public IndexDefinition vectorIndexFor(String writtenField) {
        for (int i = vectorScopes.size() - 1; i >= 0; i--) {
            IndexDefinition d = vectorScopes.get(i).get(writtenField);
            if (d != null) {
                return d;
            }
        }
        return null;
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

    /** Called for every subquery planned in the statement. */
    void noteSubquery() {
        subqueries = true;
    }

    /** Whether the statement has subqueries (their cost does not show in the plan tree's nodes). */
    public boolean hasSubqueries() {
        return subqueries;
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
