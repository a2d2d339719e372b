package io.monban.idp.leaver;

import static io.monban.idp.leaver.LeaverFixture.eventually;
import static io.monban.idp.leaver.LeaverFixture.downstreamActive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.openid.connect.sdk.claims.LogoutTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.validators.LogoutTokenValidator;
import io.monban.core.directory.DirectoryService;
import io.monban.core.directory.NewUser;
import io.monban.core.directory.User;
import io.monban.core.directory.UserDeprovisioned;
import io.monban.core.directory.UserStatus;
import io.monban.core.outbox.OutboxSummary;
import io.monban.idp.bootstrap.BootstrapException;
import io.monban.idp.bootstrap.BootstrapLoader;
import io.monban.idp.leaver.LeaverFixture.RelyingParty;
import io.monban.idp.testsupport.BackChannelLogoutReceiver;
import io.monban.idp.testsupport.Browser;
import io.monban.idp.testsupport.DownstreamScimService;
import io.monban.idp.testsupport.MonbanInstance;
import io.monban.idp.testsupport.ScimHttp;
import org.springframework.test.context.DynamicPropertyRegistry;
import io.monban.idp.testsupport.TestServers;
import io.monban.scim.outbound.ProvisioningTargetSpec;
import io.monban.scim.outbound.ProvisioningTargets;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The leaver: a user who is suspended loses, within one second, every sign-in session, every
 * token, and the accounts in downstream applications; relying parties are told over the back
 * channel. Everything over real HTTP: the relying party is the Nimbus SDK, the downstream
 * application a SCIM service of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LeaverContract {

    abstract void database(DynamicPropertyRegistry registry);

    abstract String[] profiles();

    final int port = TestServers.freePort();
    final int rpPort = TestServers.freePort();
    DownstreamScimService downstream;
    BackChannelLogoutReceiver rp;
    MonbanInstance monban;
    RelyingParty client;
    DirectoryService directory;
    JdbcTemplate jdbc;

    @BeforeAll
    void start() {
        downstream = new DownstreamScimService(TestServers.freePort(), LeaverFixture.SCIM_TOKEN).start();
        rp = new BackChannelLogoutReceiver(rpPort);
        monban = MonbanInstance.start(LeaverFixture.properties(port,
                LeaverFixture.bootstrapFile(downstream.baseUrl(), rpPort), this::database), profiles());
        client = RelyingParty.of(monban.uri());
        directory = monban.bean(DirectoryService.class);
        jdbc = monban.bean(JdbcTemplate.class);
        // The bootstrap file assigned the staff group and fred: they are created downstream.
        assertThat(eventually(Duration.ofSeconds(10), () -> Set.of("lena", "remy", "rita", "fred", "olga", "gina", "dora").stream()
                .allMatch(u -> downstreamActive(downstream, u + "@example.com", true)))).isTrue();
    }

    @AfterAll
    void stop() {
        monban.close();
        rp.close();
        downstream.close();
    }

    UUID id(String username) {
        return directory.findByLogin(username).map(User::getId).orElseThrow();
    }

    @Test
    void aSuspendedUserLosesSessionsTokensAndDownstreamAccountWithinOneSecond() throws Exception {
        UUID lena = id("lena");
        Browser browser = new Browser(monban.uri());
        RelyingParty.SignIn signIn = client.signIn(browser, "lena");
        Browser otherBrowser = client.signedInBrowser("lena");
        String accessToken = signIn.tokens().getAccessToken().getValue();
        assertThat(client.signedIn(browser)).isTrue();
        assertThat(client.introspectActive(accessToken)).isTrue();
        assertThat(client.userInfoStatus(signIn.tokens().getBearerAccessToken())).isEqualTo(200);
        String sid = signIn.tokens().getIDToken().getJWTClaimsSet().getStringClaim("sid");
        assertThat(sid).as("ID tokens carry the session id the logout token will name").isNotNull();

        long start = System.nanoTime();
        directory.setStatus(lena, UserStatus.SUSPENDED);
        boolean allGone = eventually(Duration.ofSeconds(1), () -> !client.signedIn(browser)
                && !client.signedIn(otherBrowser)
                && !client.introspectActive(accessToken)
                && !client.refresh(signIn.tokens().getRefreshToken()).indicatesSuccess()
                && client.userInfoStatus(signIn.tokens().getBearerAccessToken()) == 401
                && !logoutTokensFor(lena).isEmpty()
                && downstreamActive(downstream, "lena@example.com", false));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(allGone).as("everything ended within 1 s (took %s)", took).isTrue();
        org.slf4j.LoggerFactory.getLogger(LeaverContract.class).info("leaver: sessions, tokens, logout token and "
                + "downstream deactivation all observed after {} ms", took.toMillis());
        assertThat(took).isLessThan(Duration.ofSeconds(1));

        // Each outcome on its own, as a relying party and a resource server see it.
        assertThat(client.signedIn(browser)).isFalse();
        assertThat(client.signedIn(otherBrowser)).isFalse();
        assertThat(client.introspectActive(accessToken)).isFalse();
        TokenResponse refreshed = client.refresh(signIn.tokens().getRefreshToken());
        assertThat(refreshed.toErrorResponse().getErrorObject().getCode()).isEqualTo(OAuth2Error.INVALID_GRANT.getCode());
        assertThat(client.userInfoStatus(signIn.tokens().getBearerAccessToken())).isEqualTo(401);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM SPRING_SESSION WHERE PRINCIPAL_NAME = ?", Integer.class,
                lena.toString())).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM oauth2_authorization WHERE principal_name = ?",
                Integer.class, lena.toString())).isZero();

        // Sign-in is refused, after the right password (the account state is not revealed before).
        Browser again = new Browser(monban.uri());
        HttpResponse<String> refused = again.signIn(again.follow(monban.uri().resolve("/")), "lena",
                LeaverFixture.PASSWORDS.get("lena"));
        assertThat(refused.body()).contains("id=\"login-disabled\"");
        assertThat(client.signedIn(again)).isFalse();

        // The relying party got a valid logout token (Back-Channel Logout 1.0 §2.4, checked by the SDK).
        assertThat(logoutTokensFor(lena)).hasSize(1);
        assertThat(rp.contentTypes()).allSatisfy(type -> assertThat(type).startsWith("application/x-www-form-urlencoded"));
        SignedJWT logoutToken = logoutTokensFor(lena).get(0);
        assertThat(logoutToken.getHeader().getType().toString()).isEqualTo("logout+jwt");
        LogoutTokenValidator validator = new LogoutTokenValidator(client.provider().getIssuer(), LeaverFixture.RP_APP,
                true, new JWSVerificationKeySelector<SecurityContext>(JWSAlgorithm.RS256,
                        new ImmutableJWKSet<>(JWKSet.load(client.provider().getJWKSetURI().toURL()))), null);
        LogoutTokenClaimsSet claims = validator.validate(logoutToken);
        assertThat(claims.getSubject().getValue()).isEqualTo(lena.toString());
        assertThat(claims.getSessionID().getValue()).isEqualTo(sid);
        assertThat(claims.getAudience()).extracting(a -> a.getValue()).containsExactly("rp-app");
        assertThat(claims.getClaim("nonce")).isNull();
        assertThat(claims.getJSONObjectClaim("events")).containsOnlyKeys(
                "http://schemas.openid.net/event/backchannel-logout");

        // The downstream account was deactivated with a PATCH, not deleted.
        List<DownstreamScimService.Request> forLena = downstream.requests().stream()
                .filter(r -> r.method().equals("PATCH")).toList();
        assertThat(forLena).anySatisfy(r -> assertThat(r.body().path("Operations").path(0).path("value").asBoolean(true))
                .isFalse());
        assertThat(downstream.user("lena@example.com")).isPresent();

        // Audited: the change, the ended sessions, the revoked grants, the deliveries.
        List<String> audited = jdbc.queryForList("SELECT action FROM mb_audit_event WHERE target = ? ORDER BY id",
                String.class, lena.toString());
        assertThat(audited).contains("user.status.suspended", "sessions.ended", "oauth2.authorizations.revoked");
        assertThat(jdbc.queryForList("SELECT target FROM mb_audit_event WHERE action = 'outbox.delivered' "
                + "AND details LIKE ?", String.class, "user=" + lena + " operation=deactivate%"))
                .containsExactly("scim:crm");
        assertThat(jdbc.queryForList("SELECT target FROM mb_audit_event WHERE action = 'outbox.delivered' "
                + "AND details LIKE ?", String.class, "user=" + lena + " operation=logout%"))
                .containsExactly("backchannel-logout:rp-app");
    }

    /**
     * The leaver: signed in through OIDC (with a live refresh token) and SAML, then
     * deactivated by the HR connector over SCIM the way Entra ID does it (PATCH, "Replace", no
     * path). Within one second everything is gone, and the downstream application heard of it.
     */
    @Test
    void aUserDeactivatedOverScimLosesOidcAndSamlAccessAndTheDownstreamAccountWithinOneSecond() throws Exception {
        UUID sven = id("sven");
        Browser browser = new Browser(monban.uri());
        RelyingParty.SignIn signIn = client.signIn(browser, "sven");
        String accessToken = signIn.tokens().getAccessToken().getValue();
        // HR sets the enterprise attributes the SAML SP receives.
        assertThat(scimPatch(sven, """
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations": [{"op": "add", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "value": "Sales"},
                                {"op": "add", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber", "value": "E-1042"}]}""")
                .status()).isEqualTo(200);
        URI launch = monban.uri().resolve("/saml2/launch?sp=" + java.net.URLEncoder.encode("https://sp.leaver.test",
                java.nio.charset.StandardCharsets.UTF_8));
        java.util.regex.Matcher response = java.util.regex.Pattern.compile("name=\"SAMLResponse\" value=\"([^\"]+)\"")
                .matcher(browser.follow(launch).body());
        assertThat(response.find()).as("an assertion for the SAML SP").isTrue();
        String assertion = new String(java.util.Base64.getMimeDecoder().decode(response.group(1)), StandardCharsets.UTF_8);
        assertThat(assertion).contains(">Sales<").contains(">E-1042<").contains(">sven@example.com<");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM mb_saml_session WHERE user_id = ?", Integer.class, sven))
                .isOne();
        assertThat(eventually(Duration.ofSeconds(5), () -> downstreamActive(downstream, "sven@example.com", true)))
                .isTrue();

        ScimHttp.Response patched = scimPatch(sven, """
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations": [{"op": "Replace", "value": {"active": "False"}}]}""");
        long start = System.nanoTime();
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.body().path("active").asBoolean(true)).isFalse();

        boolean allGone = eventually(Duration.ofSeconds(1), () -> !client.signedIn(browser)
                && !client.introspectActive(accessToken)
                && !client.refresh(signIn.tokens().getRefreshToken()).indicatesSuccess()
                && jdbc.queryForObject("SELECT COUNT(*) FROM mb_saml_session WHERE user_id = ?", Integer.class, sven) == 0
                && downstreamActive(downstream, "sven@example.com", false));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(allGone).as("everything ended within 1 s of the SCIM answer (took %s)", took).isTrue();
        // The SP gets no further assertion: the same browser is sent to sign in.
        assertThat(Browser.isSignInPage(browser.follow(launch))).isTrue();
        assertThat(jdbc.queryForList("SELECT actor FROM mb_audit_event WHERE action = 'user.status.suspended' "
                + "AND target = ?", String.class, sven.toString())).containsExactly("scim:hr-connector");
    }

    /** A PATCH from the HR connector (SCIM client "hr-connector"). */
    ScimHttp.Response scimPatch(UUID user, String body) {
        return new ScimHttp(monban.uri(), "hr-connector-token-0123456789abcdefghij").patch("/Users/" + user, body);
    }

    /** Waits until nothing is on its way to the crm, so that a failure the test asks for hits its own request. */
    void awaitCrmQuiet() {
        assertThat(eventually(Duration.ofSeconds(5), () -> jdbc.queryForObject("SELECT COUNT(*) FROM mb_outbox "
                + "WHERE target = 'crm' AND status = 'PENDING'", Integer.class) == 0)).isTrue();
    }

    List<SignedJWT> logoutTokensFor(UUID user) {
        return rp.tokens().stream().map(t -> {
            try {
                return (SignedJWT) JWTParser.parse(t);
            } catch (java.text.ParseException e) {
                throw new AssertionError(e);
            }
        }).filter(t -> {
            try {
                return user.toString().equals(t.getJWTClaimsSet().getSubject());
            } catch (java.text.ParseException e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    @Test
    void reactivationRestoresSignInButNotTheOldSessionsOrTokens() throws Exception {
        UUID remy = id("remy");
        Browser browser = new Browser(monban.uri());
        RelyingParty.SignIn before = client.signIn(browser, "remy");
        directory.setStatus(remy, UserStatus.SUSPENDED);
        assertThat(eventually(Duration.ofSeconds(2), () -> downstreamActive(downstream, "remy@example.com", false)))
                .isTrue();

        directory.setStatus(remy, UserStatus.ACTIVE);

        assertThat(client.signedIn(browser)).isFalse();
        assertThat(client.introspectActive(before.tokens().getAccessToken().getValue())).isFalse();
        assertThat(client.refresh(before.tokens().getRefreshToken()).indicatesSuccess()).isFalse();
        assertThat(client.userInfoStatus(before.tokens().getBearerAccessToken())).isEqualTo(401);
        // Signing in again works and yields working tokens.
        RelyingParty.SignIn after = client.signIn(new Browser(monban.uri()), "remy");
        assertThat(client.introspectActive(after.tokens().getAccessToken().getValue())).isTrue();
        assertThat(client.refresh(after.tokens().getRefreshToken()).indicatesSuccess()).isTrue();
        // And the downstream account is active again.
        assertThat(eventually(Duration.ofSeconds(2), () -> downstreamActive(downstream, "remy@example.com", true)))
                .isTrue();
    }

    @Test
    void downstreamErrorsAreRetriedWithGrowingPausesUntilDelivered() throws Exception {
        UUID rita = id("rita");
        awaitCrmQuiet();
        int seen = downstream.requests().size();
        downstream.failNext(2, 503);

        directory.setStatus(rita, UserStatus.DEPROVISIONED);

        assertThat(eventually(Duration.ofSeconds(5), () -> downstreamActive(downstream, "rita@example.com", false)))
                .isTrue();
        String remoteId = downstream.user("rita@example.com").orElseThrow().path("id").asString();
        List<DownstreamScimService.Request> attempts = downstream.requests().subList(seen, downstream.requests().size())
                .stream().filter(r -> r.path().endsWith(remoteId)).toList();
        assertThat(attempts).extracting(DownstreamScimService.Request::status).containsExactly(503, 503, 200);
        // Exponential backoff: 150 ms, then 300 ms (the relay may poll a little later, never earlier).
        assertThat(Duration.between(attempts.get(0).at(), attempts.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        assertThat(Duration.between(attempts.get(1).at(), attempts.get(2).at())).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        String query = "SELECT status, attempts, last_error FROM mb_outbox "
                + "WHERE channel = 'scim' AND user_id = ? AND operation = 'deactivate'";
        // The relay records the outcome just after the answer arrives.
        assertThat(eventually(Duration.ofSeconds(2),
                () -> "DELIVERED".equals(jdbc.queryForMap(query, rita).get("status")))).isTrue();
        Map<String, Object> row = jdbc.queryForMap(query, rita);
        assertThat(row.get("status")).isEqualTo("DELIVERED");
        assertThat(row.get("attempts")).isEqualTo(3);
        assertThat(row.get("last_error")).isNull();
        // Rita never signed in to the relying party: it is told anyway (it may hold a session
        // whose grant expired here), about every session of hers (no sid).
        assertThat(eventually(Duration.ofSeconds(2), () -> logoutTokensFor(rita).size() == 1)).isTrue();
        assertThat(logoutTokensFor(rita).get(0).getJWTClaimsSet().getClaim("sid")).isNull();
    }

    @Test
    void aRefusedRequestFailsAtOnceAndShowsItsErrorPerTarget() {
        awaitCrmQuiet();
        downstream.failNext(1, 400);
        directory.upsertUser(new NewUser("fred", "fred@example.com", false, "Fred", "Renamed", null, null, null,
                null, Set.of(), Set.of()));

        ProvisioningTargets targets = monban.bean(ProvisioningTargets.class);
        assertThat(eventually(Duration.ofSeconds(3), () -> targets.deliveries().stream()
                .anyMatch(s -> s.target().equals("crm") && s.failed() == 1))).isTrue();
        OutboxSummary crm = targets.deliveries().stream().filter(s -> s.target().equals("crm")).findFirst().orElseThrow();
        assertThat(crm.lastError()).contains("HTTP 400 scimType=invalidValue");
        assertThat(crm.lastErrorAt()).isPresent();
        assertThat(crm.lastError().orElseThrow()).doesNotContain(LeaverFixture.SCIM_TOKEN);
        assertThat(crm.delivered()).isGreaterThanOrEqualTo(5);
        assertThat(jdbc.queryForObject("SELECT attempts FROM mb_outbox WHERE status = 'FAILED' AND target = 'crm'",
                Integer.class)).isEqualTo(1);
        // A failed message does not hold up the next change of the same user.
        directory.upsertUser(new NewUser("fred", "fred@example.com", false, "Fred", "Again", null, null, null,
                null, Set.of(), Set.of()));
        assertThat(eventually(Duration.ofSeconds(3), () -> downstream.user("fred@example.com")
                .map(u -> u.path("name").path("familyName").asString()).orElse("").equals("Again"))).isTrue();
    }

    @Test
    void aRolledBackSuspensionEndsNothingAndQueuesNothing() {
        UUID olga = id("olga");
        Browser browser = client.signedInBrowser("olga");
        int queued = jdbc.queryForObject("SELECT COUNT(*) FROM mb_outbox", Integer.class);

        TransactionTemplate tx = monban.bean(TransactionTemplate.class);
        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            directory.setStatus(olga, UserStatus.SUSPENDED);
            throw new IllegalStateException("the change is abandoned");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(directory.findByLogin("olga").orElseThrow().getStatus()).isEqualTo(UserStatus.ACTIVE);
        assertThat(client.signedIn(browser)).isTrue();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM mb_outbox", Integer.class)).isEqualTo(queued);
        assertThat(jdbc.queryForList("SELECT action FROM mb_audit_event WHERE target = ?", String.class,
                olga.toString())).doesNotContain("user.status.suspended", "sessions.ended");
        assertThat(downstreamActive(downstream, "olga@example.com", true)).isTrue();
    }

    @Test
    void leavingTheAssignedGroupDeactivatesTheDownstreamAccountOnly() {
        directory.upsertUser(new NewUser("gina", "gina@example.com", false, null, null, null, null, null, null,
                Set.of(), Set.of()));
        assertThat(eventually(Duration.ofSeconds(3), () -> downstreamActive(downstream, "gina@example.com", false)))
                .isTrue();
        // Still a user of Monban: only the application's account closed.
        assertThat(client.signedInBrowser("gina")).isNotNull();
    }

    @Test
    void aGrantRevokedWhileARefreshWasUnderWayIsNotWrittenBack() throws Exception {
        UUID hugo = id("hugo");
        RelyingParty.SignIn signIn = client.signIn(new Browser(monban.uri()), "hugo");
        OAuth2AuthorizationService authorizations = monban.bean(OAuth2AuthorizationService.class);
        // A refresh request read the grant ...
        OAuth2Authorization read = authorizations.findByToken(signIn.tokens().getRefreshToken().getValue(),
                OAuth2TokenType.REFRESH_TOKEN);
        assertThat(read).isNotNull();
        // ... the user is suspended meanwhile ...
        directory.setStatus(hugo, UserStatus.SUSPENDED);
        // ... and the refresh tries to store the grant with its new tokens.
        Instant now = Instant.now();
        OAuth2Authorization refreshed = OAuth2Authorization.from(read)
                .token(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "new-access-token", now,
                        now.plusSeconds(300)))
                .refreshToken(new OAuth2RefreshToken("new-refresh-token", now, now.plusSeconds(3600))).build();
        assertThatThrownBy(() -> authorizations.save(refreshed)).isInstanceOf(OAuth2AuthenticationException.class)
                .satisfies(e -> assertThat(((OAuth2AuthenticationException) e).getError().getErrorCode())
                        .isEqualTo("invalid_grant"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM oauth2_authorization WHERE principal_name = ?",
                Integer.class, hugo.toString())).isZero();
        assertThat(client.refresh(new com.nimbusds.oauth2.sdk.token.RefreshToken("new-refresh-token"))
                .indicatesSuccess()).isFalse();
    }

    /**
     * Deletion is published by the SCIM server and the console (other branches) as
     * {@code UserDeprovisioned} with {@code deleted}; here the event is published as they do, in
     * a transaction, to check what this side does with it.
     */
    @Test
    void aDeletedUserIsDeletedDownstreamAndSignedOut() {
        UUID dora = id("dora");
        Browser browser = client.signedInBrowser("dora");
        monban.bean(TransactionTemplate.class).executeWithoutResult(status -> monban.publish(
                new UserDeprovisioned(dora, UserStatus.DEPROVISIONED, true, Instant.now())));
        assertThat(eventually(Duration.ofSeconds(2), () -> downstream.user("dora@example.com").isEmpty())).isTrue();
        assertThat(client.signedIn(browser)).isFalse();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM mb_provisioning_link WHERE user_id = ?", Integer.class,
                dora)).isZero();
        assertThat(downstream.requests()).filteredOn(r -> r.method().equals("DELETE")).hasSize(1);
    }

    @Test
    void signingOutTellsTheRelyingPartiesOfThatSessionOnly() throws Exception {
        UUID ivy = id("ivy");
        Browser browser = new Browser(monban.uri());
        RelyingParty.SignIn here = client.signIn(browser, "ivy");
        Browser elsewhere = new Browser(monban.uri());
        client.signIn(elsewhere, "ivy");
        String sid = here.tokens().getIDToken().getJWTClaimsSet().getStringClaim("sid");
        int before = logoutTokensFor(ivy).size();

        HttpResponse<String> home = browser.follow(monban.uri().resolve("/"));
        browser.post(monban.uri().resolve("/logout"), Map.of("_csrf", Browser.csrf(home.body())));

        assertThat(client.signedIn(browser)).isFalse();
        assertThat(eventually(Duration.ofSeconds(2), () -> logoutTokensFor(ivy).size() > before)).isTrue();
        List<SignedJWT> tokens = logoutTokensFor(ivy);
        assertThat(tokens).hasSize(before + 1);
        assertThat(tokens.get(before).getJWTClaimsSet().getStringClaim("sid")).isEqualTo(sid);
        // The other session, and its tokens, go on.
        assertThat(client.signedIn(elsewhere)).isTrue();
    }

    @Test
    void anRpInitiatedLogoutTellsTheOtherRelyingPartiesOfTheSession() throws Exception {
        UUID ivy = id("ivy");
        Browser browser = new Browser(monban.uri());
        RelyingParty.SignIn atRp = client.signIn(browser, "ivy");
        RelyingParty.SignIn atPlain = client.signIn(browser, "ivy", LeaverFixture.PLAIN_APP,
                LeaverFixture.PLAIN_APP_AUTH);
        String sid = atRp.tokens().getIDToken().getJWTClaimsSet().getStringClaim("sid");
        int before = logoutTokensFor(ivy).size();

        browser.follow(new com.nimbusds.openid.connect.sdk.LogoutRequest(client.provider().getEndSessionEndpointURI(),
                atPlain.tokens().getIDToken()).toURI());

        assertThat(client.signedIn(browser)).isFalse();
        assertThat(eventually(Duration.ofSeconds(2), () -> logoutTokensFor(ivy).size() == before + 1)).isTrue();
        assertThat(logoutTokensFor(ivy).get(before).getJWTClaimsSet().getStringClaim("sid")).isEqualTo(sid);
    }

    @Test
    void administratorsReadDeliveriesPerApplicationOthersCannot() throws Exception {
        URI deliveries = monban.uri().resolve("/admin/deliveries");
        HttpResponse<String> anonymous = new Browser(monban.uri()).getJson(deliveries);
        assertThat(anonymous.statusCode()).isNotEqualTo(200);
        assertThat(anonymous.body()).doesNotContain("crm");
        HttpResponse<String> notAdmin = client.signedInBrowser("fred").getJson(deliveries);
        assertThat(notAdmin.statusCode()).isEqualTo(403);
        assertThat(notAdmin.body()).doesNotContain("crm");

        // Administrators always have a second factor: set up right after the password.
        Browser adele = new Browser(monban.uri());
        HttpResponse<String> setUp = adele.signIn(adele.follow(deliveries), "adele",
                LeaverFixture.PASSWORDS.get("adele"));
        Matcher secret = Pattern.compile("id=\"totp-secret\">([A-Z2-7]+)<").matcher(setUp.body());
        assertThat(secret.find()).as("set-up page shows the secret").isTrue();
        HttpResponse<String> codes = adele.post(monban.uri().resolve("/account/totp"),
                Map.of("code", oathtool(secret.group(1)), "_csrf", Browser.csrf(setUp.body())));
        Matcher next = Pattern.compile("href=\"([^\"]+)\" id=\"recovery-continue\"").matcher(codes.body());
        assertThat(next.find()).isTrue();
        adele.follow(monban.uri().resolve(next.group(1).replace("&amp;", "&")));

        HttpResponse<String> answer = adele.getJson(deliveries);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(answer.body()).doesNotContain(LeaverFixture.SCIM_TOKEN);
        JsonNode crm = null;
        for (JsonNode entry : JsonMapper.builder().build().readTree(answer.body())) {
            if (entry.path("channel").asString().equals("scim") && entry.path("target").asString().equals("crm")) {
                crm = entry;
            }
        }
        assertThat(crm).as(answer.body()).isNotNull();
        assertThat(crm.path("delivered").asLong()).isGreaterThanOrEqualTo(7);
        assertThat(crm.has("pending")).isTrue();
        assertThat(crm.has("failed")).isTrue();
    }

    static String oathtool(String secret) throws Exception {
        Process process = new ProcessBuilder("oathtool", "--totp", "-b", secret).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).trim();
        assertThat(process.waitFor()).as(out).isZero();
        return out;
    }

    @Test
    void anApplicationThatStallsDoesNotHoldUpTheOthers() {
        ProvisioningTargets targets = monban.bean(ProvisioningTargets.class);
        try (DownstreamScimService stalled = new DownstreamScimService(TestServers.freePort(),
                LeaverFixture.SCIM_TOKEN).start()) {
            stalled.stall(true);
            ProvisioningTargetSpec wiki = new ProvisioningTargetSpec("wiki", "plain-app", stalled.baseUrl(),
                    "wiki-bearer-token-0123456789", Map.of(), List.of("fred", "ivy"), List.of(), true);
            targets.upsert(wiki);
            assertThat(eventually(Duration.ofSeconds(2), () -> stalled.received() >= 2))
                    .as("the wiki's deliveries are under way").isTrue();

            directory.upsertUser(new NewUser("fred", "fred@example.com", false, "Fred", "Meanwhile", null, null, null,
                    null, Set.of(), Set.of()));

            assertThat(eventually(Duration.ofSeconds(1), () -> downstream.user("fred@example.com")
                    .map(u -> u.path("name").path("familyName").asString()).orElse("").equals("Meanwhile")))
                    .as("the crm got the change while the wiki stalled").isTrue();
            // Stop queuing to the wiki; what is queued fails instead of being retried for ever.
            targets.upsert(new ProvisioningTargetSpec("wiki", "plain-app", stalled.baseUrl(), null, Map.of(),
                    List.of("fred", "ivy"), List.of(), false));
        }
    }

    @Test
    void aTargetProvisionsItsAssignedGroupAndClosesTheAccountsOfAGroupItDrops() {
        ProvisioningTargets targets = monban.bean(ProvisioningTargets.class);
        try (DownstreamScimService hr = new DownstreamScimService(TestServers.freePort(), "hr-bearer-token-0123456789")
                .start()) {
            Map<String, String> mapping = Map.of("userName", "username", "displayName", "displayName");
            targets.upsert(new ProvisioningTargetSpec("hr", "plain-app", hr.baseUrl(), "hr-bearer-token-0123456789",
                    mapping, List.of(), List.of("contractors"), true));
            assertThat(eventually(Duration.ofSeconds(3), () -> downstreamActive(hr, "olga", true))).isTrue();
            assertThat(hr.user("olga").orElseThrow().has("emails")).as("only what the mapping names").isFalse();
            assertThat(hr.user("lena")).as("not a contractor").isEmpty();

            targets.upsert(new ProvisioningTargetSpec("hr", "plain-app", hr.baseUrl(), null, mapping, List.of(),
                    List.of(), true));

            assertThat(eventually(Duration.ofSeconds(3), () -> downstreamActive(hr, "olga", false))).isTrue();
            assertThat(jdbc.queryForList("SELECT action FROM mb_audit_event WHERE target = 'hr' ORDER BY id",
                    String.class)).containsExactly("provisioning-target.created", "provisioning-target.updated");
        }
    }

    @Test
    void anExistingAccountIsAdoptedAndOneDeletedDownstreamIsMadeAgain() {
        ProvisioningTargets targets = monban.bean(ProvisioningTargets.class);
        try (DownstreamScimService ops = new DownstreamScimService(TestServers.freePort(), "ops-bearer-token-0123456789")
                .start()) {
            String existing = ops.addAccount("olga@example.com");
            Map<String, String> mapping = Map.of("userName", "email", "name.familyName", "familyName");
            targets.upsert(new ProvisioningTargetSpec("ops", "plain-app", ops.baseUrl(), "ops-bearer-token-0123456789",
                    mapping, List.of("olga"), List.of(), true));
            assertThat(eventually(Duration.ofSeconds(3), () -> ops.requests().stream()
                    .anyMatch(r -> r.method().equals("PUT") && r.status() == 200))).isTrue();
            // Found by userName and updated: one account, the application's own id, no creation.
            assertThat(ops.user("olga@example.com").orElseThrow().path("id").asString()).isEqualTo(existing);
            assertThat(ops.requests()).noneMatch(r -> r.method().equals("POST"));

            ops.removeAccount("olga@example.com");
            directory.upsertUser(new NewUser("olga", "olga@example.com", false, null, "Again", null, null, null, null,
                    Set.of("staff", "contractors"), Set.of()));

            assertThat(eventually(Duration.ofSeconds(3), () -> ops.user("olga@example.com")
                    .map(u -> u.path("name").path("familyName").asString()).orElse("").equals("Again"))).isTrue();
            String recreated = ops.user("olga@example.com").orElseThrow().path("id").asString();
            assertThat(recreated).isNotEqualTo(existing);
            UUID olga = id("olga");
            assertThat(eventually(Duration.ofSeconds(2), () -> jdbc.queryForList(
                    "SELECT l.remote_id FROM mb_provisioning_link l JOIN mb_provisioning_target t ON t.id = l.target_id "
                            + "WHERE t.name = 'ops' AND l.user_id = ?", String.class, olga).equals(List.of(recreated))))
                    .isTrue();
        }
    }

    @Test
    void discoveryAdvertisesBackChannelLogoutWithSessions() {
        assertThat(client.provider().supportsBackChannelLogout()).isTrue();
        assertThat(client.provider().supportsBackChannelLogoutSession()).isTrue();
    }

    @Test
    void theDownstreamBearerTokenIsStoredEncrypted() {
        String stored = jdbc.queryForObject("SELECT token_enc FROM mb_provisioning_target WHERE name = 'crm'",
                String.class);
        assertThat(stored).startsWith("v1.").doesNotContain(LeaverFixture.SCIM_TOKEN);
        // Applying the same file again changes nothing: no new messages, the same sealed token (fred
        // is left out: another test renames him, which the file undoes).
        UUID fred = id("fred");
        String count = "SELECT COUNT(*) FROM mb_outbox WHERE user_id <> ?";
        int queued = jdbc.queryForObject(count, Integer.class, fred);
        monban.bean(BootstrapLoader.class).apply(Path.of(monban.bean(
                io.monban.idp.bootstrap.BootstrapProperties.class).file()));
        assertThat(jdbc.queryForObject("SELECT token_enc FROM mb_provisioning_target WHERE name = 'crm'",
                String.class)).isEqualTo(stored);
        assertThat(jdbc.queryForObject(count, Integer.class, fred)).isEqualTo(queued);
    }

    @Test
    void invalidProvisioningTargetsAreRefusedWithKeyAndReasonAndNothingIsApplied() throws Exception {
        Path bad = Files.createTempFile("bad-targets", ".yaml");
        Files.writeString(bad, """
                provisioningTargets:
                  - name: crm2
                    application: rp-app
                    baseUrl: http://scim.example.com/v2
                    groups: [nope]
                    users: [nobody]
                    attributeMapping:
                      active: username
                      displayName: salary
                  - name: crm2
                    application: rp-app
                    baseUrl: https://scim.example.com/v2
                    token: short
                """);
        assertThatThrownBy(() -> monban.bean(BootstrapLoader.class).apply(bad))
                .isInstanceOf(BootstrapException.class)
                .hasMessageContaining("provisioningTargets[0].baseUrl: must use https (plain http only to localhost)")
                .hasMessageContaining("provisioningTargets[0].token: required")
                .hasMessageContaining("provisioningTargets[0].groups: unknown group nope")
                .hasMessageContaining("provisioningTargets[0].users: unknown user nobody")
                .hasMessageContaining("provisioningTargets[0].attributeMapping: userName must be mapped")
                .hasMessageContaining("provisioningTargets[0].attributeMapping.active: set by Monban itself")
                .hasMessageContaining("provisioningTargets[0].attributeMapping.displayName: unknown Monban attribute salary")
                .hasMessageContaining("provisioningTargets[1].name: duplicate provisioning target crm2")
                .hasMessageContaining("provisioningTargets[1].token: at least 16 characters");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM mb_provisioning_target WHERE name = 'crm2'",
                Integer.class)).isZero();
    }
}
