package io.monban.idp.login;

import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;

/** When the factors of a sign-in were given: the first starts the session, the latest is {@code auth_time}. */
public final class FactorTimes {

    private FactorTimes() {
    }

    public static Optional<Instant> first(Authentication authentication) {
        return times(authentication).min(Instant::compareTo);
    }

    public static Optional<Instant> latest(Authentication authentication) {
        return times(authentication).max(Instant::compareTo);
    }

    private static Stream<Instant> times(Authentication authentication) {
        return authentication.getAuthorities().stream()
                .filter(FactorGrantedAuthority.class::isInstance)
                .map(a -> ((FactorGrantedAuthority) a).getIssuedAt());
    }
}
