package io.monban.idp.oidc;

import java.time.Duration;
import java.util.List;

/**
 * An OpenID Connect / OAuth client as configuration describes it.
 *
 * @param secret       a client secret in clear (at least 32 characters), stored hashed; or null
 * @param secretHash   a stored secret hash ({sha256}hex, {bcrypt}..., {argon2}...) to import; or null.
 *                     Neither secret nor hash: a public client (PKCE, no secret)
 * @param grantTypes   authorization_code, refresh_token, client_credentials
 * @param requireConsent false for first-party apps, whose users are not asked
 * @param idTokenAlgorithm  RS256 (default) or ES256
 * @param accessTokenAlgorithm RS256 (default) or ES256
 * @param authorizationCodeTtl how long an authorization code may be redeemed (default 1 minute)
 * @param requireMfa   every sign-in to this application needs a second factor (step-up)
 * @param backchannelLogoutUri where the client receives OIDC Back-Channel Logout tokens; or null
 * @param backchannelLogoutSessionRequired the client needs {@code sid} in logout tokens (and ID tokens)
 * @param requirePkce  codes need a PKCE challenge (S256); false only for a confidential client that
 *                     cannot send one, which must then send a {@code nonce} instead
 * @param introspectsTokensOf client ids whose access tokens this client (a resource server) may introspect
 */
public record OidcClientSpec(String clientId, String name, String secret, String secretHash,
                             List<String> redirectUris, List<String> postLogoutRedirectUris,
                             List<String> grantTypes, List<String> scopes, boolean requireConsent,
                             String idTokenAlgorithm, String accessTokenAlgorithm,
                             Duration accessTokenTtl, Duration refreshTokenTtl, Duration authorizationCodeTtl,
                             boolean requireMfa, String backchannelLogoutUri,
                             boolean backchannelLogoutSessionRequired, boolean requirePkce,
                             List<String> introspectsTokensOf) {
}
