package io.monban.core.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * An RSA key with a self-signed X.509 certificate, as SAML metadata carries keys. SAML trust is
 * in the key published in metadata, not in a CA, so the certificate only has to be well formed;
 * its validity covers any rotation schedule because some service providers refuse expired ones.
 */
final class SelfSignedCertificate {

    private static final Duration VALIDITY = Duration.ofDays(3650);
    private static final SecureRandom RANDOM = new SecureRandom();

    private SelfSignedCertificate() {
    }

    static RSAKey rsaKeyWithCertificate(String kid, KeyUse use, Instant now) throws JOSEException {
        RSAKey generated = new RSAKeyGenerator(2048).keyID(kid).keyUse(use).issueTime(Date.from(now)).generate();
        try {
            KeyPair pair = generated.toKeyPair();
            X500Name subject = new X500Name("CN=Monban SAML " + (use == KeyUse.SIGNATURE ? "signing" : "encryption")
                    + " " + kid.substring(kid.length() - 12));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    new JcaX509v3CertificateBuilder(subject, new BigInteger(127, RANDOM), Date.from(now.minusSeconds(300)),
                            Date.from(now.plus(VALIDITY)), subject, pair.getPublic())
                            .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
            return new RSAKey.Builder(generated).x509CertChain(List.of(Base64.encode(certificate.getEncoded()))).build();
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new JOSEException("cannot create the certificate of " + kid, e);
        }
    }
}
