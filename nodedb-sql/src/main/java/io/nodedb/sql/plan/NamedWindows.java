package io.nodedb.sql.plan;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;
import io.nodedb.sql.ast.WindowSpec;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The WINDOW clause: windows named once and used by {@code OVER w}, or refined by {@code OVER (w ORDER BY ...
 * frame)}, under PostgreSQL's rules: a refinement may add an ORDER BY the base lacks and a frame, never a PARTITION
 * BY, and may not start from a window that has a frame. A definition may start from an earlier one.
 */
final class NamedWindows {
    private NamedWindows() {
    }

    /** The definitions by name, each resolved against the ones before it. */
    static Map<String, WindowSpec> definitions(List<WindowSpec.Named> named) {
        Map<String, WindowSpec> out = new HashMap<>();
        for (WindowSpec.Named n : named) {
            if (out.containsKey(n.name())) {
                throw new NodeDbException(SqlState.WINDOWING_ERROR, "window \"" + n.name() + "\" is already defined",
                        n.pos(), null);
            }
            out.put(n.name(), resolve(n.spec(), out));
        }
        return out;
    }

    /** The window a call's OVER means, its reference (if any) replaced by what it names. */
    static WindowSpec resolve(WindowSpec spec, Map<String, WindowSpec> named) {
        if (spec.ref() == null) {
            return spec;
        }
        WindowSpec base = named.get(spec.ref());
        if (base == null) {
            throw new NodeDbException(SqlState.UNDEFINED_OBJECT, "window \"" + spec.ref() + "\" does not exist",
                    spec.pos(), null);
        }
        if (spec.bare()) {
            return base;
        }
        if (!spec.partitionBy().isEmpty()) {
            throw windowing("cannot override PARTITION BY clause of window \"" + spec.ref() + "\"", spec);
        }
        if (!spec.orderBy().isEmpty() && !base.orderBy().isEmpty()) {
            throw windowing("cannot override ORDER BY clause of window \"" + spec.ref() + "\"", spec);
        }
        if (base.frame() != null) {
            throw windowing("cannot copy window \"" + spec.ref() + "\" because it has a frame clause", spec);
        }
        return new WindowSpec(base.partitionBy(), spec.orderBy().isEmpty() ? base.orderBy() : spec.orderBy(),
                spec.frame());
    }

    private static NodeDbException windowing(String message, WindowSpec spec) {
        return new NodeDbException(SqlState.WINDOWING_ERROR, message, spec.pos(), null);
    }
}
