package io.monban.core.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the master key: from configuration (production, e.g. {@code MONBAN_CRYPTO_MASTER_KEY}),
 * else from a key file that the embedded default creates on first start.
 */
public final class MasterKeySource {

    private static final Logger log = LoggerFactory.getLogger(MasterKeySource.class);

    private MasterKeySource() {
    }

    public static byte[] resolve(CryptoProperties properties) {
        if (properties.masterKey() != null && !properties.masterKey().isBlank()) {
            return decode(properties.masterKey().trim(), "monban.crypto.master-key");
        }
        Path file = Path.of(properties.masterKeyFile());
        try {
            if (Files.exists(file)) {
                return decode(Files.readString(file, StandardCharsets.US_ASCII).trim(), file.toString());
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                log.warn("cannot restrict permissions of master key file path={}", file);
            }
            log.warn("generated a master key path={}; set monban.crypto.master-key in production", file);
            return key;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create master key file " + file, e);
        }
    }

    private static byte[] decode(String base64, String source) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not valid base64");
        }
    }
}
