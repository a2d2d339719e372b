package io.monban.idp.oidc;

import io.monban.core.directory.Group;
import io.monban.core.directory.User;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.oauth2.core.oidc.OidcScopes;

/**
 * The standard claims a user releases for the granted scopes: one source for ID token and
 * userinfo. Collections are plain {@code ArrayList}s: the authorization service stores token
 * claims as JSON with an allow-list of types, and {@code List.of}-style lists are not on it.
 */
final class UserClaims {

    static final String GROUPS_SCOPE = "groups";
    /** The scopes whose claims {@link #forScopes} releases, {@code openid} first. */
    static final List<String> SCOPES = List.of(OidcScopes.OPENID, OidcScopes.PROFILE, OidcScopes.EMAIL, GROUPS_SCOPE);
    /** Every claim {@link #forScopes} can release (discovery's {@code claims_supported}). */
    static final List<String> CLAIMS = List.of("sub", "name", "preferred_username", "given_name", "family_name",
            "locale", "updated_at", "email", "email_verified", "groups");

    private UserClaims() {
    }

    static Map<String, Object> forScopes(User user, Set<String> scopes) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", user.getId().toString());
        if (scopes.contains(OidcScopes.PROFILE)) {
            claims.put("name", user.getDisplayName());
            claims.put("preferred_username", user.getUsername());
            user.getGivenName().ifPresent(v -> claims.put("given_name", v));
            user.getFamilyName().ifPresent(v -> claims.put("family_name", v));
            user.getLocale().ifPresent(v -> claims.put("locale", v));
            // A Date: the JWT library writes it as seconds, and the JSON allow-list admits it
            // (neither holds for Long or Instant).
            claims.put("updated_at", Date.from(user.getUpdatedAt()));
        }
        if (scopes.contains(OidcScopes.EMAIL)) {
            user.getEmail().ifPresent(v -> {
                claims.put("email", v);
                claims.put("email_verified", user.isEmailVerified());
            });
        }
        if (scopes.contains(GROUPS_SCOPE)) {
            claims.put("groups", user.getGroups().stream().map(Group::getName).sorted()
                    .collect(Collectors.toCollection(ArrayList::new)));
        }
        return claims;
    }
}
