package io.nodedb.core.vector;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;
import io.nodedb.core.value.ValueCodec;
import io.nodedb.core.value.ValueFormatException;

import java.util.ArrayList;
import java.util.List;

/**
 * Payload of a {@link io.nodedb.core.engine.RecordTypes#VECTOR_BATCH} record: a MessagePack array of operations,
 * each an array whose first element is its tag:
 * <pre>
 * [1, name, collection, field, dim, metric, m, efConstruction, type]   create index; metric and type by SQL name
 * [1, ..., type, pqM, nlist, nprobe, trainingSize]                    the same with {@link QuantizationOptions}
 *                                                                      (written only when not all defaults)
 * [2, name]                                                            drop index
 * [3, index, id, vector]                                               upsert; vector is a VECTOR value
 * [4, index, id]                                                       delete
 * </pre>
 * Tags are part of the log format: add, never renumber.
 */
public final class VectorOpCodec {
    private static final int CREATE_INDEX = 1;
    private static final int DROP_INDEX = 2;
    private static final int UPSERT = 3;
    private static final int DELETE = 4;

    private VectorOpCodec() {
    }

    public static byte[] encode(List<VectorOp> ops) {
        List<Value> out = new ArrayList<>(ops.size());
        for (VectorOp op : ops) {
            out.add(switch (op) {
                case VectorOp.CreateIndex c -> {
                    IndexDefinition d = c.definition();
                    List<Value> f = new ArrayList<>(List.of(Value.of(CREATE_INDEX), Value.of(d.name()),
                            Value.of(d.collection()), Value.of(d.field()), Value.of(d.dim()),
                            Value.of(d.metric().sqlName()), Value.of(d.m()), Value.of(d.efConstruction()),
                            Value.of(d.type().sqlName())));
                    QuantizationOptions q = d.quantization();
                    if (!q.isDefault()) {
                        f.addAll(List.of(Value.of(q.pqSubspaces()), Value.of(q.nlist()), Value.of(q.nprobe()),
                                Value.of(q.trainingSize())));
                    }
                    yield new Value.Array(f);
                }
                case VectorOp.DropIndex d -> Value.Array.of(Value.of(DROP_INDEX), Value.of(d.name()));
                case VectorOp.Upsert u -> Value.Array.of(Value.of(UPSERT), Value.of(u.index()), u.id(),
                        new Value.Vector(u.raw()));
                case VectorOp.Delete d -> Value.Array.of(Value.of(DELETE), Value.of(d.index()), d.id());
            });
        }
        return ValueCodec.encode(new Value.Array(out));
    }

    /**
     * @throws NodeDbException {@link SqlState#DATA_CORRUPTED} if the payload is not a well-formed batch, naming the
     *     operation and what is wrong with it
     */
    public static List<VectorOp> decode(byte[] payload) {
        Value root;
        try {
            root = ValueCodec.decode(payload);
        } catch (ValueFormatException e) {
            throw new NodeDbException(SqlState.DATA_CORRUPTED, "malformed vector batch: " + e.getMessage(), e);
        }
        if (!(root instanceof Value.Array batch)) {
            throw new NodeDbException(SqlState.DATA_CORRUPTED, "vector batch is a " + root.type() + ", not an array");
        }
        List<VectorOp> ops = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            try {
                ops.add(decodeOp(batch.get(i).asList()));
            } catch (RuntimeException e) {
                throw new NodeDbException(SqlState.DATA_CORRUPTED, "malformed vector operation " + i + ": "
                        + e.getMessage(), e);
            }
        }
        return ops;
    }

    private static VectorOp decodeOp(List<Value> f) {
        int tag = (int) f.getFirst().asLong();
        return switch (tag) {
            case CREATE_INDEX -> {
                if (f.size() != 9 && f.size() != 13) {
                    throw new IllegalArgumentException("expected 9 or 13 fields, got " + f.size());
                }
                QuantizationOptions q = f.size() == 9 ? QuantizationOptions.DEFAULTS : new QuantizationOptions(
                        toInt(f.get(9)), toInt(f.get(10)), toInt(f.get(11)), toInt(f.get(12)));
                yield new VectorOp.CreateIndex(new IndexDefinition(f.get(1).asString(), f.get(2).asString(),
                        f.get(3).asString(), toInt(f.get(4)), Metric.parse(f.get(5).asString()), toInt(f.get(6)),
                        toInt(f.get(7)), IndexType.parse(f.get(8).asString()), q));
            }
            case DROP_INDEX -> {
                expectSize(f, 2);
                yield new VectorOp.DropIndex(f.get(1).asString());
            }
            case UPSERT -> {
                expectSize(f, 4);
                if (!(f.get(3) instanceof Value.Vector v)) {
                    throw new IllegalArgumentException("vector is a " + f.get(3).type());
                }
                yield new VectorOp.Upsert(f.get(1).asString(), f.get(2), v.values());
            }
            case DELETE -> {
                expectSize(f, 3);
                yield new VectorOp.Delete(f.get(1).asString(), f.get(2));
            }
            default -> throw new IllegalArgumentException("unknown tag " + tag);
        };
    }

    private static void expectSize(List<Value> f, int n) {
        if (f.size() != n) {
            throw new IllegalArgumentException("expected " + n + " fields, got " + f.size());
        }
    }

    private static int toInt(Value v) {
        return Math.toIntExact(v.asLong());
    }
}
