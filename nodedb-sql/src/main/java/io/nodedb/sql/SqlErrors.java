package io.nodedb.sql;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;

/** The SQL layer's error vocabulary: one factory per kind of error, so codes and wording stay consistent. */
public final class SqlErrors {
    private SqlErrors() {
    }

    public static NodeDbException syntax(String message, int position) {
        return new NodeDbException(SqlState.SYNTAX_ERROR, message, position, null);
    }

    public static NodeDbException notSupported(String what) {
        return new NodeDbException(SqlState.FEATURE_NOT_SUPPORTED, what + " is not supported yet");
    }

    public static NodeDbException notSupported(String what, int position) {
        return new NodeDbException(SqlState.FEATURE_NOT_SUPPORTED, what + " is not supported yet", position, null);
    }

    public static NodeDbException undefinedColumn(String name, int position) {
        return new NodeDbException(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" does not exist", position,
                null);
    }

    public static NodeDbException ambiguousColumn(String name, int position) {
        return new NodeDbException(SqlState.AMBIGUOUS_COLUMN, "column reference \"" + name + "\" is ambiguous",
                position, null);
    }

    public static NodeDbException undefinedTable(String name, int position) {
        return new NodeDbException(SqlState.UNDEFINED_TABLE, "collection \"" + name + "\" does not exist", position,
                null);
    }

    public static NodeDbException undefinedFunction(String name, int position) {
        return new NodeDbException(SqlState.UNDEFINED_FUNCTION, "function " + name + " does not exist", position,
                null);
    }

    public static NodeDbException grouping(String message, int position) {
        return new NodeDbException(SqlState.GROUPING_ERROR, message, position, null);
    }

    public static NodeDbException divisionByZero() {
        return new NodeDbException(SqlState.DIVISION_BY_ZERO, "division by zero");
    }

    public static NodeDbException overflow(String type) {
        return new NodeDbException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, type + " out of range");
    }

    public static NodeDbException cardinality(String message) {
        return new NodeDbException(SqlState.CARDINALITY_VIOLATION, message);
    }

    public static NodeDbException invalidSavepoint(String name) {
        return new NodeDbException(SqlState.INVALID_SAVEPOINT_SPECIFICATION,
                "savepoint \"" + name + "\" does not exist");
    }

    public static NodeDbException mismatch(String message, int position) {
        return new NodeDbException(SqlState.DATATYPE_MISMATCH, message, position, null);
    }

    public static NodeDbException badText(String message) {
        return new NodeDbException(SqlState.INVALID_TEXT_REPRESENTATION, message);
    }

    public static NodeDbException badDatetime(String message) {
        return new NodeDbException(SqlState.INVALID_DATETIME_FORMAT, message);
    }

    public static NodeDbException invalidParameter(String message) {
        return new NodeDbException(SqlState.INVALID_PARAMETER_VALUE, message);
    }

    public static NodeDbException data(String message) {
        return new NodeDbException(SqlState.DATA_EXCEPTION, message);
    }
}
