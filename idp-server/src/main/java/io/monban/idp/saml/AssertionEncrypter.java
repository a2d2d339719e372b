package io.monban.idp.saml;

import java.security.cert.X509Certificate;
import org.opensaml.saml.saml2.core.Assertion;
import org.opensaml.saml.saml2.core.EncryptedAssertion;
import org.opensaml.saml.saml2.encryption.Encrypter;
import org.opensaml.security.x509.BasicX509Credential;
import org.opensaml.xmlsec.encryption.support.DataEncryptionParameters;
import org.opensaml.xmlsec.encryption.support.EncryptionConstants;
import org.opensaml.xmlsec.encryption.support.EncryptionException;
import org.opensaml.xmlsec.encryption.support.KeyEncryptionParameters;
import org.opensaml.xmlsec.encryption.support.RSAOAEPParameters;
import org.opensaml.xmlsec.keyinfo.impl.X509KeyInfoGeneratorFactory;
import org.opensaml.xmlsec.signature.support.SignatureConstants;
import org.springframework.stereotype.Component;

/**
 * Encrypts assertions to an SP's encryption certificate with the algorithms its metadata lists,
 * else the configured defaults (AES-256-GCM with RSA-OAEP). RSA-OAEP (XML Encryption 1.1) uses
 * SHA-256 with MGF1-SHA256; the older RSA-OAEP-MGF1P, for SPs that only know it, uses SHA-1.
 */
@Component
class AssertionEncrypter {

    private final SamlProperties properties;
    private final X509KeyInfoGeneratorFactory keyInfo = new X509KeyInfoGeneratorFactory();

    AssertionEncrypter(SamlProperties properties) {
        OpenSaml.ensureInitialized();
        this.properties = properties;
        keyInfo.setEmitEntityCertificate(true);
    }

    EncryptedAssertion encrypt(Assertion assertion, ServiceProvider sp) {
        if (sp.encryptionCertificates().isEmpty()) {
            throw new IllegalStateException("SP " + sp.entityId() + " has no encryption certificate");
        }
        // The newest certificate: an SP rolling over lists its new key last.
        X509Certificate certificate = sp.encryptionCertificates().get(sp.encryptionCertificates().size() - 1);
        DataEncryptionParameters data = new DataEncryptionParameters();
        data.setAlgorithm(sp.spec().dataEncryptionAlgorithm() != null ? sp.spec().dataEncryptionAlgorithm()
                : properties.dataEncryptionAlgorithm());
        KeyEncryptionParameters key = new KeyEncryptionParameters();
        key.setEncryptionCredential(new BasicX509Credential(certificate));
        String transport = sp.spec().keyTransportAlgorithm() != null ? sp.spec().keyTransportAlgorithm()
                : properties.keyTransportAlgorithm();
        key.setAlgorithm(transport);
        if (EncryptionConstants.ALGO_ID_KEYTRANSPORT_RSAOAEP11.equals(transport)) {
            key.setRSAOAEPParameters(new RSAOAEPParameters(SignatureConstants.ALGO_ID_DIGEST_SHA256,
                    EncryptionConstants.ALGO_ID_MGF1_SHA256, null));
        } else {
            key.setRSAOAEPParameters(new RSAOAEPParameters(SignatureConstants.ALGO_ID_DIGEST_SHA1, null, null));
        }
        key.setKeyInfoGenerator(keyInfo.newInstance());
        Encrypter encrypter = new Encrypter(data, key);
        encrypter.setKeyPlacement(Encrypter.KeyPlacement.INLINE);
        try {
            return encrypter.encrypt(assertion);
        } catch (EncryptionException e) {
            throw new IllegalStateException("cannot encrypt the assertion for " + sp.entityId(), e);
        }
    }
}
