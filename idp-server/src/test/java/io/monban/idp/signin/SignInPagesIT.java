package io.monban.idp.signin;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import io.monban.idp.MonbanApplication;
import io.monban.idp.oidc.ConsentForm;
import io.monban.idp.testsupport.Browser;
import io.monban.idp.testsupport.TestDatabases;
import io.monban.idp.testsupport.TestServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sign-in pages as browsers really use them, over real HTTP: Accept headers that name JSON,
 * switching language in the middle of a flow, forms left open until they expired, and the error
 * pages of requests that cannot go on.
 */
@SpringBootTest(classes = MonbanApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class SignInPagesIT {

    static final int PORT = TestServers.freePort();
    static final URI SERVER = URI.create("http://127.0.0.1:" + PORT);
    static final URI CALLBACK = URI.create("http://127.0.0.1:9999/cb");
    /** What some browsers send for a plain navigation. */
    static final String JSON_NAMING_ACCEPT = "text/html,application/json;q=0.9,*/*;q=0.8";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestServers.configure(registry, PORT, "bootstrap-it.yaml");
        TestDatabases.h2(registry);
    }

    @Autowired
    JdbcTemplate jdbc;

    static URI authorizationRequest(String clientId, Scope scope, State state) {
        return new AuthenticationRequest.Builder(ResponseType.CODE, scope, new ClientID(clientId), CALLBACK)
                .endpointURI(SERVER.resolve("/oauth2/authorize")).state(state)
                .codeChallenge(new CodeVerifier(), CodeChallengeMethod.S256).build().toURI();
    }

    static AuthenticationResponse atClient(HttpResponse<String> response) throws Exception {
        assertThat(Browser.isRedirect(response)).as("a redirect, not " + response.uri()).isTrue();
        URI location = Browser.location(response);
        assertThat(location.toString()).startsWith(CALLBACK.toString());
        return AuthenticationResponseParser.parse(location);
    }

    @Test
    void anAuthorizationRequestWhoseAcceptNamesJsonResumesAfterThePassword() throws Exception {
        Browser browser = new Browser(SERVER, JSON_NAMING_ACCEPT);
        State state = new State();
        HttpResponse<String> end = browser.authorize(authorizationRequest("web-app", new Scope("openid"), state),
                "dave", "saffron-kettle-ridge-64-comet");
        AuthenticationResponse response = atClient(end);
        assertThat(response.indicatesSuccess()).isTrue();
        assertThat(response.getState()).isEqualTo(state);
    }

    @Test
    void switchingLanguageOnTheConsentPageKeepsItAndApprovingCompletesTheFlow() throws Exception {
        Browser browser = new Browser(SERVER);
        State state = new State();
        HttpResponse<String> consent = browser.authorize(authorizationRequest("consent-app",
                new Scope("openid", "profile"), state), "judy", "pelican-granite-sonnet-52-ember");
        assertThat(consent.body()).contains("id=\"consent-form\"").contains("lang=\"en\"");

        HttpResponse<String> japanese = browser.follow(browser.languageLink(consent, "ja"));
        assertThat(japanese.statusCode()).isEqualTo(200);
        assertThat(japanese.body()).contains("id=\"consent-form\"").contains("<html lang=\"ja\"");
        HttpResponse<String> english = browser.follow(browser.languageLink(japanese, "en"));
        assertThat(english.body()).contains("id=\"consent-form\"").contains("<html lang=\"en\"");

        AuthenticationResponse approved = atClient(browser.post(SERVER.resolve("/oauth2/authorize"),
                ConsentForm.approveAll(english.body())));
        assertThat(approved.indicatesSuccess()).isTrue();
        assertThat(approved.getState()).isEqualTo(state);
    }

    @Test
    void langOnTheAuthorizationRequestDoesNotBreakIt() throws Exception {
        Browser browser = new Browser(SERVER);
        HttpResponse<String> end = browser.authorize(URI.create(authorizationRequest("web-app", new Scope("openid"),
                new State()) + "&lang=ja"), "ken", "quartz-meadow-lantern-41-falcon");
        assertThat(atClient(end).indicatesSuccess()).isTrue();
    }

    @Test
    void aStaleSignInFormRestartsTheSignInWithAMessageAndStillResumesTheApplication() throws Exception {
        Browser browser = new Browser(SERVER);
        State state = new State();
        HttpResponse<String> login = browser.follow(authorizationRequest("web-app", new Scope("openid"), state));
        assertThat(Browser.isSignInPage(login)).isTrue();
        HttpResponse<String> refused = browser.post(SERVER.resolve("/login"), Map.of("username", "ivan",
                "password", "walrus-pepper-canyon-19-lotus", "_csrf", "a-token-of-an-older-page"));
        assertThat(refused.statusCode()).isEqualTo(303);
        assertThat(Browser.location(refused).toString()).endsWith("/login?expired");
        assertThat(signInEvents("ivan")).as("the password was not even checked").isZero();

        HttpResponse<String> again = browser.follow(Browser.location(refused));
        assertThat(again.body()).contains("id=\"login-expired\"").contains("Your sign-in page expired");
        AuthenticationResponse response = atClient(browser.signIn(again, "ivan", "walrus-pepper-canyon-19-lotus"));
        assertThat(response.indicatesSuccess()).isTrue();
        assertThat(response.getState()).isEqualTo(state);
    }

    @Test
    void aSignInFormWhoseSessionExpiredRestartsTheSignInInThePagesLanguage() {
        Browser browser = new Browser(SERVER);
        HttpResponse<String> login = browser.follow(SERVER.resolve("/login?lang=ja"));
        assertThat(browser.hasSessionCookie()).isTrue();
        jdbc.update("DELETE FROM SPRING_SESSION_ATTRIBUTES");
        jdbc.update("DELETE FROM SPRING_SESSION");

        HttpResponse<String> refused = browser.post(SERVER.resolve("/login"), Map.of("username", "olga",
                "password", "tundra-velvet-anchor-27-prism", "_csrf", Browser.csrf(login.body())));
        assertThat(refused.statusCode()).isEqualTo(303);
        assertThat(Browser.location(refused).toString()).endsWith("/login?expired");
        assertThat(signInEvents("olga")).isZero();
        HttpResponse<String> again = browser.follow(Browser.location(refused));
        assertThat(again.body()).contains("id=\"login-expired\"").contains("サインインページの有効期限が切れました");
        assertThat(browser.signIn(again, "olga", "tundra-velvet-anchor-27-prism").body())
                .contains("id=\"signed-in-as\"");
    }

    @Test
    void anUnknownClientGetsAnErrorPageThatSaysSoInEnglishAndJapanese() throws Exception {
        URI request = authorizationRequest("no-such-client", new Scope("openid"), new State());
        HttpResponse<String> en = page(request, "en");
        assertThat(en.statusCode()).isEqualTo(400);
        assertThat(en.headers().firstValue("Location")).isEmpty();
        assertThat(en.body()).contains("id=\"error-explanation\"").contains("is not registered with Monban")
                .contains("id=\"error-home\"");
        HttpResponse<String> ja = page(request, "ja");
        assertThat(ja.statusCode()).isEqualTo(400);
        assertThat(ja.body()).contains("<html lang=\"ja\"").contains("このアプリケーションは Monban に登録されていません")
                .contains("id=\"error-home\"");
    }

    @Test
    void anUnregisteredRedirectUriIsNeverFollowedAndTheErrorPageSaysWhy() throws Exception {
        URI unregistered = URI.create("https://evil.example.test/steal");
        URI request = new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid"),
                new ClientID("web-app"), unregistered).endpointURI(SERVER.resolve("/oauth2/authorize"))
                .state(new State()).codeChallenge(new CodeVerifier(), CodeChallengeMethod.S256).build().toURI();
        for (String language : new String[] {"en", "ja"}) {
            HttpResponse<String> page = page(request, language);
            assertThat(page.statusCode()).isEqualTo(400);
            assertThat(page.headers().firstValue("Location")).as("never to the unregistered URI").isEmpty();
            assertThat(page.body()).doesNotContain("evil.example.test/steal\"").contains("id=\"error-home\"")
                    .contains(language.equals("en") ? "an address it has not registered" : "登録されていない戻り先");
        }
    }

    /** A browser's first request, in its language. */
    static HttpResponse<String> page(URI uri, String language) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).header("Accept", "text/html")
                .header("Accept-Language", language).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private int signInEvents(String username) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM mb_audit_event WHERE action = 'signin.password' AND "
                + "(target = ? OR target = (SELECT CAST(id AS VARCHAR(36)) FROM mb_user WHERE username_key = ?))",
                Integer.class, username, username);
    }
}
