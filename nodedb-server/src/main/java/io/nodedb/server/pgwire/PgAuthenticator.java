package io.nodedb.server.pgwire;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may connect: trust mode accepts any user name; password mode runs SCRAM-SHA-256 against stored verifiers.
 * Unknown users get an exchange against a throwaway verifier, so a client cannot tell them from a wrong password.
 */
public final class PgAuthenticator {
    private final boolean trust;
    private final Map<String, ScramSha256.Verifier> users = new ConcurrentHashMap<>();
    private final ScramSha256.Verifier decoy = ScramSha256.verifier(java.util.UUID.randomUUID().toString());

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

    /** The verifier of {@code user}, or the decoy when there is no such user. */
    ScramSha256.Verifier verifierOf(String user) {
        return users.getOrDefault(user, decoy);
    }

    boolean exists(String user) {
        return users.containsKey(user);
    }
}
