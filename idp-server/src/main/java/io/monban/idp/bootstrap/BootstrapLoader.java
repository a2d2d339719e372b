package io.monban.idp.bootstrap;

import io.monban.core.application.ApplicationProtocol;
import io.monban.core.application.ApplicationService;
import io.monban.core.application.ApplicationSignInPolicy;
import io.monban.core.application.ApplicationSpec;
import io.monban.core.application.Assignment;
import io.monban.idp.saml.SamlServiceProviderEntry;
import io.monban.core.credential.PasswordRejectedException;
import io.monban.core.credential.PasswordViolation;
import io.monban.core.directory.DirectoryService;
import io.monban.core.directory.NewUser;
import io.monban.core.directory.Role;
import io.monban.core.policy.MfaPolicyService;
import io.monban.core.policy.MfaRequirement;
import io.monban.core.policy.SecondFactorKind;
import io.monban.idp.bootstrap.BootstrapFile.OidcClientEntry;
import io.monban.idp.bootstrap.BootstrapFile.UserEntry;
import io.monban.idp.oidc.OidcClientRegistrar;
import io.monban.idp.oidc.OidcClientSpec;
import io.monban.idp.saml.SamlServiceProviderRegistrar;
import io.monban.scim.outbound.ProvisioningTargetSpec;
import io.monban.scim.outbound.ProvisioningTargets;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Applies the bootstrap file: all of it in one transaction, or (on any error) none of it, with
 * an error naming the file, the key and the reason. Then makes sure an administrator exists.
 * Run by the start-up work before the web server opens its port.
 */
@Component
public class BootstrapLoader {

    private static final Logger log = LoggerFactory.getLogger(BootstrapLoader.class);

    private final BootstrapProperties properties;
    private final DirectoryService directory;
    private final OidcClientRegistrar clients;
    private final TransactionTemplate tx;
    private final JdbcTemplate jdbc;
    private final MfaPolicyService mfaPolicies;
    private final SamlServiceProviderRegistrar samlProviders;
    private final ProvisioningTargets provisioningTargets;
    private final ScimClientEntries scimClients;
    private final ApplicationService applications;
    private final YAMLMapper yaml = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    public BootstrapLoader(BootstrapProperties properties, DirectoryService directory, OidcClientRegistrar clients,
                           TransactionTemplate tx, JdbcTemplate jdbc, MfaPolicyService mfaPolicies,
                           SamlServiceProviderRegistrar samlProviders, ProvisioningTargets provisioningTargets,
                           ScimClientEntries scimClients, ApplicationService applications) {
        this.applications = applications;
        this.samlProviders = samlProviders;
        this.scimClients = scimClients;
        this.jdbc = jdbc;
        this.provisioningTargets = provisioningTargets;
        this.mfaPolicies = mfaPolicies;
        this.properties = properties;
        this.directory = directory;
        this.clients = clients;
        this.tx = tx;
    }

    /** The configured bootstrap file (if any), then the first administrator. */
    public void applyConfigured() {
        if (properties.file() != null && !properties.file().isBlank()) {
            apply(BootstrapSource.of(properties.file().trim()));
        }
        ensureAdministrator();
    }

    /** Reads, validates and applies one file. */
    public void apply(Path file) {
        apply(BootstrapSource.file(file));
    }

    /** Reads, validates and applies one file, on disk or in the jar. */
    public void apply(BootstrapSource file) {
        BootstrapFile content = read(file);
        List<String> problems = validate(content);
        problems.addAll(validateSaml(file, content));
        if (!problems.isEmpty()) {
            throw new BootstrapException("bootstrap file " + file + " is invalid:\n  "
                    + String.join("\n  ", problems));
        }
        List<Runnable> announcements = new ArrayList<>();
        tx.executeWithoutResult(status -> {
            lockAgainstOtherNodes();
            applyAll(file, content, announcements);
        });
        // Only after commit: a secret of a rolled-back change was never stored.
        announcements.forEach(Runnable::run);
        log.info("bootstrap applied file={} roles={} groups={} users={} oidc_clients={}", file,
                content.roles().size(), content.groups().size(), content.users().size(),
                content.oidcClients().size());
    }

