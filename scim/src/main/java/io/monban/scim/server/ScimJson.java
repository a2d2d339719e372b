package io.monban.scim.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.messages.ErrorResponse;
import com.unboundid.scim2.common.utils.JsonUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;

/**
 * The SCIM SDK's Jackson 2 mapper (case-insensitive attribute names, SCIM dates), shared by
 * every SCIM class: Boot's own JSON support is Jackson 3 and knows nothing of SDK types.
 */
public final class ScimJson {

    public static final MediaType SCIM = MediaType.parseMediaType("application/scim+json");
    public static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    public static final String ENTERPRISE_SCHEMA = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public static final String GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
    public static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    public static final String SEARCH_REQUEST = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";
    public static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    public static final String BULK_REQUEST = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
    public static final String BULK_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:BulkResponse";
    /** RFC 7644 section 3.12 names it so; the SDK's constant says "invalidVersion". */
    public static final String INVALID_VERS = "invalidVers";

    private static final ObjectMapper MAPPER = JsonUtils.createObjectMapper();

    private ScimJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static ObjectNode object() {
        return JsonUtils.getJsonNodeFactory().objectNode();
    }

    /** Parses a request body; anything but a JSON object is invalidSyntax. */
    public static ObjectNode parseObject(String body) throws BadRequestException {
        if (body == null || body.isBlank()) {
            throw BadRequestException.invalidSyntax("the request has no body; send a JSON object");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw BadRequestException.invalidSyntax("the body is not valid JSON: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw BadRequestException.invalidSyntax("the body could not be read");
        }
        if (!(node instanceof ObjectNode object)) {
            throw BadRequestException.invalidSyntax("the body must be a JSON object");
        }
        return object;
    }

    /** Whether the resource or message names the schema (RFC 7643: "schemas" is required). */
    public static void requireSchema(ObjectNode node, String schema) throws BadRequestException {
        JsonNode schemas = node.get("schemas");
        if (schemas == null || !schemas.isArray()) {
            throw BadRequestException.invalidSyntax("'schemas' is required and must list " + schema);
        }
        for (JsonNode s : schemas) {
            if (s.isTextual() && s.asText().equalsIgnoreCase(schema)) {
                return;
            }
        }
        throw BadRequestException.invalidSyntax("'schemas' must list " + schema);
    }

    public static byte[] errorBody(int status, String scimType, String detail) {
        ErrorResponse error = new ErrorResponse(status);
        error.setScimType(scimType);
        error.setDetail(detail);
        try {
            return MAPPER.writeValueAsString(error).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.split("\n")[0];
    }
}
