package io.nodedb.core.catalog;

import java.util.Locale;

/** What engine a collection lives in. The lowercase names are stored in the catalog. */
public enum CollectionKind {
    /** Schemaless documents stored as MessagePack. */
    DOCUMENT,
    /** Documents with a declared schema, stored as binary tuples. */
    STRICT,
    KEY_VALUE,
    COLUMNAR,
    TIMESERIES;

    public String storedName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CollectionKind fromStoredName(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
