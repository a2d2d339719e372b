package io.monban.core.application;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * An application users sign in to, whatever its protocol: the OIDC client store and the SAML
 * service provider registry hold how to talk to it, this holds who may use it and what signing
 * in to it needs.
 */
@Entity
@Table(name = "mb_application")
public class Application {

    @Id
    private UUID id;
    @Enumerated(EnumType.STRING)
    private ApplicationProtocol protocol;
    private String protocolRef;
    private String name;
    private boolean enabled;
    /** False: open to everyone who can sign in; true: only to the assignees. */
    private boolean assignedOnly;
    private String launchUrl;
    private boolean secondFactorRequired;
    /** Network names, space separated (names have no spaces). */
    private String allowedNetworks;
    private boolean trustedDeviceRequired;
    private Instant createdAt;
    private Instant updatedAt;

    @Version
    private long version;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "mb_application_assignee", joinColumns = @JoinColumn(name = "application_id"))
    private Set<ApplicationAssignee> assignees = new HashSet<>();

    protected Application() {
    }

    Application(ApplicationProtocol protocol, String protocolRef, Instant now) {
        this.id = UUID.randomUUID();
        this.protocol = protocol;
        this.protocolRef = protocolRef;
        this.createdAt = now;
    }

    /** True when anything changed. */
    boolean apply(ApplicationSpec spec, Set<ApplicationAssignee> resolved, Instant now) {
        boolean assigned = spec.assignment() instanceof Assignment.Assigned;
        ApplicationSignInPolicy policy = spec.signInPolicy();
        String networks = String.join(" ", policy.allowedNetworks());
        boolean same = updatedAt != null && same(name, spec.name()) && enabled == spec.enabled()
                && assignedOnly == assigned && same(launchUrl, spec.launchUrl())
                && secondFactorRequired == policy.secondFactorRequired()
                && same(allowedNetworks, networks) && trustedDeviceRequired == policy.trustedDeviceRequired()
                && assignees.equals(resolved);
        if (same) {
            return false;
        }
        name = spec.name();
        enabled = spec.enabled();
        assignedOnly = assigned;
        launchUrl = spec.launchUrl();
        secondFactorRequired = policy.secondFactorRequired();
        allowedNetworks = networks;
        trustedDeviceRequired = policy.trustedDeviceRequired();
        assignees.clear();
        assignees.addAll(resolved);
        updatedAt = now;
        return true;
    }

    private static boolean same(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }

    public UUID getId() {
        return id;
    }

    public ApplicationProtocol getProtocol() {
        return protocol;
    }

    public String getProtocolRef() {
        return protocolRef;
    }

    public String getName() {
        return name == null ? protocolRef : name;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public boolean isAssignedOnly() {
        return assignedOnly;
    }

    public Optional<String> getLaunchUrl() {
        return Optional.ofNullable(launchUrl).filter(url -> !url.isBlank());
    }

    public Set<ApplicationAssignee> getAssignees() {
        return Set.copyOf(assignees);
    }

    public ApplicationSignInPolicy signInPolicy() {
        List<String> networks = allowedNetworks == null || allowedNetworks.isBlank() ? List.of()
                : Arrays.asList(allowedNetworks.trim().split(" +"));
        return new ApplicationSignInPolicy(secondFactorRequired, networks, trustedDeviceRequired);
    }

    /** Whether the user (member of {@code groupIds}) is among the assignees; true when open to everyone. */
    public boolean isAssignedTo(UUID userId, Set<UUID> groupIds) {
        if (!assignedOnly) {
            return true;
        }
        return assignees.stream().anyMatch(a -> a.kind() == ApplicationAssignee.Kind.USER
                ? a.principalId().equals(userId) : groupIds.contains(a.principalId()));
    }
}
