package io.monban.scim.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Building blocks of the SCIM endpoints' responses. */
final class ScimResponses {

    private ScimResponses() {
    }

    /** The base of resource locations, as the client reached this server (proxy headers honoured). */
    static String baseUrl() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path("/scim/v2").toUriString();
    }

    static ResponseEntity<JsonNode> resource(HttpStatus status, ScimResult result, AttributeProjection projection) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(status).contentType(ScimJson.SCIM)
                .eTag(ETags.of(result.version()));
        if (status == HttpStatus.CREATED) {
            builder.location(URI.create(result.resource().path("meta").path("location").asText()));
        }
        return builder.body(projection.apply(result.resource()));
    }

    static ResponseEntity<JsonNode> body(JsonNode body) {
        return ResponseEntity.ok().contentType(ScimJson.SCIM).body(body);
    }
}
