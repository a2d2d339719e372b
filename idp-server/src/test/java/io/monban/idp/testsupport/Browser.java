package io.monban.idp.testsupport;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A browser over real HTTP: keeps cookies, follows Monban's own redirects by hand and stops at
 * the first redirect that leaves the server (to a client's redirect URI), and fills in forms
 * with their CSRF token as a browser would.
 */
public final class Browser {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+(?:value|content)=\"([^\"]+)\"");
    private static final Pattern LANGUAGE_LINK = Pattern.compile("<a href=\"([^\"]+)\" lang=\"([a-z]+)\"");

    private final URI server;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;
    private final String accept;
    private final Map<String, String> headers = new java.util.concurrent.ConcurrentHashMap<>();

    public Browser(URI server) {
        this(server, "text/html");
    }

    /** A browser that sends this {@code Accept} header with its page requests (some name application/json). */
    public Browser(URI server, String accept) {
        this.server = server;
        this.accept = accept;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    /** Sends this header with every later request, as a proxy in front of the browser would add it. */
    public Browser header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public HttpResponse<String> get(URI uri) {
        return send(HttpRequest.newBuilder(uri).header("Accept", accept).GET().build());
    }

    /** A GET as a script in the page would make it, asking for JSON. */
    public HttpResponse<String> getJson(URI uri) {
        return send(HttpRequest.newBuilder(uri).header("Accept", "application/json").GET().build());
    }

    /** Posts a form; a {@code List} value becomes a repeated field, as checkboxes are sent. */
    public HttpResponse<String> post(URI uri, Map<String, ?> form) {
        String body = form.entrySet().stream()
                .flatMap(e -> (e.getValue() instanceof List<?> values ? values.stream() : Stream.of(e.getValue()))
                        .map(v -> enc(e.getKey()) + "=" + enc(String.valueOf(v))))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri).header("Accept", accept)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Follows redirects on this server; returns the last response (a page, or a redirect elsewhere). */
    public HttpResponse<String> follow(URI uri) {
        HttpResponse<String> response = get(uri);
        for (int hops = 0; hops < 10 && isRedirect(response); hops++) {
            URI next = location(response);
            if (!isServer(next)) {
                return response;
            }
            response = get(next);
        }
        return response;
    }

    /** Submits the sign-in form shown in {@code page} and follows on. */
    public HttpResponse<String> signIn(HttpResponse<String> page, String username, String password) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("username", username);
        form.put("password", password);
        form.put("_csrf", csrf(page.body()));
        HttpResponse<String> response = post(server.resolve("/login"), form);
        return isRedirect(response) && isServer(location(response)) ? follow(location(response)) : response;
    }

    /** Opens the URL and signs in if the sign-in page appears; returns where the browser ends up. */
    public HttpResponse<String> authorize(URI authorizationRequest, String username, String password) {
        HttpResponse<String> response = follow(authorizationRequest);
        if (isSignInPage(response)) {
            response = signIn(response, username, password);
        }
        return response;
    }

    public static boolean isSignInPage(HttpResponse<String> response) {
        return response.statusCode() == 200 && response.body().contains("id=\"login-form\"");
    }

    public static boolean isRedirect(HttpResponse<String> response) {
        return response.statusCode() / 100 == 3;
    }

    public static URI location(HttpResponse<String> response) {
        return response.uri().resolve(response.headers().firstValue("Location").orElseThrow(
                () -> new AssertionError("no Location header; status " + response.statusCode())));
    }

    public static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        if (!m.find()) {
            throw new AssertionError("no CSRF token in page");
        }
        return m.group(1).replace("&#45;", "-");
    }

    /** Where the page's language switch to {@code language} goes. */
    public URI languageLink(HttpResponse<String> page, String language) {
        Matcher m = LANGUAGE_LINK.matcher(page.body());
        while (m.find()) {
            if (m.group(2).equals(language)) {
                return server.resolve(m.group(1).replace("&amp;", "&"));
            }
        }
        throw new AssertionError("no language link for " + language);
    }

    public boolean hasSessionCookie() {
        return cookies.getCookieStore().getCookies().stream().anyMatch(c -> c.getName().equals("MONBAN_SESSION"));
    }

    private boolean isServer(URI uri) {
        return server.getHost().equals(uri.getHost()) && server.getPort() == uri.getPort();
    }

    private HttpResponse<String> send(HttpRequest request) {
        if (!headers.isEmpty()) {
            HttpRequest.Builder copy = HttpRequest.newBuilder(request, (name, value) -> true);
            headers.forEach(copy::setHeader);
            request = copy.build();
        }
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
