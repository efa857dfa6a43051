package io.nodedb.sql.system;

import io.nodedb.core.catalog.Catalog;
import io.nodedb.sql.exec.SessionInfo;

/** What system tables are computed from: one catalog snapshot and the session asking. */
public record SystemContext(Catalog catalog, SessionInfo session) {
}
