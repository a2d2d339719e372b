package io.monban.idp.oidc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The scopes discovery advertises: those whose claims Monban releases, then every other scope a
 * registered client may ask for (an API's {@code api.read}), so a relying party or a resource
 * server reading the metadata sees what it can really be granted. Read from the client table,
 * held for a short while: discovery is fetched by every relying party and must not cost a query.
 */
final class ServedScopes {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration maxAge;
    private volatile Snapshot snapshot;

    private record Snapshot(List<String> scopes, Instant readAt) {
    }

    ServedScopes(JdbcTemplate jdbc, Clock clock, Duration maxAge) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    List<String> current() {
        Snapshot s = snapshot;
        Instant now = clock.instant();
        if (s == null || s.readAt().plus(maxAge).isBefore(now)) {
            s = new Snapshot(read(), now);
            snapshot = s;
        }
        return s.scopes();
    }

    private List<String> read() {
        Set<String> registered = new TreeSet<>();
        // Spring's client table keeps a client's scopes comma separated.
        for (String scopes : jdbc.queryForList("SELECT scopes FROM oauth2_registered_client", String.class)) {
            for (String scope : scopes.split(",")) {
                if (!scope.isBlank()) {
                    registered.add(scope.trim());
                }
            }
        }
        Set<String> served = new LinkedHashSet<>(UserClaims.SCOPES);
        served.addAll(registered);
        return new ArrayList<>(served);
    }
}
