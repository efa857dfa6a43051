package io.nodedb.core.catalog;

import java.util.List;

/**
 * One version of a collection's declared schema. ALTER adds a version instead of rewriting rows, so rows written
 * under an older version stay readable: each row records the version it was written with.
 */
public record SchemaVersion(int version, List<ColumnDef> columns) {
    public SchemaVersion {
        columns = List.copyOf(columns);
    }
}
