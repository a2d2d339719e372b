package io.monban.scim.outbound;

import io.monban.core.audit.AuditLog;
import io.monban.core.audit.AuditRecord;
import io.monban.core.crypto.SecretDecryptionException;
import io.monban.core.crypto.SecretEncryptor;
import io.monban.core.directory.DirectoryService;
import io.monban.core.directory.Group;
import io.monban.core.directory.GroupRepository;
import io.monban.core.directory.User;
import io.monban.core.outbox.Outbox;
import io.monban.core.outbox.OutboxSummary;
import jakarta.persistence.EntityManager;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Provisioning targets: validated and created or brought to what configuration says, with the
 * assignment changes queued (newly assigned users created downstream, users no longer assigned
 * deactivated there); and what administrators see of their deliveries.
 */
@Service
public class ProvisioningTargets {

    static final int MIN_TOKEN_LENGTH = 16;
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final ProvisioningTargetStore store;
    private final ProvisioningQueue queue;
    private final DirectoryService directory;
    private final GroupRepository groups;
    private final SecretEncryptor encryptor;
    private final Outbox outbox;
    private final AuditLog audit;
    private final EntityManager entityManager;
    private final Clock clock;

    public ProvisioningTargets(ProvisioningTargetStore store, ProvisioningQueue queue, DirectoryService directory,
                               GroupRepository groups, SecretEncryptor encryptor, Outbox outbox, AuditLog audit,
                               EntityManager entityManager, Clock clock) {
        this.store = store;
        this.queue = queue;
        this.directory = directory;
        this.groups = groups;
        this.encryptor = encryptor;
        this.outbox = outbox;
        this.audit = audit;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /**
     * What is wrong with the description, as "field: reason" lines; empty when it is valid.
     * Users and groups are checked with {@code knownUsers}/{@code knownGroups} when given (names
     * the same configuration is about to create), else against the directory.
     */
    @Transactional(readOnly = true)
    public List<String> validate(ProvisioningTargetSpec spec, Set<String> knownUsers, Set<String> knownGroups) {
        List<String> problems = new ArrayList<>();
        if (spec.name() == null || !spec.name().matches("[A-Za-z0-9._:-]{1,100}")) {
            problems.add("name: 1-100 characters of A-Z a-z 0-9 . _ : -");
        }
        if (spec.application() == null || spec.application().isBlank() || spec.application().length() > 400) {
            problems.add("application: required (the OIDC client id or SAML entity id of the application)");
        }
        baseUrlProblem(spec.baseUrl()).ifPresent(p -> problems.add("baseUrl: " + p));
        boolean exists = spec.name() != null && store.findByName(spec.name()).isPresent();
        if (spec.token() == null && !exists) {
            problems.add("token: required (the bearer token the application issued for Monban)");
        } else if (spec.token() != null && spec.token().length() < MIN_TOKEN_LENGTH) {
            problems.add("token: at least " + MIN_TOKEN_LENGTH + " characters");
        }
        problems.addAll(AttributeMapping.problems(spec.attributeMapping()));
        for (String user : spec.users()) {
            boolean known = knownUsers.contains(user.toLowerCase()) || directory.findByLogin(user).isPresent();
            if (!known) {
                problems.add("users: unknown user " + user);
            }
        }
        for (String group : spec.groups()) {
            if (!knownGroups.contains(group) && groups.findByName(group).isEmpty()) {
                problems.add("groups: unknown group " + group);
            }
        }
        return problems;
    }

    /** Creates or updates the target; queues creation for newly assigned users, deactivation for dropped ones. */
    @Transactional
    public void upsert(ProvisioningTargetSpec spec) {
        List<String> problems = validate(spec, Set.of(), Set.of());
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        // Users and groups made earlier in this transaction must be in the database for the joins below.
        entityManager.flush();
        Instant now = clock.instant();
        Optional<ProvisioningTarget> existing = store.findByName(spec.name());
        UUID id = existing.map(ProvisioningTarget::id).orElseGet(UUID::randomUUID);
        String sealed = existing.filter(t -> spec.token() == null || sameToken(t, spec.token()))
                .map(ProvisioningTarget::sealedToken)
                .orElseGet(() -> encryptor.encrypt(spec.token().getBytes(StandardCharsets.UTF_8),
                        ProvisioningTarget.tokenContext(id)));
        ProvisioningTarget target = new ProvisioningTarget(id, spec.name(), spec.application(), spec.baseUrl(), sealed,
                AttributeMapping.of(spec.attributeMapping()), spec.enabled());
        Set<UUID> userIds = new LinkedHashSet<>();
        spec.users().forEach(u -> userIds.add(directory.findByLogin(u).map(User::getId).orElseThrow()));
        Set<UUID> groupIds = new LinkedHashSet<>();
        spec.groups().forEach(g -> groupIds.add(groups.findByName(g).map(Group::getId).orElseThrow()));

        Set<UUID> before = existing.isPresent() && existing.get().enabled() ? store.assignedUsers(id) : Set.of();
        boolean changed;
        if (existing.isEmpty()) {
            store.insert(target, now);
            changed = true;
        } else {
            changed = !same(existing.get(), target) || !store.directUsers(id).equals(userIds)
                    || !store.groups(id).equals(groupIds);
            if (changed) {
                store.update(target, now);
            }
        }
        store.replaceAssignments(id, userIds, groupIds);
        if (!changed) {
            return;
        }
        Set<UUID> after = target.enabled() ? store.assignedUsers(id) : Set.of();
        // Every assigned user, not only the new ones: a changed mapping changes what they look
        // like downstream. The queue skips a user whose rendering is what was last sent.
        for (UUID assigned : after) {
            directory.findWithGroups(assigned).ifPresent(user -> queue.upsert(target, user));
        }
        if (target.enabled()) {
            for (UUID dropped : difference(before, after)) {
                if (store.isProvisioned(target, dropped)) {
                    queue.deactivate(target, dropped);
                }
            }
        }
        audit.record(AuditRecord.success(existing.isEmpty() ? "provisioning-target.created"
                : "provisioning-target.updated", spec.name(), "application=" + spec.application()
                + " enabled=" + spec.enabled() + " users=" + userIds.size() + " groups=" + groupIds.size()));
    }

    /**
     * Per target (each one, queued to or not): messages pending, delivered and failed, and the
     * latest error (never a secret).
     */
    @Transactional(readOnly = true)
    public List<OutboxSummary> deliveries() {
        java.util.Map<String, OutboxSummary> byTarget = new java.util.TreeMap<>();
        store.names().forEach(name -> byTarget.put(name, new OutboxSummary(ScimProvisioningChannel.NAME, name,
                0, 0, 0, Optional.empty(), Optional.empty())));
        outbox.summary(ScimProvisioningChannel.NAME).forEach(s -> byTarget.put(s.target(), s));
        return List.copyOf(byTarget.values());
    }

    private boolean sameToken(ProvisioningTarget target, String token) {
        try {
            byte[] stored = encryptor.decrypt(target.sealedToken(), ProvisioningTarget.tokenContext(target.id()));
            return MessageDigest.isEqual(stored, token.getBytes(StandardCharsets.UTF_8));
        } catch (SecretDecryptionException e) {
            return false;
        }
    }

    private static boolean same(ProvisioningTarget a, ProvisioningTarget b) {
        return a.application().equals(b.application()) && a.baseUrl().equals(b.baseUrl())
                && a.sealedToken().equals(b.sealedToken()) && a.mapping().toJson().equals(b.mapping().toJson())
                && a.enabled() == b.enabled();
    }

    private static Set<UUID> difference(Set<UUID> a, Set<UUID> b) {
        Set<UUID> result = new HashSet<>(a);
        result.removeAll(b);
        return result;
    }

    private static Optional<String> baseUrlProblem(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of("required");
        }
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null) {
                return Optional.of("an absolute URL without query or fragment, such as https://app.example.com/scim/v2");
            }
            if ("http".equals(uri.getScheme()) && !LOOPBACK.contains(uri.getHost())) {
                // The bearer token would cross the network in clear.
                return Optional.of("must use https (plain http only to localhost)");
            }
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
                return Optional.of("must use https");
            }
            return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.of("not a valid URL");
        }
    }
}
