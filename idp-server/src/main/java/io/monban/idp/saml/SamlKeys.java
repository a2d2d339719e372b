package io.monban.idp.saml;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.X509CertUtils;
import io.monban.core.crypto.SigningAlgorithm;
import io.monban.core.crypto.SigningKeyService;
import io.monban.core.crypto.SigningKeyService.KeyWithSchedule;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.opensaml.security.x509.BasicX509Credential;
import org.springframework.stereotype.Component;

/**
 * The IdP's SAML keys from core.crypto (where they rotate like the token keys): every published
 * certificate goes into metadata, so a successor is known to SPs before it signs; responses are
 * signed with the key whose window is open. Re-read every few seconds so that keys made by
 * another node appear here. An empty read is never kept, and signing that finds no open key
 * reads again once before it fails, so a read from before the first keys existed does no harm.
 */
@Component
class SamlKeys {

    private static final Duration REFRESH = Duration.ofSeconds(30);

    private final SigningKeyService keys;
    private final Clock clock;
    private volatile Snapshot snapshot;

    SamlKeys(SigningKeyService keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** A published key: its credential (with private key) and schedule. */
    record SamlKey(String kid, SigningAlgorithm family, BasicX509Credential credential, Instant activatesAt,
                   Instant retiresAt) {
        boolean signsAt(Instant now) {
            return !now.isBefore(activatesAt) && (retiresAt == null || now.isBefore(retiresAt));
        }
    }

    private record Snapshot(List<SamlKey> keys, Instant loadedAt) {
    }

    void refresh() {
        List<SamlKey> loaded = keys.samlKeys().stream().map(SamlKeys::toSamlKey).toList();
        snapshot = new Snapshot(loaded, clock.instant());
    }

    List<SamlKey> published() {
        Snapshot s = snapshot;
        if (stale(s)) {
            synchronized (this) {
                s = snapshot;
                if (stale(s)) {
                    refresh();
                    s = snapshot;
                }
            }
        }
        return s.keys();
    }

    private boolean stale(Snapshot s) {
        return s == null || s.keys().isEmpty() || s.loadedAt().plus(REFRESH).isBefore(clock.instant());
    }

    List<SamlKey> published(SigningAlgorithm family) {
        return published().stream().filter(k -> k.family() == family)
                .sorted(Comparator.comparing(SamlKey::activatesAt)).toList();
    }

    /** The credential that signs now: the newest key of the signing family whose window is open. */
    BasicX509Credential signing() {
        return openSigningKey(published()).or(() -> {
            synchronized (this) {
                refresh();
            }
            return openSigningKey(snapshot.keys());
        }).orElseThrow(() -> new IllegalStateException("no SAML signing key is active"));
    }

    private Optional<BasicX509Credential> openSigningKey(List<SamlKey> keys) {
        Instant now = clock.instant();
        return keys.stream().filter(k -> k.family() == SigningAlgorithm.SAML_SIGN && k.signsAt(now))
                .max(Comparator.comparing(SamlKey::activatesAt)).map(SamlKey::credential);
    }

    private static SamlKey toSamlKey(KeyWithSchedule key) {
        try {
            RSAKey rsa = (RSAKey) key.jwk();
            X509Certificate certificate = X509CertUtils.parse(rsa.getX509CertChain().get(0).decode());
            BasicX509Credential credential = new BasicX509Credential(certificate, rsa.toPrivateKey());
            credential.setEntityId(rsa.getKeyID());
            return new SamlKey(rsa.getKeyID(), key.algorithm(), credential, key.activatesAt(), key.retiresAt());
        } catch (JOSEException | RuntimeException e) {
            throw new IllegalStateException("stored SAML key " + key.jwk().getKeyID() + " is not usable", e);
        }
    }
}
