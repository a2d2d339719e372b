package io.monban.idp.saml;

import static org.assertj.core.api.Assertions.assertThat;

import io.monban.core.crypto.SigningAlgorithm;
import io.monban.core.crypto.SigningKeyService;
import io.monban.core.directory.DirectoryService;
import io.monban.core.directory.UserStatus;
import io.monban.idp.MonbanApplication;
import io.monban.idp.testsupport.Browser;
import io.monban.idp.testsupport.TestDatabases;
import io.monban.idp.testsupport.TestServers;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensaml.saml.saml2.core.AuthnContextComparisonTypeEnumeration;
import org.opensaml.saml.saml2.core.AuthnRequest;
import org.opensaml.saml.saml2.core.Extensions;
import org.opensaml.saml.saml2.core.LogoutResponse;
import org.opensaml.saml.common.SAMLVersion;
import org.opensaml.saml.saml2.core.Issuer;
import org.opensaml.saml.saml2.core.StatusCode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The SAML IdP over real HTTP against a real database: SSO and SLO with an independent SP
 * (pysaml2 + xmlsec1), and every refused message with its refusal and the absence of any change.
 */
@SpringBootTest(classes = MonbanApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class SamlIdpIT {

    static final int PORT = TestServers.freePort();
    static final URI SERVER = URI.create("http://127.0.0.1:" + PORT);
    static final String SSO = SERVER + "/saml2/sso";
    static final String ALICE_PASSWORD = "violet-harbor-cactus-91-lantern";
    static final String PLAIN = "https://plain.example.test";
    static final Pattern ACTION = Pattern.compile("<form id=\"saml-post\" method=\"post\" action=\"([^\"]+)\"");
    static final Pattern FIELD = Pattern.compile("name=\"(SAMLResponse|SAMLRequest|RelayState)\" value=\"([^\"]*)\"");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestServers.configure(registry, PORT, "bootstrap-saml-it.yaml");
        TestDatabases.h2(registry);
        // A new key is published this long before it signs (key rollover).
        registry.add("monban.crypto.keys.pre-publish", () -> "1h");
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DirectoryService directory;
    @Autowired
    SigningKeyService signingKeys;
    @Autowired
    SamlKeys samlKeys;

    static PySaml2Sp sp;
    static PySaml2Sp encryptedSp;
    final HttpClient noCookies = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void interopSps() throws Exception {
        if (sp == null) {
            sp = new PySaml2Sp("https://sp.example.test", SERVER.resolve("/saml2/metadata"));
            encryptedSp = new PySaml2Sp("https://sp-enc.example.test", SERVER.resolve("/saml2/metadata"));
        }
    }

    record Form(String action, Map<String, String> fields) {
        String value() {
            return fields.containsKey("SAMLResponse") ? fields.get("SAMLResponse") : fields.get("SAMLRequest");
        }

        String xml() {
            return new String(Base64.getDecoder().decode(value()), StandardCharsets.UTF_8);
        }
    }

    static Form form(HttpResponse<String> page) {
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        Matcher action = ACTION.matcher(page.body());
        assertThat(action.find()).as("auto-submitting form in " + page.body()).isTrue();
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher field = FIELD.matcher(page.body());
        while (field.find()) {
            fields.put(field.group(1), field.group(2).replace("&amp;", "&").replace("&#43;", "+"));
        }
        return new Form(action.group(1).replace("&amp;", "&"), fields);
    }

    static List<String> statusCodes(String responseXml) {
        Matcher m = Pattern.compile("StatusCode Value=\"([^\"]+)\"").matcher(responseXml);
        List<String> codes = new java.util.ArrayList<>();
        while (m.find()) {
            codes.add(m.group(1));
        }
        return codes;
    }

    Browser signedIn(String username, String password) {
        Browser browser = new Browser(SERVER);
        HttpResponse<String> page = browser.signIn(browser.get(SERVER.resolve("/login")), username, password);
        assertThat(page.statusCode()).isLessThan(400);
        return browser;
    }

    /** What must stay as it was when a message is refused. */
    record State(int requestIds, int samlSessions, int auditEvents) {
    }

    State state() {
        return new State(count("mb_saml_request_id"), count("mb_saml_session"), count("mb_audit_event"));
    }

    int count(String table) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
    }

    HttpResponse<String> get(String url) throws Exception {
        return noCookies.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String url, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + RedirectBinding.urlEncode(e.getValue()))
                .reduce((a, b) -> a + "&" + b).orElse("");
        return noCookies.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    static String inflate(String base64) throws Exception {
        return new String(RedirectBinding.inflate(Base64.getDecoder().decode(base64), 1 << 20), StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- metadata

    @Test
    void metadataPublishesSigningAndEncryptionKeysEndpointsAndNameIdFormats() throws Exception {
        HttpResponse<String> response = get(SERVER + "/saml2/metadata");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/samlmetadata+xml");
        String xml = response.body();
        assertThat(xml).contains("entityID=\"" + SERVER + "/saml2\"")
                .contains("use=\"signing\"").contains("use=\"encryption\"")
                .contains("urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\" Location=\"" + SERVER + "/saml2/sso\"")
                .contains("urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" Location=\"" + SERVER + "/saml2/sso\"")
                .contains("Location=\"" + SERVER + "/saml2/slo\"")
                .contains("urn:oasis:names:tc:SAML:2.0:nameid-format:persistent")
                .contains("urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress")
                .contains("urn:oasis:names:tc:SAML:2.0:nameid-format:transient")
                .doesNotContain("Signature");
    }

    @Test
    void signedMetadataVerifiesWithXmlsec1AgainstThePublishedSigningCertificate() throws Exception {
        String xml = get(SERVER + "/saml2/metadata?signed=true").body();
        Matcher cert = Pattern.compile("use=\"signing\">.*?<ds:X509Certificate>([^<]+)</ds:X509Certificate>",
                Pattern.DOTALL).matcher(xml);
        assertThat(cert.find()).isTrue();
        Path certFile = Files.createTempFile("idp-cert", ".pem");
        Files.writeString(certFile, "-----BEGIN CERTIFICATE-----\n" + cert.group(1).trim() + "\n-----END CERTIFICATE-----\n");
        Path metadata = Files.createTempFile("idp-metadata", ".xml");
        Files.writeString(metadata, xml);
        assertThat(xmlsec1Verify(metadata, certFile)).isZero();
        Files.writeString(metadata, xml.replace(SERVER + "/saml2/sso", "https://evil.example/sso"));
        assertThat(xmlsec1Verify(metadata, certFile)).as("a changed document must not verify").isNotZero();
    }

    static int xmlsec1Verify(Path file, Path cert) throws Exception {
        Process p = new ProcessBuilder("xmlsec1", "--verify", "--id-attr:ID",
                "urn:oasis:names:tc:SAML:2.0:metadata:EntityDescriptor", "--pubkey-cert-pem", cert.toString(),
                file.toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }

    static List<String> certificates(String xml, String use) {
        return Pattern.compile("use=\"" + use + "\">.*?<ds:X509Certificate>([^<]+)</ds:X509Certificate>", Pattern.DOTALL)
                .matcher(xml).results().map(m -> m.group(1).replaceAll("\\s", "")).toList();
    }

    static String signingCertificate(String responseXml) {
        return Pattern.compile("<ds:X509Certificate>([^<]+)</ds:X509Certificate>").matcher(responseXml).results()
                .findFirst().orElseThrow().group(1).replaceAll("\\s", "");
    }

    @Test
    void aNewSigningCertificateIsPublishedBeforeItSignsAndTheOldOneKeepsSigning() throws Exception {
        Browser browser = signedIn("bob", "orchid-tunnel-zebra-38-mosaic");
        URI launch = URI.create(SERVER + "/saml2/launch?sp=" + RedirectBinding.urlEncode(PLAIN));
        String signer = signingCertificate(form(browser.follow(launch)).xml());
        List<String> before = certificates(get(SERVER + "/saml2/metadata").body(), "signing");
        assertThat(before).contains(signer);

        signingKeys.rotateNow(SigningAlgorithm.SAML_SIGN);
        samlKeys.refresh();

        List<String> after = certificates(get(SERVER + "/saml2/metadata").body(), "signing");
        assertThat(after).hasSize(before.size() + 1).containsAll(before);
        // the successor is in metadata, but responses are still signed by the current key for an hour
        assertThat(signingCertificate(form(browser.follow(launch)).xml())).isEqualTo(signer);
    }

    // ---------------------------------------------------------------- SSO and SLO with pysaml2

    @Test
    void pysaml2CompletesRedirectBindingSsoAndThenSingleLogout() throws Exception {
        Browser browser = new Browser(SERVER);
        JsonNode authn = sp.authn("redirect", "rs-1");
        HttpResponse<String> page = browser.follow(URI.create(authn.get("url").asText()));
        assertThat(Browser.isSignInPage(page)).isTrue();
        Form form = form(browser.signIn(page, "alice", ALICE_PASSWORD));
        assertThat(form.action()).isEqualTo("https://sp.example.test/acs");
        assertThat(form.fields().get("RelayState")).isEqualTo("rs-1");
        HttpResponse<String> script = get(SERVER + "/saml2/post.js");
        assertThat(script.statusCode()).as("the form's submit script, allowed by script-src 'self'").isEqualTo(200);
        assertThat(script.body()).contains("saml-post").contains("submit()");

        JsonNode parsed = sp.response(form.value(), authn.get("request_id").asText());
        assertThat(parsed.get("ok").asBoolean()).isTrue();
        assertThat(parsed.get("issuer").asText()).isEqualTo(SERVER + "/saml2");
        assertThat(parsed.get("in_response_to").asText()).isEqualTo(authn.get("request_id").asText());
        assertThat(parsed.get("name_id_format").asText()).isEqualTo("urn:oasis:names:tc:SAML:2.0:nameid-format:persistent");
        String nameId = parsed.get("name_id").asText();
        UUID alice = directory.findByLogin("alice").orElseThrow().getId();
        assertThat(nameId).isNotBlank().doesNotContain("alice").doesNotContain(alice.toString());
        JsonNode attributes = parsed.get("attributes");
        assertThat(attributes.get("mail").get(0).asText()).isEqualTo("alice@example.com");
        assertThat(attributes.get("givenName").get(0).asText()).isEqualTo("Alice");
        assertThat(attributes.get("sn").get(0).asText()).isEqualTo("Sato");
        assertThat(attributes.get("displayName").get(0).asText()).isEqualTo("Alice Sato");
        assertThat(attributes.get("groups").toString()).contains("engineering").contains("sales");
        assertThat(parsed.get("authn_context").asText())
                .isEqualTo("urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport");
        String sessionIndex = parsed.get("session_index").asText();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM mb_saml_session WHERE session_index = ? AND name_id = ?",
                Integer.class, sessionIndex, nameId)).isOne();
        String started = "SELECT COUNT(*) FROM mb_audit_event WHERE action = 'saml.session-started' AND target = ?";
        int startedEvents = jdbc.queryForObject(started, Integer.class, alice.toString());
        assertThat(startedEvents).isPositive();
        assertThat(form.xml()).contains("<ds:SignatureMethod Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256\"")
                .contains("http://www.w3.org/2001/10/xml-exc-c14n#").contains("Recipient=\"https://sp.example.test/acs\"")
                .contains("<saml2:Audience>https://sp.example.test/sp</saml2:Audience>");

        // Signed in now: a second request is answered at once, with the same (stable) NameID.
        JsonNode again = sp.authn("redirect", "");
        JsonNode second = sp.response(form(browser.follow(URI.create(again.get("url").asText()))).value(),
                again.get("request_id").asText());
        assertThat(second.get("name_id").asText()).isEqualTo(nameId);
        assertThat(jdbc.queryForObject(started, Integer.class, alice.toString()))
                .as("going back to the same SP in the same session changes nothing").isEqualTo(startedEvents);

        // Single logout started by the SP: Monban's session ends and the SP gets Success.
        JsonNode logout = sp.logout(nameId, sessionIndex);
        HttpResponse<String> end = browser.follow(URI.create(logout.get("url").asText()));
        assertThat(Browser.isRedirect(end)).isTrue();
        URI back = Browser.location(end);
        assertThat(back.getHost()).isEqualTo("sp.example.test");
        JsonNode answer = sp.logoutResponse(query(back).get("SAMLResponse"), "redirect");
        assertThat(answer.get("status").asText()).isEqualTo(StatusCode.SUCCESS);
        assertThat(answer.get("in_response_to").asText()).isEqualTo(logout.get("request_id").asText());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM mb_saml_session WHERE session_index = ?", Integer.class,
                sessionIndex)).isZero();
        assertThat(Browser.isSignInPage(browser.follow(SERVER.resolve("/account")))).isTrue();
    }

    @Test
    void anSsoRequestWhoseAcceptNamesJsonResumesAfterTheSignIn() throws Exception {
        Browser browser = new Browser(SERVER, "text/html,application/json;q=0.9,*/*;q=0.8");
        HttpResponse<String> page = browser.follow(URI.create(sp.authn("redirect", "rs-json").get("url").asText()));
        assertThat(Browser.isSignInPage(page)).isTrue();
        Form form = form(browser.signIn(page, "alice", ALICE_PASSWORD));
        assertThat(form.action()).isEqualTo("https://sp.example.test/acs");
        assertThat(form.fields().get("RelayState")).isEqualTo("rs-json");
        assertThat(form.fields()).containsKey("SAMLResponse");
    }

    @Test
    void postBindingIsCheckedWithoutTheSessionCookieAndAnsweredAfterASameSiteRedirect() throws Exception {
        Browser browser = signedIn("alice", ALICE_PASSWORD);
        JsonNode authn = sp.authn("post", "rs-post");
        // The SP's cross-site POST: no cookie arrives (SameSite=Lax), and none may be set.
        HttpResponse<String> posted = post(authn.get("url").asText(),
                Map.of("SAMLRequest", authn.get("saml_request").asText(), "RelayState", "rs-post"));
        assertThat(posted.statusCode()).isEqualTo(302);
        assertThat(posted.headers().allValues("Set-Cookie")).isEmpty();
        URI continuation = Browser.location(posted);
        assertThat(continuation.getPath()).isEqualTo("/saml2/sso/continue");
        Form form = form(browser.follow(continuation));
        JsonNode parsed = sp.response(form.value(), authn.get("request_id").asText());
        assertThat(parsed.get("ok").asBoolean()).isTrue();
        assertThat(parsed.get("encrypted").asBoolean()).isFalse();
        assertThat(form.fields().get("RelayState")).isEqualTo("rs-post");
    }

    @Test
    void encryptedAssertionUsesTheAlgorithmsOfTheSpMetadataAndPysaml2DecryptsIt() throws Exception {
        Browser browser = signedIn("bob", "orchid-tunnel-zebra-38-mosaic");
        JsonNode authn = encryptedSp.authn("redirect", "");
        Form form = form(browser.follow(URI.create(authn.get("url").asText())));
        assertThat(form.xml()).contains("EncryptedAssertion")
                .contains("Algorithm=\"http://www.w3.org/2009/xmlenc11#aes256-gcm\"")
                .contains("Algorithm=\"http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p\"")
                .doesNotContain("bob@example.com");
        JsonNode parsed = encryptedSp.response(form.value(), authn.get("request_id").asText());
        assertThat(parsed.get("encrypted").asBoolean()).isTrue();
        assertThat(parsed.get("attributes").get("email").get(0).asText()).isEqualTo("bob@example.com");
        assertThat(parsed.get("attributes").get("surname").get(0).asText()).isEqualTo("Kato");
    }

    @Test
    void idpInitiatedLaunchSendsAnUnsolicitedResponseWithRelayState() throws Exception {
        Browser browser = signedIn("bob", "orchid-tunnel-zebra-38-mosaic");
        Form form = form(browser.follow(URI.create(SERVER + "/saml2/launch?sp="
                + RedirectBinding.urlEncode(sp.entityId()) + "&RelayState=%2Finbox")));
        assertThat(form.fields().get("RelayState")).isEqualTo("/inbox");
        assertThat(form.xml()).doesNotContain("InResponseTo");
        assertThat(sp.response(form.value(), null).get("attributes").get("mail").get(0).asText())
                .isEqualTo("bob@example.com");
    }

    @Test
    void launchOfAnUnknownSpIsAnErrorPage() throws Exception {
        Browser browser = signedIn("bob", "orchid-tunnel-zebra-38-mosaic");
        HttpResponse<String> page = browser.follow(URI.create(SERVER + "/saml2/launch?sp=https%3A%2F%2Fnope.example"));
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("unknown service provider");
    }

    @Test
    void singleLogoutTellsTheOtherSpOfTheSessionBeforeAnsweringTheFirst() throws Exception {
        Browser browser = signedIn("bob", "orchid-tunnel-zebra-38-mosaic");
        JsonNode first = sp.authn("redirect", "");
        JsonNode atFirst = sp.response(form(browser.follow(URI.create(first.get("url").asText()))).value(),
                first.get("request_id").asText());
        JsonNode second = encryptedSp.authn("redirect", "");
        JsonNode atSecond = encryptedSp.response(form(browser.follow(URI.create(second.get("url").asText()))).value(),
                second.get("request_id").asText());
        String index = atFirst.get("session_index").asText();
        assertThat(atSecond.get("session_index").asText()).isEqualTo(index);

        HttpResponse<String> toOther = browser.follow(URI.create(
                sp.logout(atFirst.get("name_id").asText(), index).get("url").asText()));
        URI otherSlo = Browser.location(toOther);
        assertThat(otherSlo.getHost()).isEqualTo("sp-enc.example.test");
        Map<String, String> params = query(otherSlo);
        assertThat(params).containsKeys("SigAlg", "Signature");
        String logoutRequest = inflate(params.get("SAMLRequest"));
        assertThat(logoutRequest).contains("LogoutRequest").contains(atSecond.get("name_id").asText())
                .contains("<saml2p:SessionIndex>" + index + "</saml2p:SessionIndex>");
        assertThat(Browser.isSignInPage(browser.follow(SERVER.resolve("/account")))).as("session ended first").isTrue();

        // The other SP answers (signed with its key); Monban then answers the first SP.
        String requestId = Pattern.compile(" ID=\"([^\"]+)\"").matcher(logoutRequest).results().findFirst()
                .orElseThrow().group(1);
        LogoutResponse reply = OpenSaml.build(LogoutResponse.DEFAULT_ELEMENT_NAME);
        reply.setID(SamlResponseBuilder.newId());
        reply.setVersion(SAMLVersion.VERSION_20);
        reply.setIssueInstant(Instant.now());
        reply.setInResponseTo(requestId);
        Issuer issuer = OpenSaml.build(Issuer.DEFAULT_ELEMENT_NAME);
        issuer.setValue(encryptedSp.entityId());
        reply.setIssuer(issuer);
        reply.setStatus(SamlResponseBuilder.status(StatusCode.SUCCESS, null, null));
        String replyQuery = CraftedRequests.redirectQuery("SAMLResponse", OpenSaml.toXml(OpenSaml.marshall(reply)),
                null, CraftedRequests.spCredential());
        HttpResponse<String> toFirst = browser.follow(URI.create(SERVER + "/saml2/slo?" + replyQuery));
        URI firstSlo = Browser.location(toFirst);
        assertThat(firstSlo.getHost()).isEqualTo("sp.example.test");
        assertThat(sp.logoutResponse(query(firstSlo).get("SAMLResponse"), "redirect").get("status").asText())
                .isEqualTo(StatusCode.SUCCESS);
        // The answer cannot be replayed to drive the chain again.
        HttpResponse<String> replayed = browser.follow(URI.create(SERVER + "/saml2/slo?" + replyQuery));
        assertThat(replayed.statusCode()).isEqualTo(400);
    }

    @Test
    void postBindingLogoutRequestIsCheckedWithoutTheCookieAndEndsTheSessionAtTheSameSiteContinuation()
            throws Exception {
        Browser browser = signedIn("bob", "orchid-tunnel-zebra-38-mosaic");
        JsonNode authn = sp.authn("redirect", "");
        JsonNode parsed = sp.response(form(browser.follow(URI.create(authn.get("url").asText()))).value(),
                authn.get("request_id").asText());
        org.opensaml.saml.saml2.core.LogoutRequest request = OpenSaml.build(
                org.opensaml.saml.saml2.core.LogoutRequest.DEFAULT_ELEMENT_NAME);
        request.setID(SamlResponseBuilder.newId());
        request.setVersion(SAMLVersion.VERSION_20);
        request.setIssueInstant(Instant.now());
        request.setDestination(SERVER + "/saml2/slo");
        Issuer issuer = OpenSaml.build(Issuer.DEFAULT_ELEMENT_NAME);
        issuer.setValue(sp.entityId());
        request.setIssuer(issuer);
        org.opensaml.saml.saml2.core.NameID nameId = OpenSaml.build(org.opensaml.saml.saml2.core.NameID.DEFAULT_ELEMENT_NAME);
        nameId.setValue(parsed.get("name_id").asText());
        request.setNameID(nameId);
        org.opensaml.saml.saml2.core.SessionIndex index = OpenSaml.build(
                org.opensaml.saml.saml2.core.SessionIndex.DEFAULT_ELEMENT_NAME);
        index.setValue(parsed.get("session_index").asText());
        request.getSessionIndexes().add(index);
        var parameters = new org.opensaml.xmlsec.SignatureSigningParameters();
        parameters.setSigningCredential(CraftedRequests.spCredential());
        parameters.setSignatureAlgorithm(SamlSigner.ALGORITHM);
        parameters.setSignatureReferenceDigestMethod(
                org.opensaml.xmlsec.signature.support.SignatureConstants.ALGO_ID_DIGEST_SHA256);
        parameters.setSignatureCanonicalizationAlgorithm(
                org.opensaml.xmlsec.signature.support.SignatureConstants.ALGO_ID_C14N_EXCL_OMIT_COMMENTS);
        org.opensaml.xmlsec.signature.support.SignatureSupport.signObject(request, parameters);
        String xml = OpenSaml.toXml(OpenSaml.marshall(request));

        HttpResponse<String> posted = post(SERVER + "/saml2/slo", Map.of("SAMLRequest", CraftedRequests.base64(xml),
                "RelayState", "bye"));
        assertThat(posted.statusCode()).isEqualTo(302);
        assertThat(posted.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(Browser.location(posted).getPath()).isEqualTo("/saml2/slo/continue");
        assertThat(Browser.isSignInPage(browser.follow(SERVER.resolve("/account")))).as("not ended yet").isFalse();
        HttpResponse<String> answered = browser.follow(Browser.location(posted));
        URI back = Browser.location(answered);
        assertThat(back.getHost()).isEqualTo("sp.example.test");
        assertThat(query(back).get("RelayState")).isEqualTo("bye");
        assertThat(sp.logoutResponse(query(back).get("SAMLResponse"), "redirect").get("status").asText())
                .isEqualTo(StatusCode.SUCCESS);
        assertThat(Browser.isSignInPage(browser.follow(SERVER.resolve("/account")))).isTrue();
        // replayed: refused, and it cannot reach anyone's session
        HttpResponse<String> replay = post(SERVER + "/saml2/slo", Map.of("SAMLRequest", CraftedRequests.base64(xml)));
        assertThat(inflate(query(Browser.location(replay)).get("SAMLResponse"))).contains("replay");
    }

    @Test
    void idpInitiatedLogoutNeedsTheCsrfTokenAndEndsTheSession() throws Exception {
        Browser browser = signedIn("frank", "marble-juniper-otter-73-signal");
        JsonNode authn = sp.authn("redirect", "");
        sp.response(form(browser.follow(URI.create(authn.get("url").asText()))).value(), authn.get("request_id").asText());
        HttpResponse<String> forged = browser.post(SERVER.resolve("/saml2/logout"), Map.of());
        assertThat(forged.statusCode()).isEqualTo(403);
        String csrf = Browser.csrf(browser.follow(SERVER.resolve("/account")).body());
        HttpResponse<String> out = browser.post(SERVER.resolve("/saml2/logout"), Map.of("_csrf", csrf));
        URI slo = Browser.location(out);
        assertThat(slo.getHost()).isEqualTo("sp.example.test");
        assertThat(inflate(query(slo).get("SAMLRequest"))).contains("LogoutRequest");
        assertThat(Browser.isSignInPage(browser.follow(SERVER.resolve("/account")))).isTrue();
    }

    // ---------------------------------------------------------------- NameID formats, ACS choice, sign-in rules

    @Test
    void emailNameIdAndAcsChosenByIndexForAnSpRegisteredByHand() throws Exception {
        Browser browser = signedIn("bob", "orchid-tunnel-zebra-38-mosaic");
        AuthnRequest request = CraftedRequests.authnRequest(PLAIN, SSO, Instant.now());
        request.setAssertionConsumerServiceIndex(1);
        Form form = form(browser.follow(URI.create(SSO + "?" + CraftedRequests.redirectQuery(
                CraftedRequests.xml(request), null, null))));
        assertThat(form.action()).isEqualTo(PLAIN + "/acs2");
        assertThat(form.xml()).contains("Format=\"urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress\">bob@example.com<");
        assertThat(statusCodes(form.xml())).containsExactly(StatusCode.SUCCESS);
    }

    @Test
    void isPassiveWithoutSessionIsAnsweredNoPassive() throws Exception {
        Browser browser = new Browser(SERVER);
        AuthnRequest request = CraftedRequests.authnRequest(PLAIN, SSO, Instant.now());
        request.setIsPassive(true);
        Form form = form(browser.follow(URI.create(SSO + "?" + CraftedRequests.redirectQuery(
                CraftedRequests.xml(request), null, null))));
        assertThat(form.action()).isEqualTo(PLAIN + "/acs");
        assertThat(statusCodes(form.xml())).containsExactly(StatusCode.RESPONDER, StatusCode.NO_PASSIVE);
    }

    @Test
    void forceAuthnAsksForThePasswordAgainEvenWithASession() throws Exception {
        Browser browser = signedIn("bob", "orchid-tunnel-zebra-38-mosaic");
        AuthnRequest request = CraftedRequests.authnRequest(PLAIN, SSO, Instant.now());
        request.setForceAuthn(true);
        HttpResponse<String> page = browser.follow(URI.create(SSO + "?" + CraftedRequests.redirectQuery(
                CraftedRequests.xml(request), null, null)));
        assertThat(Browser.isSignInPage(page)).isTrue();
        Form form = form(browser.signIn(page, "bob", "orchid-tunnel-zebra-38-mosaic"));
        assertThat(statusCodes(form.xml())).containsExactly(StatusCode.SUCCESS);
    }

    @Test
    void requestedMultiFactorContextStepsUpAndAnUnknownContextIsNoAuthnContext() throws Exception {
        Browser browser = signedIn("erin", "tundra-velvet-anchor-27-prism");
        AuthnRequest mfa = CraftedRequests.authnRequest(PLAIN, SSO, Instant.now());
        CraftedRequests.requestContext(mfa, AuthnContextComparisonTypeEnumeration.MINIMUM, AuthnContexts.REFEDS_MFA);
        HttpResponse<String> stepUp = browser.get(URI.create(browser.follow(URI.create(SSO + "?"
                + CraftedRequests.redirectQuery(CraftedRequests.xml(mfa), null, null))).uri().toString()));
        // erin has no authenticator: she is sent to set one up (then continues), never answered at password level
        assertThat(stepUp.uri().getPath()).isEqualTo("/account/totp");
        assertThat(stepUp.body()).doesNotContain("SAMLResponse");

        AuthnRequest kerberos = CraftedRequests.authnRequest(PLAIN, SSO, Instant.now());
        CraftedRequests.requestContext(kerberos, AuthnContextComparisonTypeEnumeration.EXACT,
                "urn:oasis:names:tc:SAML:2.0:ac:classes:Kerberos");
        Form form = form(browser.follow(URI.create(SSO + "?" + CraftedRequests.redirectQuery(
                CraftedRequests.xml(kerberos), null, null))));
        assertThat(statusCodes(form.xml())).containsExactly(StatusCode.RESPONDER, StatusCode.NO_AUTHN_CONTEXT);
    }

    @Test
    void anSpThatRequiresMfaSendsAPasswordOnlySessionToTheSecondFactor() throws Exception {
        Browser browser = signedIn("erin", "tundra-velvet-anchor-27-prism");
        AuthnRequest request = CraftedRequests.authnRequest("https://mfa.example.test", SSO, Instant.now());
        HttpResponse<String> page = browser.follow(URI.create(SSO + "?" + CraftedRequests.redirectQuery(
                CraftedRequests.xml(request), null, null)));
        assertThat(page.uri().getPath()).isEqualTo("/account/totp");
        assertThat(page.body()).doesNotContain("SAMLResponse");
    }

    @Test
    void aSuspendedUsersSamlSessionsAreDropped() throws Exception {
        Browser browser = signedIn("frank", "marble-juniper-otter-73-signal");
        UUID frank = directory.findByLogin("frank").orElseThrow().getId();
        form(browser.follow(URI.create(SSO + "?" + CraftedRequests.redirectQuery(CraftedRequests.xml(
                CraftedRequests.authnRequest(PLAIN, SSO, Instant.now())), null, null))));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM mb_saml_session WHERE user_id = ?", Integer.class, frank))
                .isPositive();
        try {
            directory.setStatus(frank, UserStatus.SUSPENDED);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM mb_saml_session WHERE user_id = ?", Integer.class,
                    frank)).isZero();
            // and no further assertion, even where the browser still holds a session
            HttpResponse<String> refused = browser.follow(URI.create(SSO + "?" + CraftedRequests.redirectQuery(
                    CraftedRequests.xml(CraftedRequests.authnRequest(PLAIN, SSO, Instant.now())), null, null)));
            if (refused.statusCode() == 200 && refused.body().contains("saml-post")) {
                assertThat(statusCodes(form(refused).xml())).containsExactly(StatusCode.RESPONDER,
                        StatusCode.REQUEST_DENIED);
            } else {
                assertThat(refused.body()).doesNotContain("SAMLResponse");
            }
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM mb_saml_session WHERE user_id = ?", Integer.class,
                    frank)).isZero();
        } finally {
            directory.setStatus(frank, UserStatus.ACTIVE);
        }
    }

    // ---------------------------------------------------------------- refused messages

    /** A refusal shown as a page: 400, the reason, no redirect, no cookie, nothing stored. */
    void assertErrorPage(HttpResponse<String> response, String reason, State before) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains(reason).doesNotContain("SAMLResponse");
        assertThat(response.headers().firstValue("Location")).isEmpty();
        assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(state()).isEqualTo(before);
    }

    /** A refusal sent to the registered ACS: a signed Response with the status, nothing stored. */
    void assertErrorResponse(HttpResponse<String> response, String acs, List<String> codes, State before) {
        Form form = form(response);
        assertThat(form.action()).isEqualTo(acs);
        assertThat(statusCodes(form.xml())).isEqualTo(codes);
        assertThat(form.xml()).contains("StatusMessage").contains("ds:Signature").doesNotContain("Assertion");
        assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void unknownIssuerIsRefusedOnAnErrorPage() throws Exception {
        State before = state();
        String xml = CraftedRequests.xml(CraftedRequests.authnRequest("https://unknown.example", SSO, Instant.now()));
        assertErrorPage(get(SSO + "?" + CraftedRequests.redirectQuery(xml, null, null)), "unknown service provider", before);
        assertErrorPage(post(SSO, Map.of("SAMLRequest", CraftedRequests.base64(xml))), "unknown service provider", before);
    }

    @Test
    void unregisteredAcsUrlIsRefusedOnAnErrorPageNeverRedirected() throws Exception {
        State before = state();
        AuthnRequest request = CraftedRequests.authnRequest(sp.entityId(), SSO, Instant.now());
        request.setAssertionConsumerServiceURL("https://evil.example/acs");
        assertErrorPage(get(SSO + "?" + CraftedRequests.redirectQuery(CraftedRequests.xml(request), null,
                CraftedRequests.spCredential())), "ACS URL is not registered", before);
    }

    @Test
    void unsignedRequestFromAnSpThatMustSignGetsRequestDenied() throws Exception {
        State before = state();
        AuthnRequest request = CraftedRequests.authnRequest(sp.entityId(), SSO, Instant.now());
        assertErrorResponse(get(SSO + "?" + CraftedRequests.redirectQuery(CraftedRequests.xml(request), null, null)),
                "https://sp.example.test/acs", List.of(StatusCode.REQUESTER, StatusCode.REQUEST_DENIED), before);
        AuthnRequest posted = CraftedRequests.authnRequest(sp.entityId(), SSO, Instant.now());
        assertErrorResponse(post(SSO, Map.of("SAMLRequest", CraftedRequests.base64(CraftedRequests.xml(posted)))),
                "https://sp.example.test/acs", List.of(StatusCode.REQUESTER, StatusCode.REQUEST_DENIED), before);
    }

    @Test
    void signatureByAnotherKeyOrOverChangedContentIsRefused() throws Exception {
        State before = state();
        AuthnRequest redirect = CraftedRequests.authnRequest(sp.entityId(), SSO, Instant.now());
        assertErrorResponse(get(SSO + "?" + CraftedRequests.redirectQuery(CraftedRequests.xml(redirect), null,
                        CraftedRequests.otherCredential())), "https://sp.example.test/acs",
                List.of(StatusCode.REQUESTER, StatusCode.REQUEST_DENIED), before);
        String signed = CraftedRequests.signed(CraftedRequests.authnRequest(sp.entityId(), SSO, Instant.now()),
                CraftedRequests.otherCredential());
        assertErrorResponse(post(SSO, Map.of("SAMLRequest", CraftedRequests.base64(signed))),
                "https://sp.example.test/acs", List.of(StatusCode.REQUESTER, StatusCode.REQUEST_DENIED), before);
        AuthnRequest tampered = CraftedRequests.authnRequest(sp.entityId(), SSO, Instant.now());
        tampered.setForceAuthn(false);
        String good = CraftedRequests.signed(tampered, CraftedRequests.spCredential());
        String changed = good.replace("ForceAuthn=\"false\"", "ForceAuthn=\"true\"");
        assertThat(changed).isNotEqualTo(good);
        assertErrorResponse(post(SSO, Map.of("SAMLRequest", CraftedRequests.base64(changed))),
                "https://sp.example.test/acs", List.of(StatusCode.REQUESTER, StatusCode.REQUEST_DENIED), before);
    }

    @Test
    void xmlWithADoctypeIsRefusedBeforeAnyEntityIsRead() throws Exception {
        State before = state();
        String xml = CraftedRequests.xml(CraftedRequests.authnRequest(PLAIN, SSO, Instant.now()));
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + xml.replaceFirst("<\\?xml[^>]*>", "").replace(PLAIN + "</saml2:Issuer>", "&x;</saml2:Issuer>");
        assertErrorPage(post(SSO, Map.of("SAMLRequest", CraftedRequests.base64(xxe))), "DOCTYPE", before);
        assertErrorPage(get(SSO + "?" + CraftedRequests.redirectQuery(xxe, null, null)), "DOCTYPE", before);
    }

    @Test
    void signatureWrappingVariantsAreRefused() throws Exception {
        State before = state();
        // 1. the genuine signed request hidden in Extensions of an unsigned request with another ID
        AuthnRequest genuine = CraftedRequests.authnRequest(sp.entityId(), SSO, Instant.now());
        String signed = CraftedRequests.signed(genuine, CraftedRequests.spCredential());
        String inner = signed.replaceFirst("<\\?xml[^>]*>", "");
        AuthnRequest outer = CraftedRequests.authnRequest(sp.entityId(), SSO, Instant.now());
        outer.setExtensions(OpenSaml.build(Extensions.DEFAULT_ELEMENT_NAME));
        String outerXml = CraftedRequests.xml(outer).replaceFirst("<saml2p:Extensions/>",
                "<saml2p:Extensions>" + inner + "</saml2p:Extensions>");
        assertThat(outerXml).contains(genuine.getID()).contains(outer.getID());
        assertErrorPage(post(SSO, Map.of("SAMLRequest", CraftedRequests.base64(outerXml))),
                "does not sign the message itself", before);

        // 2. the signature moved to the new root but still referencing the hidden original by ID
        String signature = Pattern.compile("<ds:Signature.*</ds:Signature>", Pattern.DOTALL).matcher(signed)
                .results().findFirst().orElseThrow().group();
        String unsignedInner = inner.replace(signature, "");
        String moved = CraftedRequests.xml(outer).replaceFirst("<saml2p:Extensions/>",
                signature + "<saml2p:Extensions>" + unsignedInner + "</saml2p:Extensions>");
        HttpResponse<String> refused = post(SSO, Map.of("SAMLRequest", CraftedRequests.base64(moved)));
        assertErrorResponse(refused, "https://sp.example.test/acs", List.of(StatusCode.REQUESTER,
                StatusCode.REQUEST_DENIED), before);
        assertThat(form(refused).xml()).contains("SAML signature profile");

        // 3. two elements with the same ID (the signed one and an evil copy)
        String duplicate = CraftedRequests.xml(outer).replace(outer.getID(), genuine.getID()).replaceFirst(
                "<saml2p:Extensions/>", "<saml2p:Extensions>" + inner + "</saml2p:Extensions>");
        assertErrorPage(post(SSO, Map.of("SAMLRequest", CraftedRequests.base64(duplicate))), "twice", before);
    }

    @Test
    void aReplayedRequestIdIsRefusedTheSecondTime() throws Exception {
        Browser browser = signedIn("bob", "orchid-tunnel-zebra-38-mosaic");
        String signed = CraftedRequests.signed(CraftedRequests.authnRequest(sp.entityId(), SSO, Instant.now()),
                CraftedRequests.spCredential());
        HttpResponse<String> first = post(SSO, Map.of("SAMLRequest", CraftedRequests.base64(signed)));
        assertThat(first.statusCode()).isEqualTo(302);
        assertThat(statusCodes(form(browser.follow(Browser.location(first))).xml())).containsExactly(StatusCode.SUCCESS);
        State before = state();
        HttpResponse<String> again = post(SSO, Map.of("SAMLRequest", CraftedRequests.base64(signed)));
        assertErrorResponse(again, "https://sp.example.test/acs", List.of(StatusCode.REQUESTER), before);
        assertThat(form(again).xml()).contains("replay");
    }

    @Test
    void anIssueInstantOutsideTheClockSkewIsRefused() throws Exception {
        State before = state();
        for (Instant issued : List.of(Instant.now().minusSeconds(3600), Instant.now().plusSeconds(3600))) {
            String signed = CraftedRequests.signed(CraftedRequests.authnRequest(sp.entityId(), SSO, issued),
                    CraftedRequests.spCredential());
            HttpResponse<String> response = post(SSO, Map.of("SAMLRequest", CraftedRequests.base64(signed)));
            assertErrorResponse(response, "https://sp.example.test/acs", List.of(StatusCode.REQUESTER), before);
            assertThat(form(response).xml()).contains("IssueInstant");
        }
    }

    @Test
    void oversizedOrMalformedEncodingsAreRefusedOnAnErrorPage() throws Exception {
        State before = state();
        // a "zip bomb": 5 MB of spaces deflate to a few KB
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(new byte[5_000_000]);
        deflater.finish();
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            bomb.write(buffer, 0, deflater.deflate(buffer));
        }
        String bombParam = RedirectBinding.urlEncode(Base64.getEncoder().encodeToString(bomb.toByteArray()));
        assertErrorPage(get(SSO + "?SAMLRequest=" + bombParam), "too large once inflated", before);
        assertErrorPage(get(SSO + "?SAMLRequest=%25%25not-base64%25%25"), "base64", before);
        assertErrorPage(get(SSO + "?SAMLRequest=" + RedirectBinding.urlEncode(
                Base64.getEncoder().encodeToString("not deflate at all".getBytes()))), "DEFLATE", before);
        assertErrorPage(post(SSO, Map.of("SAMLRequest", "@@@")), "base64", before);
        assertErrorPage(post(SSO, Map.of("SAMLRequest", Base64.getEncoder().encodeToString(new byte[300_000]))),
                "too large", before);
        assertErrorPage(post(SSO, Map.of("SAMLRequest", CraftedRequests.base64("<a><b></a>"))), "not well-formed",
                before);
    }

    @Test
    void relayStateOver80BytesIsRefused() throws Exception {
        State before = state();
        String xml = CraftedRequests.xml(CraftedRequests.authnRequest(PLAIN, SSO, Instant.now()));
        String longRelayState = "r".repeat(81);
        assertErrorPage(get(SSO + "?" + CraftedRequests.redirectQuery(xml, longRelayState, null)), "80 bytes", before);
        assertErrorPage(post(SSO, Map.of("SAMLRequest", CraftedRequests.base64(xml), "RelayState", longRelayState)),
                "80 bytes", before);
    }

    @Test
    void aTamperedContinuationIsAnErrorPage() throws Exception {
        Browser browser = signedIn("bob", "orchid-tunnel-zebra-38-mosaic");
        HttpResponse<String> first = post(SSO, Map.of("SAMLRequest", CraftedRequests.base64(CraftedRequests.xml(
                CraftedRequests.authnRequest(PLAIN, SSO, Instant.now())))));
        String location = Browser.location(first).toString();
        String tampered = location.substring(0, location.length() - 4) + (location.endsWith("AAAA") ? "BBBB" : "AAAA");
        HttpResponse<String> page = browser.follow(URI.create(tampered));
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).doesNotContain("SAMLResponse");
        assertThat(page.body()).contains("This sign-in request has expired or is not valid");
    }

    @Test
    void anUnsignedLogoutRequestFromAnSpWithACertificateIsRefusedAndTheSessionStays() throws Exception {
        Browser browser = signedIn("alice", ALICE_PASSWORD);
        JsonNode authn = sp.authn("redirect", "");
        JsonNode parsed = sp.response(form(browser.follow(URI.create(authn.get("url").asText()))).value(),
                authn.get("request_id").asText());
        String signedUrl = sp.logout(parsed.get("name_id").asText(), parsed.get("session_index").asText())
                .get("url").asText();
        String unsigned = signedUrl.replaceAll("&SigAlg=[^&]*", "").replaceAll("&Signature=[^&]*", "");
        State before = state();
        HttpResponse<String> refused = browser.follow(URI.create(unsigned));
        URI back = Browser.location(refused);
        assertThat(back.getHost()).isEqualTo("sp.example.test");
        assertThat(inflate(query(back).get("SAMLResponse"))).contains(StatusCode.REQUEST_DENIED);
        assertThat(state()).isEqualTo(before);
        assertThat(Browser.isSignInPage(browser.follow(SERVER.resolve("/account")))).isFalse();
    }
}
