package io.monban.core.directory;

import io.monban.core.audit.AuditLog;
import io.monban.core.audit.AuditRecord;
import io.monban.core.directory.ProvisioningException.Reason;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Groups and their member users as a provisioning system (SCIM) manages them. Each public method
 * is one transaction with its audit event; every user who joins or leaves a group gets a
 * {@link UserChanged}, since their roles and group claims change with it.
 *
 * <p>The SCIM {@code displayName} is the group's display name; its {@code name} (what claims and
 * policies refer to) is set from it once, at creation, so renaming a group in the HR system does
 * not silently detach the policies that name it.
 */
@Service
public class GroupProvisioning {

    private final GroupRepository groups;
    private final UserRepository users;
    private final DirectorySearch search;
    private final AuditLog audit;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    public GroupProvisioning(GroupRepository groups, UserRepository users, DirectorySearch search, AuditLog audit,
                             Clock clock, ApplicationEventPublisher events) {
        this.groups = groups;
        this.users = users;
        this.search = search;
        this.audit = audit;
        this.clock = clock;
        this.events = events;
    }

    @Transactional(readOnly = true)
    public <T> Optional<T> find(UUID id, Function<Group, T> view) {
        return groups.findById(id).map(view);
    }

    @Transactional(readOnly = true)
    public <T> SearchResult<T> search(Specification<Group> filter, Sort sort, long offset, int limit,
                                      Function<Group, T> view) {
        return search.search(Group.class, filter, sort, offset, limit, view);
    }

    @Transactional
    public <T> T create(ProvisionedGroup spec, Function<Group, T> view) {
        validate(spec);
        String name = spec.displayName().trim();
        if (groups.findByName(name).isPresent()) {
            throw new ProvisioningException(Reason.UNIQUENESS, "displayName: a group named " + name + " exists");
        }
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        Group group = groups.saveAndFlush(new Group(name, name, now));
        group.setExternalId(spec.externalId());
        Set<UUID> added = changeMembers(group, spec.memberIds(), now);
        groups.saveAndFlush(group);
        audit.record(AuditRecord.success("group.created", group.getId().toString(),
                "name=" + name + " members=" + added.size() + " source=provisioning"));
        return view.apply(group);
    }

    /** @param expectedVersion the version the client last saw (If-Match), or null for any */
    @Transactional
    public <T> T update(UUID id, Long expectedVersion, Function<Group, ProvisionedGroup> change,
                        Function<Group, T> view) {
        Group group = load(id);
        UserProvisioning.requireVersion(group.getVersion(), expectedVersion);
        ProvisionedGroup spec = change.apply(group);
        validate(spec);
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        boolean changed = false;
        if (!spec.displayName().trim().equals(group.getDisplayName())) {
            group.setDisplayName(spec.displayName().trim());
            changed = true;
        }
        if (!java.util.Objects.equals(spec.externalId(), group.getExternalId().orElse(null))) {
            group.setExternalId(spec.externalId());
            changed = true;
        }
        Set<UUID> before = memberIds(group);
        Set<UUID> touched = changeMembers(group, spec.memberIds(), now);
        if (changed || !touched.isEmpty()) {
            group.touch(now);
            groups.saveAndFlush(group);
            Set<UUID> after = memberIds(group);
            long joined = after.stream().filter(m -> !before.contains(m)).count();
            audit.record(AuditRecord.success("group.updated", id.toString(), "name=" + group.getName()
                    + " joined=" + joined + " left=" + (touched.size() - joined) + " source=provisioning"));
        } else {
            groups.flush();
        }
        return view.apply(group);
    }

    @Transactional
    public void delete(UUID id, Long expectedVersion) {
        Group group = load(id);
        UserProvisioning.requireVersion(group.getVersion(), expectedVersion);
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        int members = changeMembers(group, Set.of(), now).size();
        groups.delete(group);
        groups.flush();
        audit.record(AuditRecord.success("group.deleted", id.toString(),
                "name=" + group.getName() + " members=" + members + " source=provisioning"));
    }

    /** Brings the members to {@code wanted}; returns the users who joined or left. */
    private Set<UUID> changeMembers(Group group, Set<UUID> wanted, Instant now) {
        Set<UUID> current = memberIds(group);
        Set<UUID> touched = new HashSet<>();
        for (UUID joining : wanted) {
            if (!current.contains(joining)) {
                User user = users.findById(joining).orElseThrow(() -> new ProvisioningException(Reason.INVALID_VALUE,
                        "members: no user with id " + joining));
                user.getGroups().add(group);
                group.getMembers().add(user);
                user.touch(now);
                touched.add(joining);
            }
        }
        for (User leaving : Set.copyOf(group.getMembers())) {
            if (!wanted.contains(leaving.getId())) {
                leaving.getGroups().remove(group);
                group.getMembers().remove(leaving);
                leaving.touch(now);
                touched.add(leaving.getId());
            }
        }
        touched.forEach(userId -> events.publishEvent(new UserChanged(userId, false, now)));
        return touched;
    }

    private static Set<UUID> memberIds(Group group) {
        return group.getMembers().stream().map(User::getId).collect(Collectors.toSet());
    }

    private Group load(UUID id) {
        return groups.findById(id).orElseThrow(() -> new ProvisioningException(Reason.NOT_FOUND, "no group " + id));
    }

    private static void validate(ProvisionedGroup spec) {
        if (spec.displayName() == null || spec.displayName().isBlank()) {
            throw new ProvisioningException(Reason.INVALID_VALUE, "displayName is required");
        }
        if (spec.displayName().trim().length() > 200) {
            throw new ProvisioningException(Reason.INVALID_VALUE, "displayName is longer than 200 characters");
        }
        if (spec.externalId() != null && spec.externalId().length() > 400) {
            throw new ProvisioningException(Reason.INVALID_VALUE, "externalId is longer than 400 characters");
        }
    }
}
