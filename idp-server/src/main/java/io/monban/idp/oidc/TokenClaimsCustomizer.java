package io.monban.idp.oidc;

import io.monban.core.application.ApplicationAccess;
import io.monban.core.application.ApplicationProtocol;
import io.monban.core.application.ApplicationService;
import io.monban.core.crypto.Sha256;
import io.monban.core.directory.DirectoryService;
import io.monban.core.directory.UserStatus;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Adds Monban's claims: the user's standard claims and {@code amr}/{@code acr} to ID tokens,
 * {@code client_id} to access tokens (RFC 9068), and picks the access token's algorithm per client.
 */
class TokenClaimsCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

    private final DirectoryService directory;
    private final ApplicationService applications;

    TokenClaimsCustomizer(DirectoryService directory, ApplicationService applications) {
        this.directory = directory;
        this.applications = applications;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            ClientOptions.accessTokenAlgorithm(context.getRegisteredClient())
                    .ifPresent(alg -> context.getJwsHeader().algorithm(alg));
            context.getClaims().claim("client_id", context.getRegisteredClient().getClientId());
            if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
                context.getClaims().claim(AccessTokenLookup.GRANT_CLAIM,
                        AuthorizationGrantType.CLIENT_CREDENTIALS.getValue());
            } else {
                requireActive(context.getPrincipal());
                if (AuthorizationGrantType.REFRESH_TOKEN.equals(context.getAuthorizationGrantType())) {
                    requireAssigned(context);
                }
            }
        } else if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
            Authentication principal = context.getPrincipal();
            AuthenticationStrength strength = AuthenticationStrength.of(principal);
            context.getClaims().claim("amr", new ArrayList<>(strength.amr())).claim("acr", strength.acr());
            OAuth2Authorization authorization = context.getAuthorization();
            if (authorization != null && authorization.getAccessToken() != null) {
                context.getClaims().claim("at_hash",
                        accessTokenHash(authorization.getAccessToken().getToken().getTokenValue()));
            }
            directory.findWithGroups(UUID.fromString(principal.getName())).ifPresent(user -> {
                Map<String, Object> claims = UserClaims.forScopes(user, context.getAuthorizedScopes());
                claims.forEach((name, value) -> context.getClaims().claim(name, value));
            });
        }
    }

    /**
     * A user's tokens are issued only while the user may sign in: a code issued in the instant
     * the user was suspended, or a refresh racing the revocation, must not yield new tokens.
     */
    private void requireActive(Authentication principal) {
        boolean active = directory.findWithGroups(UUID.fromString(principal.getName()))
                .filter(user -> user.getStatus() == UserStatus.ACTIVE).isPresent();
        if (!active) {
            throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
                    "the user can no longer sign in", null));
        }
    }

    /**
     * A refresh is an entry into the application without the user: it gets new tokens only while
     * the application is still open to the user (an assignment removed, or the application
     * switched off, ends it at the next refresh).
     */
    private void requireAssigned(JwtEncodingContext context) {
        if (applications.enter(ApplicationProtocol.OIDC, context.getRegisteredClient().getClientId(),
                UUID.fromString(context.getPrincipal().getName())) instanceof ApplicationAccess.Refused) {
            throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
                    "the application is no longer available to the user", null));
        }
    }

    /**
     * OIDC Core §3.1.3.6: the left half of the access token's hash, base64url. Both algorithms
     * Monban signs with (RS256, ES256) use SHA-256.
     */
    static String accessTokenHash(String accessToken) {
        byte[] digest = Sha256.digest(accessToken);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, digest.length / 2));
    }
}
