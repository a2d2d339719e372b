package io.monban.idp.login;

import org.springframework.security.core.AuthenticationException;

/** Sign-in refused without checking the password: too many recent failures. */
final class SignInLockedException extends AuthenticationException {
    SignInLockedException() {
        super("too many failed sign-ins");
    }
}
