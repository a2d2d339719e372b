package io.monban.idp.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.monban.core.audit.AuditEvent;
import io.monban.core.audit.AuditEventRepository;
import io.monban.idp.MonbanApplication;
import io.monban.idp.testsupport.Browser;
import io.monban.idp.testsupport.TestDatabases;
import io.monban.idp.testsupport.TestServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Forwarded headers from a peer that is not a configured trusted proxy (here: none is
 * configured, the default) change nothing: not the client address that limits and audit see,
 * not the host or scheme of a redirect, not the cookie's Secure flag.
 */
@SpringBootTest(classes = MonbanApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class ForwardedHeadersIT {

    static final int PORT = TestServers.freePort();
    static final URI SERVER = URI.create("http://127.0.0.1:" + PORT);
    static final int PER_ADDRESS = 8;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestServers.configure(registry, PORT, "bootstrap-it.yaml");
        TestDatabases.h2(registry);
        registry.add("monban.lockout.max-failures-per-address", () -> PER_ADDRESS);
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AuditEventRepository auditEvents;

    @AfterEach
    void forgetCounters() {
        jdbc.update("DELETE FROM mb_lockout_counter");
    }

    static HttpResponse<String> signIn(String login, String password, String forwardedFor) {
        Browser browser = new Browser(SERVER).header("X-Forwarded-For", forwardedFor);
        return browser.signIn(browser.follow(SERVER.resolve("/account")), login, password);
    }

    @Test
    void aRotatingForwardedForFromAnUntrustedPeerNeitherEscapesTheAddressLimitNorForgesTheAuditAddress() {
        for (int i = 0; i < PER_ADDRESS; i++) {
            HttpResponse<String> page = signIn("sprayed-" + i, "wrong-password", "203.0.113." + i);
            assertThat(page.body()).as("attempt " + i).contains("id=\"login-error\"");
        }
        // A fresh name and a fresh forwarded address: still the same peer, whose budget is used up.
        HttpResponse<String> locked = signIn("alice", "violet-harbor-cactus-91-lantern", "203.0.113.200");
        assertThat(locked.body()).contains("id=\"login-locked\"");

        assertThat(jdbc.queryForList("SELECT subject FROM mb_lockout_counter WHERE kind = 'address'", String.class))
                .containsExactly("127.0.0.1");
        List<AuditEvent> failures = auditEvents.findByActionOrderByIdAsc("signin.password").stream()
                .filter(e -> e.getTarget().startsWith("sprayed-")).toList();
        assertThat(failures).hasSize(PER_ADDRESS).extracting(AuditEvent::getIp).containsOnly("127.0.0.1");
    }

    @Test
    void forwardedHostAndSchemeCannotSteerARedirect() throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        for (List<String> headers : List.of(
                List.of("X-Forwarded-Host", "evil.test", "X-Forwarded-Proto", "https", "X-Forwarded-Port", "443"),
                List.of("Forwarded", "host=evil.test;proto=https"),
                List.of("X-Forwarded-Prefix", "//evil.test"))) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(SERVER.resolve("/account"))
                    .headers(headers.toArray(String[]::new)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(302);
            URI location = Browser.location(response);
            assertThat(location.toString()).as(headers.toString()).doesNotContain("evil.test");
            assertThat(location.getScheme()).isEqualTo("http");
            assertThat(location.getAuthority()).isEqualTo(SERVER.getAuthority());
            assertThat(location.getPath()).isEqualTo("/login");
            assertThat(response.headers().allValues("Set-Cookie")).noneMatch(c -> c.contains("Secure"));
        }
        // Nor the redirect back after the sign-in.
        Browser browser = new Browser(SERVER).header("X-Forwarded-Host", "evil.test")
                .header("X-Forwarded-Proto", "https");
        HttpResponse<String> signedIn = browser.signIn(browser.follow(SERVER.resolve("/account")), "alice",
                "violet-harbor-cactus-91-lantern");
        assertThat(signedIn.uri().getAuthority()).isEqualTo(SERVER.getAuthority());
        assertThat(signedIn.uri().getPath()).isEqualTo("/account");
        assertThat(signedIn.statusCode()).isEqualTo(200);
        assertThat(Browser.isSignInPage(signedIn)).isFalse();
    }
}
