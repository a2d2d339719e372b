package io.monban.idp.saml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

class SamlServiceProviderRegistrarTest {

    final SamlServiceProviderRegistrar registrar = new SamlServiceProviderRegistrar(null, null);

    static SamlServiceProviderEntry entry(String metadata, String metadataFile, String entityId, List<String> acs,
                                          String nameIdFormat, Boolean encrypt, List<String> certificates) {
        return new SamlServiceProviderEntry(null, metadata, metadataFile, entityId, acs, null, certificates, null, null,
                nameIdFormat, null, null, null, encrypt, null, null, null, null, null);
    }

    @Test
    void acceptsMetadataByPathRelativeToTheBootstrapFile() throws Exception {
        Path base = new ClassPathResource("bootstrap-saml-it.yaml").getFile().toPath().getParent();
        SamlServiceProviderEntry entry = entry(null, "saml/pysaml2-sp.xml", null, null, "persistent", true, null);
        assertThat(registrar.validate(entry, base)).isEmpty();
        assertThat(registrar.entityId(entry, base)).isEqualTo("https://sp.example.test/sp");
    }

    @Test
    void acceptsInlineMetadata() throws Exception {
        String xml = java.nio.file.Files.readString(new ClassPathResource("saml/pysaml2-sp-encrypted.xml").getFile()
                .toPath());
        SamlServiceProviderEntry entry = entry(xml, null, null, null, "transient", true, null);
        assertThat(registrar.validate(entry, null)).isEmpty();
        assertThat(registrar.entityId(entry, null)).isEqualTo("https://sp-enc.example.test/sp");
        assertThat(registrar.validate(entry(xml, "saml/pysaml2-sp.xml", null, null, null, null, null), null))
                .containsExactly("metadata: give either metadata or metadataFile, not both");
    }

    @Test
    void namesTheKeyAndReasonOfEveryProblem() {
        assertThat(registrar.validate(entry(null, "missing.xml", null, null, null, null, null), Path.of("/nowhere")))
                .singleElement().asString().startsWith("metadataFile: cannot read");
        assertThat(registrar.validate(entry("<md:EntityDescriptor", null, null, null, null, null, null), null))
                .containsExactly("metadata: the message is not well-formed XML");
        assertThat(registrar.validate(entry(null, null, null, null, null, null, null), null))
                .containsExactly("entityId: required without metadata");
        assertThat(registrar.validate(entry(null, null, "https://x.example", List.of("javascript:alert(1)"), "fancy", true,
                List.of("not a certificate")), null)).containsExactlyInAnyOrder(
                "certificates[0]: not an X.509 certificate (PEM)",
                "endpoint javascript:alert(1): must be an absolute http(s) URL without fragment",
                "nameIdFormat: must be one of persistent, emailAddress, unspecified, transient",
                "encryptAssertions: the SP has no encryption certificate");
    }
}
