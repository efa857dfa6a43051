package io.nodedb.sql.session;

import io.nodedb.core.db.Database;
import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.kv.KvCollectionStats;
import io.nodedb.core.kv.SlabClassStats;
import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueType;
import io.nodedb.sql.ColumnInfo;
import io.nodedb.sql.StatementResult;
import io.nodedb.sql.ast.ColumnSpec;
import io.nodedb.sql.ast.Statement;
import io.nodedb.sql.parser.TypeNames;
import io.nodedb.sql.storage.KvRows;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The DDL side of KEY_VALUE collections: their columns, and SHOW STORAGE. */
final class KvStorage {
    private KvStorage() {
    }

    /**
     * The columns a KEY_VALUE collection is created with: the declared ones ({@code key TEXT PRIMARY KEY, value
     * TEXT} when none are), plus {@code ttl BIGINT} unless declared (it must be a number then).
     */
    static List<ColumnSpec> columns(Statement.CreateCollection c) {
        List<ColumnSpec> out = new ArrayList<>(c.columns());
        if (out.isEmpty()) {
            out.add(new ColumnSpec("key", TypeNames.simple(ValueType.TEXT), true, true, null, null, c.pos()));
            out.add(new ColumnSpec("value", TypeNames.simple(ValueType.TEXT), false, false, null, null, c.pos()));
        }
        ColumnSpec ttl = out.stream().filter(s -> s.name().equals(KvRows.TTL)).findFirst().orElse(null);
        if (ttl == null) {
            out.add(new ColumnSpec(KvRows.TTL, TypeNames.simple(ValueType.BIGINT), false, false, null, null,
                    c.pos()));
        } else if (ttl.primaryKey() || (ttl.type().base() != ValueType.BIGINT && ttl.type().base() != ValueType.DOUBLE
                && ttl.type().base() != ValueType.DECIMAL)) {
            throw new NodeDbException(SqlState.DATATYPE_MISMATCH, "the ttl column of a KEY_VALUE collection holds "
                    + "seconds: it must be a number and not the key, not " + ttl.type().name(), ttl.pos(), null);
        }
        return out;
    }

    /**
     * SHOW STORAGE: per KV collection its hash table and each slab size class in use (slots reserved, slots
     * occupied, bytes reserved, reserved bytes per occupied byte), the bytes charged to its budget; per vector
     * index its bytes.
     */
    static StatementResult show(Database db) {
        List<Value[]> rows = new ArrayList<>();
        for (KvCollectionStats c : db.kv().stats()) {
            rows.add(row("kv", c.name(), "table", (long) c.tableCapacity(), c.keys(), c.tableBytes(), null));
            for (SlabClassStats s : c.slab()) {
                if (s.slots() > 0) {
                    rows.add(row("kv", c.name(), "slab " + s.sizeClass(), s.slots(), s.occupied(),
                            s.capacityBytes(), s.fragmentationRatio()));
                }
            }
            rows.add(row("kv", c.name(), "used", null, c.keys(), c.usedBytes(), null));
        }
        for (Map.Entry<String, io.nodedb.core.vector.StorageStats> e : db.vectors().storageStats().entrySet()) {
            var s = e.getValue();
            rows.add(row("vector", e.getKey(), "index", s.liveVectors() + s.deletedVectors(), s.liveVectors(),
                    s.totalBytes(), null));
        }
        return new StatementResult("SHOW", COLUMNS, rows, rows.size());
    }

    static final List<ColumnInfo> COLUMNS = List.of(new ColumnInfo("engine", ValueType.TEXT),
            new ColumnInfo("collection", ValueType.TEXT), new ColumnInfo("part", ValueType.TEXT),
            new ColumnInfo("slots", ValueType.BIGINT), new ColumnInfo("occupied", ValueType.BIGINT),
            new ColumnInfo("bytes", ValueType.BIGINT), new ColumnInfo("fragmentation", ValueType.DECIMAL));

    private static Value[] row(String engine, String name, String part, Long slots, long occupied, long bytes,
            Double fragmentation) {
        return new Value[] {Value.of(engine), Value.of(name), Value.of(part),
                slots == null ? Value.NULL : new Value.Int(slots), new Value.Int(occupied), new Value.Int(bytes),
                fragmentation == null ? Value.NULL
                        : new Value.Decimal(BigDecimal.valueOf(fragmentation).setScale(2, RoundingMode.HALF_UP))};
    }
}
