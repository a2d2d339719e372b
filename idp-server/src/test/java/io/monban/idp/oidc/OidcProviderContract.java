package io.monban.idp.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResourceOwnerPasswordCredentialsGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.AuthenticationErrorResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.AuthenticationSuccessResponse;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.Prompt;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import com.nimbusds.openid.connect.sdk.validators.AccessTokenValidator;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import io.monban.core.audit.AuditChain;
import io.monban.core.audit.AuditEvent;
import io.monban.core.audit.AuditEventRepository;
import io.monban.core.crypto.SigningAlgorithm;
import io.monban.core.crypto.SigningKeyService;
import io.monban.core.directory.DirectoryService;
import io.monban.core.directory.User;
import io.monban.core.directory.UserStatus;
import io.monban.idp.MonbanApplication;
import io.monban.idp.testsupport.Browser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The OpenID provider driven over real HTTP by an independent client, the Nimbus OAuth 2.0 /
 * OpenID Connect SDK, with a browser that posts the sign-in form as a browser would. The same
 * contract runs on H2 and on PostgreSQL.
 */
@SpringBootTest(classes = MonbanApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
abstract class OidcProviderContract {

    static final String ALICE_PASSWORD = "violet-harbor-cactus-91-lantern";
    static final String BOB_PASSWORD = "orchid-tunnel-zebra-38-mosaic";
    static final String CAROL_PASSWORD = "amber-falcon-meadow-47-quartz";
    static final URI CALLBACK = URI.create("http://127.0.0.1:9999/cb");
    static final ClientID WEB_APP = new ClientID("web-app");
    static final ClientAuthentication WEB_APP_AUTH =
            new ClientSecretBasic(WEB_APP, new Secret("web-app-secret-0123456789abcdefghijklmnop"));

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DirectoryService directory;
    @Autowired
    AuditEventRepository auditEvents;
    @Autowired
    SigningKeyService signingKeys;
    @Autowired
    SigningKeyRing keyRing;

    OIDCProviderMetadata provider;
    Browser browser;

    abstract int port();

    URI server() {
        return URI.create("http://127.0.0.1:" + port());
    }

    @BeforeEach
    void discover() throws Exception {
        provider = OIDCProviderMetadata.resolve(new Issuer(server().toString()));
        browser = new Browser(server());
    }

    // ---- helpers ---------------------------------------------------------------------------

    record Flow(State state, Nonce nonce, CodeVerifier verifier, URI request) {
    }

    Flow flow(ClientID client, Scope scope, URI redirect) {
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        URI request = new AuthenticationRequest.Builder(ResponseType.CODE, scope, client, redirect)
                .endpointURI(provider.getAuthorizationEndpointURI())
                .state(state).nonce(nonce).codeChallenge(verifier, CodeChallengeMethod.S256).build().toURI();
        return new Flow(state, nonce, verifier, request);
    }

    static Scope fullScope() {
        return new Scope("openid", "profile", "email", "groups");
    }

    /** Signs alice in (if needed) through the browser and returns the code sent to the client. */
    AuthorizationCode code(Flow flow, String username, String password) {
        HttpResponse<String> end = browser.authorize(flow.request(), username, password);
        AuthenticationSuccessResponse success = callback(end).toSuccessResponse();
        assertThat(success.getState()).isEqualTo(flow.state());
        return success.getAuthorizationCode();
    }

    static AuthenticationResponse callback(HttpResponse<String> end) {
        assertThat(Browser.isRedirect(end)).as("expected a redirect to the client, got %s", end.statusCode())
                .isTrue();
        try {
            return AuthenticationResponseParser.parse(Browser.location(end));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    TokenResponse token(ClientAuthentication auth, AuthorizationGrant grant) throws Exception {
        return token(auth, grant, null);
    }

    TokenResponse token(ClientAuthentication auth, AuthorizationGrant grant, Scope scope) throws Exception {
        return OIDCTokenResponseParser.parse(new TokenRequest(provider.getTokenEndpointURI(), auth, grant, scope)
                .toHTTPRequest().send());
    }

    OIDCTokens signInAndRedeem(Flow flow) throws Exception {
        AuthorizationCode code = code(flow, "alice", ALICE_PASSWORD);
        TokenResponse response = token(WEB_APP_AUTH, new AuthorizationCodeGrant(code, CALLBACK, flow.verifier()));
        assertThat(response.indicatesSuccess()).as(() -> response.toErrorResponse().getErrorObject().toString())
                .isTrue();
        return ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens();
    }

    IDTokenClaimsSet validate(JWT idToken, ClientID client, JWSAlgorithm alg, Nonce nonce) throws Exception {
        return new IDTokenValidator(provider.getIssuer(), client, alg, provider.getJWKSetURI().toURL())
                .validate(idToken, nonce);
    }

    boolean introspectActive(String token) throws Exception {
        return introspectActive(WEB_APP_AUTH, new BearerAccessToken(token));
    }

    boolean introspectActive(ClientAuthentication caller, com.nimbusds.oauth2.sdk.token.Token token) throws Exception {
        HTTPResponse response = new TokenIntrospectionRequest(provider.getIntrospectionEndpointURI(), caller, token)
                .toHTTPRequest().send();
        return TokenIntrospectionResponse.parse(response).toSuccessResponse().isActive();
    }

    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    /** A form POST as a hand-made client sends it, with the headers given as name, value, ... */
    HttpResponse<String> postForm(URI uri, String form, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static Map<String, Object> json(String body) throws Exception {
        return com.nimbusds.jose.util.JSONObjectUtils.parse(body);
    }

    static String basic(String clientId, String secret) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((clientId + ":" + secret)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    int authorizationRows() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM oauth2_authorization", Integer.class);
    }

    static ErrorObject error(TokenResponse response) {
        assertThat(response.indicatesSuccess()).isFalse();
        return response.toErrorResponse().getErrorObject();
    }

    // ---- discovery -------------------------------------------------------------------------

    @Test
    void discoveryPublishesTheIssuerEndpointsAndOnlyS256() {
        assertThat(provider.getIssuer().getValue()).isEqualTo(server().toString());
        assertThat(provider.getCodeChallengeMethods()).containsExactly(CodeChallengeMethod.S256);
        assertThat(provider.getUserInfoEndpointURI()).isNotNull();
        assertThat(provider.getRevocationEndpointURI()).isNotNull();
        assertThat(provider.getIntrospectionEndpointURI()).isNotNull();
        assertThat(provider.getEndSessionEndpointURI()).isNotNull();
    }

    @Test
    void discoveryAdvertisesExactlyWhatIsSetUp() throws Exception {
        Map<String, Object> oidc = json(HTTP.send(HttpRequest.newBuilder(server().resolve(
                "/.well-known/openid-configuration")).build(), HttpResponse.BodyHandlers.ofString()).body());
        Map<String, Object> oauth = json(HTTP.send(HttpRequest.newBuilder(server().resolve(
                "/.well-known/oauth-authorization-server")).build(), HttpResponse.BodyHandlers.ofString()).body());
        for (Map<String, Object> metadata : List.of(oidc, oauth)) {
            assertThat(metadata.get("scopes_supported")).asList()
                    .containsExactly("openid", "profile", "email", "groups", "api.read");
            assertThat(metadata.get("token_endpoint_auth_methods_supported")).asList()
                    .containsExactly("client_secret_basic", "client_secret_post", "none");
            assertThat(metadata.get("introspection_endpoint_auth_methods_supported")).asList()
                    .containsExactly("client_secret_basic", "client_secret_post");
            assertThat(metadata.get("revocation_endpoint_auth_methods_supported")).asList()
                    .containsExactly("client_secret_basic", "client_secret_post");
            assertThat(metadata.get("grant_types_supported")).asList()
                    .containsExactly("authorization_code", "refresh_token", "client_credentials");
            assertThat(metadata.get("response_types_supported")).asList().containsExactly("code");
            assertThat(metadata.get("response_modes_supported")).asList().containsExactly("query");
            assertThat(metadata.get("code_challenge_methods_supported")).asList().containsExactly("S256");
            assertThat(metadata).doesNotContainKeys("dpop_signing_alg_values_supported",
                    "tls_client_certificate_bound_access_tokens");
        }
        assertThat(oidc.get("claims_supported")).asList().containsExactlyInAnyOrder("sub", "name",
                "preferred_username", "given_name", "family_name", "locale", "updated_at", "email", "email_verified",
                "groups", "iss", "aud", "exp", "iat", "auth_time", "nonce", "acr", "amr", "azp", "sid");
        assertThat(oidc.get("acr_values_supported")).asList().containsExactly("urn:monban:loa:1", "urn:monban:loa:2");
        assertThat(oidc.get("id_token_signing_alg_values_supported")).asList().containsExactly("RS256", "ES256");
        assertThat(oidc.get("subject_types_supported")).asList().containsExactly("public");
        assertThat(oidc).containsEntry("backchannel_logout_supported", true);
        // ... and an independent client reads it the same way.
        assertThat(provider.getACRs()).extracting(Object::toString)
                .containsExactly("urn:monban:loa:1", "urn:monban:loa:2");
        assertThat(provider.getClaims()).contains("amr", "acr", "auth_time");
    }

    // ---- the code flow ---------------------------------------------------------------------

    @Test
    void codeFlowWithPkceIssuesAnIdTokenTheClientCanVerify() throws Exception {
        Flow flow = flow(WEB_APP, fullScope(), CALLBACK);
        OIDCTokens tokens = signInAndRedeem(flow);

        IDTokenClaimsSet claims = validate(tokens.getIDToken(), WEB_APP, JWSAlgorithm.RS256, flow.nonce());
        AccessTokenValidator.validate(tokens.getAccessToken(), JWSAlgorithm.RS256, claims.getAccessTokenHash());
        User alice = directory.findByLogin("alice").orElseThrow();
        assertThat(claims.getSubject().getValue()).isEqualTo(alice.getId().toString());
        assertThat(claims.getStringClaim("name")).isEqualTo("Alice Sato");
        assertThat(claims.getStringClaim("email")).isEqualTo("alice@example.com");
        assertThat(claims.getBooleanClaim("email_verified")).isTrue();
        assertThat(claims.getStringListClaim("groups")).containsExactly("engineering", "sales");
        assertThat(claims.getStringListClaim("amr")).containsExactly("pwd");
        assertThat(claims.getAuthenticationTime()).isNotNull();
        assertThat(tokens.getRefreshToken()).isNotNull();

        UserInfo userInfo = UserInfoResponse.parse(new UserInfoRequest(provider.getUserInfoEndpointURI(),
                tokens.getBearerAccessToken()).toHTTPRequest().send()).toSuccessResponse().getUserInfo();
        assertThat(userInfo.getSubject()).isEqualTo(claims.getSubject());
        assertThat(userInfo.getEmailAddress()).isEqualTo("alice@example.com");
        assertThat(userInfo.getEmailVerified()).isTrue();
        assertThat(userInfo.getStringListClaim("groups")).containsExactly("engineering", "sales");
    }

    @Test
    void es256ClientGetsEs256IdAndAccessTokens() throws Exception {
        ClientID client = new ClientID("es-app");
        Flow flow = flow(client, new Scope("openid", "profile"), CALLBACK);
        AuthorizationCode code = code(flow, "alice", ALICE_PASSWORD);
        TokenResponse response = token(new ClientSecretBasic(client,
                new Secret("es-app-secret-0123456789abcdefghijklmnopq")),
                new AuthorizationCodeGrant(code, CALLBACK, flow.verifier()));
        OIDCTokens tokens = ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens();
        IDTokenClaimsSet claims = validate(tokens.getIDToken(), client, JWSAlgorithm.ES256, flow.nonce());
        assertThat(claims.getStringClaim("email")).as("email scope not granted").isNull();
        assertThat(JWSObject.parse(tokens.getAccessToken().getValue()).getHeader().getAlgorithm())
                .isEqualTo(JWSAlgorithm.ES256);
    }

    @Test
    void publicClientUsesPkceWithoutSecret() throws Exception {
        ClientID spa = new ClientID("spa");
        URI redirect = URI.create("http://127.0.0.1:9999/spa");
        Flow flow = flow(spa, new Scope("openid"), redirect);
        AuthorizationCode code = code(flow, "alice", ALICE_PASSWORD);
        TokenResponse response = OIDCTokenResponseParser.parse(new TokenRequest(provider.getTokenEndpointURI(), spa,
                new AuthorizationCodeGrant(code, redirect, flow.verifier())).toHTTPRequest().send());
        assertThat(response.indicatesSuccess()).isTrue();
    }

    @Test
    void refreshRotatesTheTokenAndAReplayRevokesTheWholeChain() throws Exception {
        OIDCTokens first = signInAndRedeem(flow(WEB_APP, fullScope(), CALLBACK));
        RefreshToken original = first.getRefreshToken();

        TokenResponse refreshed = token(WEB_APP_AUTH, new RefreshTokenGrant(original));
        assertThat(refreshed.indicatesSuccess()).isTrue();
        OIDCTokens second = ((OIDCTokenResponse) refreshed.toSuccessResponse()).getOIDCTokens();
        assertThat(second.getRefreshToken()).isNotEqualTo(original);
        assertThat(introspectActive(second.getAccessToken().getValue())).isTrue();

        // The original refresh token shows up again: someone copied it.
        assertThat(error(token(WEB_APP_AUTH, new RefreshTokenGrant(original))).getCode()).isEqualTo("invalid_grant");
        // ... so the legitimate holder's newer tokens die with the chain.
        assertThat(error(token(WEB_APP_AUTH, new RefreshTokenGrant(second.getRefreshToken()))).getCode())
                .isEqualTo("invalid_grant");
        assertThat(introspectActive(second.getAccessToken().getValue())).isFalse();
        assertThat(auditEvents.findByActionOrderByIdAsc("oauth2.refresh-token.replayed")).isNotEmpty();
    }

    @Test
    void revokedAccessTokenIsInactiveAndRefusedByUserinfo() throws Exception {
        OIDCTokens tokens = signInAndRedeem(flow(WEB_APP, fullScope(), CALLBACK));
        assertThat(introspectActive(tokens.getAccessToken().getValue())).isTrue();

        HTTPResponse revoked = new TokenRevocationRequest(provider.getRevocationEndpointURI(), WEB_APP_AUTH,
                tokens.getAccessToken()).toHTTPRequest().send();
        assertThat(revoked.getStatusCode()).isEqualTo(200);

        assertThat(introspectActive(tokens.getAccessToken().getValue())).isFalse();
        HTTPResponse userInfo = new UserInfoRequest(provider.getUserInfoEndpointURI(),
                tokens.getBearerAccessToken()).toHTTPRequest().send();
        assertThat(userInfo.getStatusCode()).isEqualTo(401);
    }

    @Test
    void introspectionShowsClaimsOfAnActiveToken() throws Exception {
        OIDCTokens tokens = signInAndRedeem(flow(WEB_APP, fullScope(), CALLBACK));
        var introspection = TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(
                provider.getIntrospectionEndpointURI(), WEB_APP_AUTH, tokens.getAccessToken()).toHTTPRequest().send())
                .toSuccessResponse();
        assertThat(introspection.isActive()).isTrue();
        assertThat(introspection.getClientID()).isEqualTo(WEB_APP);
        assertThat(introspection.getScope().contains("groups")).isTrue();
    }

    @Test
    void introspectionShowsATokenOnlyToItsClientAndToItsResourceServer() throws Exception {
        OIDCTokens tokens = signInAndRedeem(flow(WEB_APP, fullScope(), CALLBACK));
        ClientAuthentication otherClient = new ClientSecretBasic(new ClientID("service-rs"),
                new Secret("service-rs-secret-0123456789abcdefghijklm"));
        ClientAuthentication resourceServer = new ClientSecretBasic(new ClientID("api-gateway"),
                new Secret("api-gateway-secret-0123456789abcdefghijk"));
        AccessToken serviceToken = token(otherClient, new ClientCredentialsGrant()).toSuccessResponse().getTokens()
                .getAccessToken();

        // Another client learns nothing, not even that the tokens exist, also in parallel.
        List<Boolean> seen = java.util.stream.IntStream.range(0, 8).parallel().mapToObj(i -> {
            try {
                return introspectActive(otherClient, i % 2 == 0 ? tokens.getAccessToken() : tokens.getRefreshToken());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
        assertThat(seen).containsOnly(false);
        HTTPResponse refused = new TokenIntrospectionRequest(provider.getIntrospectionEndpointURI(), otherClient,
                tokens.getAccessToken()).toHTTPRequest().send();
        assertThat(refused.getStatusCode()).isEqualTo(200);
        assertThat(json(refused.getBody())).isEqualTo(Map.of("active", false));
        assertThat(introspectActive(WEB_APP_AUTH, serviceToken)).isFalse();
        // The resource server configured for web-app sees its access tokens, never its refresh tokens.
        assertThat(introspectActive(resourceServer, tokens.getAccessToken())).isTrue();
        assertThat(introspectActive(resourceServer, tokens.getRefreshToken())).isFalse();
        // The client itself sees both, which still work.
        assertThat(introspectActive(WEB_APP_AUTH, tokens.getAccessToken())).isTrue();
        assertThat(introspectActive(WEB_APP_AUTH, tokens.getRefreshToken())).isTrue();
        assertThat(token(WEB_APP_AUTH, new RefreshTokenGrant(tokens.getRefreshToken())).indicatesSuccess()).isTrue();
    }

    // ---- client credentials ------------------------------------------------------------------

    @Test
    void clientCredentialsTokensAreSignedWithTheClientsAlgorithmAndVerifyAgainstJwks() throws Exception {
        for (var c : List.of(Map.entry("service-rs", JWSAlgorithm.RS256), Map.entry("service-es", JWSAlgorithm.ES256))) {
            ClientAuthentication auth = new ClientSecretBasic(new ClientID(c.getKey()),
                    new Secret(c.getKey() + "-secret-0123456789abcdefghijklm"));
            TokenResponse response = token(auth, new ClientCredentialsGrant());
            assertThat(response.indicatesSuccess()).isTrue();
            AccessToken token = response.toSuccessResponse().getTokens().getAccessToken();
            SignedJWT jwt = SignedJWT.parse(token.getValue());
            assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(c.getValue());
            assertThat(JwksVerifier.verify(provider.getJWKSetURI(), jwt)).isTrue();
            assertThat(jwt.getJWTClaimsSet().getStringClaim("client_id")).isEqualTo(c.getKey());
        }
    }

    @Test
    void clientCredentialsTokensAreNotStoredYetIntrospectAndRevoke() throws Exception {
        ClientAuthentication service = new ClientSecretBasic(new ClientID("service-rs"),
                new Secret("service-rs-secret-0123456789abcdefghijklm"));
        int before = authorizationRows();
        AccessToken token = token(service, new ClientCredentialsGrant(), new Scope("api.read")).toSuccessResponse()
                .getTokens().getAccessToken();
        assertThat(authorizationRows()).isEqualTo(before);

        var introspection = TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(
                provider.getIntrospectionEndpointURI(), service, token).toHTTPRequest().send()).toSuccessResponse();
        assertThat(introspection.isActive()).isTrue();
        assertThat(introspection.getClientID().getValue()).isEqualTo("service-rs");
        assertThat(introspection.getScope().contains("api.read")).isTrue();

        // Another client cannot revoke it ...
        new TokenRevocationRequest(provider.getRevocationEndpointURI(), WEB_APP_AUTH, token).toHTTPRequest().send();
        assertThat(introspectActive(service, token)).isTrue();
        // ... its own client can.
        assertThat(new TokenRevocationRequest(provider.getRevocationEndpointURI(), service, token).toHTTPRequest()
                .send().getStatusCode()).isEqualTo(200);
        assertThat(introspectActive(service, token)).isFalse();
    }

    // ---- bad input ---------------------------------------------------------------------------

    @Test
    void unknownClientOrUnregisteredRedirectUriGetsAnErrorPageNeverARedirect() {
        int before = authorizationRows();
        for (URI bad : List.of(
                flow(new ClientID("no-such-client"), fullScope(), CALLBACK).request(),
                flow(WEB_APP, fullScope(), URI.create("http://127.0.0.1:9999/cb/evil")).request(),
                flow(WEB_APP, fullScope(), URI.create("http://127.0.0.1:9999/c")).request(),
                flow(WEB_APP, fullScope(), URI.create("http://127.0.0.1:9999/cb?next=evil")).request(),
                flow(WEB_APP, fullScope(), URI.create("https://attacker.example/cb")).request())) {
            HttpResponse<String> response = browser.authorize(bad, "alice", ALICE_PASSWORD);
            assertThat(response.statusCode()).as(bad.toString()).isEqualTo(400);
            assertThat(response.headers().firstValue("Location")).as(bad.toString()).isEmpty();
        }
        assertThat(authorizationRows()).isEqualTo(before);
    }

    @Test
    void missingOrPlainPkceIsRefusedWithAnErrorRedirect() throws Exception {
        browser.authorize(flow(WEB_APP, fullScope(), CALLBACK).request(), "alice", ALICE_PASSWORD);
        int before = authorizationRows();
        URI noPkce = new AuthenticationRequest.Builder(ResponseType.CODE, fullScope(), WEB_APP, CALLBACK)
                .endpointURI(provider.getAuthorizationEndpointURI()).state(new State()).nonce(new Nonce()).build()
                .toURI();
        URI plain = new AuthenticationRequest.Builder(ResponseType.CODE, fullScope(), WEB_APP, CALLBACK)
                .endpointURI(provider.getAuthorizationEndpointURI()).state(new State()).nonce(new Nonce())
                .codeChallenge(new CodeVerifier(), CodeChallengeMethod.PLAIN).build().toURI();
        for (URI request : List.of(noPkce, plain)) {
            AuthenticationResponse response = callback(browser.follow(request));
            assertThat(response.indicatesSuccess()).isFalse();
            assertThat(((AuthenticationErrorResponse) response).getErrorObject().getCode())
                    .isEqualTo("invalid_request");
        }
        assertThat(authorizationRows()).isEqualTo(before);
    }

    @Test
    void wrongVerifierReusedCodeAndExpiredCodeAreInvalidGrant() throws Exception {
        Flow flow = flow(WEB_APP, fullScope(), CALLBACK);
        AuthorizationCode code = code(flow, "alice", ALICE_PASSWORD);
        assertThat(error(token(WEB_APP_AUTH, new AuthorizationCodeGrant(code, CALLBACK, new CodeVerifier())))
                .getCode()).isEqualTo("invalid_grant");
        assertThat(error(token(WEB_APP_AUTH, new AuthorizationCodeGrant(code, CALLBACK, null))).getCode())
                .isEqualTo("invalid_grant");

        Flow fresh = flow(WEB_APP, fullScope(), CALLBACK);
        AuthorizationCode good = code(fresh, "alice", ALICE_PASSWORD);
        TokenResponse first = token(WEB_APP_AUTH, new AuthorizationCodeGrant(good, CALLBACK, fresh.verifier()));
        assertThat(first.indicatesSuccess()).isTrue();
        AccessToken issued = first.toSuccessResponse().getTokens().getAccessToken();
        assertThat(error(token(WEB_APP_AUTH, new AuthorizationCodeGrant(good, CALLBACK, fresh.verifier())))
                .getCode()).isEqualTo("invalid_grant");
        // RFC 6749 §4.1.2: a replayed code also revokes what the code produced.
        assertThat(introspectActive(issued.getValue())).isFalse();

        ClientID quick = new ClientID("quick-code");
        Flow expiring = flow(quick, new Scope("openid"), CALLBACK);
        AuthorizationCode shortLived = code(expiring, "alice", ALICE_PASSWORD);
        Instant expired = Instant.now().plusMillis(1500);
        while (Instant.now().isBefore(expired)) {
            Thread.sleep(100);
        }
        assertThat(error(token(new ClientSecretBasic(quick, new Secret("quick-code-secret-0123456789abcdefghijklm")),
                new AuthorizationCodeGrant(shortLived, CALLBACK, expiring.verifier()))).getCode())
                .isEqualTo("invalid_grant");
    }

    @Test
    void badClientSecretUnsupportedGrantAndMalformedJwtGetStandardErrors() throws Exception {
        int before = authorizationRows();
        TokenResponse badSecret = token(new ClientSecretBasic(new ClientID("service-rs"), new Secret("wrong")),
                new ClientCredentialsGrant());
        assertThat(error(badSecret).getCode()).isEqualTo("invalid_client");
        assertThat(error(badSecret).getHTTPStatusCode()).isEqualTo(401);

        TokenResponse unknownClient = token(new ClientSecretBasic(new ClientID("nobody"), new Secret("x")),
                new ClientCredentialsGrant());
        assertThat(error(unknownClient).getCode()).isEqualTo("invalid_client");

        TokenResponse password = token(WEB_APP_AUTH, new ResourceOwnerPasswordCredentialsGrant("alice",
                new Secret(ALICE_PASSWORD)));
        assertThat(error(password).getCode()).isIn("unsupported_grant_type", "unauthorized_client");

        TokenResponse notAllowed = token(WEB_APP_AUTH, new ClientCredentialsGrant());
        assertThat(error(notAllowed).getCode()).isEqualTo("unauthorized_client");

        HTTPResponse malformed = new UserInfoRequest(provider.getUserInfoEndpointURI(),
                new BearerAccessToken("eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln")).toHTTPRequest().send();
        assertThat(malformed.getStatusCode()).isEqualTo(401);
        assertThat(malformed.getHeaderValue("WWW-Authenticate")).contains("invalid_token");

        HTTPResponse forged = new UserInfoRequest(provider.getUserInfoEndpointURI(), new BearerAccessToken(
                JwtForgery.selfSigned(server().toString()))).toHTTPRequest().send();
        assertThat(forged.getStatusCode()).isEqualTo(401);
        String serverKid = com.nimbusds.jose.jwk.JWKSet.load(provider.getJWKSetURI().toURL()).getKeys().stream()
                .filter(k -> "RS256".equals(String.valueOf(k.getAlgorithm()))).findFirst().orElseThrow().getKeyID();
        HTTPResponse borrowedKid = new UserInfoRequest(provider.getUserInfoEndpointURI(), new BearerAccessToken(
                JwtForgery.selfSigned(server().toString(), serverKid))).toHTTPRequest().send();
        assertThat(borrowedKid.getStatusCode()).isEqualTo(401);
        assertThat(introspectActive(JwtForgery.selfSigned(server().toString(), serverKid))).isFalse();
        assertThat(authorizationRows()).isEqualTo(before);
    }

    @Test
    void failedOrMissingClientAuthenticationIs401InvalidClientWithAChallenge() throws Exception {
        int before = authorizationRows();
        String wrong = basic("service-rs", "wrong-secret-0123456789abcdefghijklmn");
        for (URI endpoint : List.of(provider.getTokenEndpointURI(), provider.getIntrospectionEndpointURI(),
                provider.getRevocationEndpointURI())) {
            String form = endpoint.equals(provider.getTokenEndpointURI()) ? "grant_type=client_credentials"
                    : "token=anything";
            List<HttpResponse<String>> answers = List.of(
                    postForm(endpoint, form, "Authorization", wrong),
                    postForm(endpoint, form + "&client_id=service-rs&client_secret=wrong-secret-0123456789abcdefghij"),
                    postForm(endpoint, form + "&client_id=nobody&client_secret=wrong-secret-0123456789abcdefghij"),
                    // No client authentication at all, from a browser-like or an ordinary client.
                    postForm(endpoint, form, "Accept", "text/html,application/xhtml+xml"),
                    postForm(endpoint, form, "Accept", "*/*"),
                    postForm(endpoint, form + "&client_id=service-rs"));
            for (HttpResponse<String> answer : answers) {
                assertThat(answer.statusCode()).as(endpoint + " " + answer.request()).isEqualTo(401);
                assertThat(answer.headers().firstValue("WWW-Authenticate")).as(endpoint.toString())
                        .hasValueSatisfying(challenge -> assertThat(challenge)
                                .isEqualTo("Basic realm=\"" + server() + "\""));
                assertThat(answer.headers().firstValue("Location")).isEmpty();
                assertThat(json(answer.body())).containsEntry("error", "invalid_client");
            }
        }
        // Nimbus reads it as the standard error.
        TokenResponse parsed = token(new ClientSecretBasic(new ClientID("service-rs"), new Secret("wrong")),
                new ClientCredentialsGrant());
        assertThat(error(parsed).getCode()).isEqualTo("invalid_client");
        assertThat(authorizationRows()).isEqualTo(before);

        // Userinfo without a token: a bearer challenge, also for a browser.
        for (String accept : List.of("text/html", "application/json", "*/*")) {
            HttpResponse<String> userInfo = HTTP.send(HttpRequest.newBuilder(provider.getUserInfoEndpointURI())
                    .header("Accept", accept).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(userInfo.statusCode()).as(accept).isEqualTo(401);
            assertThat(userInfo.headers().firstValue("WWW-Authenticate")).as(accept)
                    .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer"));
            assertThat(userInfo.headers().firstValue("Location")).isEmpty();
        }
    }

    @Test
    void publicClientRedeemingWithoutItsVerifierGetsInvalidGrantAndTheCodeStaysUsable() throws Exception {
        ClientID spa = new ClientID("spa");
        URI redirect = URI.create("http://127.0.0.1:9999/spa");
        Flow flow = flow(spa, new Scope("openid"), redirect);
        AuthorizationCode code = code(flow, "alice", ALICE_PASSWORD);
        HTTPResponse raw = new TokenRequest(provider.getTokenEndpointURI(), spa,
                new AuthorizationCodeGrant(code, redirect, null)).toHTTPRequest().send();
        assertThat(raw.getStatusCode()).isEqualTo(400);
        assertThat(raw.getHeaderValue("Content-Type")).startsWith("application/json");
        assertThat(TokenErrorResponse.parse(raw).getErrorObject().getCode()).isEqualTo("invalid_grant");

        TokenResponse redeemed = OIDCTokenResponseParser.parse(new TokenRequest(provider.getTokenEndpointURI(), spa,
                new AuthorizationCodeGrant(code, redirect, flow.verifier())).toHTTPRequest().send());
        assertThat(redeemed.indicatesSuccess()).isTrue();
    }

    // ---- confidential clients without PKCE (requirePkce: false) -------------------------------

    static final ClientID LEGACY = new ClientID("legacy-saas");
    static final ClientAuthentication LEGACY_AUTH =
            new ClientSecretBasic(LEGACY, new Secret("legacy-saas-secret-0123456789abcdefghijk"));

    URI withoutPkce(ClientID client, State state, Nonce nonce) {
        AuthenticationRequest.Builder request = new AuthenticationRequest.Builder(ResponseType.CODE,
                new Scope("openid", "profile"), client, CALLBACK).endpointURI(provider.getAuthorizationEndpointURI())
                .state(state);
        return (nonce == null ? request : request.nonce(nonce)).build().toURI();
    }

    @Test
    void aConfidentialClientWithoutPkceMustSendANonceAndItsCodeTakesNoVerifier() throws Exception {
        browser.authorize(flow(WEB_APP, fullScope(), CALLBACK).request(), "alice", ALICE_PASSWORD);
        int before = authorizationRows();
        State state = new State();
        AuthenticationResponse noNonce = callback(browser.follow(withoutPkce(LEGACY, state, null)));
        assertThat(((AuthenticationErrorResponse) noNonce).getErrorObject().getCode()).isEqualTo("invalid_request");
        assertThat(noNonce.getState()).isEqualTo(state);
        assertThat(authorizationRows()).isEqualTo(before);

        Nonce nonce = new Nonce();
        AuthorizationCode code = callback(browser.follow(withoutPkce(LEGACY, new State(), nonce))).toSuccessResponse()
                .getAuthorizationCode();
        // A verifier the code was not issued with is refused (no downgrade to a guessed challenge) ...
        assertThat(error(token(LEGACY_AUTH, new AuthorizationCodeGrant(code, CALLBACK, new CodeVerifier()))).getCode())
                .isEqualTo("invalid_grant");
        // ... and the code is then redeemed as issued, with the nonce in the ID token.
        TokenResponse redeemed = token(LEGACY_AUTH, new AuthorizationCodeGrant(code, CALLBACK, null));
        assertThat(redeemed.indicatesSuccess()).as(() -> redeemed.toErrorResponse().getErrorObject().toString())
                .isTrue();
        validate(((OIDCTokenResponse) redeemed.toSuccessResponse()).getOIDCTokens().getIDToken(), LEGACY,
                JWSAlgorithm.RS256, nonce);

        // The same client may still use PKCE, and then its code needs the verifier.
        Flow withPkce = flow(LEGACY, new Scope("openid"), CALLBACK);
        AuthorizationCode challenged = code(withPkce, "alice", ALICE_PASSWORD);
        assertThat(error(token(LEGACY_AUTH, new AuthorizationCodeGrant(challenged, CALLBACK, null))).getCode())
                .isEqualTo("invalid_grant");

        // A client that requires PKCE (the default) is refused without it, nonce or not.
        AuthenticationResponse webApp = callback(browser.follow(withoutPkce(WEB_APP, new State(), new Nonce())));
        assertThat(((AuthenticationErrorResponse) webApp).getErrorObject().getCode()).isEqualTo("invalid_request");
    }

    // ---- prompt, max_age, consent, logout ----------------------------------------------------

    @Test
    void promptNoneWithoutASessionAnswersLoginRequired() {
        URI request = new AuthenticationRequest.Builder(ResponseType.CODE, fullScope(), WEB_APP, CALLBACK)
                .endpointURI(provider.getAuthorizationEndpointURI()).state(new State())
                .codeChallenge(new CodeVerifier(), CodeChallengeMethod.S256).prompt(Prompt.Type.NONE).build().toURI();
        AuthenticationResponse response = callback(browser.follow(request));
        assertThat(((AuthenticationErrorResponse) response).getErrorObject().getCode()).isEqualTo("login_required");
    }

    @Test
    void promptNoneAnswersInteractionRequiredInsteadOfAStepUpAndLeavesTheSessionAsItWas() throws Exception {
        browser.authorize(flow(WEB_APP, fullScope(), CALLBACK).request(), "alice", ALICE_PASSWORD);
        URI stepUp = URI.create(flow(WEB_APP, fullScope(), CALLBACK).request()
                + "&prompt=none&acr_values=urn%3Amonban%3Aloa%3A2");
        State mfaState = new State();
        URI mfaApp = new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid"), new ClientID("mfa-app"),
                CALLBACK).endpointURI(provider.getAuthorizationEndpointURI()).state(mfaState)
                .codeChallenge(new CodeVerifier(), CodeChallengeMethod.S256).prompt(Prompt.Type.NONE).build().toURI();
        for (URI request : List.of(stepUp, mfaApp)) {
            AuthenticationResponse response = callback(browser.follow(request));
            assertThat(response.indicatesSuccess()).as(request.toString()).isFalse();
            assertThat(((AuthenticationErrorResponse) response).getErrorObject().getCode())
                    .isEqualTo("interaction_required");
            assertThat(response.getState()).isNotNull();
        }
        assertThat(callback(browser.follow(mfaApp)).getState()).isEqualTo(mfaState);
        // The password sign-in was not turned into a half-finished one: the next request goes through.
        assertThat(callback(browser.follow(flow(WEB_APP, fullScope(), CALLBACK).request())).indicatesSuccess())
                .isTrue();
    }

    @Test
    void promptLoginAndMaxAgeMakeASignedInUserSignInAgain() throws Exception {
        Flow first = flow(WEB_APP, fullScope(), CALLBACK);
        IDTokenClaimsSet before = validate(signInAndRedeem(first).getIDToken(), WEB_APP, JWSAlgorithm.RS256,
                first.nonce());

        // Without prompt the session is reused: no sign-in page.
        Flow sso = flow(WEB_APP, fullScope(), CALLBACK);
        assertThat(Browser.isSignInPage(browser.follow(sso.request()))).isFalse();

        Instant waitUntil = before.getAuthenticationTime().toInstant().plusMillis(1100);
        while (Instant.now().isBefore(waitUntil)) {
            Thread.sleep(50);
        }
        for (String extra : List.of("&prompt=login", "&max_age=0")) {
            Flow again = flow(WEB_APP, fullScope(), CALLBACK);
            HttpResponse<String> page = browser.follow(URI.create(again.request() + extra));
            assertThat(Browser.isSignInPage(page)).as(extra).isTrue();
            AuthenticationSuccessResponse success = callback(browser.signIn(page, "alice", ALICE_PASSWORD))
                    .toSuccessResponse();
            TokenResponse response = token(WEB_APP_AUTH, new AuthorizationCodeGrant(success.getAuthorizationCode(),
                    CALLBACK, again.verifier()));
            IDTokenClaimsSet after = validate(((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens()
                    .getIDToken(), WEB_APP, JWSAlgorithm.RS256, again.nonce());
            assertThat(after.getAuthenticationTime()).as(extra).isAfter(before.getAuthenticationTime());
        }
    }

    @Test
    void invalidMaxAgeIsABadRequest() {
        browser.authorize(flow(WEB_APP, fullScope(), CALLBACK).request(), "alice", ALICE_PASSWORD);
        HttpResponse<String> response = browser.follow(URI.create(flow(WEB_APP, fullScope(), CALLBACK).request()
                + "&max_age=soon"));
        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void thirdPartyClientAsksForConsentOnceAndAgainOnPromptConsent() {
        ClientID client = new ClientID("consent-app");
        Scope scope = new Scope("openid", "profile", "email");
        HttpResponse<String> page = browser.authorize(flow(client, scope, CALLBACK).request(), "bob", BOB_PASSWORD);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"consent-form\"").contains("Third-party app");

        // Deny: the client is told access_denied.
        Map<String, String> deny = Map.of("client_id", "consent-app", "state", ConsentForm.state(page.body()),
                "_csrf", Browser.csrf(page.body()));
        AuthenticationResponse denied = callback(browser.post(server().resolve("/oauth2/authorize"), deny));
        assertThat(((AuthenticationErrorResponse) denied).getErrorObject().getCode()).isEqualTo("access_denied");

        page = browser.follow(flow(client, scope, CALLBACK).request());
        AuthenticationResponse approved = callback(browser.post(server().resolve("/oauth2/authorize"),
                ConsentForm.approveAll(page.body())));
        assertThat(approved.indicatesSuccess()).isTrue();

        // Consent is remembered ...
        assertThat(callback(browser.follow(flow(client, scope, CALLBACK).request())).indicatesSuccess()).isTrue();
        // ... unless the client asks again.
        HttpResponse<String> again = browser.follow(URI.create(flow(client, scope, CALLBACK).request()
                + "&prompt=consent"));
        assertThat(again.body()).contains("id=\"consent-form\"");
    }

    @Test
    void rpInitiatedLogoutEndsTheSessionAndReturnsToTheClient() throws Exception {
        Flow flow = flow(WEB_APP, fullScope(), CALLBACK);
        OIDCTokens tokens = signInAndRedeem(flow);
        URI logout = new LogoutRequest(provider.getEndSessionEndpointURI(), tokens.getIDToken(),
                URI.create("http://127.0.0.1:9999/bye"), new State("bye-state")).toURI();
        HttpResponse<String> response = browser.follow(logout);
        assertThat(Browser.isRedirect(response)).isTrue();
        assertThat(Browser.location(response).toString()).isEqualTo("http://127.0.0.1:9999/bye?state=bye-state");

        assertThat(Browser.isSignInPage(browser.follow(flow(WEB_APP, fullScope(), CALLBACK).request()))).isTrue();
    }

    @Test
    void logoutToAnUnregisteredUriIsRefused() throws Exception {
        OIDCTokens tokens = signInAndRedeem(flow(WEB_APP, fullScope(), CALLBACK));
        URI logout = new LogoutRequest(provider.getEndSessionEndpointURI(), tokens.getIDToken(),
                URI.create("https://attacker.example/bye"), new State()).toURI();
        HttpResponse<String> response = browser.follow(logout);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Location")).isEmpty();
    }

    // ---- sign-in ----------------------------------------------------------------------------

    @Test
    void unknownUserAndWrongPasswordGetTheSameAnswer() {
        URI request = flow(WEB_APP, fullScope(), CALLBACK).request();
        HttpResponse<String> unknown = browser.authorize(request, "nobody-here", ALICE_PASSWORD);
        HttpResponse<String> wrong = new Browser(server()).authorize(request, "alice", "not-her-password-at-all");
        for (HttpResponse<String> page : List.of(unknown, wrong)) {
            assertThat(Browser.isSignInPage(page)).isTrue();
            assertThat(page.uri().toString()).endsWith("/login?error");
            assertThat(page.body()).contains("id=\"login-error\"").doesNotContain("id=\"login-disabled\"");
        }
        assertThat(withoutCsrf(unknown.body())).isEqualTo(withoutCsrf(wrong.body()));
    }

    static String withoutCsrf(String html) {
        return html.replaceAll("name=\"_csrf\"\\s+(value|content)=\"[^\"]+\"", "");
    }

    @Test
    void repeatedWrongPasswordsLockTheNameWithoutCheckingOrRevealingIt() {
        URI request = flow(WEB_APP, fullScope(), CALLBACK).request();
        for (String login : List.of("dave", "no-such-dave")) {
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> page = new Browser(server()).authorize(request, login, "wrong-password-" + i);
                assertThat(page.body()).as(login + " attempt " + i).contains("id=\"login-error\"");
            }
            HttpResponse<String> locked = new Browser(server()).authorize(request, login,
                    "saffron-kettle-ridge-64-comet");
            assertThat(locked.body()).as(login).contains("id=\"login-locked\"");
            assertThat(Browser.isSignInPage(locked)).isTrue();
        }
        assertThat(auditEvents.findByActionOrderByIdAsc("signin.locked"))
                .extracting(AuditEvent::getTarget).contains(
                        "account:" + directory.findByLogin("dave").orElseThrow().getId(), "unknown-login:no-such-dave");
        // Someone else at the same address is not affected.
        assertThat(callback(new Browser(server()).authorize(request, "alice", ALICE_PASSWORD)).indicatesSuccess())
                .isTrue();
    }

    @Test
    void disabledUserIsToldOnlyAfterTheRightPassword() {
        User bob = directory.findByLogin("bob").orElseThrow();
        directory.setStatus(bob.getId(), UserStatus.SUSPENDED);
        try {
            URI request = flow(WEB_APP, fullScope(), CALLBACK).request();
            HttpResponse<String> wrong = browser.authorize(request, "bob", "wrong-password-for-bob");
            assertThat(wrong.body()).contains("id=\"login-error\"").doesNotContain("id=\"login-disabled\"");
            HttpResponse<String> right = new Browser(server()).authorize(request, "bob", BOB_PASSWORD);
            assertThat(right.body()).contains("id=\"login-disabled\"");
            assertThat(Browser.isSignInPage(right)).isTrue();
        } finally {
            directory.setStatus(bob.getId(), UserStatus.ACTIVE);
        }
    }

    @Test
    void signInByEmailWorksAndLegacyHashIsUpgradedToArgon2id() {
        assertThat(directory.findByLogin("carol").orElseThrow().getPasswordHash().orElseThrow()).startsWith("{bcrypt}");
        AuthenticationResponse response = callback(browser.authorize(flow(WEB_APP, fullScope(), CALLBACK).request(),
                "CAROL@example.com", CAROL_PASSWORD));
        assertThat(response.indicatesSuccess()).isTrue();
        assertThat(directory.findByLogin("carol").orElseThrow().getPasswordHash().orElseThrow())
                .startsWith("{argon2}$argon2id$");
        // and the upgraded hash still accepts the password
        assertThat(callback(new Browser(server()).authorize(flow(WEB_APP, fullScope(), CALLBACK).request(), "carol",
                CAROL_PASSWORD)).indicatesSuccess()).isTrue();
    }

    @Test
    void signInsAreAuditedWithAddressAndTheChainVerifies() {
        callback(browser.authorize(flow(WEB_APP, fullScope(), CALLBACK).request(), "alice", ALICE_PASSWORD));
        String aliceId = directory.findByLogin("alice").orElseThrow().getId().toString();
        List<AuditEvent> signIns = auditEvents.findByActionOrderByIdAsc("signin.password");
        assertThat(signIns).anySatisfy(e -> {
            assertThat(e.getTarget()).isEqualTo(aliceId);
            assertThat(e.getOutcome()).isEqualTo("SUCCESS");
            assertThat(e.getIp()).isEqualTo("127.0.0.1");
        });
        assertThat(AuditChain.verify(auditEvents.findAllByOrderByIdAsc())).isTrue();
    }

    @Test
    void usersChangeTheirPasswordOnlyWithTheCurrentOneAndWithinThePolicy() {
        String original = "pelican-granite-sonnet-52-ember";
        String next = "harvest-quiver-lagoon-88-tundra";
        Browser elsewhere = new Browser(server());
        elsewhere.signIn(elsewhere.follow(server().resolve("/")), "judy", original);
        assertThat(elsewhere.follow(server().resolve("/")).body()).contains("id=\"signed-in-as\"");
        Browser judy = new Browser(server());
        HttpResponse<String> page = judy.signIn(judy.follow(server().resolve("/account/password")), "judy", original);
        assertThat(page.body()).contains("id=\"password-form\"");
        String hashBefore = directory.findByLogin("judy").orElseThrow().getPasswordHash().orElseThrow();

        java.util.function.BiFunction<HttpResponse<String>, Map<String, String>, HttpResponse<String>> submit =
                (form, fields) -> {
                    Map<String, String> all = new java.util.HashMap<>(fields);
                    all.put("_csrf", Browser.csrf(form.body()));
                    return judy.post(server().resolve("/account/password"), all);
                };
        HttpResponse<String> wrongCurrent = submit.apply(page, Map.of("current", "not-it-at-all-123",
                "password", next, "confirm", next));
        assertThat(wrongCurrent.body()).contains("data-code=\"password.currentWrong\"");
        HttpResponse<String> weak = submit.apply(wrongCurrent, Map.of("current", original,
                "password", "password1234", "confirm", "password1234"));
        assertThat(weak.body()).contains("data-code=\"password.tooGuessable\"");
        HttpResponse<String> mismatch = submit.apply(weak, Map.of("current", original,
                "password", next, "confirm", next + "x"));
        assertThat(mismatch.body()).contains("data-code=\"password.mismatch\"");
        assertThat(directory.findByLogin("judy").orElseThrow().getPasswordHash()).contains(hashBefore);

        HttpResponse<String> changed = submit.apply(mismatch, Map.of("current", original,
                "password", next, "confirm", next));
        assertThat(Browser.location(changed).toString()).endsWith("/account?passwordChanged");
        assertThat(auditEvents.findByActionOrderByIdAsc("user.password.changed")).isNotEmpty();
        // The other browser's session ended with the old password; this one goes on.
        assertThat(Browser.isSignInPage(elsewhere.follow(server().resolve("/")))).isTrue();
        assertThat(judy.follow(Browser.location(changed)).body()).contains("id=\"password-changed\"")
                .doesNotContain("id=\"login-form\"");

        HttpResponse<String> form = judy.follow(server().resolve("/account/password"));
        HttpResponse<String> reuse = submit.apply(form, Map.of("current", next, "password", original,
                "confirm", original));
        assertThat(reuse.body()).contains("data-code=\"password.reused\"");

        URI request = flow(WEB_APP, fullScope(), CALLBACK).request();
        assertThat(new Browser(server()).authorize(request, "judy", original).body()).contains("id=\"login-error\"");
        assertThat(callback(new Browser(server()).authorize(request, "judy", next)).indicatesSuccess()).isTrue();
        assertThat(judy.follow(server().resolve("/account/password?lang=ja")).body()).contains("パスワードの変更");
    }

    @Test
    void signInPageSpeaksJapaneseAndEnglish() {
        HttpResponse<String> ja = new Browser(server()).get(server().resolve("/login?lang=ja"));
        assertThat(ja.body()).contains("サインイン").contains("lang=\"ja\"");
        HttpResponse<String> en = new Browser(server()).get(server().resolve("/login?lang=en"));
        assertThat(en.body()).contains("Sign in").contains("Username or email");
    }

    @Test
    void pagesSendSecurityHeadersAndAProtectedSessionCookie() {
        HttpResponse<String> login = new Browser(server()).get(server().resolve("/login"));
        assertThat(login.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("frame-ancestors 'none'").contains("default-src 'self'"));
        assertThat(login.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(login.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(login.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("MONBAN_SESSION=").contains("HttpOnly").contains("SameSite=Lax"));
    }

    @Test
    void signInWithoutTheCsrfTokenIsRefused() {
        Browser fresh = new Browser(server());
        fresh.get(server().resolve("/login"));
        HttpResponse<String> response = fresh.post(server().resolve("/login"),
                Map.of("username", "alice", "password", ALICE_PASSWORD));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(Browser.isRedirect(fresh.follow(server().resolve("/")))).isFalse();
        assertThat(Browser.isSignInPage(fresh.follow(server().resolve("/")))).isTrue();
    }

    // ---- keys --------------------------------------------------------------------------------

    @Test
    void tokensSignedBeforeAKeyRotationStillVerifyAfterIt() throws Exception {
        ClientAuthentication auth = new ClientSecretBasic(new ClientID("service-rs"),
                new Secret("service-rs-secret-0123456789abcdefghijklm"));
        SignedJWT before = SignedJWT.parse(token(auth, new ClientCredentialsGrant()).toSuccessResponse().getTokens()
                .getAccessToken().getValue());

        signingKeys.rotateNow(SigningAlgorithm.RS256);
        keyRing.refresh();

        SignedJWT after = SignedJWT.parse(token(auth, new ClientCredentialsGrant()).toSuccessResponse().getTokens()
                .getAccessToken().getValue());
        assertThat(after.getHeader().getKeyID()).isNotEqualTo(before.getHeader().getKeyID());
        assertThat(JwksVerifier.verify(provider.getJWKSetURI(), before)).isTrue();
        assertThat(JwksVerifier.verify(provider.getJWKSetURI(), after)).isTrue();
        assertThat(jdbc.queryForList("SELECT private_key_enc FROM mb_signing_key", String.class))
                .allSatisfy(stored -> assertThat(stored).startsWith("v1.").doesNotContain("\"d\""));
    }

    @Test
    void storedClientSecretsAreHashes() throws Exception {
        assertThat(jdbc.queryForList("SELECT client_secret FROM oauth2_registered_client WHERE client_secret IS NOT NULL",
                String.class)).allSatisfy(secret -> assertThat(secret).startsWith("{sha256}")
                .doesNotContain("secret-0123456789"));
        String stored = jdbc.queryForObject(
                "SELECT client_secret FROM oauth2_registered_client WHERE client_id = 'service-rs'", String.class);
        // Someone who read the database cannot use what they read as the secret.
        assertThat(error(token(new ClientSecretBasic(new ClientID("service-rs"), new Secret(stored)),
                new ClientCredentialsGrant())).getCode()).isEqualTo("invalid_client");
    }
}
