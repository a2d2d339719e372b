package io.monban.idp.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.monban.core.crypto.SigningAlgorithm;
import io.monban.core.crypto.SigningKeyService;
import io.monban.core.crypto.SigningKeyService.KeyWithSchedule;
import io.monban.idp.testsupport.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/** The token key cache never keeps "no keys", and a signer that finds none reads once more. */
class SigningKeyRingTest {

    private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");

    private final SigningKeyService keys = mock(SigningKeyService.class);
    private final TestClock clock = new TestClock(START);
    private final SigningKeyRing ring = new SigningKeyRing(keys, clock, Duration.ofSeconds(30));

    @Test
    void aReadThatFoundNoKeysIsNotKeptAndTheNextRequestSeesTheFirstKey() throws Exception {
        KeyWithSchedule first = es256("first", START, null);
        when(keys.signingKeys()).thenReturn(List.of(), List.of(first));

        assertThat(ring.get(all(), null)).isEmpty();
        // Well inside the refresh interval: an empty read must not stand for it.
        assertThat(ring.get(all(), null)).extracting(k -> k.getKeyID()).containsExactly("first");
    }

    @Test
    void aTokenIsSignedEvenWhenTheOnlyEarlierReadFoundNoKeys() throws Exception {
        when(keys.signingKeys()).thenReturn(List.of(), List.of(es256("first", START, null)));
        assertThat(ring.get(all(), null)).isEmpty();

        NimbusJwtEncoder encoder = new NimbusJwtEncoder(ring::signingCandidates);
        encoder.setJwkSelector(ring::pickSigningKey);
        var jwt = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.ES256).build(),
                JwtClaimsSet.builder().subject("s").issuer("http://localhost").build()));

        assertThat(jwt.getHeaders()).containsEntry("kid", "first");
    }

    @Test
    void aSignerWhoseCachedKeyClosedReadsAgainOnceAndSignsWithTheSuccessor() throws Exception {
        KeyWithSchedule old = es256("old", START.minus(Duration.ofDays(30)), START.plusSeconds(5));
        KeyWithSchedule successor = es256("successor", START.plusSeconds(5), null);
        KeyWithSchedule oldAsNowStored = es256(old, START.plusSeconds(5));
        when(keys.signingKeys()).thenReturn(List.of(old), List.of(oldAsNowStored, successor));
        assertThat(ring.openKeys()).extracting(k -> k.jwk().getKeyID()).containsExactly("old");

        clock.advance(Duration.ofSeconds(10));

        assertThat(ring.signingCandidates(es256Selector(), null)).extracting(k -> k.getKeyID())
                .containsExactly("successor");
        verify(keys, times(2)).signingKeys();
    }

    @Test
    void withNoKeyAtAllTheSignerFailsAfterOneMoreRead() {
        when(keys.signingKeys()).thenReturn(List.of());

        assertThat(ring.signingCandidates(es256Selector(), null)).isEmpty();
        // one read for the (never kept) empty cache, one more before giving up
        verify(keys, times(2)).signingKeys();
    }

    private static JWKSelector all() {
        return new JWKSelector(new JWKMatcher.Builder().build());
    }

    private static JWKSelector es256Selector() {
        return new JWKSelector(new JWKMatcher.Builder().algorithm(JWSAlgorithm.ES256).build());
    }

    private static KeyWithSchedule es256(String kid, Instant activates, Instant retires) throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256)
                .generate();
        return new KeyWithSchedule(key, SigningAlgorithm.ES256, activates, retires);
    }

    private static KeyWithSchedule es256(KeyWithSchedule key, Instant retires) {
        return new KeyWithSchedule(key.jwk(), key.algorithm(), key.activatesAt(), retires);
    }
}
