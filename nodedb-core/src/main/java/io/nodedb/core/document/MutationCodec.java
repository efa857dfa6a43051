package io.nodedb.core.document;

import io.nodedb.core.catalog.CollectionKind;
import io.nodedb.core.catalog.CatalogCodec;
import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.ByteSink;
import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueCodec;

import java.util.ArrayList;
import java.util.List;

/**
 * Payload of a {@link io.nodedb.core.engine.RecordTypes#DOCUMENT_BATCH} record: a MessagePack array of mutations,
 * each an array whose first element is its tag:
 * <pre>
 * [1, name, kind, [column...], options, ifNotExists]      create collection; column = {name,type,nullable,pk,default}
 * [2, name, ifExists]                                     drop collection
 * [3, name, collection, [field...], unique, ifNotExists]  create index
 * [4, name, ifExists]                                     drop index
 * [5, collection, id, document, mode, expectedVersion]    put document; mode = WriteMode ordinal
 * [6, collection, id, expectedVersion]                    delete document
 * [7, name, [column...]]                                  alter schema (new schema version)
 * [8, name, options]                                      set options
 * [9, name]                                               truncate collection
 * [10, name, verifier, role]                              create user (verifier only, never the password)
 * [11, name, verifier|nil, role|nil]                      alter user
 * [12, name, ifExists]                                    drop user
 * [13, collection, id, message]                           require a document (a check, no write)
 * [14, index, [value...], present, message]               require an index entry, or its absence (a check)
 * [15, name, id, schemaVersion, optionsChecksum]          require an unchanged collection definition (a check)
 * </pre>
 * Tags and mode numbers are part of the log format: add, never renumber.
 */
public final class MutationCodec {
    private static final int CREATE_COLLECTION = 1;
    private static final int DROP_COLLECTION = 2;
    private static final int CREATE_INDEX = 3;
    private static final int DROP_INDEX = 4;
    private static final int PUT_DOCUMENT = 5;
    private static final int DELETE_DOCUMENT = 6;
    private static final int ALTER_SCHEMA = 7;
    private static final int SET_OPTIONS = 8;
    private static final int TRUNCATE = 9;
    private static final int CREATE_USER = 10;
    private static final int ALTER_USER = 11;
    private static final int DROP_USER = 12;
    private static final int REQUIRE_DOCUMENT = 13;
    private static final int REQUIRE_INDEX_ENTRY = 14;
    private static final int REQUIRE_COLLECTION = 15;
    private static final Mutation.WriteMode[] MODES = Mutation.WriteMode.values();

    private MutationCodec() {
    }

    public static byte[] encode(List<Mutation> batch) {
        return ValueCodec.encode(asValue(batch));
    }

    /** A payload, and whether {@link #decode} gives back mutations equal to the encoded ones, bit for bit. */
    public record Encoded(byte[] payload, boolean exact) {
    }

    /**
     * Encodes like {@link #encode} and says whether the encoding lost anything (see {@link ByteSink#decodesExactly}):
     * only then may a caller apply the mutations it holds instead of the decoded payload.
     */
    public static Encoded encodeChecked(List<Mutation> batch) {
        ByteSink sink = new ByteSink(128);
        ValueCodec.encode(asValue(batch), sink);
        return new Encoded(sink.toByteArray(), sink.decodesExactly());
    }

    private static Value asValue(List<Mutation> batch) {
        List<Value> out = new ArrayList<>(batch.size());
        for (Mutation m : batch) {
            out.add(switch (m) {
                case Mutation.CreateCollection c -> Value.Array.of(Value.of(CREATE_COLLECTION), Value.of(c.name()),
                        Value.of(c.kind().storedName()), CatalogCodec.columnsToValue(c.columns()), c.options(), Value.of(c.ifNotExists()));
                case Mutation.DropCollection d -> Value.Array.of(Value.of(DROP_COLLECTION), Value.of(d.name()),
                        Value.of(d.ifExists()));
                case Mutation.CreateIndex c -> Value.Array.of(Value.of(CREATE_INDEX), Value.of(c.name()),
                        Value.of(c.collection()), strings(c.fields()), Value.of(c.unique()), Value.of(c.ifNotExists()));
                case Mutation.DropIndex d -> Value.Array.of(Value.of(DROP_INDEX), Value.of(d.name()),
                        Value.of(d.ifExists()));
                case Mutation.PutDocument p -> Value.Array.of(Value.of(PUT_DOCUMENT), Value.of(p.collection()), p.id(),
                        p.document(), Value.of(p.mode().ordinal()), Value.of(p.expectedVersion()));
                case Mutation.DeleteDocument d -> Value.Array.of(Value.of(DELETE_DOCUMENT), Value.of(d.collection()),
                        d.id(), Value.of(d.expectedVersion()));
                case Mutation.AlterSchema a -> Value.Array.of(Value.of(ALTER_SCHEMA), Value.of(a.name()),
                        CatalogCodec.columnsToValue(a.columns()));
                case Mutation.SetOptions o -> Value.Array.of(Value.of(SET_OPTIONS), Value.of(o.name()), o.options());
                case Mutation.TruncateCollection t -> Value.Array.of(Value.of(TRUNCATE), Value.of(t.name()));
                case Mutation.CreateUser u -> Value.Array.of(Value.of(CREATE_USER), Value.of(u.name()),
                        Value.of(u.verifier()), Value.of(u.role()));
                case Mutation.AlterUser u -> Value.Array.of(Value.of(ALTER_USER), Value.of(u.name()),
                        nullable(u.verifier()), nullable(u.role()));
                case Mutation.DropUser d -> Value.Array.of(Value.of(DROP_USER), Value.of(d.name()),
                        Value.of(d.ifExists()));
                case Mutation.RequireDocument r -> Value.Array.of(Value.of(REQUIRE_DOCUMENT),
                        Value.of(r.collection()), r.id(), Value.of(r.message()));
                case Mutation.RequireIndexEntry r -> Value.Array.of(Value.of(REQUIRE_INDEX_ENTRY),
                        Value.of(r.index()), new Value.Array(r.values()), Value.of(r.present()),
                        Value.of(r.message()));
                case Mutation.RequireCollection r -> Value.Array.of(Value.of(REQUIRE_COLLECTION),
                        Value.of(r.name()), Value.of(r.id()), Value.of(r.schemaVersion()),
                        Value.of(r.optionsChecksum()));
            });
        }
        return new Value.Array(out);
    }

