package org.stemloop.web;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes for the users file: PBKDF2 with HMAC-SHA256 from the JDK
 * ({@code SecretKeyFactory "PBKDF2WithHmacSHA256"}), a 16-byte random salt, a 32-byte key, written as
 * {@code pbkdf2-sha256$ITERATIONS$SALT_B64$HASH_B64} so the cost can be raised later without
 * invalidating old hashes.
 *
 * @apiNote {@link #DEFAULT_ITERATIONS} PBKDF2 rounds take about 0.2-0.4 s on one core of this kind of
 *          machine: hash and verify on a worker thread, never on an event loop.
 */
final class PasswordHash {

    /** OWASP's 2021 floor for PBKDF2-HMAC-SHA256. */
    static final int DEFAULT_ITERATIONS = 310_000;
    private static final String SCHEME = "pbkdf2-sha256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHash() {
    }

    /** A new salted hash of {@code password}. */
    static String hash(char[] password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return format(DEFAULT_ITERATIONS, salt, derive(password, salt, DEFAULT_ITERATIONS));
    }

    /** Whether {@code password} matches {@code encoded}; constant-time comparison of the keys. */
    static boolean verify(char[] password, String encoded) {
        String[] parts = encoded.split("\\$");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            throw new IllegalArgumentException("Not a " + SCHEME + " hash (" + SCHEME + "$ITERATIONS$SALT$HASH)");
        }
        int iterations = Integer.parseInt(parts[1]);
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        return MessageDigest.isEqual(expected, derive(password, salt, iterations));
    }

    /** Whether {@code encoded} looks like a hash this class writes. */
    static boolean isHash(String encoded) {
        return encoded.startsWith(SCHEME + "$") && encoded.split("\\$").length == 4;
    }

    private static String format(int iterations, byte[] salt, byte[] key) {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(key);
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This Java runtime lacks PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }
}
