import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Authorization-code logins against Monban, as fast as a client can drive them: the same flow
 * as codeflow.py (authorize, sign-in page, sign-in form, back to authorize, code exchange with
 * PKCE), in Java so that the load generator takes less of the shared CPU than the server's
 * password hashing does.
 *
 *   java bench/CodeFlowLoad.java BASE CLIENT_ID CLIENT_SECRET REDIRECT_URI CLIENTS WARMUP_S DURATION_S USER:PASS...
 *
 * Prints one line: logins_per_s=... p50_ms=... p99_ms=... errors=...
 */
public class CodeFlowLoad {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
    private static final SecureRandom RANDOM = new SecureRandom();

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String clientId = args[1];
        String secret = args[2];
        String redirect = args[3];
        int clients = Integer.parseInt(args[4]);
        long warmupMs = Long.parseLong(args[5]) * 1000;
        long durationMs = Long.parseLong(args[6]) * 1000;
        List<String[]> users = new ArrayList<>();
        for (int i = 7; i < args.length; i++) {
            users.add(args[i].split(":", 2));
        }
        String basic = "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret)
                .getBytes(StandardCharsets.UTF_8));

        long start = System.currentTimeMillis();
        long measureFrom = start + warmupMs;
        long end = measureFrom + durationMs;
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger errors = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            String[] user = users.get(c % users.size());
            Thread t = new Thread(() -> {
                CookieManager cookies = new CookieManager();
                HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
                        .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
                while (System.currentTimeMillis() < end) {
                    long t0 = System.nanoTime();
                    try {
                        // A fresh cookie jar per login: every login is a full sign-in.
                        cookies.getCookieStore().removeAll();
                        login(http, base, clientId, basic, redirect, user[0], user[1]);
                        if (System.currentTimeMillis() >= measureFrom && System.currentTimeMillis() < end) {
                            latencies.add(System.nanoTime() - t0);
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        double rate = sorted.size() / (durationMs / 1000.0);
        System.out.printf("logins_per_s=%.2f p50_ms=%.1f p99_ms=%.1f logins=%d errors=%d%n", rate,
                percentile(sorted, 0.50), percentile(sorted, 0.99), sorted.size(), errors.get());
    }

    private static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p * sorted.size()))) / 1e6;
    }

    private static void login(HttpClient http, String base, String clientId, String basic, String redirect,
                              String user, String password) throws Exception {
        byte[] v = new byte[32];
        RANDOM.nextBytes(v);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(v);
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String authorize = base + "/oauth2/authorize?response_type=code&client_id=" + enc(clientId)
                + "&redirect_uri=" + enc(redirect) + "&scope=openid%20profile%20email&state=s1&nonce=n1"
                + "&code_challenge=" + challenge + "&code_challenge_method=S256";
        HttpResponse<String> r = get(http, authorize);
        expect(r, 302);
        r = get(http, location(r));
        expect(r, 200);
        Matcher m = CSRF.matcher(r.body());
        if (!m.find()) {
            throw new IllegalStateException("no csrf");
        }
        r = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + enc(user) + "&password=" + enc(password)
                        + "&_csrf=" + enc(m.group(1))))
                .build(), HttpResponse.BodyHandlers.ofString());
        expect(r, 302);
        r = get(http, location(r));
        expect(r, 302);
        String callback = location(r);
        int at = callback.indexOf("code=");
        if (!callback.startsWith(redirect) || at < 0) {
            throw new IllegalStateException("no code: " + callback);
        }
        String code = callback.substring(at + 5).split("&")[0];
        r = http.send(HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
                .header("Authorization", basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=" + code
                        + "&redirect_uri=" + enc(redirect) + "&code_verifier=" + verifier))
                .build(), HttpResponse.BodyHandlers.ofString());
        expect(r, 200);
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String location(HttpResponse<String> r) {
        return r.uri().resolve(r.headers().firstValue("Location").orElseThrow()).toString();
    }

    private static void expect(HttpResponse<String> r, int status) {
        if (r.statusCode() != status) {
            throw new IllegalStateException("expected " + status + " got " + r.statusCode() + " at " + r.uri());
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
