package io.monban.core.policy;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Brute-force protection of the password, second-factor and passkey steps.
 *
 * @param maxFailures           failed attempts within {@code window} before a lock: per account (username
 *                              and e-mail alike), per unknown login name, per user's second factor, and
 *                              per address for passkey sign-in
 * @param maxFailuresPerAddress failed sign-ins from one client address within {@code window}
 *                              before the address locks (password spraying across many names)
 * @param window                how far back failures count
 * @param duration              how long a lock lasts; no password or code is checked meanwhile
 */
@ConfigurationProperties("monban.lockout")
public record LockoutProperties(@DefaultValue("5") int maxFailures,
                                @DefaultValue("50") int maxFailuresPerAddress,
                                @DefaultValue("15m") Duration window,
                                @DefaultValue("15m") Duration duration) {
}
