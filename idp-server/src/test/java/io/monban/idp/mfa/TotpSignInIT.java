package io.monban.idp.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import io.monban.core.policy.MfaPolicyService;
import io.monban.core.policy.MfaRequirement;
import io.monban.core.policy.SecondFactorKind;
import io.monban.idp.MonbanApplication;
import io.monban.idp.testsupport.Browser;
import io.monban.idp.testsupport.TestDatabases;
import io.monban.idp.testsupport.TestServers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * TOTP end to end over real HTTP, with codes from an independent implementation: {@code oathtool}
 * (Debian package {@code oathtool}).
 */
@SpringBootTest(classes = MonbanApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class TotpSignInIT {

    static final int PORT = TestServers.freePort();
    static final URI SERVER = URI.create("http://127.0.0.1:" + PORT);
    static final String PASSWORD = "tundra-velvet-anchor-27-prism";
    static final URI CALLBACK = URI.create("http://127.0.0.1:9999/cb");
    static final ClientID WEB_APP = new ClientID("web-app");
    static final Pattern SECRET = Pattern.compile("id=\"totp-secret\">([A-Z2-7]+)<");
    static final Pattern RECOVERY_CODE = Pattern.compile("<code>([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})</code>");
    static final Pattern CONTINUE = Pattern.compile("href=\"([^\"]+)\" id=\"recovery-continue\"");

    /** The recovery codes on a page, and where its continue link goes. */
    record RecoveryPage(java.util.List<String> codes, URI continueTo) {
        static RecoveryPage of(HttpResponse<String> page) {
            java.util.List<String> codes = new java.util.ArrayList<>();
            Matcher m = RECOVERY_CODE.matcher(page.body());
            while (m.find()) {
                codes.add(m.group(1));
            }
            Matcher link = CONTINUE.matcher(page.body());
            assertThat(link.find()).as("continue link").isTrue();
            return new RecoveryPage(codes, SERVER.resolve(link.group(1).replace("&amp;", "&")));
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestServers.configure(registry, PORT, "bootstrap-it.yaml");
        TestDatabases.h2(registry);
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MfaPolicyService policy;

    /** Members of "sales" must use a second factor; a step-up lasts 2 s. */
    @BeforeEach
    void policy() {
        policy.replace(new MfaRequirement(false, Set.of("sales"), Set.of(), Duration.ofSeconds(2), 30, true, Set.of(SecondFactorKind.TOTP, SecondFactorKind.WEBAUTHN)));
    }

    static String oathtool(String secret, String now) throws IOException, InterruptedException {
        ProcessBuilder command = now == null ? new ProcessBuilder("oathtool", "--totp", "-b", secret)
                : new ProcessBuilder("oathtool", "--totp", "-b", secret, "--now", now);
        Process process = command.redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        assertThat(process.waitFor()).as(out).isZero();
        return out;
    }

    record Flow(URI request, Nonce nonce, CodeVerifier verifier) {
    }

    Flow flow(OIDCProviderMetadata provider) {
        return flow(provider, "");
    }

    Flow flow(OIDCProviderMetadata provider, String extra) {
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        URI request = new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid", "profile"), WEB_APP,
                CALLBACK).endpointURI(provider.getAuthorizationEndpointURI()).state(new State()).nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256).build().toURI();
        return new Flow(URI.create(request + extra), nonce, verifier);
    }

    static IDTokenClaimsSet redeem(OIDCProviderMetadata provider, Flow flow, HttpResponse<String> atClient)
            throws Exception {
        var success = AuthenticationResponseParser.parse(Browser.location(atClient)).toSuccessResponse();
        var tokens = ((OIDCTokenResponse) OIDCTokenResponseParser.parse(new TokenRequest(
                provider.getTokenEndpointURI(), new ClientSecretBasic(WEB_APP,
                new Secret("web-app-secret-0123456789abcdefghijklmnop")),
                new AuthorizationCodeGrant(success.getAuthorizationCode(), CALLBACK, flow.verifier()))
                .toHTTPRequest().send()).toSuccessResponse()).getOIDCTokens();
        return new IDTokenValidator(provider.getIssuer(), WEB_APP, JWSAlgorithm.RS256,
                provider.getJWKSetURI().toURL()).validate(tokens.getIDToken(), flow.nonce());
    }

    /** Enrols on the set-up page the browser is on; returns the secret. */
    static String enrol(Browser browser, HttpResponse<String> page, String[] lastLocation) throws Exception {
        Matcher m = SECRET.matcher(page.body());
        assertThat(m.find()).as("set-up page shows the secret").isTrue();
        String secret = m.group(1);
        HttpResponse<String> codesPage = browser.post(SERVER.resolve("/account/totp"),
                Map.of("code", oathtool(secret, null), "_csrf", Browser.csrf(page.body())));
        RecoveryPage recovery = RecoveryPage.of(codesPage);
        assertThat(recovery.codes()).hasSize(10).doesNotHaveDuplicates();
        lastLocation[0] = recovery.continueTo().toString();
        return secret;
    }

    @Test
    void acrValuesAskForASecondFactorAndAUserWithoutOneSetsItUpFirst() throws Exception {
        OIDCProviderMetadata provider = OIDCProviderMetadata.resolve(new Issuer(SERVER.toString()));
        Flow flow = flow(provider, "&acr_values=urn%3Amonban%3Aloa%3A2");
        Browser carol = new Browser(SERVER);
        HttpResponse<String> setUp = carol.authorize(flow.request(), "carol", "amber-falcon-meadow-47-quartz");
        assertThat(setUp.uri().toString()).contains("/account/totp?required");
        String[] next = new String[1];
        enrol(carol, setUp, next);
        IDTokenClaimsSet claims = redeem(provider, flow, carol.follow(URI.create(next[0])));
        assertThat(claims.getStringListClaim("amr")).contains("otp", "mfa");
        assertThat(claims.getStringClaim("acr")).isEqualTo("urn:monban:loa:2");
    }

    @Test
    void aRememberedBrowserSkipsTheCodeButNotAStepUp() throws Exception {
        String password = "walrus-pepper-canyon-19-lotus";
        Browser owner = new Browser(SERVER);
        HttpResponse<String> setUp = owner.signIn(owner.follow(SERVER.resolve("/account/totp")), "ivan", password);
        String secret = enrol(owner, setUp, new String[1]);

        OIDCProviderMetadata provider = OIDCProviderMetadata.resolve(new Issuer(SERVER.toString()));
        Browser laptop = new Browser(SERVER);
        HttpResponse<String> challenge = laptop.authorize(flow(provider).request(), "ivan", password);
        assertThat(challenge.body()).contains("id=\"remember\"");
        HttpResponse<String> back = laptop.post(SERVER.resolve(SecondFactorAuthorization.CHALLENGE_PATH), Map.of(
                "code", oathtool(secret, "30 seconds"), "remember", "true", "_csrf", Browser.csrf(challenge.body())));
        assertThat(back.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("MONBAN_REMEMBERED_BROWSER=").contains("HttpOnly").contains("SameSite=Lax"));
        HttpResponse<String> home = laptop.follow(SERVER.resolve("/"));
        laptop.post(SERVER.resolve("/logout"), Map.of("_csrf", Browser.csrf(home.body())));

        // Signed out, signing in again on the same browser: the password is enough ...
        Flow again = flow(provider);
        IDTokenClaimsSet claims = redeem(provider, again, laptop.authorize(again.request(), "ivan", password));
        assertThat(claims.getStringListClaim("amr")).containsExactly("pwd");
        // ... but not for an application that asks for the multi-factor level ...
        assertThat(laptop.follow(flow(provider, "&acr_values=urn%3Amonban%3Aloa%3A2").request()).body())
                .contains("id=\"totp-form\"");
        // ... and another browser is asked for the code.
        assertThat(new Browser(SERVER).authorize(flow(provider).request(), "ivan", password).body())
                .contains("id=\"totp-form\"");
    }

    @Test
    void removingTheAuthenticatorTakesACurrentCodeAndGuessesAreLimited() throws Exception {
        Browser owner = new Browser(SERVER);
        HttpResponse<String> setUp = owner.signIn(owner.follow(SERVER.resolve("/account/totp")), "ken",
                "quartz-meadow-lantern-41-falcon");
        String secret = enrol(owner, setUp, new String[1]);
        String countKen = "SELECT COUNT(*) FROM mb_totp_credential WHERE user_id = "
                + "(SELECT id FROM mb_user WHERE username_key = 'ken')";

        HttpResponse<String> settings = owner.follow(SERVER.resolve("/account/totp"));
        // New recovery codes from the session alone: refused, and the old ones still count.
        HttpResponse<String> noCodes = owner.post(SERVER.resolve("/account/totp/recovery-codes"),
                Map.of("code", "654321", "_csrf", Browser.csrf(settings.body())));
        assertThat(Browser.location(noCodes).toString()).endsWith("/account/totp?removeError");
        HttpResponse<String> refused = owner.post(SERVER.resolve("/account/totp/remove"),
                Map.of("code", "123456", "_csrf", Browser.csrf(settings.body())));
        assertThat(Browser.location(refused).toString()).endsWith("/account/totp?removeError");
        assertThat(jdbc.queryForObject(countKen, Integer.class)).isEqualTo(1);

        HttpResponse<String> removed = owner.post(SERVER.resolve("/account/totp/remove"),
                Map.of("code", oathtool(secret, "30 seconds"), "_csrf", Browser.csrf(settings.body())));
        assertThat(Browser.location(removed).toString()).endsWith("/account/totp");
        assertThat(jdbc.queryForObject(countKen, Integer.class)).isZero();

        // Guessing on the removal form counts like guessing at sign-in: after five, even the right code is refused.
        setUp = owner.follow(SERVER.resolve("/account/totp"));
        secret = enrol(owner, setUp, new String[1]);
        settings = owner.follow(SERVER.resolve("/account/totp"));
        for (int i = 0; i < 5; i++) {
            owner.post(SERVER.resolve("/account/totp/remove"), Map.of("code", "00000" + i,
                    "_csrf", Browser.csrf(settings.body())));
        }
        owner.post(SERVER.resolve("/account/totp/remove"), Map.of("code", oathtool(secret, "30 seconds"),
                "_csrf", Browser.csrf(settings.body())));
        assertThat(jdbc.queryForObject(countKen, Integer.class)).isEqualTo(1);
    }

    @Test
    void anApplicationThatRequiresASecondFactorGetsOne() throws Exception {
        OIDCProviderMetadata provider = OIDCProviderMetadata.resolve(new Issuer(SERVER.toString()));
        URI request = new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid"),
                new ClientID("mfa-app"), CALLBACK).endpointURI(provider.getAuthorizationEndpointURI())
                .state(new State()).codeChallenge(new CodeVerifier(), CodeChallengeMethod.S256).build().toURI();
        Browser dave = new Browser(SERVER);
        HttpResponse<String> setUp = dave.authorize(request, "dave", "saffron-kettle-ridge-64-comet");
        assertThat(setUp.uri().toString()).contains("/account/totp?required");
        // The same user goes straight through to an application without that requirement.
        assertThat(Browser.isRedirect(dave.follow(flow(provider).request()))).isTrue();
    }

    @Test
    void promptNoneNeverShowsTheSecondFactorOrItsSetUpButAnswersInteractionRequired() throws Exception {
        OIDCProviderMetadata provider = OIDCProviderMetadata.resolve(new Issuer(SERVER.toString()));
        // nora is in "sales", which must use a second factor, and has none: she is sent to set one up.
        Browser nora = new Browser(SERVER);
        HttpResponse<String> setUp = nora.authorize(flow(provider).request(), "nora",
                "violet-harbor-cactus-91-lantern");
        assertThat(setUp.uri().toString()).contains("/account/totp?required");
        // pia has an authenticator: after the password she is asked for the code.
        String piaPassword = "pelican-granite-sonnet-52-ember";
        Browser owner = new Browser(SERVER);
        enrol(owner, owner.signIn(owner.follow(SERVER.resolve("/account/totp")), "pia", piaPassword),
                new String[1]);
        Browser pia = new Browser(SERVER);
        HttpResponse<String> challenge = pia.authorize(flow(provider).request(), "pia", piaPassword);
        assertThat(challenge.body()).contains("id=\"totp-form\"");

        for (Browser browser : java.util.List.of(nora, pia)) {
            State state = new State();
            URI silent = new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid"), WEB_APP, CALLBACK)
                    .endpointURI(provider.getAuthorizationEndpointURI()).state(state)
                    .codeChallenge(new CodeVerifier(), CodeChallengeMethod.S256)
                    .prompt(com.nimbusds.openid.connect.sdk.Prompt.Type.NONE).build().toURI();
            HttpResponse<String> answer = browser.follow(silent);
            assertThat(Browser.isRedirect(answer)).as("a redirect to the client, not a page").isTrue();
            var error = (com.nimbusds.openid.connect.sdk.AuthenticationErrorResponse) AuthenticationResponseParser
                    .parse(Browser.location(answer));
            assertThat(error.getErrorObject().getCode()).isEqualTo("interaction_required");
            assertThat(error.getState()).isEqualTo(state);
        }
        // Both are still where they were: the set-up page and the code page.
        assertThat(nora.follow(SERVER.resolve("/")).uri().toString()).contains("/account/totp?required");
        assertThat(pia.follow(SERVER.resolve("/")).uri().getPath()).isEqualTo(SecondFactorAuthorization.CHALLENGE_PATH);
    }

    @Test
    void theForcedSetUpExplainsOffersEveryAcceptedKindAndSignOutAndThenGoesOnToTheApplication() throws Exception {
        OIDCProviderMetadata provider = OIDCProviderMetadata.resolve(new Issuer(SERVER.toString()));
        Flow flow = flow(provider);
        Browser alice = new Browser(SERVER);
        HttpResponse<String> setUp = alice.authorize(flow.request(), "alice", "violet-harbor-cactus-91-lantern");
        assertThat(setUp.uri().toString()).contains("/account/totp?required");
        assertThat(setUp.body()).contains("id=\"setup-why\"").contains("stolen password alone")
                .contains("id=\"setup-totp\"").contains("id=\"add-key\"").contains("id=\"add-passkey\"")
                .contains("id=\"setup-sign-out\"");
        String[] next = new String[1];
        String secret = enrol(alice, setUp, next);
        IDTokenClaimsSet claims = redeem(provider, flow, alice.follow(URI.create(next[0])));
        assertThat(claims.getStringListClaim("amr")).contains("otp", "mfa");

        // Next sign-in: switching language on the second-factor page keeps it, and the code still signs in.
        Flow again = flow(provider);
        Browser laptop = new Browser(SERVER);
        HttpResponse<String> challenge = laptop.authorize(again.request(), "alice", "violet-harbor-cactus-91-lantern");
        HttpResponse<String> japanese = laptop.follow(laptop.languageLink(challenge, "ja"));
        assertThat(japanese.uri().getPath()).isEqualTo(SecondFactorAuthorization.CHALLENGE_PATH);
        assertThat(japanese.body()).contains("<html lang=\"ja\"").contains("id=\"totp-form\"");
        HttpResponse<String> done = submitCode(laptop, japanese, oathtool(secret, "30 seconds"));
        assertThat(redeem(provider, again, done).getStringListClaim("amr")).contains("otp");
    }

    @Test
    void whenThePolicyAcceptsOnlyKeysTheSetUpDoesNotOfferTheAuthenticatorApp() {
        policy.replace(new MfaRequirement(true, Set.of(), Set.of(), Duration.ofMinutes(15), 0, true,
                Set.of(SecondFactorKind.WEBAUTHN)));
        Browser judy = new Browser(SERVER);
        HttpResponse<String> setUp = judy.signIn(judy.follow(SERVER.resolve("/account")), "judy",
                "pelican-granite-sonnet-52-ember");
        assertThat(setUp.uri().getPath()).isEqualTo(SecondFactorAuthorization.WEBAUTHN_PATH);
        assertThat(setUp.body()).contains("id=\"setup-why\"").contains("id=\"add-key\"")
                .contains("id=\"add-passkey\"").contains("id=\"setup-sign-out\"")
                .doesNotContain("totp-secret").doesNotContain("/account/totp");
    }

    @Test
    void policyMakesAGroupMemberSetUpASecondFactorBeforeAnythingElse() throws Exception {
        Browser bob = new Browser(SERVER);
        HttpResponse<String> setUp = bob.signIn(bob.follow(SERVER.resolve("/")), "bob", "orchid-tunnel-zebra-38-mosaic");
        assertThat(setUp.uri().toString()).contains("/account/totp?required");
        // Nothing else opens before the set-up is done.
        assertThat(bob.follow(SERVER.resolve("/")).uri().toString()).contains("/account/totp?required");
        String[] next = new String[1];
        enrol(bob, setUp, next);
        assertThat(bob.follow(URI.create(next[0])).body()).contains("id=\"signed-in-as\"");
    }

    static HttpResponse<String> submitCode(Browser browser, HttpResponse<String> page, String code) {
        HttpResponse<String> response = browser.post(SERVER.resolve(SecondFactorAuthorization.CHALLENGE_PATH),
                Map.of("code", code, "_csrf", Browser.csrf(page.body())));
        URI next = Browser.location(response);
        return next.getPort() == PORT ? browser.follow(next) : response;
    }

    @Test
    void anAdministratorResetsAUserWhoLostEveryFactorButNotThemselves() throws Exception {
        Browser lena = new Browser(SERVER);
        enrol(lena, lena.signIn(lena.follow(SERVER.resolve("/account/totp")), "lena", PASSWORD), new String[1]);
        String lenaId = jdbc.queryForObject("SELECT id FROM mb_user WHERE username_key = 'lena'", String.class);

        Browser someone = new Browser(SERVER);
        HttpResponse<String> notAdmin = someone.signIn(someone.follow(SERVER.resolve("/admin/users")), "dave",
                "saffron-kettle-ridge-64-comet");
        assertThat(notAdmin.statusCode()).isEqualTo(403);

        // Administrators always use a second factor: set up right after the password.
        Browser adam = new Browser(SERVER);
        HttpResponse<String> setUp = adam.signIn(adam.follow(SERVER.resolve("/admin/users")), "adam", PASSWORD);
        assertThat(setUp.uri().getPath()).isEqualTo(SecondFactorAuthorization.ENROLMENT_PATH);
        String[] next = new String[1];
        enrol(adam, setUp, next);
        HttpResponse<String> console = adam.follow(SERVER.resolve("/admin/users?q=lena"));
        assertThat(console.body()).contains("id=\"reset-form\"");
        // Switching language keeps the search.
        HttpResponse<String> japanese = adam.follow(adam.languageLink(console, "ja"));
        assertThat(japanese.uri().getQuery()).contains("q=lena");
        assertThat(japanese.body()).contains("<html lang=\"ja\"").contains("id=\"reset-form\"");
        console = adam.follow(adam.languageLink(japanese, "en"));
        assertThat(console.body()).contains("<html lang=\"en\"").contains("id=\"reset-form\"");

        HttpResponse<String> noReason = adam.post(SERVER.resolve("/admin/users/" + lenaId + "/factors/reset"),
                Map.of("reason", " ", "_csrf", Browser.csrf(console.body())));
        assertThat(Browser.location(noReason).toString()).endsWith("resetError=reason");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM mb_totp_credential WHERE user_id = ?", Integer.class,
                java.util.UUID.fromString(lenaId))).isOne();

        HttpResponse<String> reset = adam.post(SERVER.resolve("/admin/users/" + lenaId + "/factors/reset"),
                Map.of("reason", "lost phone, ticket 4711", "_csrf", Browser.csrf(console.body())));
        assertThat(Browser.location(reset).toString()).endsWith("&reset");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM mb_totp_credential WHERE user_id = ?", Integer.class,
                java.util.UUID.fromString(lenaId))).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM mb_recovery_code WHERE user_id = ?", Integer.class,
                java.util.UUID.fromString(lenaId))).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM mb_audit_event WHERE action = 'mfa.factors.reset' "
                + "AND target = ? AND details LIKE '%ticket 4711%'", Integer.class, lenaId)).isOne();

        String adamId = jdbc.queryForObject("SELECT id FROM mb_user WHERE username_key = 'adam'", String.class);
        HttpResponse<String> self = adam.post(SERVER.resolve("/admin/users/" + adamId + "/factors/reset"),
                Map.of("reason", "me", "_csrf", Browser.csrf(console.body())));
        assertThat(Browser.location(self).toString()).endsWith("resetError=self");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM mb_totp_credential WHERE user_id = ?", Integer.class,
                java.util.UUID.fromString(adamId))).isOne();

        // Lena signs in with her password again (her group does not require a second factor).
        Browser again = new Browser(SERVER);
        assertThat(again.signIn(again.follow(SERVER.resolve("/account")), "lena", PASSWORD).uri().getPath())
                .isEqualTo("/account");
    }

    @Test
    void aPolicyThatAcceptsOnlyKeysRefusesCodesAndAsksForAKeyInstead() throws Exception {
        Browser owner = new Browser(SERVER);
        String secret = enrol(owner, owner.signIn(owner.follow(SERVER.resolve("/account/totp")), "olga", PASSWORD),
                new String[1]);
        policy.replace(new MfaRequirement(false, Set.of(), Set.of(), Duration.ofMinutes(15), 0, true,
                Set.of(SecondFactorKind.WEBAUTHN)));

        Browser user = new Browser(SERVER);
        HttpResponse<String> next = user.signIn(user.follow(SERVER.resolve("/account")), "olga", PASSWORD);
        assertThat(next.uri().getPath()).as("not the password alone, and not the code")
                .isEqualTo(SecondFactorAuthorization.WEBAUTHN_PATH);
        HttpResponse<String> code = user.post(SERVER.resolve(SecondFactorAuthorization.CHALLENGE_PATH),
                Map.of("code", oathtool(secret, "30 seconds"), "_csrf", Browser.csrf(next.body())));
        assertThat(user.follow(Browser.location(code)).uri().getPath()).isNotEqualTo("/");
        assertThat(user.follow(SERVER.resolve("/account")).uri().getPath())
                .isEqualTo(SecondFactorAuthorization.WEBAUTHN_PATH);
    }

    @Test
    void enrolThenSignInWithTheCodeAndRefuseReplayDriftAndGuessing() throws Exception {
        // Enrolment on my-account, confirmed with a first code.
        Browser owner = new Browser(SERVER);
        HttpResponse<String> page = owner.signIn(owner.follow(SERVER.resolve("/account/totp")), "erin", PASSWORD);
        Matcher m = SECRET.matcher(page.body());
        assertThat(m.find()).as("enrolment page shows the secret").isTrue();
        String secret = m.group(1);
        assertThat(page.body()).contains("data:image/png;base64,");
        // Reloading the set-up page keeps the secret the app already scanned.
        assertThat(owner.follow(SERVER.resolve("/account/totp")).body()).contains(secret);
        RecoveryPage recovery = RecoveryPage.of(owner.post(SERVER.resolve("/account/totp"),
                Map.of("code", oathtool(secret, null), "_csrf", Browser.csrf(page.body()))));
        assertThat(recovery.codes()).hasSize(10);
        HttpResponse<String> confirmed = owner.follow(recovery.continueTo());
        assertThat(confirmed.body()).contains("id=\"totp-enrolled\"");
        assertThat(jdbc.queryForList("SELECT code_hash FROM mb_recovery_code", String.class))
                .noneMatch(hash -> recovery.codes().stream().anyMatch(hash::contains));
        assertThat(jdbc.queryForObject("SELECT secret_enc FROM mb_totp_credential WHERE user_id = "
                + "(SELECT id FROM mb_user WHERE username_key = 'erin')", String.class))
                .startsWith("v1.").doesNotContain(secret);

        // Sign-in: the password alone leads to the code page, not to the application.
        OIDCProviderMetadata provider = OIDCProviderMetadata.resolve(new Issuer(SERVER.toString()));
        Flow flow = flow(provider);
        Browser user = new Browser(SERVER);
        HttpResponse<String> challenge = user.authorize(flow.request(), "erin", PASSWORD);
        assertThat(challenge.body()).contains("id=\"totp-form\"");
        assertThat(challenge.uri().getPath()).isEqualTo(SecondFactorAuthorization.CHALLENGE_PATH);

        HttpResponse<String> wrong = submitCode(user, challenge, "000000");
        assertThat(wrong.body()).contains("id=\"totp-error\"");
        // The enrolment code's step is used up: the next step's code (one step of drift) signs in.
        String code = oathtool(secret, "30 seconds");
        HttpResponse<String> done = submitCode(user, wrong, code);
        var success = AuthenticationResponseParser.parse(Browser.location(done)).toSuccessResponse();
        var tokens = ((OIDCTokenResponse) OIDCTokenResponseParser.parse(new TokenRequest(
                provider.getTokenEndpointURI(), new ClientSecretBasic(WEB_APP,
                new Secret("web-app-secret-0123456789abcdefghijklmnop")),
                new AuthorizationCodeGrant(success.getAuthorizationCode(), CALLBACK, flow.verifier()))
                .toHTTPRequest().send()).toSuccessResponse()).getOIDCTokens();
        IDTokenClaimsSet claims = new IDTokenValidator(provider.getIssuer(), WEB_APP, JWSAlgorithm.RS256,
                provider.getJWKSetURI().toURL()).validate(tokens.getIDToken(), flow.nonce());
        assertThat(claims.getStringListClaim("amr")).containsExactlyInAnyOrder("pwd", "otp", "mfa");
        assertThat(claims.getStringClaim("acr")).isEqualTo("urn:monban:loa:2");

        // The same code again, in another sign-in: refused (replay).
        Browser replayer = new Browser(SERVER);
        HttpResponse<String> second = replayer.authorize(flow(provider).request(), "erin", PASSWORD);
        assertThat(submitCode(replayer, second, code).body()).contains("id=\"totp-error\"");
        // A code three steps ahead: outside the one step of drift.
        HttpResponse<String> drift = submitCode(replayer, second, oathtool(secret, "90 seconds"));
        assertThat(drift.body()).contains("id=\"totp-error\"");

        // With only the password, the authenticator cannot be removed or replaced.
        HttpResponse<String> removal = replayer.post(SERVER.resolve("/account/totp/remove"),
                Map.of("_csrf", Browser.csrf(drift.body())));
        assertThat(Browser.location(removal).getPath()).isEqualTo(SecondFactorAuthorization.CHALLENGE_PATH);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM mb_totp_credential WHERE confirmed = TRUE",
                Integer.class)).isGreaterThanOrEqualTo(1);

        // Step-up: a request for the multi-factor level within the step-up lifetime needs no new code ...
        HttpResponse<String> fresh = user.follow(flow(provider, "&acr_values=urn%3Amonban%3Aloa%3A2").request());
        assertThat(Browser.isRedirect(fresh)).as("straight back to the client").isTrue();
        // ... after it, the code is asked again.
        Instant stale = Instant.now().plusMillis(2100);
        while (Instant.now().isBefore(stale)) {
            Thread.sleep(100);
        }
        HttpResponse<String> again = user.follow(flow(provider, "&acr_values=urn%3Amonban%3Aloa%3A2").request());
        assertThat(again.body()).contains("id=\"totp-form\"");

        // A recovery code instead of the authenticator: once.
        String recoveryCode = recovery.codes().get(0);
        HttpResponse<String> recovered = replayer.post(SERVER.resolve(SecondFactorAuthorization.CHALLENGE_PATH + "/recovery"),
                Map.of("recoveryCode", recoveryCode.toLowerCase(), "_csrf", Browser.csrf(drift.body())));
        assertThat(replayer.follow(Browser.location(recovered)).headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).startsWith(CALLBACK.toString()));

        // Guessing: the fifth wrong code in a row ends the half-finished sign-in. A used
        // recovery code counts as a wrong one.
        Browser guesser = new Browser(SERVER);
        HttpResponse<String> current = guesser.authorize(flow(provider).request(), "erin", PASSWORD);
        current = guesser.follow(Browser.location(guesser.post(SERVER.resolve(SecondFactorAuthorization.CHALLENGE_PATH + "/recovery"),
                Map.of("recoveryCode", recoveryCode, "_csrf", Browser.csrf(current.body())))));
        assertThat(current.body()).contains("id=\"totp-error\"");
        for (int i = 0; i < 4; i++) {
            current = submitCode(guesser, current, "00000" + i);
        }
        assertThat(current.uri().toString()).endsWith("/login?locked");
        assertThat(current.body()).contains("id=\"login-locked\"");
        assertThat(Browser.isSignInPage(guesser.follow(SERVER.resolve("/")))).isTrue();
    }
}
