package io.nodedb.sql.session;

import io.nodedb.core.document.Mutation;
import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.core.value.Value;
import io.nodedb.core.vector.IndexDefinition;
import io.nodedb.core.vector.VectorEngine;
import io.nodedb.core.vector.VectorValues;
import io.nodedb.sql.expr.SqlValues;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rejects a statement's writes (22000, nothing applied) when a document would hold, in a field with a vector
 * index, something the index cannot take: not an array of numbers, another dimension, or a component that is not
 * finite. A missing field or NULL is fine: that document is simply not in the index.
 */
final class VectorWriteCheck {
    private VectorWriteCheck() {
    }

    static void check(VectorEngine vectors, List<Mutation> writes) {
        if (!vectors.followsAnyCollection()) {
            return;
        }
        Map<String, List<IndexDefinition>> byCollection = new HashMap<>();
        for (Mutation m : writes) {
            if (m instanceof Mutation.PutDocument p) {
                for (IndexDefinition index : byCollection.computeIfAbsent(p.collection(), vectors::indexesOn)) {
                    String problem = problem(p.document(), index);
                    if (problem != null) {
                        throw new NodeDbException(SqlState.DATA_EXCEPTION, problem + " (row key " + SqlValues.display(p.id()) + ")");
                    }
                }
            }
        }
    }

    /** What is wrong with the document's vector for this index, or null if it has none or a good one. */
    static String problem(Value.Obj doc, IndexDefinition index) {
        Value v = VectorValues.field(doc, index.field());
        if (v == null || v.isNull()) {
            return null;
        }
        float[] f = VectorValues.toFloats(v);
        String where = "field \"" + index.field() + "\" (vector index \"" + index.name() + "\")";
        if (f == null) {
            return where + " must be an array of numbers, got " + v.type().name().toLowerCase(java.util.Locale.ROOT);
        }
        if (f.length != index.dim()) {
            return where + " expects " + index.dim() + " dimensions, got " + f.length;
        }
        for (int i = 0; i < f.length; i++) {
            if (!Float.isFinite(f[i])) {
                return where + ": component " + i + " is not a finite number";
            }
        }
        return null;
    }
}
