package io.nodedb.core.catalog;

import java.util.List;

/** A secondary index on one or more fields of a collection. */
public record IndexDef(long id, String name, String collection, List<String> fields, boolean unique) {
    public IndexDef {
        fields = List.copyOf(fields);
    }
}
