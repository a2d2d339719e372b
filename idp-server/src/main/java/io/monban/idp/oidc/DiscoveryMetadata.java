package io.monban.idp.oidc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * What the metadata documents ({@code /.well-known/openid-configuration}, RFC 8414
 * {@code /.well-known/oauth-authorization-server}) say, corrected to what Monban sets up. Spring
 * advertises every capability it has code for: mutual-TLS and JWT client authentication, DPoP,
 * token exchange; Monban registers none of them for any client, so a relying party that picked
 * one from the metadata would fail. Added: the scopes and claims Monban serves and its
 * authentication levels.
 */
final class DiscoveryMetadata {

    /** How {@link OidcClientRegistrar} lets clients authenticate; {@code none} is a public client with PKCE. */
    private static final List<String> CLIENT_SECRET_METHODS = List.of(
            ClientAuthenticationMethod.CLIENT_SECRET_BASIC.getValue(),
            ClientAuthenticationMethod.CLIENT_SECRET_POST.getValue());
    /** Claims of the ID token itself, next to the user's claims. */
    private static final List<String> TOKEN_CLAIMS = List.of("iss", "aud", "exp", "iat", "auth_time", "nonce", "acr",
            "amr", "azp", "sid");

    private final ServedScopes scopes;

    DiscoveryMetadata(ServedScopes scopes) {
        this.scopes = scopes;
    }

    /** Both documents: endpoints' authentication, grants, responses, PKCE, scopes. */
    void authorizationServer(Map<String, Object> metadata) {
        List<String> tokenEndpointMethods = new ArrayList<>(CLIENT_SECRET_METHODS);
        tokenEndpointMethods.add(ClientAuthenticationMethod.NONE.getValue());
        metadata.put("token_endpoint_auth_methods_supported", tokenEndpointMethods);
        metadata.put("revocation_endpoint_auth_methods_supported", new ArrayList<>(CLIENT_SECRET_METHODS));
        metadata.put("introspection_endpoint_auth_methods_supported", new ArrayList<>(CLIENT_SECRET_METHODS));
        metadata.put("grant_types_supported", new ArrayList<>(List.of(
                AuthorizationGrantType.AUTHORIZATION_CODE.getValue(),
                AuthorizationGrantType.REFRESH_TOKEN.getValue(),
                AuthorizationGrantType.CLIENT_CREDENTIALS.getValue())));
        metadata.put("response_types_supported", new ArrayList<>(List.of("code")));
        // The code comes back in the query; Spring has no form_post or fragment response mode.
        metadata.put("response_modes_supported", new ArrayList<>(List.of("query")));
        metadata.put("code_challenge_methods_supported", new ArrayList<>(List.of("S256")));
        metadata.put("scopes_supported", new ArrayList<>(scopes.current()));
        metadata.remove("tls_client_certificate_bound_access_tokens");
        metadata.remove("dpop_signing_alg_values_supported");
    }

    /** The OpenID Provider document: the above, plus claims, levels and ID token algorithms. */
    void openIdProvider(Map<String, Object> metadata) {
        authorizationServer(metadata);
        List<String> claims = new ArrayList<>(UserClaims.CLAIMS);
        claims.addAll(TOKEN_CLAIMS);
        metadata.put("claims_supported", claims);
        metadata.put("acr_values_supported", new ArrayList<>(List.of(AuthenticationStrength.ACR_SINGLE_FACTOR,
                AuthenticationStrength.ACR_MULTI_FACTOR)));
        metadata.put("id_token_signing_alg_values_supported", new ArrayList<>(OidcClientRegistrar.ALGORITHMS));
        metadata.put("subject_types_supported", new ArrayList<>(List.of("public")));
        // OIDC Back-Channel Logout 1.0 §2.1: logout tokens, with sid.
        metadata.put("backchannel_logout_supported", true);
        metadata.put("backchannel_logout_session_supported", true);
    }
}
