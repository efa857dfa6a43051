package io.nodedb.sql.session;

import io.nodedb.core.catalog.Catalog;
import io.nodedb.core.catalog.CollectionDef;
import io.nodedb.core.vector.VectorEngine;
import io.nodedb.sql.SqlErrors;
import io.nodedb.sql.ast.Statement;
import io.nodedb.sql.dml.InsertCompiled;
import io.nodedb.sql.dml.ModifyCompiled;
import io.nodedb.sql.exec.FilterNode;
import io.nodedb.sql.exec.LimitNode;
import io.nodedb.sql.exec.PlanNode;
import io.nodedb.sql.exec.PointGetNode;
import io.nodedb.sql.exec.ProjectNode;
import io.nodedb.sql.plan.PlanContext;
import io.nodedb.sql.plan.PlannedQuery;
import io.nodedb.sql.plan.QueryPlanner;
import io.nodedb.sql.storage.TableInfo;

import java.util.function.Function;

/** Turns a parsed statement into a {@link Compiled} one against a catalog version. */
public final class Compiler {
    private final Function<CollectionDef, TableInfo> tables;
    private final VectorEngine vectors;

    public Compiler(Function<CollectionDef, TableInfo> tables, VectorEngine vectors) {
        this.tables = tables;
        this.vectors = vectors;
    }

    public Compiled compile(Statement stmt, Catalog catalog, java.time.ZoneId zone) {
        PlanContext pc = new PlanContext(catalog, tables, vectors, zone);
        return switch (stmt) {
            case Statement.QueryStmt q -> query(q, pc, false, false);
            case Statement.Insert i -> new InsertCompiled(i, pc);
            case Statement.Update u -> new ModifyCompiled(u, pc, false);
            case Statement.Delete d -> new ModifyCompiled(d, pc, false);
            case Statement.Explain e -> switch (e.statement()) {
                case Statement.QueryStmt q -> query(q, pc, true, e.analyze());
                case Statement.Update u when !e.analyze() -> new ModifyCompiled(u, pc, true);
                case Statement.Delete d when !e.analyze() -> new ModifyCompiled(d, pc, true);
                default -> throw SqlErrors.notSupported("EXPLAIN " + (e.analyze() ? "ANALYZE " : "") + "of this "
                        + "statement");
            };
            case Statement.Transaction t -> new SessionCommand(t);
            case Statement.SetVar s -> new SessionCommand(s);
            case Statement.ShowVar s -> new SessionCommand(s);
            case Statement.ResetVar r -> new SessionCommand(r);
            case Statement.CreateVectorIndex c -> new VectorDdl(c, tables);
            case Statement.DropVectorIndex d -> new VectorDdl(d, tables);
            case Statement.AlterVectorIndex a -> new VectorDdl(a, tables);
            case Statement.ShowVectorIndexes s -> new VectorDdl(s, tables);
            case Statement.CreateAs c -> new CreateAsCompiled(c, new QueryPlanner(pc).planQuery(c.query(), null),
                    pc.paramTypes());
            default -> new Ddl(stmt, tables);
        };
    }

    private static Compiled query(Statement.QueryStmt q, PlanContext pc, boolean explain, boolean analyze) {
        PlannedQuery plan = new QueryPlanner(pc).planQuery(q.query(), null);
        boolean quick = !explain && !pc.hasSubqueries() && pointReadsOnly(plan.root());
        return new QueryCompiled(plan, pc.paramTypes(), explain, analyze, quick, quick && singleKey(plan.root()));
    }

    /** Whether the (point-reads-only) plan reads exactly one key. */
    private static boolean singleKey(PlanNode node) {
        return node instanceof PointGetNode p ? p.keys().size() == 1
                : node.inputs().size() == 1 && singleKey(node.inputs().getFirst());
    }

    private static boolean pointReadsOnly(PlanNode node) {
        boolean allowed = node instanceof PointGetNode || node instanceof ProjectNode || node instanceof FilterNode
                || node instanceof LimitNode;
        return allowed && node.inputs().stream().allMatch(Compiler::pointReadsOnly);
    }
}
