package io.monban.idp.saml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class RedirectBindingTest {

    static String param(byte[] xml) {
        return RedirectBinding.urlEncode(Base64.getEncoder().encodeToString(RedirectBinding.deflate(xml)));
    }

    @Test
    void decodesTheMessageRelayStateAndTheExactSignedOctets() throws Exception {
        String message = param("<x/>".getBytes(StandardCharsets.UTF_8));
        String query = "SAMLRequest=" + message + "&RelayState=a%20b&SigAlg=alg&Signature=" + RedirectBinding.urlEncode(
                Base64.getEncoder().encodeToString(new byte[]{1, 2, 3}));
        InboundMessage decoded = RedirectBinding.decode(query, "SAMLRequest", 10_000);
        assertThat(new String(decoded.xml(), StandardCharsets.UTF_8)).isEqualTo("<x/>");
        assertThat(decoded.relayState()).isEqualTo("a b");
        assertThat(new String(decoded.redirectSignature().signedOctets(), StandardCharsets.US_ASCII))
                .isEqualTo("SAMLRequest=" + message + "&RelayState=a%20b&SigAlg=alg");
        assertThat(decoded.redirectSignature().signature()).containsExactly(1, 2, 3);
    }

    @Test
    void theQuerySignatureVerifiesWithOpensslOverTheQueryAsSentWhateverTheRelayState() throws Exception {
        SamlKeys keys = org.mockito.Mockito.mock(SamlKeys.class);
        org.mockito.Mockito.when(keys.signing()).thenReturn(CraftedRequests.spCredential());
        String certificate = java.nio.file.Files.readString(new org.springframework.core.io.ClassPathResource(
                "saml/sp-cert.pem").getFile().toPath()).replaceAll("-----[A-Z ]+-----", "");
        for (String relayState : new String[]{null, "plain", "&=+/?%# 日本"}) {
            String url = RedirectBinding.encode("https://sp.example.test/slo", "SAMLResponse", "<x/>", relayState,
                    new SamlSigner(keys));
            String query = url.substring(url.indexOf('?') + 1);
            assertThat(OpensslRedirectSignature.verifies(query, java.util.List.of(certificate))).as(url).isTrue();
            assertThat(OpensslRedirectSignature.verifies(query.replace("SAMLResponse=", "SAMLResponse=A"),
                    java.util.List.of(certificate))).isFalse();
        }
    }

    @Test
    void refusesAMessageThatInflatesBeyondTheLimit() {
        String bomb = param(new byte[1_000_000]);
        assertThatThrownBy(() -> RedirectBinding.decode("SAMLRequest=" + bomb, "SAMLRequest", 100_000))
                .isInstanceOf(SamlMessageException.class).hasMessageContaining("too large once inflated");
    }

    @Test
    void refusesTruncatedOrInvalidDeflateAndInvalidBase64() {
        byte[] deflated = RedirectBinding.deflate("<x>some content</x>".getBytes(StandardCharsets.UTF_8));
        byte[] truncated = java.util.Arrays.copyOf(deflated, deflated.length / 2);
        assertThatThrownBy(() -> RedirectBinding.inflate(truncated, 10_000)).hasMessageContaining("DEFLATE");
        assertThatThrownBy(() -> RedirectBinding.inflate(new byte[]{(byte) 0xff, 1, 2}, 10_000))
                .hasMessageContaining("DEFLATE");
        assertThatThrownBy(() -> RedirectBinding.base64("ab$cd", 10_000)).hasMessageContaining("base64");
    }

    @Test
    void refusesRepeatedParametersAndLongRelayState() {
        String message = param("<x/>".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> RedirectBinding.decode("SAMLRequest=" + message + "&SAMLRequest=" + message,
                "SAMLRequest", 10_000)).hasMessageContaining("more than once");
        assertThatThrownBy(() -> RedirectBinding.decode("SAMLRequest=" + message + "&RelayState=" + "x".repeat(81),
                "SAMLRequest", 10_000)).hasMessageContaining("80 bytes");
        assertThatThrownBy(() -> RedirectBinding.decode("RelayState=x", "SAMLRequest", 10_000))
                .hasMessageContaining("no SAMLRequest");
    }
}
