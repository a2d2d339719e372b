package io.monban.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of text, for look-up keys of secrets (tokens, client secrets) and the audit chain. */
public final class Sha256 {

    private Sha256() {
    }

    public static byte[] digest(CharSequence text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    public static String hex(CharSequence text) {
        return HexFormat.of().formatHex(digest(text));
    }
}
