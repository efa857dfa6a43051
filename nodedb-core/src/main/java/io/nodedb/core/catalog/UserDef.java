package io.nodedb.core.catalog;

import java.util.Objects;
import java.util.Set;

/**
 * A user account. Only the SCRAM-SHA-256 verifier of the password is kept (see {@link PasswordVerifier}), so
 * neither the catalog nor the log that created the account ever holds the password itself.
 *
 * @param verifier   the verifier in PostgreSQL's text form, {@code SCRAM-SHA-256$<iter>:<salt>$<StoredKey>:<ServerKey>}
 * @param role       one of {@link #ROLES}
 * @param createdLsn LSN of the record that created the account
 */
public record UserDef(String name, String verifier, String role, long createdLsn) {
    public static final String SUPERUSER = "superuser";
    public static final String DEFAULT_ROLE = "read_write";
    /** The built-in roles, from most to least privileged. */
    public static final Set<String> ROLES = Set.of(SUPERUSER, "tenant_admin", "read_write", "read_only", "monitor");

    public UserDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(verifier, "verifier");
        Objects.requireNonNull(role, "role");
    }

    public boolean superuser() {
        return SUPERUSER.equals(role);
    }

    /** The parsed verifier, for SCRAM authentication. */
    public PasswordVerifier scram() {
        return PasswordVerifier.parse(verifier);
    }
}
