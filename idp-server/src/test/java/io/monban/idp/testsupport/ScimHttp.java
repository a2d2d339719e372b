package io.monban.idp.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** A SCIM client over real HTTP, as a provisioning connector talks to Monban. */
public final class ScimHttp {

    public static final ObjectMapper JSON = new ObjectMapper();

    public record Response(int status, HttpResponse<String> raw, JsonNode body) {
        public Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }

        public String etag() {
            return header("ETag").orElseThrow();
        }

        public String scimType() {
            return body.path("scimType").asText(null);
        }

        public String id() {
            return body.path("id").asText();
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;
    private final String token;

    public ScimHttp(URI server, String token) {
        this.base = server.resolve("/scim/v2");
        this.token = token;
    }

    public ScimHttp withToken(String other) {
        return new ScimHttp(base.resolve("/"), other);
    }

    public static String q(String filter) {
        return URLEncoder.encode(filter, StandardCharsets.UTF_8);
    }

    public static ObjectNode parse(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    public Response get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    public Response post(String path, String body, String... headers) {
        return send("POST", path, body, headers);
    }

    public Response put(String path, String body, String... headers) {
        return send("PUT", path, body, headers);
    }

    public Response patch(String path, String body, String... headers) {
        return send("PATCH", path, body, headers);
    }

    public Response delete(String path, String... headers) {
        return send("DELETE", path, null, headers);
    }

    public Response send(String method, String path, String body, String... headers) {
        URI uri = path.startsWith("/../") ? base.resolve(path.substring(3)) : URI.create(base + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/scim+json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body() == null || response.body().isBlank() ? JSON.nullNode()
                    : JSON.readTree(response.body());
            return new Response(response.statusCode(), response, json);
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        }
    }
}
