package io.monban.idp.saml;

import io.monban.core.crypto.SecretEncryptor;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Persistent NameIDs: HMAC-SHA256 of the user id and the SP's entityID under a secret kept
 * sealed in the database. Opaque, stable for a user and SP, and different at every SP, so SPs
 * cannot correlate users through it.
 */
@Component
class PairwiseNameIds {

    private static final String NAME = "pairwise-nameid";
    private static final String CONTEXT = "saml-secret:" + NAME;

    private final JdbcTemplate jdbc;
    private final SecretEncryptor encryptor;
    private volatile SecretKeySpec key;

    PairwiseNameIds(JdbcTemplate jdbc, SecretEncryptor encryptor) {
        this.jdbc = jdbc;
        this.encryptor = encryptor;
    }

    String nameId(UUID userId, String spEntityId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key());
            byte[] digest = mac.doFinal((userId + "|" + spEntityId).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec k = key;
        if (k == null) {
            synchronized (this) {
                if (key == null) {
                    key = new SecretKeySpec(loadOrCreate(), "HmacSHA256");
                }
                k = key;
            }
        }
        return k;
    }

    private byte[] loadOrCreate() {
        List<String> stored = jdbc.queryForList("SELECT secret_enc FROM mb_saml_secret WHERE name = ?", String.class,
                NAME);
        if (stored.isEmpty()) {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            try {
                jdbc.update("INSERT INTO mb_saml_secret (name, secret_enc) VALUES (?, ?)", NAME,
                        encryptor.encrypt(secret, CONTEXT));
                return secret;
            } catch (DuplicateKeyException e) {
                // another node created it first: use that one
                stored = jdbc.queryForList("SELECT secret_enc FROM mb_saml_secret WHERE name = ?", String.class, NAME);
            }
        }
        return encryptor.decrypt(stored.get(0), CONTEXT);
    }
}
