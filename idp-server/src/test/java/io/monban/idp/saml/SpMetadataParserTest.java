package io.monban.idp.saml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.monban.core.application.SamlEndpoint;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

class SpMetadataParserTest {

    @Test
    void readsEntityEndpointsCertificatesFlagsAndPreferredAlgorithms() throws Exception {
        String xml = Files.readString(new ClassPathResource("saml/pysaml2-sp-encrypted.xml").getFile().toPath());
        SpMetadataParser.SpMetadata metadata = SpMetadataParser.parse(xml);
        assertThat(metadata.entityId()).isEqualTo("https://sp-enc.example.test/sp");
        assertThat(metadata.endpoints()).contains(SamlEndpoint.acs("urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST",
                "https://sp-enc.example.test/acs", 1, false));
        assertThat(metadata.endpoints()).anyMatch(e -> e.kind() == SamlEndpoint.Kind.SLO
                && e.location().equals("https://sp-enc.example.test/slo"));
        assertThat(metadata.signingCertificates()).hasSize(1);
        assertThat(metadata.encryptionCertificates()).hasSize(1);
        assertThat(metadata.authnRequestsSigned()).isTrue();
        assertThat(metadata.wantAssertionsSigned()).isTrue();
        assertThat(metadata.dataEncryptionAlgorithm()).isEqualTo("http://www.w3.org/2009/xmlenc11#aes256-gcm");
        assertThat(metadata.keyTransportAlgorithm()).isEqualTo("http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p");
    }

    @Test
    void refusesDoctypesOtherDocumentsAndMetadataWithoutPostAcs() {
        assertThatThrownBy(() -> SpMetadataParser.parse("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"))
                .hasMessageContaining("DOCTYPE");
        assertThatThrownBy(() -> SpMetadataParser.parse("<x xmlns=\"urn:example\"/>"))
                .isInstanceOf(SamlMessageException.class);
        assertThatThrownBy(() -> SpMetadataParser.parse(
                "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"https://x\">"
                        + "<md:SPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\"/>"
                        + "</md:EntityDescriptor>")).hasMessageContaining("AssertionConsumerService");
    }
}
