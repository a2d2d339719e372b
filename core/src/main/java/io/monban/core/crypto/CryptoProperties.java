package io.monban.core.crypto;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Encryption of secrets at rest and signing-key lifecycle.
 *
 * @param masterKey base64 of a 256-bit key-encryption key (env {@code MONBAN_CRYPTO_MASTER_KEY});
 *                  every secret at rest is encrypted with its own data key wrapped by this one
 * @param masterKeyFile where the embedded default keeps a generated master key when
 *                  {@code master-key} is not set (created with owner-only permissions)
 * @param keys      signing-key rotation
 * @param nativeProvider use the native Amazon Corretto Crypto Provider (AWS-LC) for signatures,
 *                  hashing and AES when it loads on this platform; the JDK's providers otherwise
 */
@ConfigurationProperties("monban.crypto")
public record CryptoProperties(String masterKey, @DefaultValue("./data/master.key") String masterKeyFile,
                               @DefaultValue Keys keys, @DefaultValue("true") boolean nativeProvider) {

    /**
     * @param rotationPeriod how long a key signs before its successor takes over
     * @param prePublish     how long a new key is published in JWKS before it signs, so that
     *                       relying parties that cache JWKS already know it
     * @param retainAfter    how long a retired key stays published: at least the longest token lifetime
     */
    public record Keys(@DefaultValue("30d") Duration rotationPeriod,
                       @DefaultValue("1h") Duration prePublish,
                       @DefaultValue("1d") Duration retainAfter) {
    }
}
