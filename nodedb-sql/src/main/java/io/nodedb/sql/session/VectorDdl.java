package io.nodedb.sql.session;

import io.nodedb.core.catalog.CollectionDef;
import io.nodedb.core.catalog.CollectionKind;
import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueType;
import io.nodedb.core.vector.IndexDefinition;
import io.nodedb.core.vector.IndexType;
import io.nodedb.core.vector.Metric;
import io.nodedb.core.vector.StorageStats;
import io.nodedb.core.vector.VectorEngine;
import io.nodedb.core.vector.VectorOp;
import io.nodedb.sql.ColumnInfo;
import io.nodedb.sql.SqlErrors;
import io.nodedb.sql.StatementResult;
import io.nodedb.sql.ast.Expr;
import io.nodedb.sql.ast.Statement;
import io.nodedb.sql.exec.ExecContext;
import io.nodedb.sql.expr.SqlValues;
import io.nodedb.sql.plan.ExprBinder;
import io.nodedb.sql.plan.PlanContext;
import io.nodedb.sql.plan.QueryPlanner;
import io.nodedb.sql.plan.Scope;
import io.nodedb.sql.storage.TableInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * CREATE / DROP / ALTER VECTOR INDEX and SHOW VECTOR INDEXES. An index is attached to a field of a document
 * collection: creating it indexes the documents already there, and from then on the vector engine follows every
 * write to the collection (see {@code Database}). ALTER rebuilds the index with its new settings in one log record.
 */
final class VectorDdl implements Compiled {
    /** The field indexed when a schemaless collection's index names none, as in NodeDB's examples. */
    static final String DEFAULT_FIELD = "embedding";

    private final Statement stmt;
    private final Function<CollectionDef, TableInfo> tables;

    VectorDdl(Statement stmt, Function<CollectionDef, TableInfo> tables) {
        this.stmt = stmt;
        this.tables = tables;
    }

    @Override
    public StatementResult execute(SessionState session, Value[] params) {
        return switch (stmt) {
            case Statement.CreateVectorIndex c -> create(session, c);
            case Statement.DropVectorIndex d -> drop(session, d);
            case Statement.AlterVectorIndex a -> alter(session, a);
            case Statement.ShowVectorIndexes s -> show(session, s);
            default -> throw new IllegalStateException("not a vector statement: " + stmt);
        };
    }

    private StatementResult create(SessionState session, Statement.CreateVectorIndex c) {
        VectorEngine vectors = session.db().vectors();
        CollectionDef def = session.catalog().find(c.collection());
        if (def == null) {
            throw SqlErrors.undefinedTable(c.collection(), c.pos());
        }
        if (def.kind() != CollectionKind.DOCUMENT && def.kind() != CollectionKind.STRICT) {
            throw new NodeDbException(SqlState.WRONG_OBJECT_TYPE, "vector indexes are for document collections; \""
                    + c.collection() + "\" is " + def.kind().storedName(), c.pos(), null);
        }
        String field = c.field();
        int dim = c.dim();
        if (def.kind() == CollectionKind.STRICT) {
            TableInfo table = tables.apply(def);
            if (field == null) {
                List<TableInfo.Column> vectorColumns = table.columns().stream()
                        .filter(col -> col.type().base() == ValueType.VECTOR).toList();
                if (vectorColumns.size() != 1) {
                    throw SqlErrors.syntax("name the field to index: CREATE VECTOR INDEX ... ON " + c.collection()
                            + " FIELD column", c.pos());
                }
                field = vectorColumns.getFirst().name();
            }
            int col = table.columnIndex(field);
            if (col < 0) {
                throw SqlErrors.undefinedColumn(field, c.pos());
            }
            var type = table.columns().get(col).type();
            if (type.base() == ValueType.VECTOR) {
                if (dim == 0) {
                    dim = type.dimension();
                } else if (dim != type.dimension()) {
                    throw new NodeDbException(SqlState.DATA_EXCEPTION, "DIM " + dim + " does not match column \""
                            + field + "\" of type " + type.name(), c.pos(), null);
                }
            } else if (type.base() != ValueType.ARRAY) {
                throw new NodeDbException(SqlState.DATATYPE_MISMATCH, "column \"" + field + "\" is "
                        + type.name() + "; a vector index needs a VECTOR(n) or array column", c.pos(), null);
            }
        } else if (field == null) {
            field = DEFAULT_FIELD;
        }
        if (dim == 0) {
            throw SqlErrors.syntax("a vector index needs its dimension: DIM n", c.pos());
        }
        Metric metric = Metric.COSINE;
        if (c.metric() != null) {
            try {
                metric = Metric.parse(c.metric());
            } catch (IllegalArgumentException e) {
                throw new NodeDbException(SqlState.INVALID_PARAMETER_VALUE, e.getMessage(), c.pos(), null);
            }
        }
        String name = c.name() != null ? c.name() : c.collection() + "_" + field.replace('.', '_') + "_vector_idx";
        if (vectors.findIndex(name).isPresent()) {
            if (c.ifNotExists()) {
                return StatementResult.command("CREATE VECTOR INDEX");
            }
            throw new NodeDbException(SqlState.DUPLICATE_OBJECT, "vector index \"" + name + "\" already exists",
                    c.pos(), null);
        }
        for (IndexDefinition other : vectors.indexesOn(c.collection())) {
            if (other.field().equals(field)) {
                if (c.ifNotExists()) {
                    return StatementResult.command("CREATE VECTOR INDEX");
                }
                throw new NodeDbException(SqlState.DUPLICATE_OBJECT, "field \"" + field + "\" of \""
                        + c.collection() + "\" already has vector index \"" + other.name() + "\"", c.pos(), null);
            }
        }
        IndexDefinition index = definition(name, c.collection(), field, dim, metric, c.m(), c.efConstruction(),
                IndexType.HNSW, options(session, c.optionKeys(), c.optionValues()), c.pos());
        checkExistingRows(session, index, c.pos());
        session.requireNoTransaction("CREATE VECTOR INDEX");
        session.db().submitVectors(List.of(new VectorOp.CreateIndex(index)));
        awaitBuilt(session, index.name(), c.pos());
        return StatementResult.command("CREATE VECTOR INDEX");
    }

