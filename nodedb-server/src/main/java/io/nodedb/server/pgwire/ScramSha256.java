package io.nodedb.server.pgwire;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * SCRAM-SHA-256 (RFC 5802, RFC 7677) as PostgreSQL speaks it, server side, without channel binding. The server
 * keeps only the verifier (salt, iterations, StoredKey, ServerKey), never the password.
 */
public final class ScramSha256 {
    public static final String MECHANISM = "SCRAM-SHA-256";
    private static final int DEFAULT_ITERATIONS = 4096;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the server stores for a user; {@link #toString()} gives PostgreSQL's text form. */
    public record Verifier(int iterations, byte[] salt, byte[] storedKey, byte[] serverKey) {
        @Override
        public String toString() {
            Base64.Encoder b = Base64.getEncoder();
            return "SCRAM-SHA-256$" + iterations + ":" + b.encodeToString(salt) + "$" + b.encodeToString(storedKey)
                    + ":" + b.encodeToString(serverKey);
        }

        public static Verifier parse(String text) {
            try {
                String[] parts = text.split("\\$");
                String[] iterSalt = parts[1].split(":");
                String[] keys = parts[2].split(":");
                Base64.Decoder d = Base64.getDecoder();
                return new Verifier(Integer.parseInt(iterSalt[0]), d.decode(iterSalt[1]), d.decode(keys[0]),
                        d.decode(keys[1]));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a SCRAM-SHA-256 verifier", e);
            }
        }
    }

    private ScramSha256() {
    }

    public static Verifier verifier(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return verifier(password, salt, DEFAULT_ITERATIONS);
    }

    static Verifier verifier(String password, byte[] salt, int iterations) {
        byte[] salted = saltedPassword(password, salt, iterations);
        byte[] clientKey = hmac(salted, "Client Key");
        return new Verifier(iterations, salt, sha256(clientKey), hmac(salted, "Server Key"));
    }

    /** Whether {@code password} is the one {@code verifier} was made from (StoredKey compared in constant time). */
    static boolean matches(Verifier verifier, String password) {
        byte[] salted = saltedPassword(password, verifier.salt(), verifier.iterations());
        return MessageDigest.isEqual(sha256(hmac(salted, "Client Key")), verifier.storedKey());
    }

    /** One authentication exchange. Call {@link #clientFirst}, then {@link #clientFinal}. */
    public static final class Exchange {
        private final Verifier verifier;
        private final String serverNonce;
        private String clientFirstBare;
        private String serverFirst;
        private String nonce;

        public Exchange(Verifier verifier) {
            this(verifier, randomNonce());
        }

        /** With a fixed server nonce, for the RFC's test vector. */
        Exchange(Verifier verifier, String serverNonce) {
            this.verifier = verifier;
            this.serverNonce = serverNonce;
        }

        private static String randomNonce() {
            byte[] b = new byte[18];
            RANDOM.nextBytes(b);
            return Base64.getEncoder().encodeToString(b);
        }

        /** Takes the client-first-message, returns the server-first-message. */
        public String clientFirst(String message) {
            if (message.startsWith("p=")) {
                throw new AuthenticationException("channel binding is not supported");
            }
            if (!message.startsWith("n,") && !message.startsWith("y,")) {
                throw new AuthenticationException("malformed SCRAM client-first-message");
            }
            int bareStart = message.indexOf(',', 2);
            if (bareStart < 0) {
                throw new AuthenticationException("malformed SCRAM client-first-message");
            }
            clientFirstBare = message.substring(bareStart + 1);
            String clientNonce = attribute(clientFirstBare, 'r');
            nonce = clientNonce + serverNonce;
            serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(verifier.salt()) + ",i="
                    + verifier.iterations();
            return serverFirst;
        }

        /** Takes the client-final-message, verifies the proof, returns the server-final-message. */
        public String clientFinal(String message) {
            if (serverFirst == null) {
                throw new AuthenticationException("SCRAM client-final-message before client-first-message");
            }
            int proofAt = message.lastIndexOf(",p=");
            if (proofAt < 0) {
                throw new AuthenticationException("malformed SCRAM client-final-message");
            }
            String withoutProof = message.substring(0, proofAt);
            if (!nonce.equals(attribute(withoutProof, 'r'))) {
                throw new AuthenticationException("SCRAM nonce mismatch");
            }
            byte[] proof;
            try {
                proof = Base64.getDecoder().decode(message.substring(proofAt + 3));
            } catch (IllegalArgumentException e) {
                throw new AuthenticationException("malformed SCRAM proof");
            }
            String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
            byte[] clientSignature = hmac(verifier.storedKey(), authMessage);
            if (proof.length != clientSignature.length) {
                throw new AuthenticationException("password authentication failed");
            }
            byte[] clientKey = new byte[proof.length];
            for (int i = 0; i < proof.length; i++) {
                clientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
            }
            if (!MessageDigest.isEqual(sha256(clientKey), verifier.storedKey())) {
                throw new AuthenticationException("password authentication failed");
            }
            return "v=" + Base64.getEncoder().encodeToString(hmac(verifier.serverKey(), authMessage));
        }
    }

    /** Wrong password or a malformed exchange; the client gets 28P01. */
    public static final class AuthenticationException extends RuntimeException {
        AuthenticationException(String message) {
            super(message, null, false, false);
        }
    }

    private static String attribute(String message, char name) {
        for (String part : message.split(",")) {
            if (part.length() >= 2 && part.charAt(0) == name && part.charAt(1) == '=') {
                return part.substring(2);
            }
        }
        throw new AuthenticationException("SCRAM message lacks attribute '" + name + "'");
    }

    static byte[] saltedPassword(String password, byte[] salt, int iterations) {
        try {
            SecretKeyFactory f = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            return f.generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is unavailable", e);
        }
    }

    static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
