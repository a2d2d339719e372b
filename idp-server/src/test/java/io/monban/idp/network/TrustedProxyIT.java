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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Behind a configured trusted proxy (the test itself, on the loopback block), the client is the
 * right-most forwarded address that is not a trusted proxy: limits and audit count per client,
 * and entries a client adds itself on the left change nothing.
 */
@SpringBootTest(classes = MonbanApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class TrustedProxyIT {

    static final int PORT = TestServers.freePort();
    static final URI SERVER = URI.create("http://127.0.0.1:" + PORT);
    static final int PER_ADDRESS = 3;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestServers.configure(registry, PORT, "bootstrap-it.yaml");
        TestDatabases.h2(registry);
        registry.add("monban.network.trusted-proxies", () -> "127.0.0.0/8,::1/128");
        registry.add("monban.lockout.max-failures-per-address", () -> PER_ADDRESS);
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AuditEventRepository auditEvents;

    static HttpResponse<String> signIn(String login, String password, String forwardedFor) {
        Browser browser = new Browser(SERVER).header("X-Forwarded-For", forwardedFor);
        return browser.signIn(browser.follow(SERVER.resolve("/account")), login, password);
    }

    @Test
    void theForwardedClientAddressIsWhatLimitsAndAuditSee() {
        for (int i = 0; i < PER_ADDRESS; i++) {
            assertThat(signIn("from-a-" + i, "wrong-password", "203.0.113.7").body()).contains("id=\"login-error\"");
        }
        assertThat(signIn("from-a-next", "wrong-password", "203.0.113.7").body()).contains("id=\"login-locked\"");
        // A spoofed entry on the left, or an inner trusted proxy on the right: still 203.0.113.7.
        assertThat(signIn("from-a-spoofed", "wrong-password", "198.51.100.1, 203.0.113.7").body())
                .contains("id=\"login-locked\"");
        assertThat(signIn("from-a-inner", "wrong-password", "203.0.113.7, 127.0.0.5").body())
                .contains("id=\"login-locked\"");
        // Another client behind the same proxy is not affected.
        assertThat(signIn("from-b", "wrong-password", "198.51.100.9").body()).contains("id=\"login-error\"");
        HttpResponse<String> signedIn = signIn("alice", "violet-harbor-cactus-91-lantern", "198.51.100.9");
        assertThat(signedIn.uri().getPath()).isEqualTo("/account");
        assertThat(Browser.isSignInPage(signedIn)).isFalse();

        assertThat(jdbc.queryForList("SELECT subject FROM mb_lockout_counter WHERE kind = 'address'", String.class))
                .containsExactlyInAnyOrder("203.0.113.7", "198.51.100.9");
        assertThat(auditEvents.findByActionOrderByIdAsc("signin.password").stream()
                .filter(e -> e.getTarget().startsWith("from-a-")).map(AuditEvent::getIp).distinct().toList())
                .containsExactly("203.0.113.7");
    }

    @Test
    void aTrustedProxyTellsTlsForTheCookieButNeverTheRedirectHost() throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(SERVER.resolve("/login"))
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "evil.test")
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("MONBAN_SESSION=")
                && c.contains("Secure"));

        HttpResponse<String> redirect = http.send(HttpRequest.newBuilder(SERVER.resolve("/account"))
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "evil.test")
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location").orElseThrow()).doesNotContain("evil.test");
        assertThat(Browser.location(redirect).getAuthority()).isEqualTo(SERVER.getAuthority());
    }
}
