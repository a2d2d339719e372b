package io.monban.idp.saml;

import io.monban.core.directory.DirectoryService;
import io.monban.core.directory.Group;
import io.monban.core.directory.User;
import io.monban.core.directory.UserChanged;
import io.monban.core.directory.UserDeprovisioned;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * What assertions say about users, read once and held for a few seconds: loading the user with
 * its groups through JPA was a quarter of the cost of an SSO answer. A change on this node
 * (including suspension) is seen at once, since the directory's events evict the entry; a change
 * on another node within {@link #TTL}.
 */
@Component
class SamlUsers {

    static final Duration TTL = Duration.ofSeconds(5);
    private static final int MAX_ENTRIES = 10_000;

    private final DirectoryService directory;
    private final Clock clock;
    private final ConcurrentMap<UUID, Cached> cache = new ConcurrentHashMap<>();

    SamlUsers(DirectoryService directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    /** A user as an SP may learn it. */
    record SamlUser(UUID id, String username, Optional<String> email, Optional<String> givenName,
                    Optional<String> familyName, Optional<String> displayName, List<String> groups,
                    Optional<String> department, Optional<String> employeeNumber, boolean canSignIn) {

        static SamlUser of(User user) {
            var enterprise = user.profile().enterprise();
            return new SamlUser(user.getId(), user.getUsername(), user.getEmail(), user.getGivenName(),
                    user.getFamilyName(), Optional.ofNullable(user.getDisplayName()),
                    user.getGroups().stream().map(Group::getName).sorted().toList(),
                    Optional.ofNullable(enterprise.department()), Optional.ofNullable(enterprise.employeeNumber()),
                    user.canSignIn());
        }
    }

    private record Cached(Optional<SamlUser> user, Instant loadedAt) {
    }

    /** The user if it exists and may sign in. */
    Optional<SamlUser> signInAllowed(UUID id) {
        Instant now = clock.instant();
        Cached cached = cache.get(id);
        if (cached == null || cached.loadedAt().plus(TTL).isBefore(now)) {
            cached = new Cached(directory.findWithGroups(id).map(SamlUser::of), now);
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
            }
            cache.put(id, cached);
        }
        return cached.user().filter(SamlUser::canSignIn);
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    public void onChanged(UserChanged event) {
        cache.remove(event.userId());
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    public void onDeprovisioned(UserDeprovisioned event) {
        cache.remove(event.userId());
    }
}
