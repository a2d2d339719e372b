package io.monban.scim.outbound;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The few SCIM 2.0 requests (RFC 7644) provisioning needs, against one service's /Users. */
final class ScimUserClient {

    static final String MEDIA_TYPE = "application/scim+json";
    private static final String PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A response: its status and, if any, its JSON body. */
    record Answer(int status, JsonNode body) {
        boolean ok() {
            return status / 100 == 2;
        }

        /** RFC 7644 §3.12: the scimType of an error, never the detail (it may echo what was sent). */
        String describe() {
            String scimType = body == null ? "" : body.path("scimType").asString("");
            return "HTTP " + status + (scimType.isEmpty() ? "" : " scimType=" + scimType);
        }
    }

    private final HttpClient http;
    private final URI users;
    private final String bearer;
    private final Duration timeout;

    ScimUserClient(HttpClient http, String baseUrl, String bearer, Duration timeout) {
        this.http = http;
        this.users = URI.create((baseUrl.endsWith("/") ? baseUrl : baseUrl + "/") + "Users");
        this.bearer = bearer;
        this.timeout = timeout;
    }

    /** The id of the user with this userName (RFC 7644 §3.4.2.2 filter), if there is one. */
    Optional<String> findIdByUserName(String userName) throws IOException, ScimAnswerException {
        String filter = "userName eq \"" + userName.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        Answer answer = send(HttpRequest.newBuilder(URI.create(users + "?filter="
                + URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20"))).GET());
        require(answer);
        JsonNode first = answer.body() == null ? null : answer.body().path("Resources").path(0);
        return first == null || first.isMissingNode() || first.path("id").asString("").isEmpty() ? Optional.empty()
                : Optional.of(first.path("id").asString());
    }

    Answer create(ObjectNode resource) throws IOException {
        return send(HttpRequest.newBuilder(users).POST(body(resource)));
    }

    Answer replace(String id, ObjectNode resource) throws IOException {
        ObjectNode withId = resource.deepCopy();
        withId.put("id", id);
        return send(HttpRequest.newBuilder(user(id)).PUT(body(withId)));
    }

    Answer deactivate(String id) throws IOException {
        ObjectNode patch = JSON.createObjectNode();
        patch.putArray("schemas").add(PATCH_SCHEMA);
        patch.putArray("Operations").addObject().put("op", "replace").put("path", "active").put("value", false);
        return send(HttpRequest.newBuilder(user(id)).method("PATCH", body(patch)));
    }

    Answer delete(String id) throws IOException {
        return send(HttpRequest.newBuilder(user(id)).DELETE());
    }

    private URI user(String id) {
        return URI.create(users + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    private static HttpRequest.BodyPublisher body(JsonNode json) {
        return HttpRequest.BodyPublishers.ofString(json.toString());
    }

    private Answer send(HttpRequest.Builder request) throws IOException {
        request.timeout(timeout).header("Authorization", "Bearer " + bearer).header("Accept", MEDIA_TYPE);
        HttpRequest built = request.build();
        if (built.bodyPublisher().isPresent()) {
            request.header("Content-Type", MEDIA_TYPE);
            built = request.build();
        }
        try {
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), parse(response.body()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    static void require(Answer answer) throws ScimAnswerException {
        if (!answer.ok()) {
            throw new ScimAnswerException(answer);
        }
    }

    /** A refusal by the SCIM service, carried to where the delivery outcome is decided. */
    static final class ScimAnswerException extends Exception {
        private final Answer answer;

        ScimAnswerException(Answer answer) {
            super(answer.describe(), null, false, false);
            this.answer = answer;
        }

        Answer answer() {
            return answer;
        }
    }
}
