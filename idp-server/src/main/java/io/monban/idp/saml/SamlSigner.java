package io.monban.idp.saml;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.opensaml.security.SecurityException;
import org.opensaml.security.credential.Credential;
import org.opensaml.xmlsec.SignatureSigningParameters;
import org.opensaml.xmlsec.crypto.XMLSigningUtil;
import org.opensaml.xmlsec.keyinfo.impl.X509KeyInfoGeneratorFactory;
import org.opensaml.xmlsec.signature.SignableXMLObject;
import org.opensaml.xmlsec.signature.support.SignatureConstants;
import org.opensaml.xmlsec.signature.support.SignatureException;
import org.opensaml.xmlsec.signature.support.SignatureSupport;
import org.springframework.stereotype.Component;

/**
 * Signs what the IdP sends: enveloped XML signatures (RSA-SHA256, SHA-256 digest, exclusive
 * canonicalisation, the certificate in KeyInfo) and HTTP-Redirect query signatures.
 */
@Component
class SamlSigner {

    static final String ALGORITHM = SignatureConstants.ALGO_ID_SIGNATURE_RSA_SHA256;

    private final SamlKeys keys;
    private final X509KeyInfoGeneratorFactory keyInfo = new X509KeyInfoGeneratorFactory();

    SamlSigner(SamlKeys keys) {
        OpenSaml.ensureInitialized();
        this.keys = keys;
        keyInfo.setEmitEntityCertificate(true);
    }

    /** Signs {@code object} in place (and marshalls it); call after it is complete. */
    void sign(SignableXMLObject object) {
        Credential credential = keys.signing();
        SignatureSigningParameters parameters = new SignatureSigningParameters();
        parameters.setSigningCredential(credential);
        parameters.setSignatureAlgorithm(ALGORITHM);
        parameters.setSignatureReferenceDigestMethod(SignatureConstants.ALGO_ID_DIGEST_SHA256);
        parameters.setSignatureCanonicalizationAlgorithm(SignatureConstants.ALGO_ID_C14N_EXCL_OMIT_COMMENTS);
        parameters.setKeyInfoGenerator(keyInfo.newInstance());
        try {
            SignatureSupport.signObject(object, parameters);
        } catch (SecurityException | SignatureException | org.opensaml.core.xml.io.MarshallingException e) {
            throw new IllegalStateException("cannot sign " + object.getElementQName(), e);
        }
    }

    /**
     * The {@code Signature} parameter of an HTTP-Redirect message whose query (without it) is
     * {@code signedQuery}: {@code SAMLRequest=...&RelayState=...&SigAlg=...}, URL-encoded as sent.
     */
    String signQuery(String signedQuery) {
        try {
            byte[] signature = XMLSigningUtil.signWithURI(keys.signing(), ALGORITHM,
                    signedQuery.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature);
        } catch (SecurityException e) {
            throw new IllegalStateException("cannot sign the redirect query", e);
        }
    }
}
