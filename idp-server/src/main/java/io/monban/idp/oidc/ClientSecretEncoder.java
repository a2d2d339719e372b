package io.monban.idp.oidc;

import io.monban.core.crypto.Sha256;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Stores client secrets as SHA-256. Monban generates client secrets with 256 bits of
 * randomness, which no offline guessing can reach, so a slow password hash would only add
 * tens of milliseconds to every token request without making anything safer. Comparison is
 * constant-time. Secrets chosen by people (imported with {@code secretHash}) can keep a bcrypt
 * or Argon2 hash: see {@link OidcConfiguration#clientSecretEncoder()}.
 */
final class ClientSecretEncoder implements PasswordEncoder {

    static final String ID = "sha256";

    @Override
    public String encode(CharSequence rawSecret) {
        return HexFormat.of().formatHex(Sha256.digest(rawSecret));
    }

    @Override
    public boolean matches(CharSequence rawSecret, String encoded) {
        if (rawSecret == null || encoded == null) {
            return false;
        }
        byte[] expected;
        try {
            expected = HexFormat.of().parseHex(encoded);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(Sha256.digest(rawSecret), expected);
    }

}
