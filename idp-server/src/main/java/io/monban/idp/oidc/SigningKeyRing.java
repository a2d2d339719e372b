package io.monban.idp.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.monban.core.crypto.SigningKeyService;
import io.monban.core.crypto.SigningKeyService.KeyWithSchedule;
import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.security.oauth2.jwt.JwtEncodingException;

/**
 * The keys the authorization server signs with and publishes, held in memory and re-read from
 * the database every {@code refreshInterval} so that keys created by another node appear here
 * long before they sign (the pre-publication period is far longer than the interval). An empty
 * read is never kept, and a signer that finds no key reads again once before it fails: a cache
 * filled in the moment before the first keys were made must not refuse to sign for an interval.
 */
public class SigningKeyRing implements JWKSource<SecurityContext> {

    private final SigningKeyService keys;
    private final Clock clock;
    private final Duration refreshInterval;
    private volatile Snapshot snapshot;
    private final Map<String, Key> publicKeys = new ConcurrentHashMap<>();

    public SigningKeyRing(SigningKeyService keys, Clock clock, Duration refreshInterval) {
        this.keys = keys;
        this.clock = clock;
        this.refreshInterval = refreshInterval;
    }

    /** Reads the keys again now, e.g. right after a rotation on this node. */
    public void refresh() {
        List<KeyWithSchedule> loaded = keys.signingKeys();
        snapshot = new Snapshot(loaded, new JWKSet(loaded.stream().map(KeyWithSchedule::jwk).toList()),
                clock.instant());
    }

    private Snapshot current() {
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
        return s;
    }

    private boolean stale(Snapshot s) {
        return s == null || s.keys().isEmpty() || s.loadedAt().plus(refreshInterval).isBefore(clock.instant());
    }

    /**
     * The keys whose signing window is open now; when none is, the keys are read again once (a
     * key made a moment ago, here or by another node) before the answer may be empty.
     */
    public List<KeyWithSchedule> openKeys() {
        List<KeyWithSchedule> open = open(current());
        if (open.isEmpty()) {
            synchronized (this) {
                refresh();
            }
            open = open(snapshot);
        }
        return open;
    }

    private List<KeyWithSchedule> open(Snapshot s) {
        Instant now = clock.instant();
        return s.keys().stream().filter(k -> k.signsAt(now)).toList();
    }

    /**
     * The token signer's key source: the open keys that fit the token's algorithm, read again
     * once when none fits.
     */
    public List<JWK> signingCandidates(JWKSelector selector, SecurityContext context) {
        List<JWK> found = selector.select(new JWKSet(open(current()).stream().map(KeyWithSchedule::jwk).toList()));
        if (found.isEmpty()) {
            synchronized (this) {
                refresh();
            }
            found = selector.select(new JWKSet(open(snapshot).stream().map(KeyWithSchedule::jwk).toList()));
        }
        return found;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        return selector.select(current().jwkSet());
    }

    /**
     * The public key to verify a token signed with {@code kid}, while that key is published.
     * Converted once per key: turning a JWK into a Java key decodes its numbers with a slow
     * constant-time codec, which cost more than the rest of a userinfo request when done per token.
     */
    public List<Key> verificationKeys(JWSHeader header, SecurityContext context) {
        String kid = header.getKeyID();
        if (kid == null) {
            return List.of();
        }
        JWK published = current().jwkSet().getKeyByKeyId(kid);
        if (published == null || !header.getAlgorithm().equals(published.getAlgorithm())) {
            return List.of();
        }
        return List.of(publicKeys.computeIfAbsent(kid, k -> toPublicKey(published)));
    }

    private static Key toPublicKey(JWK jwk) {
        try {
            return jwk instanceof RSAKey rsa ? rsa.toPublicKey() : ((ECKey) jwk).toPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot read public key " + jwk.getKeyID(), e);
        }
    }

    /**
     * Among the keys that fit a token's algorithm, the one whose signing window is open now
     * (the newest, if windows overlap). Published-only keys (not yet active, or retired) never sign.
     */
    public JWK pickSigningKey(List<JWK> candidates) {
        Set<String> kids = candidates.stream().map(JWK::getKeyID).collect(Collectors.toSet());
        return openKeys().stream()
                .filter(k -> kids.contains(k.jwk().getKeyID()))
                .max(Comparator.comparing(KeyWithSchedule::activatesAt))
                .map(KeyWithSchedule::jwk)
                .orElseThrow(() -> new JwtEncodingException("no signing key is active for this algorithm"));
    }

    private record Snapshot(List<KeyWithSchedule> keys, JWKSet jwkSet, Instant loadedAt) {
    }
}
