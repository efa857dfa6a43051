package io.nodedb.sql.exec;

import java.util.List;

/**
 * An immutable, cacheable step of a physical plan. Each execution opens a fresh {@link Operator} from it, so one
 * cached plan can run in many sessions at once.
 */
public interface PlanNode {
    Operator open(ExecContext ctx);

    /** One line for EXPLAIN, e.g. {@code Seq Scan on users}. */
    String describe();

    List<PlanNode> inputs();
}
