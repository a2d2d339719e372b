package io.monban.core.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import io.monban.core.audit.AuditLog;
import io.monban.core.audit.AuditRecord;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Signing keys with rotation: a successor is created {@code prePublish} before it takes over,
 * so relying parties see it in JWKS first; the predecessor stays published for
 * {@code retainAfter} so that tokens it signed still verify.
 */
@Service
public class SigningKeyService {

    private static final Logger log = LoggerFactory.getLogger(SigningKeyService.class);

    private final SigningKeyRepository keys;
    private final SecretEncryptor encryptor;
    private final CryptoProperties.Keys settings;
    private final AuditLog audit;
    private final Clock clock;
    /** Decrypted private keys by kid: decrypting on every token would cost more than signing. */
    private final Map<String, JWK> privateKeys = new ConcurrentHashMap<>();

    public SigningKeyService(SigningKeyRepository keys, SecretEncryptor encryptor, CryptoProperties properties,
                             AuditLog audit, Clock clock) {
        this.keys = keys;
        this.encryptor = encryptor;
        this.settings = properties.keys();
        this.audit = audit;
        this.clock = clock;
    }

    /** Every key still published, public parts only, newest first. */
    @Transactional(readOnly = true)
    public List<JWK> publishedKeys() {
        Instant now = clock.instant();
        List<JWK> published = new ArrayList<>();
        keys.findAll().stream()
                .filter(k -> k.isPublishedAt(now) && SigningAlgorithm.valueOf(k.getAlgorithm()).inJwks())
                .sorted(Comparator.comparing(SigningKey::getActivatesAt).reversed())
                .forEach(k -> published.add(parse(k.getPublicJwk())));
        return published;
    }

    /** The published JWKS keys with their private parts, for the signer's key source. */
    @Transactional(readOnly = true)
    public List<KeyWithSchedule> signingKeys() {
        return keysWithPrivateParts(true);
    }

    /**
     * The published SAML keys (signing and encryption, each with its certificate in {@code x5c})
     * with their private parts: metadata lists all of them, responses are signed with the one
     * whose window is open.
     */
    @Transactional(readOnly = true)
    public List<KeyWithSchedule> samlKeys() {
        return keysWithPrivateParts(false);
    }

    private List<KeyWithSchedule> keysWithPrivateParts(boolean jwks) {
        Instant now = clock.instant();
        List<KeyWithSchedule> result = new ArrayList<>();
        for (SigningKey key : keys.findAll()) {
            if (key.isPublishedAt(now) && SigningAlgorithm.valueOf(key.getAlgorithm()).inJwks() == jwks) {
                JWK jwk = privateKeys.computeIfAbsent(key.getKid(), kid -> parse(new String(
                        encryptor.decrypt(key.getPrivateKeyEnc(), context(kid)), StandardCharsets.UTF_8)));
                result.add(new KeyWithSchedule(jwk, SigningAlgorithm.valueOf(key.getAlgorithm()),
                        key.getActivatesAt(), key.getRetiresAt().orElse(null)));
            }
        }
        return result;
    }

    /**
     * Creates the first key of each algorithm, and a successor when the current one is due for
     * rotation. Safe to call often and from several nodes.
     */
    @Transactional
    public void rotateIfDue() {
        Instant now = clock.instant();
        for (SigningAlgorithm algorithm : SigningAlgorithm.values()) {
            List<SigningKey> existing = keys.findByAlgorithmOrderByActivatesAtDesc(algorithm.name());
            if (existing.isEmpty()) {
                create(algorithm, now, now);
                continue;
            }
            SigningKey newest = existing.get(0);
            boolean successorPending = newest.getActivatesAt().isAfter(now);
            Instant due = newest.getActivatesAt().plus(settings.rotationPeriod()).minus(settings.prePublish());
            if (!successorPending && !now.isBefore(due)) {
                rotate(algorithm, newest, now);
            }
        }
    }

    /** Starts a rotation now (e.g. a suspected key leak): the successor signs after {@code prePublish}. */
    @Transactional
    public SigningKey rotateNow(SigningAlgorithm algorithm) {
        Instant now = clock.instant();
        List<SigningKey> existing = keys.findByAlgorithmOrderByActivatesAtDesc(algorithm.name());
        return existing.isEmpty() ? create(algorithm, now, now) : rotate(algorithm, existing.get(0), now);
    }

    private SigningKey rotate(SigningAlgorithm algorithm, SigningKey current, Instant now) {
        Instant activates = now.plus(settings.prePublish());
        SigningKey successor = create(algorithm, now, activates);
        current.retire(activates, activates.plus(settings.retainAfter()));
        log.info("signing key rotation scheduled alg={} old_kid={} new_kid={} activates_at={}", algorithm,
                current.getKid(), successor.getKid(), activates);
        return successor;
    }

    private SigningKey create(SigningAlgorithm algorithm, Instant now, Instant activates) {
        String kid = algorithm.name().toLowerCase() + "-" + UUID.randomUUID();
        try {
            JWK jwk = algorithm.generate(kid, now);
            String sealed = encryptor.encrypt(jwk.toJSONString().getBytes(StandardCharsets.UTF_8), context(kid));
            SigningKey key = keys.save(new SigningKey(kid, algorithm.name(), jwk.toPublicJWK().toJSONString(),
                    sealed, now, activates));
            audit.record(AuditRecord.success("signing-key.created", kid, "alg=" + algorithm + " activates_at="
                    + activates));
            return key;
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate " + algorithm + " key", e);
        }
    }

    /** Removes keys that are no longer published. */
    @Transactional
    public int purgeRemoved() {
        Instant now = clock.instant();
        List<SigningKey> gone = keys.findAll().stream().filter(k -> !k.isPublishedAt(now)).toList();
        gone.forEach(k -> {
            keys.delete(k);
            privateKeys.remove(k.getKid());
            audit.record(AuditRecord.success("signing-key.removed", k.getKid(), null));
        });
        return gone.size();
    }

    private static String context(String kid) {
        return "signing-key:" + kid;
    }

    private static JWK parse(String json) {
        try {
            return JWK.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("stored JWK is not valid", e);
        }
    }

    /**
     * A key with the window in which it signs.
     *
     * @param retiresAt null while no successor is scheduled
     */
    public record KeyWithSchedule(JWK jwk, SigningAlgorithm algorithm, Instant activatesAt, Instant retiresAt) {
        public boolean signsAt(Instant now) {
            return !now.isBefore(activatesAt) && (retiresAt == null || now.isBefore(retiresAt));
        }
    }
}
