package io.monban.core.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.time.Instant;

/** The signature algorithms Monban keeps keys for. */
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
    };

    abstract JWK generate(String kid, Instant now) throws JOSEException;
}
