package io.monban.idp.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.AuthenticationErrorResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.Prompt;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import io.monban.core.application.ApplicationProtocol;
import io.monban.core.application.ApplicationService;
import io.monban.core.application.ApplicationSignInPolicy;
import io.monban.core.application.ApplicationSpec;
import io.monban.core.application.Assignment;
import io.monban.core.directory.DirectoryService;
import io.monban.idp.MonbanApplication;
import io.monban.idp.bootstrap.BootstrapException;
import io.monban.idp.bootstrap.BootstrapLoader;
import io.monban.idp.testsupport.Browser;
import io.monban.idp.testsupport.TestDatabases;
import io.monban.idp.testsupport.TestServers;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.HtmlUtils;

/**
 * Who may enter which application, through both protocols: an assigned user (directly or by a
 * group) gets in; anyone else is told so on a page, and the application gets {@code access_denied}
 * (OIDC) or a {@code RequestDenied} Response (SAML). Checked at every entry, including with a
 * session opened for another application, and at every refresh.
 */
@SpringBootTest(classes = MonbanApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class ApplicationAssignmentIT {

    static final int PORT = TestServers.freePort();
    static final URI SERVER = URI.create("http://127.0.0.1:" + PORT);
    static final URI PAYROLL_CB = URI.create("http://127.0.0.1:9999/cb");
    static final ClientID PAYROLL = new ClientID("payroll");
    static final ClientSecretBasic PAYROLL_AUTH =
            new ClientSecretBasic(PAYROLL, new Secret("payroll-secret-0123456789abcdefghijklmnop"));
    static final String ANN = "violet-harbor-cactus-91-lantern";
    static final String BEN = "orchid-tunnel-zebra-38-mosaic";
    static final String CAT = "amber-falcon-meadow-47-quartz";
    static final Pattern BACK_LINK = Pattern.compile("id=\"back-to-application\" href=\"([^\"]+)\"");
    static final Pattern POST_ACTION = Pattern.compile("id=\"back-to-application-form\" method=\"post\" action=\"([^\"]+)\"");
    static final Pattern SAML_RESPONSE = Pattern.compile("name=\"SAMLResponse\" value=\"([^\"]+)\"");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestServers.configure(registry, PORT, "bootstrap-assignment-it.yaml");
        TestDatabases.h2(registry);
    }

    @Autowired
    ApplicationService applications;
    @Autowired
    DirectoryService directory;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    BootstrapLoader bootstrap;

    OIDCProviderMetadata provider;

    @BeforeEach
    void discover() throws Exception {
        provider = OIDCProviderMetadata.resolve(new Issuer(SERVER.toString()));
    }

    record Flow(State state, CodeVerifier verifier, URI request) {
    }

    Flow flow(String clientId, URI redirect, Prompt prompt) {
        State state = new State();
        CodeVerifier verifier = new CodeVerifier();
        AuthenticationRequest.Builder request = new AuthenticationRequest.Builder(ResponseType.CODE,
                new Scope("openid"), new ClientID(clientId), redirect)
                .endpointURI(provider.getAuthorizationEndpointURI())
                .state(state).nonce(new Nonce()).codeChallenge(verifier, CodeChallengeMethod.S256);
        if (prompt != null) {
            request.prompt(prompt);
        }
        return new Flow(state, verifier, request.build().toURI());
    }

    static AuthenticationResponse callback(HttpResponse<String> end) throws Exception {
        assertThat(Browser.isRedirect(end)).as("expected a redirect to the client, got %s: %s", end.statusCode(),
                end.body()).isTrue();
        return AuthenticationResponseParser.parse(Browser.location(end));
    }

    TokenResponse redeem(Flow flow, AuthenticationResponse response) throws Exception {
        return OIDCTokenResponseParser.parse(new TokenRequest(provider.getTokenEndpointURI(), PAYROLL_AUTH,
                new AuthorizationCodeGrant(response.toSuccessResponse().getAuthorizationCode(), PAYROLL_CB,
                        flow.verifier())).toHTTPRequest().send());
    }

    TokenResponse refresh(RefreshToken token) throws Exception {
        return OIDCTokenResponseParser.parse(new TokenRequest(provider.getTokenEndpointURI(), PAYROLL_AUTH,
                new RefreshTokenGrant(token)).toHTTPRequest().send());
    }

    UUID id(String username) {
        return directory.findByLogin(username).orElseThrow().getId();
    }

    int refusals(String username) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM mb_audit_event WHERE action = 'application.access.refused'"
                + " AND target = ?", Integer.class, id(username).toString());
    }

    int authorizations(String username) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM oauth2_authorization WHERE principal_name = ?",
                Integer.class, id(username).toString());
    }

    /** The refused page: 403, the reason, and where its link back goes. */
    static URI refusedPage(HttpResponse<String> page, String text) {
        assertThat(page.statusCode()).as(page.body()).isEqualTo(403);
        assertThat(page.uri().getPath()).isEqualTo("/applications/refused");
        assertThat(page.body()).contains(text);
        Matcher link = BACK_LINK.matcher(page.body());
        assertThat(link.find()).as("a link back to the application in " + page.body()).isTrue();
        return URI.create(HtmlUtils.htmlUnescape(link.group(1)));
    }

    // ---- OIDC ------------------------------------------------------------------------------

    @Test
    void anAssignedUserAndAMemberOfAnAssignedGroupGetACode() throws Exception {
        for (String[] user : List.of(new String[] {"ann", ANN}, new String[] {"ben", BEN})) {
            Flow flow = flow("payroll", PAYROLL_CB, null);
            AuthenticationResponse response = callback(new Browser(SERVER).authorize(flow.request(), user[0], user[1]));
            assertThat(response.indicatesSuccess()).as(user[0]).isTrue();
            assertThat(response.getState()).isEqualTo(flow.state());
            assertThat(redeem(flow, response).indicatesSuccess()).isTrue();
        }
    }

    @Test
    void anUnassignedUserIsToldWhyAndTheClientGetsAccessDenied() throws Exception {
        int refusedBefore = refusals("cat");
        int authorizationsBefore = authorizations("cat");
        Flow flow = flow("payroll", PAYROLL_CB, null);
        Browser browser = new Browser(SERVER);
        HttpResponse<String> end = browser.authorize(flow.request(), "cat", CAT);
        URI back = refusedPage(end, "The application Payroll is not assigned to you");
        AuthenticationResponse answer = AuthenticationResponseParser.parse(back);
        assertThat(answer.indicatesSuccess()).isFalse();
        ErrorObject error = ((AuthenticationErrorResponse) answer).getErrorObject();
        assertThat(error.getCode()).isEqualTo("access_denied");
        assertThat(answer.getState()).isEqualTo(flow.state());
        assertThat(back.toString()).startsWith(PAYROLL_CB + "?");
        assertThat(authorizations("cat")).isEqualTo(authorizationsBefore);
        assertThat(refusals("cat")).isEqualTo(refusedBefore + 1);
        // the page speaks Japanese too (shown again, it no longer knows the application)
        HttpResponse<String> ja = browser.get(SERVER.resolve("/applications/refused?lang=ja"));
        assertThat(ja.body()).contains("このアプリケーションは利用できません");
    }

    @Test
    void aSessionOpenedForOneApplicationDoesNotEnterAnUnassignedOne() throws Exception {
        Browser browser = new Browser(SERVER);
        Flow wiki = flow("wiki", URI.create("http://127.0.0.1:9999/wiki"), null);
        assertThat(callback(browser.authorize(wiki.request(), "cat", CAT)).indicatesSuccess()).isTrue();
        int authorizationsBefore = authorizations("cat");
        Flow payroll = flow("payroll", PAYROLL_CB, null);
        HttpResponse<String> end = browser.follow(payroll.request());
        assertThat(Browser.isSignInPage(end)).isFalse();
        refusedPage(end, "Payroll");
        assertThat(authorizations("cat")).isEqualTo(authorizationsBefore);
    }

    @Test
    void promptNoneAnswersAccessDeniedAtOnce() throws Exception {
        Browser browser = new Browser(SERVER);
        browser.signIn(browser.get(SERVER.resolve("/login")), "cat", CAT);
        Flow flow = flow("payroll", PAYROLL_CB, new Prompt(Prompt.Type.NONE));
        AuthenticationResponse answer = callback(browser.get(flow.request()));
        assertThat(((AuthenticationErrorResponse) answer).getErrorObject().getCode()).isEqualTo("access_denied");
        assertThat(answer.getState()).isEqualTo(flow.state());
    }

    @Test
    void aDisabledApplicationAdmitsNobody() throws Exception {
        Flow flow = flow("retired", URI.create("http://127.0.0.1:9999/retired"), null);
        URI back = refusedPage(new Browser(SERVER).authorize(flow.request(), "ann", ANN),
                "The application Retired app is switched off");
        assertThat(((AuthenticationErrorResponse) AuthenticationResponseParser.parse(back)).getErrorObject().getCode())
                .isEqualTo("access_denied");
    }

    @Test
    void anAssignmentRemovedWhileSignedInEndsEntryAndRefresh() throws Exception {
        Browser browser = new Browser(SERVER);
        Flow flow = flow("payroll", PAYROLL_CB, null);
        TokenResponse tokens = redeem(flow, callback(browser.authorize(flow.request(), "ann", ANN)));
        RefreshToken refreshToken = tokens.toSuccessResponse().getTokens().getRefreshToken();
        ApplicationSpec assigned = payroll(Set.of("ann"));
        try {
            applications.register(payroll(Set.of()));
            TokenResponse refreshed = refresh(refreshToken);
            assertThat(refreshed.indicatesSuccess()).isFalse();
            assertThat(refreshed.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_grant");
            refusedPage(browser.follow(flow("payroll", PAYROLL_CB, null).request()), "Payroll");
        } finally {
            applications.register(assigned);
        }
    }

    @Test
    void aRefreshWorksWhileTheAssignmentHolds() throws Exception {
        Flow flow = flow("payroll", PAYROLL_CB, null);
        TokenResponse tokens = redeem(flow, callback(new Browser(SERVER).authorize(flow.request(), "ben", BEN)));
        assertThat(refresh(tokens.toSuccessResponse().getTokens().getRefreshToken()).indicatesSuccess()).isTrue();
    }

    static ApplicationSpec payroll(Set<String> users) {
        return new ApplicationSpec(ApplicationProtocol.OIDC, "payroll", "Payroll", true,
                new Assignment.Assigned(users, Set.of("finance")), ApplicationSignInPolicy.DEFAULT,
                "https://payroll.example.test/login");
    }

    // ---- SAML ------------------------------------------------------------------------------

    static String launch(String entityId) {
        return "/saml2/launch?sp=" + java.net.URLEncoder.encode(entityId, StandardCharsets.UTF_8);
    }

    @Test
    void samlAnswersAnAssignedUserAndTellsAnUnassignedOneWithRequestDeniedForTheSp() throws Exception {
        Browser ann = new Browser(SERVER);
        HttpResponse<String> post = ann.authorize(SERVER.resolve(launch("https://hr.example.test")), "ann", ANN);
        assertThat(post.statusCode()).isEqualTo(200);
        String success = samlResponse(post);
        assertThat(success).contains("urn:oasis:names:tc:SAML:2.0:status:Success").contains(">ann@example.com<");

        int refusedBefore = refusals("ben");
        Browser ben = new Browser(SERVER);
        HttpResponse<String> page = ben.authorize(SERVER.resolve(launch("https://hr.example.test")), "ben", BEN);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(403);
        assertThat(page.body()).contains("The application HR portal is not assigned to you")
                .doesNotContain("id=\"saml-post\"").doesNotContain("_csrf\" value");
        Matcher action = POST_ACTION.matcher(page.body());
        assertThat(action.find()).as(page.body()).isTrue();
        assertThat(action.group(1)).isEqualTo("https://hr.example.test/acs");
        String denied = samlResponse(page);
        assertThat(denied).contains("urn:oasis:names:tc:SAML:2.0:status:Responder")
                .contains("urn:oasis:names:tc:SAML:2.0:status:RequestDenied").doesNotContain("Assertion");
        assertThat(refusals("ben")).isEqualTo(refusedBefore + 1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM mb_saml_session WHERE user_id = ?", Integer.class,
                id("ben"))).isZero();
        // an SP open to everyone still answers ben in the same session
        assertThat(samlResponse(ben.follow(SERVER.resolve(launch("https://intranet.example.test")))))
                .contains("urn:oasis:names:tc:SAML:2.0:status:Success");
    }

    static String samlResponse(HttpResponse<String> page) {
        Matcher value = SAML_RESPONSE.matcher(page.body());
        assertThat(value.find()).as(page.body()).isTrue();
        return new String(Base64.getDecoder().decode(HtmlUtils.htmlUnescape(value.group(1))), StandardCharsets.UTF_8);
    }

    // ---- home page -------------------------------------------------------------------------

    @Test
    void theHomePageListsTheApplicationsOpenToTheUser() {
        Browser ann = new Browser(SERVER);
        HttpResponse<String> annHome = ann.signIn(ann.get(SERVER.resolve("/login")), "ann", ANN);
        assertThat(annHome.uri().getPath()).isEqualTo("/");
        assertThat(annHome.body()).contains("Payroll").contains("href=\"https://payroll.example.test/login\"")
                .contains("HR portal").contains("href=\"/saml2/launch?sp=https%3A%2F%2Fhr.example.test\"")
                .contains("Wiki").contains("Intranet").doesNotContain("Retired app");

        Browser cat = new Browser(SERVER);
        HttpResponse<String> catHome = cat.signIn(cat.get(SERVER.resolve("/login")), "cat", CAT);
        assertThat(catHome.body()).contains("Wiki").contains("Intranet")
                .doesNotContain("Payroll").doesNotContain("HR portal").doesNotContain("Retired app");
    }

    // ---- bootstrap -------------------------------------------------------------------------

    @Test
    void theBootstrapRefusesAnAssignmentOfUnknownUsersOrOfAnotherShape(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bootstrap.yaml");
        Files.writeString(file, """
                oidcClients:
                  - clientId: payroll-2
                    secret: payroll-secret-0123456789abcdefghijklmnop
                    redirectUris: [https://p2.example.test/cb]
                    assignment: {users: [nobody], groups: [no-such-group]}
                  - clientId: payroll-3
                    secret: payroll-secret-0123456789abcdefghijklmnop
                    redirectUris: [https://p3.example.test/cb]
                    assignment: sometimes
                """);
        assertThatThrownBy(() -> bootstrap.apply(file)).isInstanceOf(BootstrapException.class)
                .hasMessageContaining("oidcClients[0].assignment.users: unknown user nobody")
                .hasMessageContaining("oidcClients[0].assignment.groups: unknown group no-such-group")
                .hasMessageContaining("oidcClients[1].assignment: 'everyone' or {users: [...], groups: [...]}");
        assertThat(applications.find(ApplicationProtocol.OIDC, "payroll-2")).isEmpty();
    }
}
