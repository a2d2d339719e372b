package io.monban.idp.leaver;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import io.monban.idp.testsupport.Browser;
import io.monban.idp.testsupport.DownstreamScimService;
import io.monban.idp.testsupport.MonbanInstance;
import io.monban.idp.testsupport.Polling;
import io.monban.idp.testsupport.TestServers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.context.DynamicPropertyRegistry;

/** What the leaver and outbound SCIM tests share: the set-up, and a relying party's view of Monban. */
final class LeaverFixture {

    static final String SCIM_TOKEN = "crm-bearer-token-0123456789abcdef";
    static final URI CALLBACK = URI.create("http://127.0.0.1:9999/cb");
    static final ClientID RP_APP = new ClientID("rp-app");
    static final ClientAuthentication RP_APP_AUTH =
            new ClientSecretBasic(RP_APP, new Secret("rp-app-secret-0123456789abcdefghijklmnopq"));
    static final Map<String, String> PASSWORDS = Map.ofEntries(
            Map.entry("lena", "copper-willow-harbor-73-quill"),
            Map.entry("remy", "lagoon-thistle-orbit-58-cedar"),
            Map.entry("rita", "marble-sprout-violin-26-glacier"),
            Map.entry("fred", "nectar-basalt-comet-84-fjord"),
            Map.entry("olga", "pewter-canyon-lilac-39-raven"),
            Map.entry("gina", "ember-quarry-meadow-62-tulip"),
            Map.entry("hugo", "saddle-orchid-plasma-17-wren"),
            Map.entry("dora", "violet-anchor-meadow-35-crane"),
            Map.entry("ivy", "hazel-cobalt-river-48-sparrow"),
            Map.entry("adele", "granite-poppy-lantern-93-otter"),
            Map.entry("sven", "quiver-basil-summit-27-harbor"));
    static final ClientID PLAIN_APP = new ClientID("plain-app");
    static final ClientAuthentication PLAIN_APP_AUTH =
            new ClientSecretBasic(PLAIN_APP, new Secret("plain-app-secret-0123456789abcdefghijklmn"));

    private LeaverFixture() {
    }

    /** The bootstrap file with the test's ports filled in. */
    static Path bootstrapFile(String scimBaseUrl, int rpPort) {
        try {
            String template = new String(new ClassPathResource("bootstrap-leaver.yaml").getInputStream().readAllBytes(),
                    StandardCharsets.UTF_8);
            Path file = Files.createTempFile("bootstrap-leaver", ".yaml");
            Files.writeString(file, template.replace("@SCIM_BASE@", scimBaseUrl)
                    .replace("@RP_PORT@", String.valueOf(rpPort)));
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Monban on {@code port} with fast outbox retries, for a database set by {@code database}. */
    static Map<String, String> properties(int port, Path bootstrap, Consumer<DynamicPropertyRegistry> database) {
        Map<String, String> properties = MonbanInstance.properties(registry -> {
            TestServers.configure(registry, port, "bootstrap-leaver.yaml");
            database.accept(registry);
        });
        properties.put("monban.bootstrap.file", bootstrap.toString());
        properties.put("monban.outbox.poll-interval", "200ms");
        properties.put("monban.outbox.retry-base", "150ms");
        properties.put("monban.outbox.retry-max", "1s");
        properties.put("monban.outbox.max-attempts", "4");
        properties.put("monban.outbox.request-timeout", "2s");
        // Cheap password hashes: these tests are about leaving, and a dozen users sign in.
        properties.put("monban.password.argon2.memory-kib", "1024");
        properties.put("monban.password.argon2.iterations", "1");
        return properties;
    }

    static boolean eventually(Duration deadline, BooleanSupplier condition) {
        return Polling.eventually(deadline, condition);
    }

    static boolean downstreamActive(DownstreamScimService downstream, String userName, boolean active) {
        return downstream.user(userName).map(u -> u.path("active").asBoolean(!active) == active).orElse(false);
    }

    /** A relying party (the Nimbus SDK) and a browser against one Monban. */
    record RelyingParty(URI server, OIDCProviderMetadata provider) {

        static RelyingParty of(URI server) {
            try {
                return new RelyingParty(server, OIDCProviderMetadata.resolve(new Issuer(server.toString())));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        record SignIn(OIDCTokens tokens, Nonce nonce) {
        }

        /** The code flow with PKCE through the browser; signs in on the way if needed. */
        SignIn signIn(Browser browser, String username) throws Exception {
            return signIn(browser, username, RP_APP, RP_APP_AUTH);
        }

        SignIn signIn(Browser browser, String username, ClientID clientId, ClientAuthentication auth) throws Exception {
            State state = new State();
            Nonce nonce = new Nonce();
            CodeVerifier verifier = new CodeVerifier();
            URI request = new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid"),
                    clientId, CALLBACK).endpointURI(provider.getAuthorizationEndpointURI()).state(state).nonce(nonce)
                    .codeChallenge(verifier, CodeChallengeMethod.S256).build().toURI();
            HttpResponse<String> end = browser.authorize(request, username, PASSWORDS.get(username));
            assertThat(Browser.isRedirect(end)).as("redirect to the client, got %s", end.statusCode()).isTrue();
            AuthorizationCode code = AuthenticationResponseParser.parse(Browser.location(end)).toSuccessResponse()
                    .getAuthorizationCode();
            TokenResponse response = OIDCTokenResponseParser.parse(new TokenRequest(provider.getTokenEndpointURI(), auth,
                    new AuthorizationCodeGrant(code, CALLBACK, verifier)).toHTTPRequest().send());
            assertThat(response.indicatesSuccess()).isTrue();
            return new SignIn(((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens(), nonce);
        }

        TokenResponse token(com.nimbusds.oauth2.sdk.AuthorizationGrant grant) throws Exception {
            return OIDCTokenResponseParser.parse(new TokenRequest(provider.getTokenEndpointURI(), RP_APP_AUTH, grant)
                    .toHTTPRequest().send());
        }

        TokenResponse refresh(RefreshToken token) {
            try {
                return token(new RefreshTokenGrant(token));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        boolean introspectActive(String token) {
            try {
                return TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(provider.getIntrospectionEndpointURI(),
                        RP_APP_AUTH, new BearerAccessToken(token)).toHTTPRequest().send()).toSuccessResponse().isActive();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        int userInfoStatus(BearerAccessToken token) {
            try {
                return new UserInfoRequest(provider.getUserInfoEndpointURI(), token).toHTTPRequest().send()
                        .getStatusCode();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        boolean signedIn(Browser browser) {
            return browser.follow(server.resolve("/")).body().contains("id=\"signed-in-as\"");
        }

        Browser signedInBrowser(String username) {
            Browser browser = new Browser(server);
            HttpResponse<String> page = browser.follow(server.resolve("/"));
            browser.signIn(page, username, PASSWORDS.get(username));
            assertThat(signedIn(browser)).as("%s signed in", username).isTrue();
            return browser;
        }
    }
}
