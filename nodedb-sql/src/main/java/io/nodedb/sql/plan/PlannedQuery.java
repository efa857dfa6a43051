package io.nodedb.sql.plan;

import io.nodedb.sql.exec.PlanNode;

/** A planned query: its root and the columns of the rows it produces. */
public record PlannedQuery(PlanNode root, Scope scope) {
}
