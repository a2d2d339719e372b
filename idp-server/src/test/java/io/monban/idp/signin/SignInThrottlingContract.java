package io.monban.idp.signin;

import static org.assertj.core.api.Assertions.assertThat;

import io.monban.core.audit.AuditEvent;
import io.monban.core.audit.AuditEventRepository;
import io.monban.core.directory.DirectoryService;
import io.monban.core.policy.LockoutKey;
import io.monban.core.policy.SignInLockout;
import io.monban.idp.MonbanApplication;
import io.monban.idp.mfa.SecondFactorAuthorization;
import io.monban.idp.testsupport.Browser;
import io.monban.idp.testsupport.Parallel;
import io.monban.idp.testsupport.Polling;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Parallel guessing against the sign-in limits (5 per account and per second factor), over real
 * HTTP: however many guesses arrive at once, no more than the limit are checked. The same
 * contract runs on H2 and on PostgreSQL, whose concurrency differs.
 */
@SpringBootTest(classes = MonbanApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
abstract class SignInThrottlingContract {

    static final int LIMIT = 5;
    static final int GUESSES = 30;
    static final Pattern SECRET = Pattern.compile("id=\"totp-secret\">([A-Z2-7]+)<");

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DirectoryService directory;
    @Autowired
    AuditEventRepository auditEvents;
    @Autowired
    SignInLockout lockout;

    abstract int port();

    URI server() {
        return URI.create("http://127.0.0.1:" + port());
    }

    UUID idOf(String login) {
        return directory.findByLogin(login).orElseThrow().getId();
    }

    /** What one sign-in attempt came to, from the page the browser ends on. */
    enum Answer { WRONG, LOCKED, SIGNED_IN }

    static Answer answer(HttpResponse<String> page) {
        if (page.body().contains("id=\"login-locked\"")) {
            return Answer.LOCKED;
        }
        if (page.body().contains("id=\"login-error\"")) {
            return Answer.WRONG;
        }
        return Answer.SIGNED_IN;
    }

    /** A browser on the sign-in page, its form ready to post. */
    record Ready(Browser browser, HttpResponse<String> page) {
        Answer signIn(String login, String password) {
            return answer(browser.signIn(page, login, password));
        }
    }

    Ready ready() {
        Browser browser = new Browser(server());
        HttpResponse<String> page = browser.follow(server().resolve("/account"));
        assertThat(Browser.isSignInPage(page)).isTrue();
        return new Ready(browser, page);
    }

    List<Ready> ready(int count) {
        List<Ready> browsers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            browsers.add(ready());
        }
        return browsers;
    }

    Optional<Integer> counter(LockoutKey key) {
        return jdbc.queryForList("SELECT attempts FROM mb_lockout_counter WHERE kind = ? AND subject = ?",
                Integer.class, key.kind(), key.subject()).stream().findFirst();
    }

    List<AuditEvent> audited(String action, String target) {
        return auditEvents.findByActionOrderByIdAsc(action).stream().filter(e -> target.equals(e.getTarget())).toList();
    }

    static String oathtool(String secret, String now) throws IOException, InterruptedException {
        ProcessBuilder command = now == null ? new ProcessBuilder("oathtool", "--totp", "-b", secret)
                : new ProcessBuilder("oathtool", "--totp", "-b", secret, "--now", now);
        Process process = command.redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        assertThat(process.waitFor()).as(out).isZero();
        return out;
    }

    /** Sets up an authenticator for the user (code from {@code oathtool}); returns its secret. */
    String enrolTotp(String login, String password) throws Exception {
        Browser owner = new Browser(server());
        HttpResponse<String> page = owner.signIn(owner.follow(server().resolve("/account/totp")), login, password);
        Matcher m = SECRET.matcher(page.body());
        assertThat(m.find()).as("set-up page shows the secret").isTrue();
        HttpResponse<String> done = owner.post(server().resolve("/account/totp"),
                Map.of("code", oathtool(m.group(1), null), "_csrf", Browser.csrf(page.body())));
        assertThat(done.statusCode()).isEqualTo(200);
        return m.group(1);
    }

    /** A new browser past the password, at the code page. */
    record AtCode(Browser browser, HttpResponse<String> page) {
    }

    AtCode atCode(String login, String password) {
        Browser browser = new Browser(server());
        HttpResponse<String> page = browser.signIn(browser.follow(server().resolve("/account")), login, password);
        assertThat(page.body()).contains("id=\"totp-form\"");
        return new AtCode(browser, page);
    }

    /** Posts a code; where the browser is sent next (the code page again with an error, or the sign-in page). */
    URI submitCode(AtCode at, String code) {
        return Browser.location(at.browser().post(server().resolve(SecondFactorAuthorization.CHALLENGE_PATH),
                Map.of("code", code, "_csrf", Browser.csrf(at.page().body()))));
    }

    static boolean wrongCode(URI next) {
        return next.getPath().equals(SecondFactorAuthorization.CHALLENGE_PATH) && "error".equals(next.getQuery());
    }

    // ---------------------------------------------------------------------------------------

    @Test
    void concurrentReservationsOnOneKeyNeverPassTheLimit() {
        LockoutKey key = new LockoutKey.UnknownLogin("race-" + UUID.randomUUID());
        List<Callable<Boolean>> tasks = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            tasks.add(() -> lockout.reserve(key).isPresent());
        }
        assertThat(Parallel.run(tasks)).filteredOn(Boolean::booleanValue).hasSize(LIMIT);
        assertThat(counter(key)).contains(LIMIT);
    }

    @Test
    void thirtyParallelWrongPasswordsAreCheckedNoMoreThanTheLimit() {
        UUID judy = idOf("judy");
        List<Callable<Answer>> guesses = new ArrayList<>();
        int i = 0;
        for (Ready ready : ready(GUESSES)) {
            String guess = "wrong-password-" + i++;
            guesses.add(() -> ready.signIn("judy", guess));
        }
        List<Answer> answers = Parallel.run(guesses);
        assertThat(answers).doesNotContain(Answer.SIGNED_IN);
        assertThat(answers).filteredOn(a -> a == Answer.WRONG).hasSizeLessThanOrEqualTo(LIMIT);
        assertThat(answers).filteredOn(a -> a == Answer.LOCKED).hasSizeGreaterThanOrEqualTo(GUESSES - LIMIT);
        assertThat(counter(new LockoutKey.Account(judy))).contains(LIMIT);
        assertThat(audited("signin.locked", "account:" + judy)).hasSize(1);
        // Locked: the right password is refused too.
        assertThat(ready().signIn("judy", "pelican-granite-sonnet-52-ember")).isEqualTo(Answer.LOCKED);
    }

    @Test
    void theRightPasswordAmongParallelWrongOnesDoesNotSignInOnceTheyLocked() {
        UUID ivan = idOf("ivan");
        List<Callable<Answer>> guesses = new ArrayList<>();
        int i = 0;
        for (Ready ready : ready(GUESSES - 1)) {
            String guess = "wrong-password-" + i++;
            guesses.add(() -> ready.signIn("ivan", guess));
        }
        Ready right = ready();
        Parallel.Running<Answer> wrong = Parallel.start(guesses);
        // The limit is used up by reservations of guesses still being checked ...
        assertThat(Polling.eventually(Duration.ofSeconds(60),
                () -> counter(new LockoutKey.Account(ivan)).orElse(0) == LIMIT)).isTrue();
        // ... so the right password, arriving among them, is not checked.
        Answer answer = right.signIn("ivan", "walrus-pepper-canyon-19-lotus");
        List<Answer> answers = Parallel.await(wrong);
        assertThat(answer).isEqualTo(Answer.LOCKED);
        assertThat(Browser.isSignInPage(right.browser().follow(server().resolve("/account")))).isTrue();
        assertThat(answers).filteredOn(a -> a == Answer.WRONG).hasSizeLessThanOrEqualTo(LIMIT);
        assertThat(audited("signin.password", ivan.toString())).isEmpty();
    }

    @Test
    void thirtyParallelWrongCodesAreCheckedNoMoreThanTheLimit() throws Exception {
        String password = "tundra-velvet-anchor-27-prism";
        String secret = enrolTotp("lena", password);
        UUID lena = idOf("lena");
        AtCode at = atCode("lena", password);
        String right = oathtool(secret, null);
        String wrong = String.format("%06d", (Integer.parseInt(right) + 500_000) % 1_000_000);
        List<Callable<URI>> guesses = new ArrayList<>();
        for (int i = 0; i < GUESSES; i++) {
            guesses.add(() -> submitCode(at, wrong));
        }
        List<URI> next = Parallel.run(guesses);
        // The last allowed guess ends the half-finished sign-in instead of showing the error.
        assertThat(next).filteredOn(SignInThrottlingContract::wrongCode).hasSizeLessThanOrEqualTo(LIMIT - 1);
        assertThat(counter(new LockoutKey.SecondFactor(lena))).contains(LIMIT);
        assertThat(audited("signin.locked", "second-factor:" + lena)).hasSize(1);
        // Still locked for a new sign-in, even with the right code.
        AtCode again = atCode("lena", password);
        assertThat(submitCode(again, oathtool(secret, "30 seconds")).toString()).endsWith("/login?locked");
    }
}
