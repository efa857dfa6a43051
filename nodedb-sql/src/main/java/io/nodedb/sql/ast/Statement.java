package io.nodedb.sql.ast;

import java.util.List;

/** Parsed statements. {@code pos} is where the statement starts; {@code text} keeps the source for EXPLAIN. */
public sealed interface Statement {
    /**
     * {@code CREATE TABLE|COLLECTION [IF NOT EXISTS] name AS query [WITH [NO] DATA]}: a strict table (TABLE) or a
     * schemaless collection (COLLECTION) made from a query's result.
     */
    record CreateAs(String name, boolean strict, boolean ifNotExists, Query query, boolean withData, int pos)
            implements Statement {
    }

    record QueryStmt(Query query) implements Statement {
    }

    /** kind is DOCUMENT, STRICT or KEY_VALUE. */
    /** {@code uniques}: the UNIQUE constraints, column level and table level, in the order written. */
    /**
     * {@code primaryKey}: a table-level {@code PRIMARY KEY (a, b, ...)} of several columns, in key order, or null
     * (a one-column key is marked on its {@link ColumnSpec}).
     */
    record CreateCollection(String name, String kind, List<ColumnSpec> columns, List<String> optionKeys,
            List<Expr> optionValues, boolean ifNotExists, int pos, List<Check> checks, List<Unique> uniques,
            PrimaryKey primaryKey, List<ForeignKey> foreignKeys) implements Statement {
        public CreateCollection {
            columns = List.copyOf(columns);
            optionKeys = List.copyOf(optionKeys);
            optionValues = List.copyOf(optionValues);
            checks = List.copyOf(checks);
            uniques = List.copyOf(uniques);
            foreignKeys = List.copyOf(foreignKeys);
        }
    }

    /**
     * {@code [CONSTRAINT name] FOREIGN KEY (columns) REFERENCES parent [(parentColumns)]} or a column's
     * {@code REFERENCES parent [(column)]}; name is null when not given, parentColumns empty for the parent's key.
     */
    record ForeignKey(String name, List<String> columns, String parent, List<String> parentColumns, int pos) {
        public ForeignKey {
            columns = List.copyOf(columns);
            parentColumns = List.copyOf(parentColumns);
        }
    }

    /** A table-level {@code PRIMARY KEY (columns)} naming several columns. */
    record PrimaryKey(List<String> columns, int pos) {
        public PrimaryKey {
            columns = List.copyOf(columns);
        }
    }

    /** {@code [CONSTRAINT name] UNIQUE (columns)} or a column's {@code UNIQUE}; name is null when not given. */
    record Unique(String name, List<String> columns, int pos) {
        public Unique {
            columns = List.copyOf(columns);
        }
    }

    /**
     * A CHECK constraint as written: its name (null: generated), the column it was written on (null for a table
     * constraint), its condition and the condition's source text.
     */
    record Check(String name, String column, Expr condition, String sql, int pos) {
    }

    /** ALTER COLLECTION c ADD [CONSTRAINT name] CHECK (cond). */
    record AddCheck(String collection, Check check, int pos) implements Statement {
    }

    /** ALTER COLLECTION c DROP CONSTRAINT [IF EXISTS] name. */
    record DropConstraint(String collection, String name, boolean ifExists, int pos) implements Statement {
    }

    record DropCollection(String name, boolean ifExists, int pos) implements Statement {
    }

    /** action is ADD, DROP or RENAME; column set for ADD, names for DROP/RENAME. */
    record AlterCollection(String name, String action, ColumnSpec column, String oldName, String newName,
            boolean ifExists, int pos) implements Statement {
    }

    record CreateIndex(String name, String collection, List<String> fields, boolean unique, boolean ifNotExists,
            int pos) implements Statement {
        public CreateIndex {
            fields = List.copyOf(fields);
        }
    }

    record DropIndex(String name, boolean ifExists, int pos) implements Statement {
    }

    record Truncate(String name, int pos) implements Statement {
    }

    record Describe(String name, int pos) implements Statement {
    }

    record ShowCollections() implements Statement {
    }

    record ShowIndexes(String collection) implements Statement {
    }

