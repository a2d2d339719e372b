package io.monban.idp.oidc;

import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.security.Key;

/** Verifies a JWT against a freshly fetched JWKS, as a relying party would. */
final class JwksVerifier {

    private JwksVerifier() {
    }

    static boolean verify(URI jwksUri, SignedJWT jwt) throws Exception {
        JWKSet set = JWKSet.load(jwksUri.toURL());
        JWK jwk = set.getKeyByKeyId(jwt.getHeader().getKeyID());
        if (jwk == null) {
            return false;
        }
        Key key = jwk instanceof RSAKey rsa ? rsa.toPublicKey() : ((ECKey) jwk).toPublicKey();
        return jwt.verify(new DefaultJWSVerifierFactory().createJWSVerifier(jwt.getHeader(), key));
    }
}
