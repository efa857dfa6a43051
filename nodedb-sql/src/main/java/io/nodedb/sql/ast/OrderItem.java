package io.nodedb.sql.ast;

/** {@code nullsFirst} is null when not written: NULLs then sort as the largest value (last ASC, first DESC). */
public record OrderItem(Expr expr, boolean descending, Boolean nullsFirst) {
    public boolean effectiveNullsFirst() {
        return nullsFirst != null ? nullsFirst : descending;
    }
}