    /** SHOW STORAGE: memory of KV collections per slab size class, and of vector indexes. */
    record ShowStorage() implements Statement {
    }

    /**
     * INSERT / UPSERT. Exactly one of rows (VALUES or object literals) and source (INSERT ... SELECT) is set.
     * onConflict is null, "NOTHING" or "UPDATE".
     */
    record Insert(String table, String alias, List<String> columns, List<List<Expr>> rows, Query source,
            boolean upsert, String onConflict, List<String> conflictTarget, List<Assignment> updates,
            Expr conflictWhere, List<Query.SelectItem> returning, int pos) implements Statement {
        public Insert {
            columns = List.copyOf(columns);
            rows = rows == null ? null : rows.stream().map(List::copyOf).toList();
            conflictTarget = List.copyOf(conflictTarget);
            updates = List.copyOf(updates);
            returning = List.copyOf(returning);
        }
    }

    record Assignment(String column, Expr value, int pos) {
    }

    /** UPDATE; {@code from} holds the other tables of UPDATE ... FROM (empty without). */
    record Update(String table, String alias, List<Assignment> assignments, List<FromItem> from, Expr where,
            List<Query.SelectItem> returning, int pos) implements Statement {
        public Update {
            assignments = List.copyOf(assignments);
            from = List.copyOf(from);
            returning = List.copyOf(returning);
        }
    }

    /** DELETE; {@code using} holds the other tables of DELETE ... USING (empty without). */
    record Delete(String table, String alias, List<FromItem> using, Expr where, List<Query.SelectItem> returning,
            int pos) implements Statement {
        public Delete {
            using = List.copyOf(using);
            returning = List.copyOf(returning);
        }
    }

    record Explain(Statement statement, boolean analyze) implements Statement {
    }

    /** kind is BEGIN, COMMIT, ROLLBACK, SAVEPOINT, ROLLBACK_TO or RELEASE; name for the savepoint forms. */
    record Transaction(String kind, String name) implements Statement {
    }

    /** SET [LOCAL] name = value; value null for SET name TO DEFAULT; local until the transaction ends. */
    record SetVar(String name, String value, boolean local) implements Statement {
    }

    /** SHOW name, or SHOW ALL when name is null. */
    record ShowVar(String name) implements Statement {
    }

    /** RESET name, or RESET ALL when name is null. */
    record ResetVar(String name) implements Statement {
    }

    /** CREATE USER; password is only held until the verifier is computed at execution. */
    record CreateUser(String name, String password, String role, int pos) implements Statement {
    }

    /** ALTER USER; a null password or role keeps the current one. */
    record AlterUser(String name, String password, String role, int pos) implements Statement {
    }

    record DropUser(String name, boolean ifExists, int pos) implements Statement {
    }

    /**
     * CREATE VECTOR INDEX. Null name, field, metric and zero dim/m/efConstruction mean "not given"; options are the
     * {@code WITH (...)} pairs.
     */
    record CreateVectorIndex(String name, boolean ifNotExists, String collection, String field, String metric,
            int dim, int m, int efConstruction, List<String> optionKeys, List<Expr> optionValues, int pos)
            implements Statement {
        public CreateVectorIndex {
            optionKeys = List.copyOf(optionKeys);
            optionValues = List.copyOf(optionValues);
        }
    }

    /** DROP VECTOR INDEX name, or (name null) DROP VECTOR INDEX ON collection [FIELD f]. */
    record DropVectorIndex(String name, String collection, String field, boolean ifExists, int pos)
            implements Statement {
    }

    /** ALTER VECTOR INDEX name | ON collection [FIELD f] SET (k = v, ...): rebuilds the index with the new settings. */
    record AlterVectorIndex(String name, String collection, String field, List<String> optionKeys,
            List<Expr> optionValues, int pos) implements Statement {
        public AlterVectorIndex {
            optionKeys = List.copyOf(optionKeys);
            optionValues = List.copyOf(optionValues);
        }
    }

    /** SHOW VECTOR INDEXES [ON collection]. */
    record ShowVectorIndexes(String collection) implements Statement {
    }
}
