package io.monban.idp.oidc;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.util.Date;

/** A well-formed access token with the right issuer, signed by an attacker's own key. */
final class JwtForgery {

    private JwtForgery() {
    }

    static String selfSigned(String issuer) throws Exception {
        return selfSigned(issuer, "attacker");
    }

    /** Signed by the attacker's key but naming one of the server's key ids. */
    static String selfSigned(String issuer, String kid) throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID(kid).generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(),
                new JWTClaimsSet.Builder().issuer(issuer).subject("someone").claim("scope", "openid")
                        .expirationTime(new Date(System.currentTimeMillis() + 60_000)).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
