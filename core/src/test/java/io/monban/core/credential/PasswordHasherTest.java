package io.monban.core.credential;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(PasswordProperties.Argon2.defaults());

    @Test
    void hashesWithArgon2idAtOwaspCost() {
        String hash = hasher.hash("violet-harbor-cactus-91-lantern");
        assertThat(hash).startsWith("{argon2}$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(hasher.matches("violet-harbor-cactus-91-lantern", hash)).isTrue();
        assertThat(hasher.matches("violet-harbor-cactus-91-lanterN", hash)).isFalse();
        assertThat(hasher.needsRehash(hash)).isFalse();
    }

    @Test
    void verifiesImportedBcryptAndFlagsItForUpgrade() {
        String bcrypt = new BCryptPasswordEncoder().encode("imported-secret-phrase");
        assertThat(hasher.isSupportedHash(bcrypt)).isTrue();
        assertThat(hasher.matches("imported-secret-phrase", bcrypt)).isTrue();
        assertThat(hasher.needsRehash(bcrypt)).isTrue();
    }

    @Test
    void flagsWeakerArgon2ParametersForUpgrade() {
        String weak = new PasswordHasher(new PasswordProperties.Argon2(4096, 1, 1, 0)).hash("some-phrase-here");
        assertThat(hasher.matches("some-phrase-here", weak)).isTrue();
        assertThat(hasher.needsRehash(weak)).isTrue();
    }

    @Test
    void unknownOrCorruptHashesNeverMatch() {
        assertThat(hasher.matches("x", "{md5}abc")).isFalse();
        assertThat(hasher.matches("x", "plain-text")).isFalse();
        assertThat(hasher.matches("x", "{argon2}$argon2id$garbage")).isFalse();
        assertThat(hasher.isSupportedHash("plain-text")).isFalse();
    }
}
