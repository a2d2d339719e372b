package io.monban.core.directory;

import io.monban.core.audit.AuditLog;
import io.monban.core.audit.AuditRecord;
import io.monban.core.credential.PasswordHasher;
import io.monban.core.credential.PasswordHistoryEntry;
import io.monban.core.credential.PasswordHistoryRepository;
import io.monban.core.credential.PasswordPolicy;
import io.monban.core.credential.PasswordRejectedException;
import io.monban.core.credential.PasswordViolation;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.annotation.Transactional;

/** Users, groups and roles: each public method is one transaction with its audit event. */
@Service
public class DirectoryService {

    private final UserRepository users;
    private final GroupRepository groups;
    private final RoleRepository roles;
    private final PasswordHistoryRepository history;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final AuditLog audit;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    public DirectoryService(UserRepository users, GroupRepository groups, RoleRepository roles,
                            PasswordHistoryRepository history, PasswordPolicy policy, PasswordHasher hasher,
                            AuditLog audit, Clock clock, ApplicationEventPublisher events) {
        this.users = users;
        this.groups = groups;
        this.roles = roles;
        this.history = history;
        this.policy = policy;
        this.hasher = hasher;
        this.audit = audit;
        this.clock = clock;
        this.events = events;
    }

    /** By username or email, case-insensitively. */
    @Transactional(readOnly = true)
    public Optional<User> findByLogin(String login) {
        if (login == null || login.isBlank()) {
            return Optional.empty();
        }
        String key = User.key(login);
        Optional<User> user = users.findByUsernameKey(key);
        return user.isPresent() || !key.contains("@") ? user : users.findByEmailKey(key);
    }

    @Transactional(readOnly = true)
    public Optional<User> findWithMemberships(UUID id) {
        return users.findWithMembershipsById(id);
    }

    /** The user with group names, not roles: what token claims and userinfo need. */
    @Transactional(readOnly = true)
    public Optional<User> findWithGroups(UUID id) {
        return users.findWithGroupsById(id);
    }

    @Transactional(readOnly = true)
    public boolean groupExists(String name) {
        return groups.findByName(name).isPresent();
    }

    @Transactional(readOnly = true)
    public boolean anyoneHasRole(String role) {
        return users.existsWithRole(role);
    }

    @Transactional
    public Role ensureRole(String name, String description) {
        Role role = roles.findByName(name).orElseGet(() -> {
            Role created = roles.save(new Role(name, description));
            audit.record(AuditRecord.success("role.created", name, null));
            return created;
        });
        if (description != null && !description.equals(role.getDescription())) {
            role.setDescription(description);
            audit.record(AuditRecord.success("role.updated", name, null));
        }
        return role;
    }

    /** Creates the group or updates its display name and roles to the given ones. */
    @Transactional
    public Group upsertGroup(String name, String displayName, Set<String> roleNames) {
        Group group = groups.findByName(name).orElseGet(() -> {
            Group created = groups.save(new Group(name, displayName, clock.instant()));
            audit.record(AuditRecord.success("group.created", name, null));
            return created;
        });
        boolean changed = displayName != null && !displayName.equals(group.getDisplayName());
        group.setDisplayName(displayName);
        Set<Role> wanted = resolveRoles(roleNames);
        if (!wanted.equals(group.getRoles())) {
            group.getRoles().clear();
            group.getRoles().addAll(wanted);
            changed = true;
        }
        if (changed) {
            audit.record(AuditRecord.success("group.updated", name, "roles=" + roleNames));
        }
        return group;
    }