    public static List<Mutation> decode(byte[] payload) {
        try {
            List<Value> items = ValueCodec.decode(payload).asList();
            List<Mutation> out = new ArrayList<>(items.size());
            for (Value item : items) {
                List<Value> f = item.asList();
                out.add(switch ((int) f.get(0).asLong()) {
                    case CREATE_COLLECTION -> new Mutation.CreateCollection(f.get(1).asString(),
                            CollectionKind.fromStoredName(f.get(2).asString()), CatalogCodec.columnsFromValue(f.get(3)),
                            f.get(4).asObj(), f.get(5).asBoolean());
                    case DROP_COLLECTION -> new Mutation.DropCollection(f.get(1).asString(), f.get(2).asBoolean());
                    case CREATE_INDEX -> new Mutation.CreateIndex(f.get(1).asString(), f.get(2).asString(),
                            decodeStrings(f.get(3)), f.get(4).asBoolean(), f.get(5).asBoolean());
                    case DROP_INDEX -> new Mutation.DropIndex(f.get(1).asString(), f.get(2).asBoolean());
                    case PUT_DOCUMENT -> new Mutation.PutDocument(f.get(1).asString(), f.get(2), f.get(3).asObj(),
                            MODES[(int) f.get(4).asLong()], f.get(5).asLong());
                    case DELETE_DOCUMENT -> new Mutation.DeleteDocument(f.get(1).asString(), f.get(2),
                            f.get(3).asLong());
                    case ALTER_SCHEMA -> new Mutation.AlterSchema(f.get(1).asString(),
                            CatalogCodec.columnsFromValue(f.get(2)));
                    case SET_OPTIONS -> new Mutation.SetOptions(f.get(1).asString(), f.get(2).asObj());
                    case TRUNCATE -> new Mutation.TruncateCollection(f.get(1).asString());
                    case CREATE_USER -> new Mutation.CreateUser(f.get(1).asString(), f.get(2).asString(),
                            f.get(3).asString());
                    case ALTER_USER -> new Mutation.AlterUser(f.get(1).asString(), nullableString(f.get(2)),
                            nullableString(f.get(3)));
                    case DROP_USER -> new Mutation.DropUser(f.get(1).asString(), f.get(2).asBoolean());
                    case REQUIRE_DOCUMENT -> new Mutation.RequireDocument(f.get(1).asString(), f.get(2),
                            f.get(3).asString());
                    case REQUIRE_INDEX_ENTRY -> new Mutation.RequireIndexEntry(f.get(1).asString(),
                            f.get(2).asList(), f.get(3).asBoolean(), f.get(4).asString());
                    case REQUIRE_COLLECTION -> new Mutation.RequireCollection(f.get(1).asString(),
                            f.get(2).asLong(), (int) f.get(3).asLong(), f.get(4).asLong());
                    default -> throw new IllegalArgumentException("unknown mutation tag " + f.get(0));
                });
            }
            return out;
        } catch (RuntimeException e) {
            throw new NodeDbException(SqlState.DATA_CORRUPTED, "undecodable document batch: " + e.getMessage(), e);
        }
    }

    private static Value nullable(String s) {
        return s == null ? Value.NULL : Value.of(s);
    }

    private static String nullableString(Value v) {
        return v == null || v.isNull() ? null : v.asString();
    }

    private static Value strings(List<String> s) {
        List<Value> out = new ArrayList<>();
        s.forEach(x -> out.add(Value.of(x)));
        return new Value.Array(out);
    }

    private static List<String> decodeStrings(Value v) {
        List<String> out = new ArrayList<>();
        v.asList().forEach(x -> out.add(x.asString()));
        return out;
    }
}