    /** The whole statement fails, naming a row, if a document already holds a vector the index could not take. */
    private static void checkExistingRows(SessionState session, IndexDefinition index, int pos) {
        for (Map.Entry<Value, Value.Obj> e : session.view(null).scan(index.collection())) {
            String problem = VectorWriteCheck.problem(e.getValue(), index);
            if (problem != null) {
                throw new NodeDbException(SqlState.DATA_EXCEPTION, problem + " in the row with key "
                        + SqlValues.display(e.getKey()) + "; fix or remove it before creating the index", pos, null);
            }
        }
    }

    private StatementResult drop(SessionState session, Statement.DropVectorIndex d) {
        IndexDefinition index = find(session.db().vectors(), d.name(), d.collection(), d.field(), d.pos(),
                d.ifExists());
        if (index == null) {
            return StatementResult.command("DROP VECTOR INDEX");
        }
        session.requireNoTransaction("DROP VECTOR INDEX");
        session.db().submitVectors(List.of(new VectorOp.DropIndex(index.name())));
        return StatementResult.command("DROP VECTOR INDEX");
    }

    private StatementResult alter(SessionState session, Statement.AlterVectorIndex a) {
        IndexDefinition old = find(session.db().vectors(), a.name(), a.collection(), a.field(), a.pos(), false);
        IndexDefinition index = applyOptions(old, options(session, a.optionKeys(), a.optionValues()), a.pos());
        session.requireNoTransaction("ALTER VECTOR INDEX");
        session.db().submitVectors(List.of(new VectorOp.DropIndex(old.name()), new VectorOp.CreateIndex(index)));
        awaitBuilt(session, index.name(), a.pos());
        return StatementResult.command("ALTER VECTOR INDEX");
    }

