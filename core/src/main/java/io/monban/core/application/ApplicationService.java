package io.monban.core.application;

import io.monban.core.audit.AuditLog;
import io.monban.core.audit.AuditRecord;
import io.monban.core.directory.DirectoryService;
import io.monban.core.directory.Group;
import io.monban.core.directory.GroupRepository;
import io.monban.core.directory.User;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The registry of applications (protocol-neutral) and the one decision of who may enter which:
 * the OIDC authorization and refresh, SAML single sign-on and the home page all ask here.
 */
@Service
public class ApplicationService {

    private final ApplicationRepository applications;
    private final DirectoryService directory;
    private final GroupRepository groups;
    private final AuditLog audit;
    private final Clock clock;

    public ApplicationService(ApplicationRepository applications, DirectoryService directory, GroupRepository groups,
                              AuditLog audit, Clock clock) {
        this.applications = applications;
        this.directory = directory;
        this.groups = groups;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Registers the application or brings it to {@code spec}; audited when something changed.
     *
     * @throws IllegalArgumentException naming an assigned user or group that does not exist
     */
    @Transactional
    public Application register(ApplicationSpec spec) {
        Set<ApplicationAssignee> assignees = resolve(spec.assignment());
        Application application = applications.findByProtocolAndProtocolRef(spec.protocol(), spec.protocolRef())
                .orElse(null);
        boolean created = application == null;
        if (created) {
            application = new Application(spec.protocol(), spec.protocolRef(), clock.instant());
        }
        if (application.apply(spec, assignees, clock.instant())) {
            application = applications.save(application);
            audit.record(AuditRecord.success(created ? "application.created" : "application.updated",
                    target(spec.protocol(), spec.protocolRef()), details(spec, assignees)));
        }
        return application;
    }

    @Transactional
    public boolean remove(ApplicationProtocol protocol, String protocolRef) {
        Optional<Application> existing = applications.findByProtocolAndProtocolRef(protocol, protocolRef);
        existing.ifPresent(application -> {
            applications.delete(application);
            audit.record(AuditRecord.success("application.removed", target(protocol, protocolRef), null));
        });
        return existing.isPresent();
    }

    @Transactional(readOnly = true)
    public Optional<Application> find(ApplicationProtocol protocol, String protocolRef) {
        return applications.findByProtocolAndProtocolRef(protocol, protocolRef);
    }

    /**
     * Whether the user may enter the application now. An application Monban has no record of is
     * open to everyone (configurations from before applications existed); a disabled one to nobody.
     */
    @Transactional(readOnly = true)
    public ApplicationAccess access(ApplicationProtocol protocol, String protocolRef, UUID userId) {
        Optional<Application> application = applications.findByProtocolAndProtocolRef(protocol, protocolRef);
        if (application.isEmpty()) {
            return new ApplicationAccess.Allowed(protocolRef);
        }
        Application app = application.get();
        if (!app.isEnabled()) {
            return new ApplicationAccess.Refused(app.getName(), ApplicationAccess.Reason.DISABLED);
        }
        if (!app.isAssignedOnly()) {
            return new ApplicationAccess.Allowed(app.getName());
        }
        Set<UUID> groupIds = groupIds(userId);
        return app.isAssignedTo(userId, groupIds) ? new ApplicationAccess.Allowed(app.getName())
                : new ApplicationAccess.Refused(app.getName(), ApplicationAccess.Reason.NOT_ASSIGNED);
    }

    /** {@link #access}, and a refusal is audited (in its own transaction: nothing else is written). */
    public ApplicationAccess enter(ApplicationProtocol protocol, String protocolRef, UUID userId) {
        ApplicationAccess access = access(protocol, protocolRef, userId);
        if (access instanceof ApplicationAccess.Refused refused) {
            audit.recordAlone(AuditRecord.failure("application.access.refused", userId.toString(),
                    "application=" + target(protocol, protocolRef) + " reason=" + refused.reason().name().toLowerCase()));
        }
        return access;
    }

    /** The enabled applications the user may enter, by name: what the home page lists. */
    @Transactional(readOnly = true)
    public List<Application> assignedTo(UUID userId) {
        Set<UUID> groupIds = groupIds(userId);
        return applications.findAll().stream()
                .filter(Application::isEnabled)
                .filter(app -> app.isAssignedTo(userId, groupIds))
                .sorted(Comparator.comparing(Application::getName, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    private Set<UUID> groupIds(UUID userId) {
        return directory.findWithGroups(userId).map(User::getGroups).orElse(Set.of()).stream()
                .map(Group::getId).collect(Collectors.toSet());
    }

    private Set<ApplicationAssignee> resolve(Assignment assignment) {
        Set<ApplicationAssignee> resolved = new HashSet<>();
        if (assignment instanceof Assignment.Assigned assigned) {
            for (String username : assigned.users()) {
                User user = directory.findByLogin(username).orElseThrow(
                        () -> new IllegalArgumentException("assignment.users: unknown user " + username));
                resolved.add(new ApplicationAssignee(ApplicationAssignee.Kind.USER, user.getId()));
            }
            for (String name : assigned.groups()) {
                Group group = groups.findByName(name).orElseThrow(
                        () -> new IllegalArgumentException("assignment.groups: unknown group " + name));
                resolved.add(new ApplicationAssignee(ApplicationAssignee.Kind.GROUP, group.getId()));
            }
        }
        return resolved;
    }

    static String target(ApplicationProtocol protocol, String protocolRef) {
        return protocol.name().toLowerCase() + ":" + protocolRef;
    }

    private static String details(ApplicationSpec spec, Set<ApplicationAssignee> assignees) {
        return "enabled=" + spec.enabled() + " assignment="
                + (spec.assignment() instanceof Assignment.Assigned ? "assigned(" + assignees.size() + ")" : "everyone")
                + " second_factor=" + spec.signInPolicy().secondFactorRequired();
    }
}
