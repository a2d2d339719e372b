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
import io.monban.idp.MonbanApplication;
import io.monban.idp.testsupport.HeadlessChromium;
import io.monban.idp.testsupport.TestDatabases;
import io.monban.idp.testsupport.TestServers;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import io.monban.core.policy.MfaPolicyService;
import io.monban.core.policy.MfaRequirement;
import io.monban.core.policy.SecondFactorKind;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.Credential;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * WebAuthn end to end in real headless Chromium with Chrome's virtual authenticator: security key
 * as second factor, passkey without password, an authenticator Monban never saw, a cloned key,
 * and answers tampered with after the authenticator signed them.
 */
@SpringBootTest(classes = MonbanApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class WebAuthnBrowserIT {

    static final int PORT = TestServers.freePort();
    static final String BASE = "http://localhost:" + PORT;
    static final ClientID KEY_APP = new ClientID("key-app");
    static final URI CALLBACK = URI.create("http://localhost:9999/cb");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestServers.configure(registry, "localhost", PORT, "bootstrap-webauthn-it.yaml");
        TestDatabases.h2(registry);
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MfaPolicyService policy;

    ChromeDriver driver;
    VirtualAuthenticator authenticator;

    /** Members of "finance" must use a second factor; passkeys may sign in. */
    @BeforeEach
    void policy() {
        policy.replace(policy(Duration.ofMinutes(15), true));
    }

    static MfaRequirement policy(Duration stepUpLifetime, boolean passkeySignIn) {
        return new MfaRequirement(false, Set.of("finance"), Set.of(), stepUpLifetime, 0, passkeySignIn,
                Set.of(SecondFactorKind.TOTP, SecondFactorKind.WEBAUTHN));
    }

    @BeforeEach
    void browser() {
        driver = HeadlessChromium.start();
        authenticator = newAuthenticator();
    }

    @AfterEach
    void close() {
        driver.quit();
    }

    VirtualAuthenticator newAuthenticator() {
        return driver.addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.USB)
                .setHasResidentKey(true).setHasUserVerification(true).setIsUserVerified(true)
                .setIsUserConsenting(true));
    }

    @Test
    void securityKeyIsTheSecondFactorAfterThePasswordAndShowsInAmr() throws Exception {
        signInWithPassword("wanda", "lantern-orchid-basalt-42-fjord");
        waitForPath("/");
        register(false, "YubiKey 5");
        assertThat(jdbc.queryForMap("SELECT label, discoverable, sign_count FROM mb_webauthn_credential c "
                + "JOIN mb_user u ON u.id = c.user_id WHERE u.username = 'wanda'"))
                .containsEntry("LABEL", "YubiKey 5").containsEntry("DISCOVERABLE", false);

        signOut();
        signInWithPassword("wanda", "lantern-orchid-basalt-42-fjord");
        waitForPath(SecondFactorAuthorization.CHALLENGE_PATH);
        driver.get(BASE + "/account");
        assertThat(path()).as("the password alone reaches nothing").isEqualTo(SecondFactorAuthorization.CHALLENGE_PATH);
        driver.findElement(By.id("use-key")).click();
        waitForPath("/account");

        IDTokenClaimsSet idToken = oidcSignIn("&acr_values=urn:monban:loa:2");
        assertThat(idToken.getStringListClaim("amr")).containsExactlyInAnyOrder("pwd", "hwk", "mfa");
        assertThat(idToken.getStringClaim("acr")).isEqualTo("urn:monban:loa:2");
        assertThat(audit("signin.webauthn", "SUCCESS")).isEqualTo(1);

        // The key's last use is shown with its time zone, and converted to the browser's by the page's script.
        driver.get(BASE + SecondFactorAuthorization.WEBAUTHN_PATH);
        var lastUsed = driver.findElement(By.cssSelector("time.key-last-used"));
        assertThat(lastUsed.getAttribute("datetime")).matches(".*T.*([+-]\\d{2}:\\d{2}|Z)");
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> !lastUsed.getAttribute("title").isEmpty());
        assertThat(lastUsed.getAttribute("title")).containsPattern("UTC[+-]\\d{2}:\\d{2}");
        assertThat(lastUsed.getText()).isNotBlank().isNotEqualTo(lastUsed.getAttribute("title"));
    }

    @Test
    void residentPasskeySignsInWithoutPassword() throws Exception {
        signInWithPassword("paul", "meadow-copper-violin-58-tide");
        waitForPath("/");
        register(true, "Laptop passkey");
        assertThat(jdbc.queryForObject("SELECT discoverable FROM mb_webauthn_credential c JOIN mb_user u "
                + "ON u.id = c.user_id WHERE u.username = 'paul'", Boolean.class)).isTrue();
        signOut();

        driver.get(BASE + "/login");
        driver.findElement(By.id("passkey-sign-in")).click();
        waitForPath("/");
        driver.get(BASE + "/account");
        assertThat(driver.findElement(By.id("account-name")).getText()).isEqualTo("Paul Passkey");

        IDTokenClaimsSet idToken = oidcSignIn("&acr_values=urn:monban:loa:2");
        assertThat(idToken.getStringListClaim("amr")).containsExactlyInAnyOrder("hwk", "user", "mfa");
        assertThat(idToken.getStringClaim("acr")).isEqualTo("urn:monban:loa:2");
    }

    @Test
    void anAuthenticatorNeverRegisteredIsRefused() throws Exception {
        // A passkey for this site that Monban never registered, claiming to be a real user.
        UUID paul = UUID.fromString(jdbc.queryForObject("SELECT id FROM mb_user WHERE username = 'paul'", String.class));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        byte[] id = UUID.randomUUID().toString().getBytes();
        authenticator.addCredential(Credential.createResidentCredential(id, "localhost",
                new PKCS8EncodedKeySpec(generator.generateKeyPair().getPrivate().getEncoded()),
                ByteBuffer.allocate(16).putLong(paul.getMostSignificantBits()).putLong(paul.getLeastSignificantBits()).array(),
                0));
        int failuresBefore = audit("signin.passkey", "FAILURE");

        driver.get(BASE + "/login");
        driver.findElement(By.id("passkey-sign-in")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("passkeyError="));
        assertThat(driver.getCurrentUrl()).endsWith("passkeyError=unknown-credential");
        assertThat(driver.findElement(By.id("passkey-error")).getText()).isNotBlank();
        driver.get(BASE + "/account");
        assertThat(path()).isEqualTo("/login");
        assertThat(audit("signin.passkey", "FAILURE")).isEqualTo(failuresBefore + 1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM mb_webauthn_credential WHERE credential_id = ?",
                Integer.class, java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(id))).isZero();
    }

    @Test
    void aCounterGoingBackwardsMarksTheKeyClonedAndRefusesIt() {
        signInWithPassword("carl", "pebble-saffron-glacier-64-reef");
        waitForPath("/");
        register(true, "Key");
        signOut();
        driver.get(BASE + "/login");
        driver.findElement(By.id("passkey-sign-in")).click();
        waitForPath("/");
        signOut();

        // A copy of the key whose counter lags behind the original's.
        Credential original = authenticator.getCredentials().get(0);
        assertThat(original.getSignCount()).isPositive();
        authenticator.removeAllCredentials();
        authenticator.addCredential(Credential.createResidentCredential(original.getId(), original.getRpId(),
                original.getPrivateKey(), original.getUserHandle(), 0));

        driver.get(BASE + "/login");
        driver.findElement(By.id("passkey-sign-in")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("passkeyError="));
        assertThat(driver.getCurrentUrl()).endsWith("passkeyError=cloned");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM mb_webauthn_credential c JOIN mb_user u "
                + "ON u.id = c.user_id WHERE u.username = 'carl' AND c.cloned_at IS NOT NULL", Integer.class)).isOne();
        assertThat(audit("mfa.webauthn.cloned", "FAILURE")).isOne();

        // Once marked, even the original with a higher counter is refused.
        authenticator.removeAllCredentials();
        authenticator.addCredential(Credential.createResidentCredential(original.getId(), original.getRpId(),
                original.getPrivateKey(), original.getUserHandle(), 1000));
        driver.get(BASE + "/login");
        driver.findElement(By.id("passkey-sign-in")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("passkeyError="));
        assertThat(driver.getCurrentUrl()).endsWith("passkeyError=cloned");
    }

    @Test
    void answersTamperedAfterSigningAreRefusedChangeNothingAndCountTowardsTheLockout() {
        signInWithPassword("sam", "thistle-cobalt-prairie-81-dune");
        waitForPath("/");
        register(false, "Key");
        signOut();
        signInWithPassword("sam", "thistle-cobalt-prairie-81-dune");
        waitForPath(SecondFactorAuthorization.CHALLENGE_PATH);
        long count = signCount("sam");

        assertRefused("otherChallenge", "challenge");
        assertRefused("origin", "origin");
        assertRefused("rpId", "rp-id");
        assertRefused("authenticatorData", "signature");
        assertThat(signCount("sam")).as("nothing changed").isEqualTo(count);
        driver.get(BASE + "/account");
        assertThat(path()).as("still only half signed in").isEqualTo(SecondFactorAuthorization.CHALLENGE_PATH);

        // The fifth refusal reaches the lockout, which ends the half-finished sign-in.
        Map<String, Object> fifth = tamper("unknownCredential");
        assertThat(fifth).containsEntry("status", 400L);
        assertThat((String) fifth.get("body")).contains("\"error\":\"unknown-credential\"").contains("/login?locked");
        driver.get(BASE + "/account");
        assertThat(path()).isEqualTo("/login");
        assertThat(audit("signin.webauthn", "FAILURE")).isGreaterThanOrEqualTo(5);
    }

    @Test
    void passkeySignInCanBeSwitchedOffByPolicy() {
        policy.replace(policy(Duration.ofMinutes(15), false));
        driver.get(BASE + "/login");
        driver.findElement(By.id("passkey-sign-in")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("passkeyError="));
        assertThat(driver.getCurrentUrl()).endsWith("passkeyError=passkey-sign-in-disabled");
    }

    @Test
    void aUserWhoMustUseASecondFactorCanSetUpAKeyRightAfterThePassword() throws Exception {
        signInWithPassword("fiona", "saddle-indigo-lagoon-35-mint");
        waitForPath(SecondFactorAuthorization.ENROLMENT_PATH);
        driver.get(BASE + "/account");
        assertThat(path()).as("nothing else before a second factor exists").isEqualTo(SecondFactorAuthorization.ENROLMENT_PATH);
        // The set-up page itself offers keys (no detour to the keys page).
        driver.findElement(By.id("key-label")).sendKeys("Finance key");
        driver.findElement(By.id("add-key")).click();
        waitForPath("/account");
        assertThat(keys("fiona")).as("and the sign-in went on where it was going").isOne();
        IDTokenClaimsSet idToken = oidcSignIn("");
        assertThat(idToken.getStringListClaim("amr")).containsExactlyInAnyOrder("pwd", "hwk", "mfa");
    }

    @Test
    void aUserRequiredToHaveAFactorSetsUpAKeyOnTheSetUpPageAndLandsBackAtTheApplication() throws Exception {
        OIDCProviderMetadata provider = OIDCProviderMetadata.resolve(new Issuer(BASE));
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        URI request = new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid", "profile"), KEY_APP,
                CALLBACK).endpointURI(provider.getAuthorizationEndpointURI()).state(new State()).nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256).build().toURI();
        driver.get(request.toString());
        driver.findElement(By.id("username")).sendKeys("gina");
        driver.findElement(By.id("password")).sendKeys("copper-lagoon-thistle-26-ember");
        driver.findElement(By.cssSelector("#login-form button[type=submit]")).click();
        waitForPath(SecondFactorAuthorization.ENROLMENT_PATH);
        assertThat(driver.findElement(By.id("setup-why")).isDisplayed()).isTrue();
        assertThat(driver.findElements(By.id("setup-sign-out"))).hasSize(1);
        assertThat(driver.findElements(By.id("setup-totp"))).hasSize(1);
        driver.findElement(By.id("key-label")).sendKeys("Gina's key");
        try {
            driver.findElement(By.id("add-key")).click();
        } catch (org.openqa.selenium.WebDriverException nothingListensAtTheClient) {
            // The redirect to the client is all this test needs: its URL carries the code.
        }
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("localhost:9999/cb"));
        var success = AuthenticationResponseParser.parse(URI.create(driver.getCurrentUrl())).toSuccessResponse();
        assertThat(success.getAuthorizationCode()).isNotNull();
        assertThat(keys("gina")).isOne();
    }

    @Test
    void addingOrRemovingKeysTakesARecentSecondFactorAndTamperedRegistrationsAreRefused() {
        signInWithPassword("rita", "falcon-amber-thicket-92-wren");
        waitForPath("/");
        driver.get(BASE + SecondFactorAuthorization.WEBAUTHN_PATH);
        @SuppressWarnings("unchecked")
        Map<String, Object> forged = (Map<String, Object>) driver.executeAsyncScript(FORGED_REGISTRATION);
        assertThat(forged).containsEntry("status", 400L);
        assertThat((String) forged.get("body")).contains("\"error\":\"origin\"");
        assertThat(keys("rita")).isZero();
        assertThat(audit("mfa.webauthn.registered", "FAILURE")).isPositive();

        register(false, "First key");
        policy.replace(policy(Duration.ofSeconds(1), true));
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> {
            d.get(BASE + SecondFactorAuthorization.WEBAUTHN_PATH);
            return SecondFactorAuthorization.CHALLENGE_PATH.equals(path());
        });
        policy.replace(policy(Duration.ofMinutes(15), true));
        driver.findElement(By.id("use-key")).click();
        waitForPath(SecondFactorAuthorization.WEBAUTHN_PATH);
        driver.findElement(By.cssSelector("form.key-remove button")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("removed"));
        assertThat(keys("rita")).isZero();
        assertThat(audit("mfa.webauthn.removed", "SUCCESS")).isOne();
    }

    static final String FORGED_REGISTRATION = """
            const done = arguments[arguments.length - 1];
            const headers = {'Content-Type': 'application/json'};
            headers[document.querySelector('meta[name="_csrf_header"]').content] =
                document.querySelector('meta[name="_csrf"]').content;
            const post = (url, body) => fetch(url, {method: 'POST', headers, body, credentials: 'same-origin'});
            const dec = s => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((s.length + 3) % 4)), c => c.charCodeAt(0));
            const enc = a => btoa(String.fromCharCode(...new Uint8Array(a))).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
            (async () => {
              const options = await (await post('/account/webauthn/options?passkey=false', '{}')).json();
              const credential = await navigator.credentials.create({publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options)});
              const answer = credential.toJSON();
              const clientData = JSON.parse(new TextDecoder().decode(dec(answer.response.clientDataJSON)));
              clientData.origin = 'https://evil.example';
              answer.response.clientDataJSON = enc(new TextEncoder().encode(JSON.stringify(clientData)));
              const response = await post('/account/webauthn?label=forged', JSON.stringify(answer));
              done({status: response.status, body: await response.text()});
            })().catch(e => done({status: -1, body: String(e)}));
            """;

    int keys(String username) {
        return jdbc.queryForObject("SELECT count(*) FROM mb_webauthn_credential c JOIN mb_user u "
                + "ON u.id = c.user_id WHERE u.username = ?", Integer.class, username);
    }

    void assertRefused(String attack, String reason) {
        Map<String, Object> result = tamper(attack);
        assertThat(result).as(attack).containsEntry("status", 400L);
        assertThat((String) result.get("body")).as(attack).contains("\"error\":\"" + reason + "\"");
    }

    /** Runs the second-factor ceremony in the page, tampers with the signed answer, posts it. */
    @SuppressWarnings("unchecked")
    Map<String, Object> tamper(String attack) {
        return (Map<String, Object>) driver.executeAsyncScript(TAMPER, attack);
    }

    static final String TAMPER = """
            const attack = arguments[0], done = arguments[arguments.length - 1];
            const headers = {'Content-Type': 'application/json'};
            headers[document.querySelector('meta[name="_csrf_header"]').content] =
                document.querySelector('meta[name="_csrf"]').content;
            const post = (url, body) => fetch(url, {method: 'POST', headers, body, credentials: 'same-origin'});
            const dec = s => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((s.length + 3) % 4)), c => c.charCodeAt(0));
            const enc = a => btoa(String.fromCharCode(...new Uint8Array(a))).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
            (async () => {
              const options = await (await post('/login/second-factor/webauthn/options', '{}')).json();
              if (attack === 'otherChallenge') {
                await post('/login/second-factor/webauthn/options', '{}');
              }
              const credential = await navigator.credentials.get({publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options)});
              const answer = credential.toJSON();
              if (attack === 'origin') {
                const clientData = JSON.parse(new TextDecoder().decode(dec(answer.response.clientDataJSON)));
                clientData.origin = 'https://evil.example';
                answer.response.clientDataJSON = enc(new TextEncoder().encode(JSON.stringify(clientData)));
              } else if (attack === 'rpId') {
                const data = dec(answer.response.authenticatorData);
                data.set(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode('evil.example'))), 0);
                answer.response.authenticatorData = enc(data);
              } else if (attack === 'authenticatorData') {
                const data = dec(answer.response.authenticatorData);
                data[data.length - 1] ^= 0x01;
                answer.response.authenticatorData = enc(data);
              } else if (attack === 'unknownCredential') {
                answer.id = answer.rawId = enc(crypto.getRandomValues(new Uint8Array(32)));
              }
              const response = await post('/login/second-factor/webauthn', JSON.stringify(answer));
              done({status: response.status, body: await response.text()});
            })().catch(e => done({status: -1, body: String(e)}));
            """;

    void signInWithPassword(String username, String password) {
        driver.get(BASE + "/login");
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("#login-form button[type=submit]")).click();
    }

    void register(boolean passkey, String label) {
        driver.get(BASE + "/account/webauthn");
        driver.findElement(By.id("key-label")).sendKeys(label);
        driver.findElement(By.id(passkey ? "add-passkey" : "add-key")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("added"));
        assertThat(driver.findElements(By.cssSelector("#keys .key-label")).stream().map(e -> e.getText()).toList())
                .contains(label);
    }

    void signOut() {
        driver.get(BASE + "/account");
        driver.findElement(By.cssSelector("form[action$='/logout'] button")).click();
        waitForPath("/logged-out");
    }

    IDTokenClaimsSet oidcSignIn(String extra) throws Exception {
        OIDCProviderMetadata provider = OIDCProviderMetadata.resolve(new Issuer(BASE));
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        URI request = new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid", "profile"), KEY_APP,
                CALLBACK).endpointURI(provider.getAuthorizationEndpointURI()).state(new State()).nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256).build().toURI();
        try {
            driver.get(request + extra);
        } catch (org.openqa.selenium.WebDriverException nothingListensAtTheClient) {
            // The redirect to the client is all this test needs: its URL carries the code.
        }
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("localhost:9999/cb"));
        var success = AuthenticationResponseParser.parse(URI.create(driver.getCurrentUrl())).toSuccessResponse();
        var tokens = ((OIDCTokenResponse) OIDCTokenResponseParser.parse(new TokenRequest(
                provider.getTokenEndpointURI(), new ClientSecretBasic(KEY_APP,
                new Secret("key-app-secret-0123456789abcdefghijklmnop")),
                new AuthorizationCodeGrant(success.getAuthorizationCode(), CALLBACK, verifier))
                .toHTTPRequest().send()).toSuccessResponse()).getOIDCTokens();
        return new IDTokenValidator(provider.getIssuer(), KEY_APP, JWSAlgorithm.RS256,
                provider.getJWKSetURI().toURL()).validate(tokens.getIDToken(), nonce);
    }

    void waitForPath(String path) {
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> path.equals(path()));
    }

    String path() {
        return URI.create(driver.getCurrentUrl()).getPath();
    }

    long signCount(String username) {
        return jdbc.queryForObject("SELECT sign_count FROM mb_webauthn_credential c JOIN mb_user u "
                + "ON u.id = c.user_id WHERE u.username = ?", Long.class, username);
    }

    int audit(String action, String outcome) {
        return jdbc.queryForObject("SELECT count(*) FROM mb_audit_event WHERE action = ? AND outcome = ?",
                Integer.class, action, outcome);
    }
}
