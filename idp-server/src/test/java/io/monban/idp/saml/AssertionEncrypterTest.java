package io.monban.idp.saml;

import static org.assertj.core.api.Assertions.assertThat;

import io.monban.core.application.SamlServiceProviderSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opensaml.saml.saml2.core.Assertion;
import org.opensaml.saml.saml2.core.EncryptedAssertion;
import org.opensaml.saml.saml2.core.Issuer;
import org.opensaml.saml.saml2.encryption.Decrypter;
import org.opensaml.security.x509.BasicX509Credential;
import org.opensaml.xmlsec.encryption.support.InlineEncryptedKeyResolver;
import org.opensaml.xmlsec.keyinfo.impl.StaticKeyInfoCredentialResolver;

class AssertionEncrypterTest {

    static final SamlProperties DEFAULTS = new SamlProperties(null, Duration.ofMinutes(2), Duration.ofMinutes(5),
            Duration.ofMinutes(5), Duration.ofDays(7), "http://www.w3.org/2009/xmlenc11#aes256-gcm",
            "http://www.w3.org/2009/xmlenc11#rsa-oaep", 131072);

    static ServiceProvider sp(String data, String transport) {
        String cert = Pem.encode(CraftedRequests.spCredential().getEntityCertificate());
        return ServiceProvider.of(new SamlServiceProviderSpec("https://sp.example", "sp", null, List.of(), List.of(cert),
                List.of(cert), false, false, true, false, true, "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
                List.of(), false, data, transport));
    }

    static String roundTrip(ServiceProvider sp) throws Exception {
        Assertion assertion = OpenSaml.build(Assertion.DEFAULT_ELEMENT_NAME);
        assertion.setID("_a1");
        Issuer issuer = OpenSaml.build(Issuer.DEFAULT_ELEMENT_NAME);
        issuer.setValue("https://idp.example");
        assertion.setIssuer(issuer);
        EncryptedAssertion encrypted = new AssertionEncrypter(DEFAULTS).encrypt(assertion, sp);
        String xml = OpenSaml.toXml(OpenSaml.marshall(encrypted));
        BasicX509Credential key = CraftedRequests.spCredential();
        Decrypter decrypter = new Decrypter(null, new StaticKeyInfoCredentialResolver(key), new InlineEncryptedKeyResolver());
        decrypter.setRootInNewDocument(true);
        assertThat(decrypter.decrypt(encrypted).getIssuer().getValue()).isEqualTo("https://idp.example");
        return xml;
    }

    @Test
    void defaultsToAes256GcmWithRsaOaepSha256() throws Exception {
        String xml = roundTrip(sp(null, null));
        assertThat(xml).contains("http://www.w3.org/2009/xmlenc11#aes256-gcm")
                .contains("http://www.w3.org/2009/xmlenc11#rsa-oaep")
                .contains("http://www.w3.org/2001/04/xmlenc#sha256");
    }

    @Test
    void olderSpsGetAesCbcWithRsaOaepMgf1pAndSha1() throws Exception {
        String xml = roundTrip(sp("http://www.w3.org/2001/04/xmlenc#aes128-cbc",
                "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p"));
        assertThat(xml).contains("http://www.w3.org/2001/04/xmlenc#aes128-cbc")
                .contains("http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p").doesNotContain("xmlenc11");
    }
}
