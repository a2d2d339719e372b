package io.monban.core.policy;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

@Entity
@Table(name = "mb_mfa_policy")
class MfaPolicyRow {

    @Id
    private Integer id;
    private boolean requiredForEveryone;
    private String requiredGroups;
    private String requiredRoles;
    private int stepUpLifetimeSeconds;
    private int rememberBrowserDays;
    private boolean passkeySignIn;
    private String acceptedFactors;
    private Instant updatedAt;

    protected MfaPolicyRow() {
    }

    MfaRequirement toRequirement() {
        return new MfaRequirement(requiredForEveryone, split(requiredGroups), split(requiredRoles),
                Duration.ofSeconds(stepUpLifetimeSeconds), rememberBrowserDays, passkeySignIn,
                split(acceptedFactors).stream().map(SecondFactorKind::valueOf).collect(Collectors.toSet()));
    }

    void set(MfaRequirement requirement, Instant now) {
        this.requiredForEveryone = requirement.everyone();
        this.requiredGroups = String.join("\n", requirement.groups().stream().sorted().toList());
        this.requiredRoles = String.join("\n", requirement.roles().stream().sorted().toList());
        this.stepUpLifetimeSeconds = (int) requirement.stepUpLifetime().toSeconds();
        this.rememberBrowserDays = requirement.rememberBrowserDays();
        this.passkeySignIn = requirement.passkeySignIn();
        this.acceptedFactors = String.join(" ", requirement.acceptedFactors().stream().map(Enum::name).sorted().toList());
        this.updatedAt = now;
    }

    private static Set<String> split(String joined) {
        return Arrays.stream(joined.split("[\n ]")).filter(s -> !s.isBlank()).collect(Collectors.toSet());
    }
}