    private BootstrapFile read(BootstrapSource file) {
        if (!file.readable()) {
            throw new BootstrapException("bootstrap file " + file + " does not exist or is not readable");
        }
        try (InputStream in = file.open()) {
            BootstrapFile content = yaml.readValue(in, BootstrapFile.class);
            return content == null ? new BootstrapFile(null, null, null, null, null, null, null, null) : content;
        } catch (JacksonException e) {
            throw new BootstrapException("bootstrap file " + file + ": " + describe(e), e);
        } catch (IOException e) {
            throw new BootstrapException("bootstrap file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static String describe(JacksonException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? "." + ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining()).replaceFirst("^\\.", "");
        String reason = e.getOriginalMessage();
        return (path.isEmpty() ? "" : path + ": ") + reason.split("\n")[0];
    }

    private List<String> validate(BootstrapFile file) {
        List<String> problems = new ArrayList<>();
        Set<String> roleNames = new HashSet<>();
        for (int i = 0; i < file.roles().size(); i++) {
            String name = file.roles().get(i).name();
            if (blank(name)) {
                problems.add("roles[" + i + "].name: required");
            } else if (!roleNames.add(name)) {
                problems.add("roles[" + i + "].name: duplicate role " + name);
            }
        }
        roleNames.add(Role.ADMINISTRATOR);
        Set<String> groupNames = new HashSet<>();
        for (int i = 0; i < file.groups().size(); i++) {
            BootstrapFile.GroupEntry group = file.groups().get(i);
            if (blank(group.name())) {
                problems.add("groups[" + i + "].name: required");
            } else if (!groupNames.add(group.name())) {
                problems.add("groups[" + i + "].name: duplicate group " + group.name());
            }
            unknown(group.roles(), roleNames, "groups[" + i + "].roles", "role", problems);
        }
        Set<String> usernames = new HashSet<>();
        for (int i = 0; i < file.users().size(); i++) {
            UserEntry user = file.users().get(i);
            String at = "users[" + i + "]";
            if (blank(user.username())) {
                problems.add(at + ".username: required");
            } else if (!usernames.add(user.username().toLowerCase())) {
                problems.add(at + ".username: duplicate user " + user.username());
            }
            if (user.email() != null && !user.email().matches("[^@\\s]+@[^@\\s]+")) {
                problems.add(at + ".email: not an email address");
            }
            int sources = (user.password() != null ? 1 : 0) + (user.passwordHash() != null ? 1 : 0)
                    + (Boolean.TRUE.equals(user.generatePassword()) ? 1 : 0);
            if (sources > 1) {
                problems.add(at + ": give at most one of password, passwordHash, generatePassword");
            }
            if (user.password() != null) {
                for (PasswordViolation v : directory.checkPassword(user.password(), user.username(), user.email())) {
                    problems.add(at + ".password: " + v.describe());
                }
            }
            unknown(user.groups(), groupNames, at + ".groups", "group", problems);
            unknown(user.roles(), roleNames, at + ".roles", "role", problems);
        }
        Set<String> clientIds = new HashSet<>();
        for (int i = 0; i < file.oidcClients().size(); i++) {
            OidcClientEntry client = file.oidcClients().get(i);
            String at = "oidcClients[" + i + "]";
            if (client.clientId() != null && !clientIds.add(client.clientId())) {
                problems.add(at + ".clientId: duplicate client " + client.clientId());
            }
            try {
                // A secret to be generated counts as present; its value is made only when applying.
                String placeholder = Boolean.TRUE.equals(client.generateSecret()) ? GeneratedSecrets.clientSecret() : null;
                clients.validate(toSpec(client, placeholder)).forEach(p -> problems.add(at + "." + p));
            } catch (IllegalArgumentException e) {
                problems.add(at + ": " + e.getMessage());
            }
            validateApplication(client.assignment(), at, usernames, groupNames, problems);
            if (client.initiateLoginUri() != null && !client.initiateLoginUri().matches("https?://[^\\s]+")) {
                problems.add(at + ".initiateLoginUri: an absolute https:// (or http://) URL");
            }
        }
        Set<String> targetNames = new HashSet<>();
        for (int i = 0; i < file.provisioningTargets().size(); i++) {
            BootstrapFile.ProvisioningTargetEntry target = file.provisioningTargets().get(i);
            String at = "provisioningTargets[" + i + "]";
            if (target.name() != null && !targetNames.add(target.name())) {
                problems.add(at + ".name: duplicate provisioning target " + target.name());
            }
            provisioningTargets.validate(toSpec(target), usernames, groupNames)
                    .forEach(p -> problems.add(at + "." + p));
        }
        problems.addAll(scimClients.validate(file.scimClients()));
        if (file.mfaPolicy() != null) {
            try {
                mfaPolicy(file.mfaPolicy());
            } catch (IllegalArgumentException e) {
                problems.add("mfaPolicy." + e.getMessage());
            }
        }
        return problems;
    }

    /** The application keys of a client or SP entry; assigned users must exist (in the file or already). */
    private void validateApplication(Object assignment, String at, Set<String> usernames, Set<String> groupNames,
                                     List<String> problems) {
        if (AssignmentEntries.parse(assignment, at + ".assignment", problems) instanceof Assignment.Assigned assigned) {
            assigned.users().stream()
                    .filter(u -> !usernames.contains(u.toLowerCase()) && directory.findByLogin(u).isEmpty())
                    .forEach(u -> problems.add(at + ".assignment.users: unknown user " + u));
            assigned.groups().stream().filter(g -> !groupNames.contains(g) && !directory.groupExists(g))
                    .forEach(g -> problems.add(at + ".assignment.groups: unknown group " + g));
        }
    }

    private static Set<SecondFactorKind> acceptedFactors(List<String> names) {
        Set<SecondFactorKind> kinds = new LinkedHashSet<>();
        for (String name : names) {
            try {
                kinds.add(SecondFactorKind.valueOf(name.trim().toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("acceptedFactors: unknown factor '" + name + "' (totp or webauthn)");
            }
        }
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("acceptedFactors: accept at least one of totp, webauthn");
        }
        return kinds;
    }

    private static MfaRequirement mfaPolicy(BootstrapFile.MfaPolicyEntry entry) {
        Duration stepUp = entry.stepUpLifetime() == null ? Duration.ofMinutes(15)
                : duration(entry.stepUpLifetime(), "stepUpLifetime");
        if (stepUp.isNegative() || stepUp.isZero()) {
            throw new IllegalArgumentException("stepUpLifetime: must be positive");
        }
        return new MfaRequirement(Boolean.TRUE.equals(entry.requiredForEveryone()),
                new LinkedHashSet<>(entry.requiredGroups()), new LinkedHashSet<>(entry.requiredRoles()), stepUp,
                entry.rememberBrowserDays() == null ? 0 : entry.rememberBrowserDays(),
                !Boolean.FALSE.equals(entry.passkeySignIn()), acceptedFactors(entry.acceptedFactors()));
    }

    private void applyAll(BootstrapSource file, BootstrapFile content, List<Runnable> announcements) {
        // Always there, so the file may give it to users without declaring it.
        directory.ensureRole(Role.ADMINISTRATOR, "Administers Monban");
        content.roles().forEach(r -> directory.ensureRole(r.name(), r.description()));
        for (int i = 0; i < content.groups().size(); i++) {
            BootstrapFile.GroupEntry g = content.groups().get(i);
            directory.upsertGroup(g.name(), g.displayName(), new LinkedHashSet<>(g.roles()));
        }
        for (int i = 0; i < content.users().size(); i++) {
            UserEntry u = content.users().get(i);
            boolean isNew = directory.findByLogin(u.username()).isEmpty();
            String generated = Boolean.TRUE.equals(u.generatePassword()) && isNew ? GeneratedSecrets.password() : null;
            try {
                directory.upsertUser(new NewUser(u.username(), u.email(), Boolean.TRUE.equals(u.emailVerified()),
                        u.givenName(), u.familyName(), u.displayName(), u.locale(),
                        generated != null ? generated : u.password(), u.passwordHash(),
                        new LinkedHashSet<>(u.groups()), new LinkedHashSet<>(u.roles())));
            } catch (PasswordRejectedException e) {
                throw new BootstrapException("bootstrap file " + file + ": users[" + i + "].password: "
                        + e.violations().stream().map(PasswordViolation::describe).collect(Collectors.joining(", ")));
            } catch (RuntimeException e) {
                throw new BootstrapException("bootstrap file " + file + ": users[" + i + "]: " + e.getMessage(), e);
            }
            if (generated != null) {
                announcements.add(() -> GeneratedSecrets.announce("password of user " + u.username(), generated));
            }
        }
        if (content.mfaPolicy() != null) {
            mfaPolicies.replace(mfaPolicy(content.mfaPolicy()));
        }
        scimClients.apply(file, content.scimClients(), announcements);
        for (int i = 0; i < content.oidcClients().size(); i++) {
            OidcClientEntry c = content.oidcClients().get(i);
            boolean generate = Boolean.TRUE.equals(c.generateSecret()) && clients.find(c.clientId()).isEmpty();
            String secret = generate ? GeneratedSecrets.clientSecret() : null;
            try {
                clients.upsert(toSpec(c, secret));
                applications.register(new ApplicationSpec(ApplicationProtocol.OIDC, c.clientId(),
                        c.name() == null ? c.clientId() : c.name(), !Boolean.FALSE.equals(c.enabled()),
                        AssignmentEntries.parse(c.assignment()),
                        new ApplicationSignInPolicy(Boolean.TRUE.equals(c.requireMfa()), List.of(), false),
                        c.initiateLoginUri()));
            } catch (RuntimeException e) {
                throw new BootstrapException("bootstrap file " + file + ": oidcClients[" + i + "]: " + e.getMessage(),
                        e);
            }
            if (secret != null) {
                announcements.add(() -> GeneratedSecrets.announce("secret of OIDC client " + c.clientId(), secret));
            }
        }
        for (int i = 0; i < content.samlServiceProviders().size(); i++) {
            try {
                SamlServiceProviderEntry entry = content.samlServiceProviders().get(i);
                String entityId = samlProviders.register(entry, file.baseDirectory());
                applications.register(new ApplicationSpec(ApplicationProtocol.SAML, entityId, entry.name(),
                        !Boolean.FALSE.equals(entry.enabled()), AssignmentEntries.parse(entry.assignment()),
                        new ApplicationSignInPolicy(Boolean.TRUE.equals(entry.requireMfa()), List.of(), false), null));
            } catch (RuntimeException e) {
                throw new BootstrapException("bootstrap file " + file + ": samlServiceProviders[" + i + "]: "
                        + e.getMessage(), e);
            }
        }
        for (int i = 0; i < content.provisioningTargets().size(); i++) {
            try {
                provisioningTargets.upsert(toSpec(content.provisioningTargets().get(i)));
            } catch (RuntimeException e) {
                throw new BootstrapException("bootstrap file " + file + ": provisioningTargets[" + i + "]: "
                        + e.getMessage(), e);
            }
        }
    }

    private List<String> validateSaml(BootstrapSource file, BootstrapFile content) {
        List<String> problems = new ArrayList<>();
        Set<String> entityIds = new HashSet<>();
        for (int i = 0; i < content.samlServiceProviders().size(); i++) {
            String at = "samlServiceProviders[" + i + "].";
            var entry = content.samlServiceProviders().get(i);
            List<String> found = samlProviders.validate(entry, file.baseDirectory());
            found.forEach(p -> problems.add(at + p));
            validateApplication(entry.assignment(), at.substring(0, at.length() - 1), usernames(content),
                    groupNames(content), problems);
            if (found.isEmpty() && !entityIds.add(samlProviders.entityId(entry, file.baseDirectory()))) {
                problems.add(at + "entityId: duplicate service provider");
            }
        }
        return problems;
    }

    private static Set<String> usernames(BootstrapFile content) {
        return content.users().stream().map(UserEntry::username).filter(u -> u != null)
                .map(String::toLowerCase).collect(Collectors.toSet());
    }

    private static Set<String> groupNames(BootstrapFile content) {
        return content.groups().stream().map(BootstrapFile.GroupEntry::name).collect(Collectors.toSet());
    }

    private static ProvisioningTargetSpec toSpec(BootstrapFile.ProvisioningTargetEntry t) {
        return new ProvisioningTargetSpec(t.name(), t.application(), t.baseUrl(), t.token(), t.attributeMapping(),
                t.users(), t.groups(), !Boolean.FALSE.equals(t.enabled()));
    }

    private static OidcClientSpec toSpec(OidcClientEntry c, String generatedSecret) {
        return new OidcClientSpec(c.clientId(), c.name(), generatedSecret != null ? generatedSecret : c.secret(),
                c.secretHash(), c.redirectUris(), c.postLogoutRedirectUris(), c.grantTypes(), c.scopes(),
                Boolean.TRUE.equals(c.requireConsent()), c.idTokenAlgorithm(), c.accessTokenAlgorithm(),
                duration(c.accessTokenTtl(), "accessTokenTtl"), duration(c.refreshTokenTtl(), "refreshTokenTtl"),
                duration(c.authorizationCodeTtl(), "authorizationCodeTtl"), Boolean.TRUE.equals(c.requireMfa()),
                c.backchannelLogoutUri(), Boolean.TRUE.equals(c.backchannelLogoutSessionRequired()),
                !Boolean.FALSE.equals(c.requirePkce()), c.introspectsTokensOf());
    }

    private static Duration duration(String value, String key) {
        if (value == null) {
            return null;
        }
        try {
            return DurationStyle.detectAndParse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": '" + value + "' is not a duration such as 5m or PT5M");
        }
    }

    private void ensureAdministrator() {
        String password = tx.execute(status -> {
            lockAgainstOtherNodes();
            directory.ensureRole(Role.ADMINISTRATOR, "Administers Monban");
            if (directory.anyoneHasRole(Role.ADMINISTRATOR)) {
                return null;
            }
            if (directory.findByLogin(properties.adminUsername()).isPresent()) {
                log.warn("no user holds role={} and user={} exists; grant the role in the bootstrap file",
                        Role.ADMINISTRATOR, properties.adminUsername());
                return null;
            }
            String generated = GeneratedSecrets.password();
            directory.upsertUser(new NewUser(properties.adminUsername(), null, false, null, null, "Administrator",
                    null, generated, null, Set.of(), Set.of(Role.ADMINISTRATOR)));
            return generated;
        });
        if (password != null) {
            GeneratedSecrets.announce("first administrator '" + properties.adminUsername() + "' password", password);
        }
    }

    /**
     * Nodes started together would otherwise apply the file at the same time, and the slower
     * one would fail on a unique constraint; this way it waits and then finds everything in place.
     */
    private void lockAgainstOtherNodes() {
        jdbc.queryForList("SELECT name FROM mb_lock WHERE name = 'bootstrap' FOR UPDATE", String.class);
    }

    private static void unknown(List<String> names, Set<String> known, String at, String kind, List<String> problems) {
        names.stream().filter(n -> !known.contains(n))
                .forEach(n -> problems.add(at + ": unknown " + kind + " " + n + " (define it under " + kind + "s)"));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
