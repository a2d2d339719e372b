package io.monban.idp.oidc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Keeps recently read clients in memory for a few seconds. Every token, introspection and
 * revocation request reads its client, and reading one from the database means a query and
 * parsing its settings JSON: the largest cost of a client-credentials token after signing it.
 * Changes made on this node apply at once; changes made on another node within {@code ttl}.
 */
public class CachingRegisteredClientRepository implements RegisteredClientRepository {

    private final RegisteredClientRepository delegate;
    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Entry> byId = new ConcurrentHashMap<>();
    private final Map<String, Entry> byClientId = new ConcurrentHashMap<>();

    public CachingRegisteredClientRepository(RegisteredClientRepository delegate, Clock clock, Duration ttl) {
        this.delegate = delegate;
        this.clock = clock;
        this.ttl = ttl;
    }

    @Override
    public void save(RegisteredClient client) {
        delegate.save(client);
        byId.remove(client.getId());
        byClientId.remove(client.getClientId());
    }

    @Override
    public RegisteredClient findById(String id) {
        return lookup(byId, id, () -> delegate.findById(id));
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        return lookup(byClientId, clientId, () -> delegate.findByClientId(clientId));
    }

    private RegisteredClient lookup(Map<String, Entry> cache, String key, java.util.function.Supplier<RegisteredClient> load) {
        if (key == null) {
            return null;
        }
        Instant now = clock.instant();
        Entry entry = cache.get(key);
        if (entry == null || entry.expiresAt().isBefore(now)) {
            // Unknown clients are not cached: a flood of made-up client ids must not fill memory.
            RegisteredClient client = load.get();
            if (client == null) {
                cache.remove(key);
                return null;
            }
            entry = new Entry(client, now.plus(ttl));
            cache.put(key, entry);
        }
        return entry.client();
    }

    private record Entry(RegisteredClient client, Instant expiresAt) {
    }
}
