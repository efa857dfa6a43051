package io.nodedb.core.catalog;

import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueCodec;

import java.util.ArrayList;
import java.util.List;

/**
 * Catalog entries as MessagePack documents. Stored under {@code c/<name>} (collections), {@code i/<name>}
 * (indexes) and {@code u/<name>} (users) in the catalog column family; unknown fields are ignored on read so that newer minor versions can
 * add fields.
 */
public final class CatalogCodec {
    private CatalogCodec() {
    }

    public static byte[] encode(CollectionDef d) {
        List<Value> schemas = new ArrayList<>();
        for (SchemaVersion s : d.schemas()) {
            schemas.add(Value.Obj.of("version", Value.of(s.version()), "columns", columnsToValue(s.columns())));
        }
        return ValueCodec.encode(Value.Obj.builder()
                .put("id", Value.of(d.id()))
                .put("name", Value.of(d.name()))
                .put("kind", Value.of(d.kind().storedName()))
                .put("schemas", new Value.Array(schemas))
                .put("options", d.options())
                .put("created_lsn", Value.of(d.createdLsn()))
                .build());
    }

    public static CollectionDef decodeCollection(byte[] bytes) {
        Value.Obj o = ValueCodec.decode(bytes).asObj();
        List<SchemaVersion> schemas = new ArrayList<>();
        for (Value sv : o.getList("schemas")) {
            Value.Obj s = sv.asObj();
            List<ColumnDef> cols = columnsFromValue(s.get("columns"));
            schemas.add(new SchemaVersion((int) s.getLong("version"), cols));
        }
        return new CollectionDef(o.getLong("id"), o.getString("name"), CollectionKind.fromStoredName(
                o.getString("kind")), schemas, o.getObj("options"), o.getLong("created_lsn"));
    }

    /** Columns as an array of {name, type, nullable, pk, default} objects; shared with the log's DDL records. */
    public static Value columnsToValue(List<ColumnDef> columns) {
        List<Value> out = new ArrayList<>(columns.size());
        for (ColumnDef c : columns) {
            out.add(Value.Obj.builder()
                    .put("id", Value.of(c.id()))
                    .put("name", Value.of(c.name()))
                    .put("type", Value.of(c.type()))
                    .put("nullable", Value.of(c.nullable()))
                    .put("pk", Value.of(c.primaryKey()))
                    .put("default", c.defaultSql() == null ? Value.NULL : Value.of(c.defaultSql()))
                    .build());
        }
        return new Value.Array(out);
    }

    public static List<ColumnDef> columnsFromValue(Value v) {
        List<ColumnDef> out = new ArrayList<>();
        for (Value cv : v.asList()) {
            Value.Obj c = cv.asObj();
            Value def = c.get("default");
            out.add(new ColumnDef((int) c.getLong("id"), c.getString("name"), c.getString("type"), c.getBoolean("nullable"),
                    c.getBoolean("pk"), def == null || def.isNull() ? null : def.asString()));
        }
        return out;
    }

    public static byte[] encode(IndexDef d) {
        List<Value> fields = new ArrayList<>();
        d.fields().forEach(f -> fields.add(Value.of(f)));
        return ValueCodec.encode(Value.Obj.builder()
                .put("id", Value.of(d.id()))
                .put("name", Value.of(d.name()))
                .put("collection", Value.of(d.collection()))
                .put("fields", new Value.Array(fields))
                .put("unique", Value.of(d.unique()))
                .build());
    }

    public static IndexDef decodeIndex(byte[] bytes) {
        Value.Obj o = ValueCodec.decode(bytes).asObj();
        List<String> fields = new ArrayList<>();
        o.getList("fields").forEach(f -> fields.add(f.asString()));
        return new IndexDef(o.getLong("id"), o.getString("name"), o.getString("collection"), fields,
                o.getBoolean("unique"));
    }

    /** A user as stored under {@code u/<name>}: the verifier only, never a password. */
    public static byte[] encode(UserDef u) {
        return ValueCodec.encode(Value.Obj.builder()
                .put("name", Value.of(u.name()))
                .put("verifier", Value.of(u.verifier()))
                .put("role", Value.of(u.role()))
                .put("created_lsn", Value.of(u.createdLsn()))
                .build());
    }

    public static UserDef decodeUser(byte[] bytes) {
        Value.Obj o = ValueCodec.decode(bytes).asObj();
        return new UserDef(o.getString("name"), o.getString("verifier"), o.getString("role"),
                o.getLong("created_lsn"));
    }
}
