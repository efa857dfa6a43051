package io.nodedb.core.document;

import io.nodedb.core.catalog.CollectionKind;
import io.nodedb.core.catalog.ColumnDef;
import io.nodedb.core.value.Value;

import java.util.List;

/**
 * A resolved change, as it travels through the command log. Everything non-deterministic (generated ids,
 * {@code now()}, defaults) is evaluated before a mutation is logged, so applying it is deterministic.
 */
public sealed interface Mutation {

    /** How a document write treats an existing document with the same id. */
    enum WriteMode {
        /** Fails with 23505 if the id exists. */
        INSERT,
        /** Writes whether or not the id exists. */
        UPSERT,
        /** Writes only if the id does not exist; otherwise does nothing (ON CONFLICT DO NOTHING). */
        INSERT_IF_ABSENT,
        /** Writes only if the id exists; otherwise does nothing. */
        UPDATE
    }

    record CreateCollection(String name, CollectionKind kind, List<ColumnDef> columns, Value.Obj options,
            boolean ifNotExists) implements Mutation {
        public CreateCollection {
            columns = List.copyOf(columns);
        }
    }

    record DropCollection(String name, boolean ifExists) implements Mutation {
    }

    /**
     * Replaces a collection's schema with a new version (ALTER ... ADD / DROP / RENAME COLUMN). Rows keep the
     * version they were written with; readers map old versions onto the current one.
     */
    record AlterSchema(String name, List<ColumnDef> columns) implements Mutation {
        public AlterSchema {
            columns = List.copyOf(columns);
        }
    }

    /** Replaces a collection's options ({@code ALTER COLLECTION ... SET (...)}). */
    record SetOptions(String name, Value.Obj options) implements Mutation {
    }

    /** Removes every document of a collection and its index entries, keeping the collection. */
    record TruncateCollection(String name) implements Mutation {
    }

    record CreateIndex(String name, String collection, List<String> fields, boolean unique, boolean ifNotExists)
            implements Mutation {
        public CreateIndex {
            fields = List.copyOf(fields);
        }
    }

    record DropIndex(String name, boolean ifExists) implements Mutation {
    }

    /** {@code expectedVersion} value meaning "write whatever version is there" (no conflict check). */
    long ANY_VERSION = -1;
    /** {@code expectedVersion} value meaning "the writer saw no document with this id". */
    long ABSENT = 0;

    /**
     * Writes a document. {@code expectedVersion} is the version (the LSN that wrote it) the writer read, or
     * {@link #ABSENT}; if the stored version differs when the record is applied, a concurrent writer committed first
     * and the whole record fails with 40001. {@link #ANY_VERSION} skips the check.
     */
    record PutDocument(String collection, Value id, Value.Obj document, WriteMode mode, long expectedVersion)
            implements Mutation {
        public PutDocument(String collection, Value id, Value.Obj document, WriteMode mode) {
            this(collection, id, document, mode, ANY_VERSION);
        }
    }

    record DeleteDocument(String collection, Value id, long expectedVersion) implements Mutation {
        public DeleteDocument(String collection, Value id) {
            this(collection, id, ANY_VERSION);
        }
    }

    /**
     * Creates a user account. {@code verifier} is the SCRAM-SHA-256 verifier computed before logging, so the log
     * never holds the password.
     */
    record CreateUser(String name, String verifier, String role) implements Mutation {
    }

    /** Changes a user's verifier and/or role; a null field keeps the current value. */
    record AlterUser(String name, String verifier, String role) implements Mutation {
    }

    record DropUser(String name, boolean ifExists) implements Mutation {
    }

    /**
     * A check that writes nothing: once the record's earlier mutations are applied, the collection must have a
     * document with this id, else the whole record fails with 23503 and {@code message}. A foreign key's parent
     * row is checked at commit this way, so a concurrent transaction that deletes it cannot slip in between.
     */
    record RequireDocument(String collection, Value id, String message) implements Mutation {
    }

    /**
     * A check that writes nothing: once the record's earlier mutations are applied, the index must have
     * ({@code present}) or must not have an entry whose leading fields equal {@code values}, else the whole record
     * fails with 23503 and {@code message}. Foreign keys use it for a parent found through a unique index and for
     * rows still referencing a parent row that goes away.
     */
    record RequireIndexEntry(String index, List<Value> values, boolean present, String message) implements Mutation {
    }

    /**
     * A check that writes nothing: the collection must still have the definition a transaction planned against
     * (see {@link CatalogChanges#requireUnchanged}), else the whole record fails with 40001. A transaction's
     * COMMIT puts one first for every existing collection it writes or changes, so that a concurrent DROP, ALTER
     * or constraint change cannot slip in between.
     */
    record RequireCollection(String name, long id, int schemaVersion, long optionsChecksum) implements Mutation {
    }
}
