package io.monban.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class SecretEncryptorTest {

    private static byte[] key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private final SecretEncryptor encryptor = new SecretEncryptor(key());

    @Test
    void roundTripsAndNeverStoresThePlaintext() {
        String sealed = encryptor.encrypt("top secret".getBytes(StandardCharsets.UTF_8), "ctx");
        assertThat(sealed).startsWith("v1.").doesNotContain("top secret");
        assertThat(new String(encryptor.decrypt(sealed, "ctx"), StandardCharsets.UTF_8)).isEqualTo("top secret");
        assertThat(encryptor.encrypt("top secret".getBytes(StandardCharsets.UTF_8), "ctx")).isNotEqualTo(sealed);
    }

    @Test
    void refusesACiphertextMovedToAnotherContext() {
        String sealed = encryptor.encrypt("k".getBytes(StandardCharsets.UTF_8), "signing-key:a");
        assertThatThrownBy(() -> encryptor.decrypt(sealed, "signing-key:b"))
                .isInstanceOf(SecretDecryptionException.class);
    }

    @Test
    void refusesTamperedCiphertextAndAnotherMasterKey() {
        String sealed = encryptor.encrypt("k".getBytes(StandardCharsets.UTF_8), "c");
        char last = sealed.charAt(sealed.length() - 2);
        String tampered = sealed.substring(0, sealed.length() - 2) + (last == 'A' ? 'B' : 'A')
                + sealed.charAt(sealed.length() - 1);
        assertThatThrownBy(() -> encryptor.decrypt(tampered, "c")).isInstanceOf(SecretDecryptionException.class);
        assertThatThrownBy(() -> new SecretEncryptor(key()).decrypt(sealed, "c"))
                .isInstanceOf(SecretDecryptionException.class);
        assertThatThrownBy(() -> encryptor.decrypt("garbage", "c")).isInstanceOf(SecretDecryptionException.class);
    }

    @Test
    void refusesAMasterKeyOfTheWrongSize() {
        assertThatThrownBy(() -> new SecretEncryptor(new byte[16])).hasMessageContaining("32 bytes");
    }
}