    /**
     * Creates the user, or brings an existing one (same username) to the given attributes and
     * memberships. A password is set only when the user has none yet, so that re-applying
     * configuration never undoes a password the user changed.
     */
    @Transactional
    public User upsertUser(NewUser spec) {
        Instant now = clock.instant();
        Optional<User> existing = users.findByUsernameKey(User.key(spec.username()));
        User user = existing.orElseGet(() -> new User(spec.username(), now));
        if (spec.email() != null) {
            users.findByEmailKey(User.key(spec.email()))
                    .filter(other -> !other.getId().equals(user.getId()))
                    .ifPresent(other -> {
                        throw new DirectoryException("email " + spec.email() + " already belongs to another user");
                    });
        }
        user.setEmail(spec.email(), spec.emailVerified());
        user.setName(spec.givenName(), spec.familyName(), spec.displayName());
        user.setLocale(spec.locale());
        user.getGroups().clear();
        for (String groupName : spec.groups()) {
            user.getGroups().add(groups.findByName(groupName)
                    .orElseThrow(() -> new DirectoryException("unknown group " + groupName)));
        }
        user.getRoles().clear();
        user.getRoles().addAll(resolveRoles(spec.roles()));
        if (user.getPasswordHash().isEmpty()) {
            if (spec.passwordHash() != null) {
                if (!hasher.isSupportedHash(spec.passwordHash())) {
                    throw new DirectoryException("password hash of " + spec.username()
                            + " is not an Argon2, bcrypt, PBKDF2 or scrypt hash");
                }
                user.setPasswordHash(PasswordHasher.normalize(spec.passwordHash()), now);
            } else if (spec.password() != null) {
                requireAcceptable(spec.password(), user);
                user.setPasswordHash(hasher.hash(spec.password()), now);
            }
        }
        user.touch(now);
        users.save(user);
        audit.record(AuditRecord.success(existing.isPresent() ? "user.updated" : "user.created",
                user.getId().toString(), "username=" + user.getUsername()));
        events.publishEvent(new UserChanged(user.getId(), existing.isEmpty(), now));
        return user;
    }

    /** Sets a new password after checking the policy and the user's recent passwords. */
    @Transactional
    public void changePassword(UUID userId, String newPassword) {
        User user = users.findById(userId).orElseThrow(() -> new DirectoryException("unknown user"));
        requireAcceptable(newPassword, user);
        List<PasswordHistoryEntry> recent = history.findByUserIdOrderByCreatedAtDesc(userId,
                Limit.of(Math.max(policy.properties().history(), 1)));
        List<String> previous = new ArrayList<>();
        user.getPasswordHash().ifPresent(previous::add);
        recent.forEach(h -> previous.add(h.getPasswordHash()));
        boolean reused = previous.stream().limit(policy.properties().history())
                .anyMatch(hash -> hasher.matches(newPassword, hash));
        if (reused) {
            throw new PasswordRejectedException(
                    List.of(new PasswordViolation("password.reused", policy.properties().history())));
        }
        Instant now = clock.instant();
        user.getPasswordHash().ifPresent(old -> history.save(new PasswordHistoryEntry(userId, old, now)));
        user.setPasswordHash(hasher.hash(newPassword), now);
        user.touch(now);
        audit.record(AuditRecord.success("user.password.changed", userId.toString(), null));
    }

    /**
     * Replaces a hash made with weaker parameters or another algorithm by one the sign-in just
     * made from the proven password. Not audited as a password change: the password is the same.
     * Skipped if the hash changed meanwhile (a concurrent password change wins).
     */
    @Transactional
    public void replacePasswordHash(UUID userId, String currentHash, String strongerHash) {
        users.findById(userId)
                .filter(u -> u.getPasswordHash().filter(currentHash::equals).isPresent())
                .ifPresent(u -> u.rehashPassword(strongerHash));
    }

    @Transactional
    public void setStatus(UUID userId, UserStatus status) {
        User user = users.findById(userId).orElseThrow(() -> new DirectoryException("unknown user"));
        if (user.getStatus() != status) {
            user.setStatus(status);
            user.touch(clock.instant());
            audit.record(AuditRecord.success("user.status." + status.name().toLowerCase(),
                    userId.toString(), null));
            if (status == UserStatus.SUSPENDED || status == UserStatus.DEPROVISIONED) {
                events.publishEvent(new UserDeprovisioned(userId, status, false, clock.instant()));
            } else {
                events.publishEvent(new UserChanged(userId, false, clock.instant()));
            }
        }
    }

    public List<PasswordViolation> checkPassword(String password, String username, String email) {
        return policy.check(password, username, email);
    }

    private void requireAcceptable(String password, User user) {
        List<PasswordViolation> violations = policy.check(password, user.getUsername(),
                user.getEmail().orElse(null));
        if (!violations.isEmpty()) {
            throw new PasswordRejectedException(violations);
        }
    }

    private Set<Role> resolveRoles(Set<String> names) {
        Set<Role> resolved = new java.util.HashSet<>();
        for (String name : names) {
            resolved.add(roles.findByName(name).orElseThrow(() -> new DirectoryException("unknown role " + name)));
        }
        return resolved;
    }
}
