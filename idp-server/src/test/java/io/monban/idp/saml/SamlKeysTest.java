package io.monban.idp.saml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.X509CertUtils;
import io.monban.core.crypto.SigningAlgorithm;
import io.monban.core.crypto.SigningKeyService;
import io.monban.core.crypto.SigningKeyService.KeyWithSchedule;
import io.monban.idp.testsupport.TestClock;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/** The SAML key cache never keeps "no keys", and signing that finds no open key reads once more. */
class SamlKeysTest {

    private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");

    private final SigningKeyService keys = mock(SigningKeyService.class);
    private final TestClock clock = new TestClock(START);
    private final SamlKeys samlKeys = new SamlKeys(keys, clock);

    @Test
    void metadataReadBeforeTheFirstKeyExistedDoesNotHideItAfterwards() throws Exception {
        when(keys.samlKeys()).thenReturn(List.of(), List.of(signing("first", START, null)));

        assertThat(samlKeys.published()).isEmpty();
        assertThat(samlKeys.published()).extracting(SamlKeys.SamlKey::kid).containsExactly("first");
    }

    @Test
    void signingAfterAnEmptyReadFindsTheNewKey() throws Exception {
        when(keys.samlKeys()).thenReturn(List.of(), List.of(signing("first", START, null)));
        assertThat(samlKeys.published()).isEmpty();

        assertThat(samlKeys.signing().getEntityId()).isEqualTo("first");
    }

    @Test
    void signingWhoseCachedKeyClosedReadsAgainOnceAndUsesTheSuccessor() throws Exception {
        when(keys.samlKeys()).thenReturn(List.of(signing("old", START.minus(Duration.ofDays(30)), START.plusSeconds(5))),
                List.of(signing("old", START.minus(Duration.ofDays(30)), START.plusSeconds(5)),
                        signing("successor", START.plusSeconds(5), null)));
        assertThat(samlKeys.signing().getEntityId()).isEqualTo("old");

        clock.advance(Duration.ofSeconds(10));

        assertThat(samlKeys.signing().getEntityId()).isEqualTo("successor");
        verify(keys, times(2)).samlKeys();
    }

    @Test
    void withNoKeyAtAllSigningFailsAfterOneMoreRead() {
        when(keys.samlKeys()).thenReturn(List.of());

        assertThatThrownBy(samlKeys::signing).hasMessage("no SAML signing key is active");
        verify(keys, times(2)).samlKeys();
    }

    private static KeyWithSchedule signing(String kid, Instant activates, Instant retires) throws Exception {
        X509Certificate certificate = X509CertUtils.parse(read("saml/sp-cert.pem"));
        String pem = read("saml/sp-key.pem").replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        var privateKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        RSAKey key = new RSAKey.Builder(RSAKey.parse(certificate)).privateKey(privateKey).keyID(kid).build();
        return new KeyWithSchedule(key, SigningAlgorithm.SAML_SIGN, activates, retires);
    }

    private static String read(String resource) throws Exception {
        return new ClassPathResource(resource).getContentAsString(StandardCharsets.UTF_8);
    }
}
