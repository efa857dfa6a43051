package io.nodedb.server.pgwire;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Who may connect: trust mode accepts any user name; password mode runs SCRAM-SHA-256 against stored verifiers.
 * Unknown users get an exchange against a throwaway verifier, so a client cannot tell them from a wrong password.
 */
public final class PgAuthenticator {
    private final boolean trust;
    private final Map<String, ScramSha256.Verifier> users = new ConcurrentHashMap<>();
    private final ScramSha256.Verifier decoy = ScramSha256.verifier(java.util.UUID.randomUUID().toString());
    /** Users kept elsewhere (the catalog's CREATE USER accounts), asked when a name is not one of {@link #users}. */
    private volatile Function<String, ScramSha256.Verifier> directory = name -> null;

    private PgAuthenticator(boolean trust) {
        this.trust = trust;
    }

    public static PgAuthenticator trust() {
        return new PgAuthenticator(true);
    }

    public static PgAuthenticator password() {
        return new PgAuthenticator(false);
    }

    public boolean isTrust() {
        return trust;
    }

    public void putUser(String name, ScramSha256.Verifier verifier) {
        users.put(name, verifier);
    }

    public void removeUser(String name) {
        users.remove(name);
    }

    /**
     * Also accepts the users {@code lookup} knows (it returns null for an unknown name). Looked up at each login,
     * so accounts created, changed or dropped later take effect for the next connection.
     */
    public PgAuthenticator withDirectory(Function<String, ScramSha256.Verifier> lookup) {
        this.directory = lookup;
        return this;
    }

    private ScramSha256.Verifier find(String user) {
        ScramSha256.Verifier v = users.get(user);
        return v != null ? v : directory.apply(user);
    }

    /**
     * Checks a clear-text password (HTTP Basic) against the user's SCRAM verifier: the salted password is
     * derived with the verifier's salt and iterations and its StoredKey compared. An unknown user costs the same
     * work against the decoy, so timing does not reveal which users exist.
     */
    public boolean checkPassword(String user, String password) {
        ScramSha256.Verifier v = verifierOf(user);
        return ScramSha256.matches(v, password) && exists(user);
    }

    /** The verifier of {@code user}, or the decoy when there is no such user. */
    ScramSha256.Verifier verifierOf(String user) {
        ScramSha256.Verifier v = find(user);
        return v != null ? v : decoy;
    }

    boolean exists(String user) {
        return find(user) != null;
    }
}
