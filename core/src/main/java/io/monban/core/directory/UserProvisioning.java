package io.monban.core.directory;

import io.monban.core.audit.AuditLog;
import io.monban.core.audit.AuditRecord;
import io.monban.core.credential.PasswordHasher;
import io.monban.core.credential.PasswordPolicy;
import io.monban.core.credential.PasswordRejectedException;
import io.monban.core.credential.PasswordViolation;
import io.monban.core.directory.ProvisioningException.Reason;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Users as a provisioning system (SCIM) creates, replaces, patches and deletes them. Each public
 * method is one transaction with its audit event; a failure changes nothing.
 *
 * <p>{@code active=false} suspends the user through {@link DirectoryService#setStatus}, the same
 * path as an administrator's suspension (it publishes {@link UserDeprovisioned}); {@code
 * active=true} restores {@link UserStatus#ACTIVE}. Suspension, not deprovisioning, because the
 * flag is reversible in SCIM; a leaver who is gone for good is deleted, which publishes
 * {@link UserDeprovisioned} with {@code deleted=true}.
 */
@Service
public class UserProvisioning {

    private final UserRepository users;
    private final DirectoryService directory;
    private final DirectorySearch search;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final AuditLog audit;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    public UserProvisioning(UserRepository users, DirectoryService directory, DirectorySearch search,
                            PasswordPolicy policy, PasswordHasher hasher, AuditLog audit, Clock clock,
                            ApplicationEventPublisher events) {
        this.users = users;
        this.directory = directory;
        this.search = search;
        this.policy = policy;
        this.hasher = hasher;
        this.audit = audit;
        this.clock = clock;
        this.events = events;
    }

    @Transactional(readOnly = true)
    public <T> Optional<T> find(UUID id, Function<User, T> view) {
        return users.findById(id).map(view);
    }

    /** One page of the users matching {@code filter}, counted and paged by the database. */
    @Transactional(readOnly = true)
    public <T> SearchResult<T> search(Specification<User> filter, Sort sort, long offset, int limit,
                                      Function<User, T> view) {
        return search.search(User.class, filter, sort, offset, limit, view);
    }

    /** The view is taken inside the transaction, after the change is flushed (final version). */
    @Transactional
    public <T> T create(ProvisionedUser spec, Function<User, T> view) {
        ProvisionedUserRules.validate(spec);
        requireUnique(spec, null);
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        User user = new User(spec.userName(), now);
        applyAttributes(user, spec);
        if (Boolean.FALSE.equals(spec.active())) {
            // Never had access, so there is nothing to take away: no UserDeprovisioned.
            user.setStatus(UserStatus.SUSPENDED);
        }
        if (spec.password() != null) {
            requireAcceptable(spec.password(), user);
            user.setPasswordHash(hasher.hash(spec.password()), now);
        }
        users.saveAndFlush(user);
        T result = view.apply(user);
        // Last, so that the audit chain's lock (one writer at a time) is held only for the commit.
        audit.record(AuditRecord.success("user.created", user.getId().toString(),
                "username=" + user.getUsername() + " source=provisioning"));
        events.publishEvent(new UserChanged(user.getId(), true, now));
        return result;
    }

    /**
     * Replaces the user's state with what {@code change} makes of the current one (a SCIM PUT
     * ignores it, a PATCH edits it).
     *
     * @param expectedVersion the version the client last saw (If-Match), or null for any
     */
    @Transactional
    public <T> T update(UUID id, Long expectedVersion, Function<User, ProvisionedUser> change,
                        Function<User, T> view) {
        User user = load(id);
        requireVersion(user.getVersion(), expectedVersion);
        ProvisionedUser spec = change.apply(user);
        ProvisionedUserRules.validate(spec);
        requireUnique(spec, user);
        Snapshot before = Snapshot.of(user);
        applyAttributes(user, spec);
        boolean changed = !before.equals(Snapshot.of(user));
        // Okta resends the password with every PUT once password sync is on: the same one is no change.
        boolean newPassword = spec.password() != null
                && user.getPasswordHash().filter(hash -> hasher.matches(spec.password(), hash)).isEmpty();
        if (newPassword) {
            // Policy, history and its own audit event, as when the user changes it.
            directory.changePassword(id, spec.password());
        }
        if (spec.active() != null && isActive(user.getStatus()) != spec.active()) {
            directory.setStatus(id, spec.active() ? UserStatus.ACTIVE : UserStatus.SUSPENDED);
        }
        if (!changed) {
            users.flush();
            return view.apply(user);
        }
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        user.touch(now);
        users.saveAndFlush(user);
        T result = view.apply(user);
        audit.record(AuditRecord.success("user.updated", id.toString(),
                "username=" + user.getUsername() + " source=provisioning"));
        events.publishEvent(new UserChanged(id, false, now));
        return result;
    }

    /**
     * Deletes the user and what hangs off it (memberships, factors, recovery codes, password
     * history, remembered browsers; reports lose their manager). Publishes
     * {@link UserDeprovisioned} with {@code deleted=true} so sessions and tokens end.
     */
    @Transactional
    public void delete(UUID id, Long expectedVersion) {
        User user = load(id);
        requireVersion(user.getVersion(), expectedVersion);
        String username = user.getUsername();
        // First, so that listeners in this transaction (sessions, tokens, outbound provisioning)
        // still find the user and what is assigned to it.
        events.publishEvent(new UserDeprovisioned(id, UserStatus.DEPROVISIONED, true, clock.instant()));
        users.delete(user);
        users.flush();
        audit.record(AuditRecord.success("user.deleted", id.toString(), "username=" + username + " source=provisioning"));
    }

    /** Whether the status counts as SCIM {@code active}. */
    public static boolean isActive(UserStatus status) {
        return status == UserStatus.ACTIVE || status == UserStatus.INVITED;
    }

    private void applyAttributes(User user, ProvisionedUser spec) {
        if (!spec.userName().trim().equals(user.getUsername())) {
            user.setUsername(spec.userName());
        }
        UUID managerId = spec.profile().enterprise() == null ? null : spec.profile().enterprise().managerId();
        User manager = null;
        if (managerId != null) {
            if (managerId.equals(user.getId())) {
                throw new ProvisioningException(Reason.INVALID_VALUE, "manager: a user cannot be their own manager");
            }
            manager = users.findById(managerId).orElseThrow(() -> new ProvisioningException(Reason.INVALID_VALUE,
                    "manager: no user with id " + managerId));
        }
        user.setProfile(spec.profile(), manager);
        if (!spec.emails().equals(user.getEmails())) {
            // The provisioning system is the authority for work addresses.
            user.setEmails(spec.emails(), true);
        }
        if (!spec.phoneNumbers().equals(user.getPhoneNumbers())) {
            user.setPhoneNumbers(spec.phoneNumbers());
        }
    }

    private User load(UUID id) {
        return users.findById(id).orElseThrow(() -> new ProvisioningException(Reason.NOT_FOUND, "no user " + id));
    }

    static void requireVersion(long actual, Long expected) {
        if (expected != null && expected != actual) {
            throw new ProvisioningException(Reason.VERSION_MISMATCH,
                    "the resource changed since version " + expected + "; it is now at version " + actual);
        }
    }

    /** userName and the primary email are unique across users (case-insensitively). */
    private void requireUnique(ProvisionedUser spec, User self) {
        users.findIdByUsernameKey(User.key(spec.userName()))
                .filter(other -> self == null || !other.equals(self.getId()))
                .ifPresent(other -> {
                    throw new ProvisioningException(Reason.UNIQUENESS, "userName " + spec.userName() + " is already taken");
                });
        String primary = ProvisionedUserRules.primaryEmail(spec);
        if (primary != null) {
            users.findIdByEmailKey(User.key(primary)).filter(other -> self == null || !other.equals(self.getId()))
                    .ifPresent(other -> {
                        throw new ProvisioningException(Reason.UNIQUENESS,
                                "emails: " + primary + " is already the primary address of another user");
                    });
        }
    }

    private void requireAcceptable(String password, User user) {
        List<PasswordViolation> violations = policy.check(password, user.getUsername(), user.getEmail().orElse(null));
        if (!violations.isEmpty()) {
            throw new PasswordRejectedException(violations);
        }
    }

    /** What a change compares to decide whether it changed anything (and so is audited). */
    private record Snapshot(String username, UserProfile profile, List<EmailAddress> emails,
                            List<PhoneNumber> phones) {
        static Snapshot of(User u) {
            return new Snapshot(u.getUsername(), u.profile(), List.copyOf(u.getEmails()),
                    List.copyOf(u.getPhoneNumbers()));
        }
    }
}
