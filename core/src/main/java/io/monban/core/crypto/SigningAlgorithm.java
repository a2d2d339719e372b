package io.monban.core.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.time.Instant;

/**
 * The key families Monban keeps and rotates: token-signing keys published in JWKS, and the SAML
 * signing and encryption keys published (with a self-signed certificate each) in SAML metadata.
 */
public enum SigningAlgorithm {
    RS256 {
        @Override
        JWK generate(String kid, Instant now) throws JOSEException {
            return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .issueTime(java.util.Date.from(now)).generate();
        }
    },
    ES256 {
        @Override
        JWK generate(String kid, Instant now) throws JOSEException {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256)
                    .issueTime(java.util.Date.from(now)).generate();
        }
    },
    /** Signs SAML responses, assertions and metadata (RSA-SHA256). */
    SAML_SIGN {
        @Override
        JWK generate(String kid, Instant now) throws JOSEException {
            return SelfSignedCertificate.rsaKeyWithCertificate(kid, KeyUse.SIGNATURE, now);
        }

        @Override
        public boolean inJwks() {
            return false;
        }
    },
    /** Published for service providers that encrypt to the IdP (e.g. an EncryptedID in a LogoutRequest). */
    SAML_ENC {
        @Override
        JWK generate(String kid, Instant now) throws JOSEException {
            return SelfSignedCertificate.rsaKeyWithCertificate(kid, KeyUse.ENCRYPTION, now);
        }

        @Override
        public boolean inJwks() {
            return false;
        }
    };

    abstract JWK generate(String kid, Instant now) throws JOSEException;

    /** Whether the OpenID provider publishes and signs with keys of this family. */
    public boolean inJwks() {
        return true;
    }
}
