package io.monban.core.credential;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
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
    void verifiesHashesOfTheReferenceImplementation() {
        // echo -n violet-harbor-cactus-91-lantern | argon2 somesaltsomesalt -id -t 2 -k 19456 -p 1 -l 32 -e
        String libargon2 = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$"
                + "b/jF4piCdn6th61GYK5yPAXfoyI+4aI0RN/x+xYsqYo";
        assertThat(hasher.matches("violet-harbor-cactus-91-lantern", libargon2)).isTrue();
        assertThat(hasher.matches("violet-harbor-cactus-91-lanterN", libargon2)).isFalse();
        assertThat(hasher.needsRehash(libargon2)).isFalse();
    }

    @Test
    void interoperatesWithSpringSecuritysArgon2Encoder() {
        Argon2PasswordEncoder spring = new Argon2PasswordEncoder(16, 32, 1, 19456, 2);
        assertThat(hasher.matches("ember-walrus-opal-55", spring.encode("ember-walrus-opal-55"))).isTrue();
        String ours = hasher.hash("ember-walrus-opal-55");
        assertThat(spring.matches("ember-walrus-opal-55", ours.substring("{argon2}".length()))).isTrue();
    }

    @Test
    void hashesConcurrentlyWithoutMixingUpPooledMemory() throws Exception {
        PasswordHasher small = new PasswordHasher(new PasswordProperties.Argon2(1024, 1, 1, 2));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            var results = new java.util.ArrayList<java.util.concurrent.Future<Boolean>>();
            for (int i = 0; i < 24; i++) {
                String password = "passphrase-number-" + i;
                results.add(pool.submit(() -> {
                    String hash = small.hash(password);
                    return small.matches(password, hash) && !small.matches(password + "x", hash);
                }));
            }
            for (var result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
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
        assertThat(hasher.matches("x", "{argon2}$argon2id$v=19$m=999999999,t=2,p=1$c2FsdA$aGFzaA")).isFalse();
        assertThat(hasher.needsRehash("{argon2}$argon2id$nonsense")).isFalse();
        assertThat(hasher.isSupportedHash("plain-text")).isFalse();
    }
}
