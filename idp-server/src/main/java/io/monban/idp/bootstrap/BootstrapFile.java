package io.monban.idp.bootstrap;

import io.monban.idp.saml.SamlServiceProviderEntry;
import java.util.List;

/**
 * The bootstrap file: configuration as code, applied idempotently at start-up. Field names are
 * the YAML keys; {@code config/README.md} documents them.
 */
record BootstrapFile(List<RoleEntry> roles, List<GroupEntry> groups, List<UserEntry> users,
                     List<OidcClientEntry> oidcClients, MfaPolicyEntry mfaPolicy,
                     List<SamlServiceProviderEntry> samlServiceProviders,
                     List<ProvisioningTargetEntry> provisioningTargets, List<ScimClientEntry> scimClients) {

    BootstrapFile {
        roles = roles == null ? List.of() : roles;
        groups = groups == null ? List.of() : groups;
        users = users == null ? List.of() : users;
        oidcClients = oidcClients == null ? List.of() : oidcClients;
        samlServiceProviders = samlServiceProviders == null ? List.of() : samlServiceProviders;
        provisioningTargets = provisioningTargets == null ? List.of() : provisioningTargets;
        scimClients = scimClients == null ? List.of() : scimClients;
    }

    /** A connector (HR system) that provisions over SCIM; see {@code io.monban.scim.auth}. */
    record ScimClientEntry(String name, List<String> scopes, Integer expiresInDays, String token, String tokenHash,
                           Boolean generateToken) {
        ScimClientEntry {
            scopes = scopes == null ? List.of() : scopes;
        }
    }

    record RoleEntry(String name, String description) {
    }

    /** Absent: the policy in the database stays as it is. */
    record MfaPolicyEntry(Boolean requiredForEveryone, List<String> requiredGroups, List<String> requiredRoles,
                          String stepUpLifetime, Integer rememberBrowserDays,
                          Boolean passkeySignIn, List<String> acceptedFactors) {
        MfaPolicyEntry {
            requiredGroups = requiredGroups == null ? List.of() : requiredGroups;
            requiredRoles = requiredRoles == null ? List.of() : requiredRoles;
            acceptedFactors = acceptedFactors == null ? List.of("totp", "webauthn") : acceptedFactors;
        }
    }

    record GroupEntry(String name, String displayName, List<String> roles) {
        GroupEntry {
            roles = roles == null ? List.of() : roles;
        }
    }

    record UserEntry(String username, String email, Boolean emailVerified, String givenName, String familyName,
                     String displayName, String locale, String password, String passwordHash,
                     Boolean generatePassword, List<String> groups, List<String> roles) {
        UserEntry {
            groups = groups == null ? List.of() : groups;
            roles = roles == null ? List.of() : roles;
        }
    }

    record OidcClientEntry(String clientId, String name, String secret, String secretHash, Boolean generateSecret,
                           List<String> redirectUris, List<String> postLogoutRedirectUris,
                           List<String> grantTypes, List<String> scopes, Boolean requireConsent,
                           String idTokenAlgorithm, String accessTokenAlgorithm, String accessTokenTtl,
                           String refreshTokenTtl, String authorizationCodeTtl, Boolean requireMfa,
                           String backchannelLogoutUri, Boolean backchannelLogoutSessionRequired,
                           Boolean requirePkce, List<String> introspectsTokensOf, Object assignment,
                           Boolean enabled, String initiateLoginUri) {
        OidcClientEntry {
            redirectUris = redirectUris == null ? List.of() : redirectUris;
            postLogoutRedirectUris = postLogoutRedirectUris == null ? List.of() : postLogoutRedirectUris;
            grantTypes = grantTypes == null ? List.of() : grantTypes;
            scopes = scopes == null ? List.of("openid", "profile", "email") : scopes;
            introspectsTokensOf = introspectsTokensOf == null ? List.of() : introspectsTokensOf;
        }
    }

    /** Outbound SCIM: see {@code ProvisioningTargetSpec}. */
    record ProvisioningTargetEntry(String name, String application, String baseUrl, String token,
                                   java.util.Map<String, String> attributeMapping, List<String> users,
                                   List<String> groups, Boolean enabled) {
    }
}
