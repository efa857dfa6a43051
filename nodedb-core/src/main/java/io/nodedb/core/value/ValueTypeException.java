package io.nodedb.core.value;

import java.util.Objects;

/**
 * A value was read as a type it does not have. Carries both types so callers (the SQL layer, the embedded API)
 * can map it to their own error codes without parsing the message.
 */
public final class ValueTypeException extends RuntimeException {
    private final ValueType expected;
    private final ValueType actual;

    public ValueTypeException(ValueType expected, ValueType actual) {
        this(null, expected, actual);
    }

    /** {@code context} names where the value came from, e.g. {@code "field 'age'"}; may be null. */
    public ValueTypeException(String context, ValueType expected, ValueType actual) {
        super((context == null ? "" : context + ": ") + "expected " + expected + ", got " + actual);
        this.expected = Objects.requireNonNull(expected, "expected");
        this.actual = Objects.requireNonNull(actual, "actual");
    }

    public ValueType expected() {
        return expected;
    }

    public ValueType actual() {
        return actual;
    }
}
