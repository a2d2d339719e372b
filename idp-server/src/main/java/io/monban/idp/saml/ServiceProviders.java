package io.monban.idp.saml;

import io.monban.core.application.SamlServiceProviderService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * Registered SPs by entityID, parsed once and held for a few seconds: every SSO request needs
 * its SP, and reading and parsing certificates each time would cost more than the rest of it.
 * Changes made on another node are seen after at most the cache time.
 */
@Component
class ServiceProviders {

    private static final Duration CACHE_TIME = Duration.ofSeconds(10);

    private final SamlServiceProviderService registry;
    private final Clock clock;
    private final ConcurrentMap<String, Cached> cache = new ConcurrentHashMap<>();

    ServiceProviders(SamlServiceProviderService registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    private record Cached(Optional<ServiceProvider> provider, Instant loadedAt) {
    }

    Optional<ServiceProvider> find(String entityId) {
        if (entityId == null || entityId.length() > 1024) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Cached cached = cache.get(entityId);
        if (cached == null || cached.loadedAt().plus(CACHE_TIME).isBefore(now)) {
            cached = new Cached(registry.find(entityId).map(ServiceProvider::of), now);
            if (cached.provider().isPresent()) {
                // Unknown issuers are not cached: a flood of made-up names must not grow the map.
                cache.put(entityId, cached);
            }
        }
        return cached.provider();
    }

    void forget(String entityId) {
        cache.remove(entityId);
    }
}
