package io.monban.core.credential;

import java.util.Map;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;
import org.springframework.security.crypto.scrypt.SCryptPasswordEncoder;

/**
 * Hashes user passwords with Argon2id and verifies hashes imported from elsewhere (bcrypt,
 * PBKDF2, scrypt, weaker Argon2), which {@link #needsRehash} flags so that the next successful
 * sign-in upgrades them.
 */
public final class PasswordHasher {

    private static final String ARGON2 = "argon2";

    private final DelegatingPasswordEncoder encoder;

    public PasswordHasher(PasswordProperties.Argon2 cost) {
        Map<String, PasswordEncoder> encoders = Map.of(
                ARGON2, new Argon2idEncoder(cost),
                "bcrypt", new BCryptPasswordEncoder(),
                "pbkdf2", Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
                "scrypt", SCryptPasswordEncoder.defaultsForSpringSecurity_v5_8());
        this.encoder = new DelegatingPasswordEncoder(ARGON2, encoders);
    }

    public String hash(CharSequence password) {
        return encoder.encode(password);
    }

    public boolean matches(CharSequence password, String storedHash) {
        if (storedHash == null) {
            return false;
        }
        try {
            return encoder.matches(password, normalize(storedHash));
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            // An unknown or corrupt hash format never matches; it must not become a 500.
            return false;
        }
    }

    public boolean needsRehash(String storedHash) {
        try {
            return encoder.upgradeEncoding(normalize(storedHash));
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            return false;
        }
    }

    /** Whether a hash given in configuration is in a format this hasher can verify. */
    public boolean isSupportedHash(String hash) {
        String normalized = normalize(hash);
        return normalized.startsWith("{argon2}$argon2") || normalized.startsWith("{bcrypt}$2")
                || normalized.startsWith("{pbkdf2}") || normalized.startsWith("{scrypt}");
    }

    /** Accepts bare PHC/modular-crypt strings as exported by other systems. */
    public static String normalize(String hash) {
        if (hash.startsWith("$argon2")) {
            return "{argon2}" + hash;
        }
        if (hash.startsWith("$2a$") || hash.startsWith("$2b$") || hash.startsWith("$2y$")) {
            return "{bcrypt}" + hash;
        }
        return hash;
    }
}
