package io.monban.idp.login;

import io.monban.core.credential.PasswordHasher;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Spring Security's view of {@link PasswordHasher}, for the sign-in provider only. */
final class UserPasswordEncoder implements PasswordEncoder {

    private final PasswordHasher hasher;

    UserPasswordEncoder(PasswordHasher hasher) {
        this.hasher = hasher;
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return hasher.hash(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        return hasher.matches(rawPassword, encodedPassword);
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return hasher.needsRehash(encodedPassword);
    }
}