    /**
     * The statement returns once the index is built, as PostgreSQL's CREATE INDEX CONCURRENTLY does: the build runs
     * beside the applier, so other sessions keep writing (and their vector queries are answered exactly) meanwhile.
     */
    private static void awaitBuilt(SessionState session, String name, int pos) {
        try {
            session.db().vectors().built(name).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NodeDbException(SqlState.QUERY_CANCELED, "interrupted while vector index \"" + name
                    + "\" was being built; the build goes on", pos, null);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof NodeDbException n) {
                throw new NodeDbException(n.state(), n.getMessage(), pos, null);
            }
            throw new NodeDbException(SqlState.INTERNAL_ERROR, "building vector index \"" + name + "\" failed: "
                    + e.getCause(), pos, null);
        }
    }

    private static StatementResult show(SessionState session, Statement.ShowVectorIndexes s) {
        VectorEngine vectors = session.db().vectors();
        Map<String, StorageStats> stats = vectors.storageStats();
        List<Value[]> rows = new ArrayList<>();
        for (IndexDefinition d : vectors.definitions().values()) {
            if (s.collection() != null && !s.collection().equals(d.collection())) {
                continue;
            }
            StorageStats st = stats.getOrDefault(d.name(), StorageStats.EMPTY);
            rows.add(new Value[] {Value.of(d.name()), Value.of(d.collection()), Value.of(d.field()),
                    Value.of((long) d.dim()), Value.of(d.metric().sqlName()), Value.of(d.type().sqlName()),
                    Value.of((long) d.m()), Value.of((long) d.efConstruction()), Value.of(st.liveVectors()),
                    Value.of(st.totalBytes()), Value.of(Math.round(st.bytesPerVector())),
                    Value.of(vectors.state(d.name()))});
        }
        return new StatementResult("SHOW", SHOW_COLUMNS, rows, rows.size());
    }

    private static final List<ColumnInfo> SHOW_COLUMNS = List.of(new ColumnInfo("name", ValueType.TEXT),
            new ColumnInfo("collection", ValueType.TEXT), new ColumnInfo("field", ValueType.TEXT),
            new ColumnInfo("dim", ValueType.BIGINT), new ColumnInfo("metric", ValueType.TEXT),
            new ColumnInfo("index_type", ValueType.TEXT), new ColumnInfo("m", ValueType.BIGINT),
            new ColumnInfo("ef_construction", ValueType.BIGINT), new ColumnInfo("vectors", ValueType.BIGINT),
            new ColumnInfo("memory_bytes", ValueType.BIGINT), new ColumnInfo("bytes_per_vector", ValueType.BIGINT),
            new ColumnInfo("state", ValueType.TEXT));

    @Override
    public List<ColumnInfo> columns() {
        return stmt instanceof Statement.ShowVectorIndexes ? SHOW_COLUMNS : List.of();
    }

    private static IndexDefinition find(VectorEngine vectors, String name, String collection, String field, int pos,
            boolean ifExists) {
        if (name != null) {
            IndexDefinition d = vectors.definitions().get(name);
            if (d == null && !ifExists) {
                throw new NodeDbException(SqlState.UNDEFINED_OBJECT, "vector index \"" + name + "\" does not exist",
                        pos, null);
            }
            return d;
        }
        List<IndexDefinition> on = vectors.indexesOn(collection).stream()
                .filter(d -> field == null || d.field().equals(field)).toList();
        if (on.size() == 1) {
            return on.getFirst();
        }
        if (on.isEmpty() && ifExists) {
            return null;
        }
        throw new NodeDbException(on.isEmpty() ? SqlState.UNDEFINED_OBJECT : SqlState.SYNTAX_ERROR,
                on.isEmpty() ? "collection \"" + collection + "\" has no vector index" + (field == null ? ""
                        : " on field \"" + field + "\"")
                        : "collection \"" + collection + "\" has several vector indexes; name one, or add FIELD f",
                pos, null);
    }

    private Options options(SessionState session, List<String> keys, List<Expr> values) {
        PlanContext pc = new PlanContext(session.catalog(), tables);
        ExprBinder constants = new ExprBinder(pc, new QueryPlanner(pc), Scope.empty(null), Map.of(), null,
                "vector index options");
        ExecContext ctx = session.context(new Value[0], null);
        List<Value> evaluated = new ArrayList<>();
        for (Expr e : values) {
            evaluated.add(constants.bind(e).eval().eval(new Value[0], ctx));
        }
        return new Options(keys, evaluated, values);
    }

    /** Option values evaluated, with their expressions kept for error positions. */
    private record Options(List<String> keys, List<Value> values, List<Expr> exprs) {
    }

    /**
     * The definition with the statement's clauses and its {@code WITH (...)} options applied (the core names the
     * accepted options); a bad value is 22023 at the option that holds it, or at the statement.
     */
    private static IndexDefinition definition(String name, String collection, String field, int dim, Metric metric,
            int m, int efConstruction, IndexType type, Options options, int pos) {
        IndexDefinition base = IndexDefinition.of(name, collection, field, dim, metric);
        IndexDefinition def;
        try {
            def = new IndexDefinition(name, collection, field, dim, metric, m == 0 ? base.m() : m,
                    efConstruction == 0 ? base.efConstruction() : efConstruction, type);
        } catch (IllegalArgumentException e) {
            throw new NodeDbException(SqlState.INVALID_PARAMETER_VALUE, e.getMessage(), pos, null);
        }
        return applyOptions(def, options, pos);
    }

    private static IndexDefinition applyOptions(IndexDefinition def, Options options, int pos) {
        Map<String, String> given = new java.util.LinkedHashMap<>();
        for (int i = 0; i < options.keys().size(); i++) {
            Value v = options.values().get(i);
            String text = v instanceof Value.Str s ? s.value() : io.nodedb.sql.expr.SqlValues.display(v);
            if (v.isNull() || v instanceof Value.Array || v instanceof Value.Obj) {
                throw new NodeDbException(SqlState.INVALID_PARAMETER_VALUE, "vector index option \""
                        + options.keys().get(i) + "\" takes a number or a string", options.exprs().get(i).pos(),
                        null);
            }
            given.put(options.keys().get(i), text);
        }
        try {
            return def.withOptions(given);
        } catch (IllegalArgumentException e) {
            // Point at the option that fails on its own; a bad combination points at the statement.
            int at = pos;
            for (int i = 0; i < options.keys().size(); i++) {
                try {
                    def.withOptions(Map.of(options.keys().get(i), given.get(options.keys().get(i))));
                } catch (IllegalArgumentException single) {
                    at = options.exprs().get(i).pos();
                    break;
                }
            }
            throw new NodeDbException(SqlState.INVALID_PARAMETER_VALUE, e.getMessage(), at, null);
        }
    }
}
