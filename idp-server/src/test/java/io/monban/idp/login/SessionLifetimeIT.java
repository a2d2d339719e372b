package io.monban.idp.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.monban.idp.MonbanApplication;
import io.monban.idp.testsupport.Browser;
import io.monban.idp.testsupport.Polling;
import io.monban.idp.testsupport.TestDatabases;
import io.monban.idp.testsupport.TestServers;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Idle logout and the absolute session lifetime, with both set to seconds. */
@SpringBootTest(classes = MonbanApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class SessionLifetimeIT {

    static final int PORT = TestServers.freePort();
    static final URI SERVER = URI.create("http://127.0.0.1:" + PORT);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestServers.configure(registry, PORT, "bootstrap-it.yaml");
        TestDatabases.h2(registry);
        registry.add("monban.session.idle-timeout", () -> "2s");
        registry.add("monban.session.absolute-lifetime", () -> "5s");
    }

    static Browser signedIn() {
        Browser browser = new Browser(SERVER);
        HttpResponse<String> page = browser.follow(SERVER.resolve("/"));
        assertThat(Browser.isSignInPage(page)).isTrue();
        HttpResponse<String> home = browser.signIn(page, "alice", "violet-harbor-cactus-91-lantern");
        assertThat(home.body()).contains("id=\"signed-in-as\"");
        return browser;
    }

    static boolean signedInNow(Browser browser) {
        return browser.follow(SERVER.resolve("/")).body().contains("id=\"signed-in-as\"");
    }

    static boolean eventually(BooleanSupplier condition, Duration deadline) {
        return Polling.eventually(deadline, condition);
    }

    @Test
    void anUnusedSessionEndsAfterTheIdleTimeout() throws InterruptedException {
        Browser browser = signedIn();
        Instant idleFrom = Instant.now();
        // Not touching the session: only look once the idle timeout has passed.
        while (Duration.between(idleFrom, Instant.now()).toMillis() < 2500) {
            Thread.sleep(100);
        }
        assertThat(signedInNow(browser)).isFalse();
    }

    @Test
    void aBusySessionStillEndsAtTheAbsoluteLifetime() throws InterruptedException {
        Browser browser = signedIn();
        Instant signIn = Instant.now();
        // Activity every 0.5 s keeps the idle timeout away ...
        boolean ended = eventually(() -> !signedInNow(browser), Duration.ofSeconds(8));
        assertThat(ended).isTrue();
        // ... so the end came from the absolute lifetime, not before it.
        assertThat(Duration.between(signIn, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(4500));
    }
}
