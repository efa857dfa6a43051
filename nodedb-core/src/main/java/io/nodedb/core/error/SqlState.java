package io.nodedb.core.error;

/**
 * The SQLSTATE codes NodeDB reports. Every user-visible error carries one, so clients on any protocol
 * (pgwire, HTTP, the embedded API) can branch on a stable code instead of on message text.
 */
public enum SqlState {
    SUCCESSFUL_COMPLETION("00000"),
    FEATURE_NOT_SUPPORTED("0A000"),
    DATA_EXCEPTION("22000"),
    NUMERIC_VALUE_OUT_OF_RANGE("22003"),
    INVALID_TEXT_REPRESENTATION("22P02"),
    NOT_NULL_VIOLATION("23502"),
    UNIQUE_VIOLATION("23505"),
    IN_FAILED_SQL_TRANSACTION("25P02"),
    SERIALIZATION_FAILURE("40001"),
    SYNTAX_ERROR("42601"),
    DATATYPE_MISMATCH("42804"),
    UNDEFINED_TABLE("42P01"),
    DUPLICATE_TABLE("42P07"),
    UNDEFINED_OBJECT("42704"),
    DUPLICATE_OBJECT("42710"),
    INVALID_PARAMETER_VALUE("22023"),
    CONFIGURATION_LIMIT_EXCEEDED("53400"),
    OUT_OF_MEMORY("53200"),
    DISK_FULL("53100"),
    OBJECT_NOT_IN_PREREQUISITE_STATE("55000"),
    LOCK_NOT_AVAILABLE("55P03"),
    ADMIN_SHUTDOWN("57P01"),
    IO_ERROR("58030"),
    DATA_CORRUPTED("XX001"),
    INTERNAL_ERROR("XX000");

    private final String code;

    SqlState(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
