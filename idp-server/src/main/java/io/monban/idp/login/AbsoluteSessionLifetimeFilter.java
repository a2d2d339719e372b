package io.monban.idp.login;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a session a fixed time after its sign-in, however active it has been (the idle timeout
 * is the session store's own). Runs before Spring Security, so the request that finds the
 * session too old is already anonymous.
 */
final class AbsoluteSessionLifetimeFilter extends OncePerRequestFilter {

    private final Duration lifetime;
    private final Clock clock;

    AbsoluteSessionLifetimeFilter(Duration lifetime, Clock clock) {
        this.lifetime = lifetime;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        if (session != null && signInTime(session).map(t -> !t.plus(lifetime).isAfter(clock.instant()))
                .orElse(false)) {
            session.invalidate();
        }
        chain.doFilter(request, response);
    }

    private static Optional<Instant> signInTime(HttpSession session) {
        if (!(session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY)
                instanceof SecurityContext context) || context.getAuthentication() == null) {
            return Optional.empty();
        }
        return FactorTimes.first(context.getAuthentication());
    }
}
