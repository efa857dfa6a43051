package io.nodedb.core.catalog;

import io.nodedb.core.error.NodeDbException;
import io.nodedb.core.error.SqlState;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A SCRAM-SHA-256 password verifier (RFC 5802 / RFC 7677), in the text form PostgreSQL stores in
 * {@code pg_authid.rolpassword}: {@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>}, all base64.
 * It lets a server run the SCRAM exchange (it needs StoredKey and ServerKey, never the password) and check a
 * cleartext password, while what is stored and logged cannot be turned back into the password.
 */
public record PasswordVerifier(int iterations, byte[] salt, byte[] storedKey, byte[] serverKey) {
    public static final String MECHANISM = "SCRAM-SHA-256";
    public static final int DEFAULT_ITERATIONS = 4096;
    private static final int SALT_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A verifier for the password with a fresh random salt. */
    public static PasswordVerifier create(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return derive(password, salt, DEFAULT_ITERATIONS);
    }

    /** The verifier for this password, salt and iteration count (deterministic; for tests and checking). */
    public static PasswordVerifier derive(String password, byte[] salt, int iterations) {
        byte[] salted = saltedPassword(password, salt, iterations);
        byte[] clientKey = hmac(salted, "Client Key".getBytes(StandardCharsets.US_ASCII));
        byte[] serverKey = hmac(salted, "Server Key".getBytes(StandardCharsets.US_ASCII));
        return new PasswordVerifier(iterations, salt.clone(), sha256(clientKey), serverKey);
    }

    /**
     * SaltedPassword = Hi(password, salt, i): PBKDF2 with HMAC-SHA-256 and one 32-byte block. The password should be
     * SASLprep-normalised; like PostgreSQL we use it as given when it is plain ASCII, which is the common case.
     */
    public static byte[] saltedPassword(String password, byte[] salt, int iterations) {
        byte[] key = password.getBytes(StandardCharsets.UTF_8);
        byte[] block = new byte[salt.length + 4];
        System.arraycopy(salt, 0, block, 0, salt.length);
        block[block.length - 1] = 1;
        if (key.length == 0) {
            // javax.crypto refuses an empty HMAC key, and an empty password is no protection anyway.
            throw new NodeDbException(SqlState.INVALID_PARAMETER_VALUE, "password must not be empty");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] u = mac.doFinal(block);
            byte[] result = u.clone();
            for (int i = 1; i < iterations; i++) {
                u = mac.doFinal(u);
                for (int j = 0; j < result.length; j++) {
                    result[j] ^= u[j];
                }
            }
            return result;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    public static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** True when the cleartext password is the one this verifier was made from (constant-time comparison). */
    public boolean matches(String password) {
        if (password == null || password.isEmpty()) {
            return false;
        }
        PasswordVerifier other = derive(password, salt, iterations);
        return MessageDigest.isEqual(storedKey, other.storedKey) && MessageDigest.isEqual(serverKey, other.serverKey);
    }

    /** The PostgreSQL text form. */
    public String encode() {
        Base64.Encoder b = Base64.getEncoder();
        return MECHANISM + "$" + iterations + ":" + b.encodeToString(salt) + "$" + b.encodeToString(storedKey) + ":"
                + b.encodeToString(serverKey);
    }

    @Override
    public String toString() {
        return encode();
    }

    /** @throws NodeDbException 22023 when the text is not a SCRAM-SHA-256 verifier */
    public static PasswordVerifier parse(String text) {
        try {
            String[] parts = text.split("\\$");
            if (parts.length != 3 || !parts[0].equals(MECHANISM)) {
                throw new IllegalArgumentException("not " + MECHANISM);
            }
            String[] iterSalt = parts[1].split(":");
            String[] keys = parts[2].split(":");
            Base64.Decoder d = Base64.getDecoder();
            int iterations = Integer.parseInt(iterSalt[0]);
            byte[] stored = d.decode(keys[0]);
            byte[] server = d.decode(keys[1]);
            if (iterations < 1 || stored.length != 32 || server.length != 32) {
                throw new IllegalArgumentException("bad key lengths or iteration count");
            }
            return new PasswordVerifier(iterations, d.decode(iterSalt[1]), stored, server);
        } catch (RuntimeException e) {
            throw new NodeDbException(SqlState.INVALID_PARAMETER_VALUE, "invalid password verifier: "
                    + e.getMessage());
        }
    }
}
