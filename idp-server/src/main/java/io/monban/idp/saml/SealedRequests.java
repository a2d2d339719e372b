package io.monban.idp.saml;

import io.monban.core.crypto.SecretDecryptionException;
import io.monban.core.crypto.SecretEncryptor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A validated request carried, sealed (encrypted and authenticated), in the URL of the same-site
 * continuation. A POST from the SP arrives without the session cookie (SameSite=Lax), so the
 * request is checked there and answered after a redirect that does carry it; sealing keeps this
 * stateless across nodes and unforgeable (a changed ACS or RequestID does not open).
 */
@Component
class SealedRequests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SecretEncryptor encryptor;
    private final Clock clock;
    private final Duration lifetime;

    SealedRequests(SecretEncryptor encryptor, Clock clock, SamlProperties properties) {
        this.encryptor = encryptor;
        this.clock = clock;
        // Time to sign in (and give a second factor) between the request and its answer.
        this.lifetime = Duration.ofMinutes(15).plus(properties.clockSkew());
    }

    <T extends Sealable> String seal(T value) {
        return encryptor.encrypt(JSON.writeValueAsBytes(value), context(value.getClass()));
    }

    /** The value, or empty when tampered with, of another kind, or older than the sign-in allowance. */
    <T extends Sealable> Optional<T> open(String sealed, Class<T> type) {
        if (sealed == null || sealed.length() > 8192) {
            return Optional.empty();
        }
        try {
            T value = JSON.readValue(encryptor.decrypt(sealed, context(type)), type);
            Instant now = clock.instant();
            return value.sealedAt().plus(lifetime).isBefore(now) ? Optional.empty() : Optional.of(value);
        } catch (SecretDecryptionException | JacksonException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String context(Class<?> type) {
        return "saml-sealed:" + type.getSimpleName();
    }

    /** Something that may be sealed: it knows when, so that it expires. */
    interface Sealable {
        Instant sealedAt();
    }
}
