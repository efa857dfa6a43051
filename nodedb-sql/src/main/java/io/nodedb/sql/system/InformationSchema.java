package io.nodedb.sql.system;

import io.nodedb.core.catalog.CollectionDef;
import io.nodedb.core.value.Value;

import java.util.ArrayList;
import java.util.List;

import static io.nodedb.sql.system.SystemTable.row;

/** information_schema.tables, columns and schemata over the user's collections. */
final class InformationSchema {
    private static final String I = "information_schema";

    private InformationSchema() {
    }

    static void register() {
        SystemTables.add(I, "schemata", "catalog_name name, schema_name name, schema_owner name", c -> List.of(
                row(Relations.DATABASE, "public", Relations.SUPERUSER),
                row(Relations.DATABASE, "pg_catalog", Relations.SUPERUSER),
                row(Relations.DATABASE, "information_schema", Relations.SUPERUSER)));
        SystemTables.add(I, "tables", "table_catalog name, table_schema name, table_name name, table_type text, "
                + "self_referencing_column_name name, reference_generation text, user_defined_type_catalog name, "
                + "user_defined_type_schema name, user_defined_type_name name, is_insertable_into text, "
                + "is_typed text, commit_action text, nodedb_kind text", c -> {
                    // nodedb_kind (document, strict, key_value) is an extension, after the standard columns.
                    List<Value[]> out = new ArrayList<>();
                    for (CollectionDef d : c.catalog().collections()) {
                        out.add(row(Relations.DATABASE, "public", d.name(), "BASE TABLE", null, null, null, null,
                                null, "YES", "NO", null, d.kind().storedName()));
                    }
                    return out;
                });
        SystemTables.add(I, "columns", "table_catalog name, table_schema name, table_name name, column_name name, "
                + "ordinal_position int4, column_default text, is_nullable text, data_type text, "
                + "character_maximum_length int4, numeric_precision int4, numeric_scale int4, "
                + "datetime_precision int4, udt_catalog name, udt_schema name, udt_name name, is_identity text, "
                + "is_generated text, is_updatable text", c -> {
                    List<Value[]> out = new ArrayList<>();
                    for (CollectionDef d : c.catalog().collections()) {
                        for (Relations.Attr a : Relations.attrs(d)) {
                            PgTypes.PgType t = PgTypes.byOid(a.typeOid());
                            String dataType = t.elem() != 0 ? "ARRAY" : t.display();
                            out.add(row(Relations.DATABASE, "public", d.name(), a.name(), a.attnum(), a.defaultSql(),
                                    a.notNull() ? "NO" : "YES", dataType, null, null, null, null,
                                    Relations.DATABASE, "pg_catalog", t.name(), "NO", "NEVER", "YES"));
                        }
                    }
                    return out;
                });
    }
}
