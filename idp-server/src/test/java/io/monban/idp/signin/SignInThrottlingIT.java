package io.monban.idp.signin;

import static org.assertj.core.api.Assertions.assertThat;

import io.monban.core.audit.AuditEvent;
import io.monban.core.policy.LockoutKey;
import io.monban.idp.testsupport.Browser;
import io.monban.idp.testsupport.TestDatabases;
import io.monban.idp.testsupport.TestServers;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link SignInThrottlingContract} on H2, and the attacks on whose key a guess counts against:
 * typed names that look like internal keys, username against e-mail, and the password-change page.
 */
class SignInThrottlingIT extends SignInThrottlingContract {

    static final int PORT = TestServers.freePort();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestServers.configure(registry, PORT, "bootstrap-it.yaml");
        TestDatabases.h2(registry);
        // The address limit has tests of its own (network package); here it must not interfere.
        registry.add("monban.lockout.max-failures-per-address", () -> 1000);
    }

    @Override
    int port() {
        return PORT;
    }

    @Test
    void typingAnInternalKeyAsLoginNameLeavesTheVictimsSecondFactorAlone() throws Exception {
        String password = "tundra-velvet-anchor-27-prism";
        String secret = enrolTotp("olga", password);
        UUID olga = idOf("olga");
        for (String typed : new String[] {"totp:" + olga, "second-factor:" + olga}) {
            for (int i = 0; i < LIMIT; i++) {
                assertThat(ready().signIn(typed, "wrong-password-" + i)).as(typed).isEqualTo(Answer.WRONG);
            }
            assertThat(ready().signIn(typed, "wrong-password")).as(typed).isEqualTo(Answer.LOCKED);
        }
        assertThat(counter(new LockoutKey.SecondFactor(olga))).isEmpty();
        assertThat(counter(new LockoutKey.UnknownLogin("totp:" + olga))).contains(LIMIT);

        // Olga's own guesses still have their whole budget: a wrong code is just wrong, then hers signs in.
        AtCode at = atCode("olga", password);
        String right = oathtool(secret, "30 seconds");
        String wrong = String.format("%06d", (Integer.parseInt(right) + 500_000) % 1_000_000);
        assertThat(wrongCode(submitCode(at, wrong))).isTrue();
        assertThat(at.browser().follow(submitCode(at, right)).uri().getPath()).isEqualTo("/account");
        assertThat(counter(new LockoutKey.SecondFactor(olga))).as("cleared by the success").isEmpty();
    }

    @Test
    void usernameAndEmailOfOneAccountShareOneCounter() {
        UUID ken = idOf("ken");
        for (int i = 0; i < 3; i++) {
            assertThat(ready().signIn("ken", "wrong-password-" + i)).isEqualTo(Answer.WRONG);
        }
        for (int i = 0; i < 2; i++) {
            assertThat(ready().signIn("KEN@example.com", "wrong-password-e" + i)).isEqualTo(Answer.WRONG);
        }
        assertThat(ready().signIn("ken", "quartz-meadow-lantern-41-falcon")).isEqualTo(Answer.LOCKED);
        assertThat(ready().signIn("ken@example.com", "quartz-meadow-lantern-41-falcon")).isEqualTo(Answer.LOCKED);
        assertThat(counter(new LockoutKey.Account(ken))).contains(LIMIT);
        assertThat(audited("signin.locked", "account:" + ken)).hasSize(1);
    }

    @Test
    void guessingTheCurrentPasswordOnThePasswordPageLocksTheAccountAndIsAudited() {
        String password = "pelican-granite-sonnet-52-ember";
        UUID pia = idOf("pia");
        String hashBefore = directory.findByLogin("pia").orElseThrow().getPasswordHash().orElseThrow();
        Ready ready = ready();
        assertThat(ready.signIn("pia", password)).isEqualTo(Answer.SIGNED_IN);
        Browser browser = ready.browser();
        HttpResponse<String> page = browser.follow(server().resolve("/account/password"));
        for (int i = 0; i < LIMIT; i++) {
            page = changePassword(browser, page, "wrong-current-" + i);
            assertThat(page.body()).contains("data-code=\"password.currentWrong\"");
        }
        // The right current password is no longer checked ...
        page = changePassword(browser, page, password);
        assertThat(page.body()).contains("data-code=\"password.locked\"");
        assertThat(directory.findByLogin("pia").orElseThrow().getPasswordHash()).contains(hashBefore);
        // ... and the sign-in shares the lock.
        assertThat(ready().signIn("pia", password)).isEqualTo(Answer.LOCKED);

        assertThat(audited("user.password.change", pia.toString())).extracting(AuditEvent::getDetails)
                .containsExactly("reason=current-password-wrong", "reason=current-password-wrong",
                        "reason=current-password-wrong", "reason=current-password-wrong",
                        "reason=current-password-wrong", "reason=locked");
        assertThat(audited("signin.locked", "account:" + pia)).hasSize(1);
    }

    HttpResponse<String> changePassword(Browser browser, HttpResponse<String> page, String current) {
        String next = "harbor-violet-glacier-83-ember";
        HttpResponse<String> answer = browser.post(server().resolve("/account/password"), Map.of("current", current,
                "password", next, "confirm", next, "_csrf", Browser.csrf(page.body())));
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer;
    }
}
