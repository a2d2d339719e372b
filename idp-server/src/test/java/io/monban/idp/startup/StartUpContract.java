package io.monban.idp.startup;

import static io.monban.idp.startup.FirstMoments.form;
import static io.monban.idp.startup.FirstMoments.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.monban.idp.startup.FirstMoments.Answer;
import io.monban.idp.startup.FirstMoments.Probe;
import io.monban.idp.testsupport.MonbanInstance;
import io.monban.idp.testsupport.TestServers;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A fresh instance is probed from before its port opens with a request of every protocol for a
 * client of its bootstrap file: each answer is that request's success or a 503, never a 401
 * (client not yet known) or a 500 (no signing key yet), and readiness is UP only when all is served.
 */
abstract class StartUpContract {

    static final String BOOTSTRAP = "bootstrap-startup-it.yaml";
    static final String SP = "https://startup-sp.example.test";
    static final String SCIM_TOKEN = "startup-token-0123456789abcdefghijklmnopqr";
    static final String CLIENT = "startup-service:startup-secret-0123456789abcdefghijklmnop";

    abstract void database(DynamicPropertyRegistry registry);

    abstract String[] profiles();

    Map<String, String> properties(int port) {
        Map<String, String> properties = MonbanInstance.properties(registry -> {
            TestServers.configure(registry, port, BOOTSTRAP);
            database(registry);
        });
        properties.put("monban.password.argon2.memory-kib", "1024");
        properties.put("monban.password.argon2.iterations", "1");
        return properties;
    }

    @Test
    void fromTheFirstMomentThePortOpensEveryConfiguredClientIsServedOrToldToWait() throws Exception {
        int port = TestServers.freePort();
        URI base = URI.create("http://127.0.0.1:" + port);
        Instant started = Instant.now();
        List<Answer> answers;
        try (FirstMoments prober = new FirstMoments(base, probes(base))) {
            try (MonbanInstance ignored = MonbanInstance.start(properties(port), profiles())) {
                answers = prober.await(Duration.ofSeconds(60));
            }
        }

        for (String probe : List.of("token", "metadata", "sso", "scim", "readiness", "liveness")) {
            assertThat(answers).as("answers to %s", probe).filteredOn(a -> a.probe().equals(probe))
                    .hasSize(FirstMoments.ANSWERS);
        }
        assertThat(answers).as("every answer is a success or 503")
                .allSatisfy(a -> assertThat(a.success() || a.status() == 503).as("%s", a).isTrue());
        Optional<Instant> ready = answers.stream().filter(a -> a.probe().equals("readiness") && a.success())
                .map(Answer::at).min(Instant::compareTo);
        assertThat(ready).as("readiness turned UP").isPresent();
        // Once readiness said UP, nothing is refused any more.
        assertThat(answers).filteredOn(a -> a.at().isAfter(ready.get())).allMatch(Answer::success);
        System.out.printf("start-up: %s ready %d ms after the start was called%n", getClass().getSimpleName(),
                Duration.between(started, ready.get()).toMillis());
    }

    private static List<Probe> probes(URI base) {
        String basic = "Basic " + Base64.getEncoder().encodeToString(CLIENT.getBytes(StandardCharsets.UTF_8));
        return List.of(
                new Probe("token", b -> request(b.resolve("/oauth2/token")).header("Authorization", basic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form("grant_type", "client_credentials", "scope", "api.read")))
                        .build(),
                        r -> r.statusCode() == 200 && r.body().contains("\"access_token\"")),
                new Probe("metadata", b -> request(b.resolve("/saml2/metadata")).GET().build(),
                        r -> r.statusCode() == 200 && r.body().matches("(?s).*KeyDescriptor use=\"signing\".*X509Certificate>\\s*[A-Za-z0-9+/].*")),
                new Probe("sso", b -> request(URI.create(b + "/saml2/sso?SAMLRequest="
                                + FirstMoments.redirectAuthnRequest(SP, SP + "/acs", base.resolve("/saml2/sso")))).GET().build(),
                        // the SP is known and its request accepted: on (sealed) towards the sign-in
                        // (Location is relative: redirects never take a host from the request)
                        r -> r.statusCode() == 302 && base.resolve(r.headers().firstValue("Location").orElse(""))
                                .toString().startsWith(base + "/saml2/sso/continue?request=")),
                new Probe("scim", b -> request(b.resolve("/scim/v2/Users")).header("Authorization", "Bearer " + SCIM_TOKEN)
                        .GET().build(),
                        r -> r.statusCode() == 200 && r.body().contains("urn:ietf:params:scim:api:messages:2.0:ListResponse")),
                new Probe("readiness", b -> request(b.resolve("/actuator/health/readiness")).GET().build(),
                        // no details for anonymous callers
                        r -> r.statusCode() == 200 && r.body().equals("{\"status\":\"UP\"}")),
                new Probe("liveness", b -> request(b.resolve("/actuator/health/liveness")).GET().build(),
                        r -> r.statusCode() == 200 && r.body().equals("{\"status\":\"UP\"}")));
    }
}
