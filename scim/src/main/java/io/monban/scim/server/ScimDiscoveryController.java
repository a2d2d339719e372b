package io.monban.scim.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.types.AuthenticationScheme;
import com.unboundid.scim2.common.types.BulkConfig;
import com.unboundid.scim2.common.types.ChangePasswordConfig;
import com.unboundid.scim2.common.types.ETagConfig;
import com.unboundid.scim2.common.types.EnterpriseUserExtension;
import com.unboundid.scim2.common.types.FilterConfig;
import com.unboundid.scim2.common.types.GroupResource;
import com.unboundid.scim2.common.types.PatchConfig;
import com.unboundid.scim2.common.types.ResourceTypeResource;
import com.unboundid.scim2.common.types.SchemaResource;
import com.unboundid.scim2.common.types.ServiceProviderConfigResource;
import com.unboundid.scim2.common.types.SortConfig;
import com.unboundid.scim2.common.types.UserResource;
import com.unboundid.scim2.common.utils.SchemaUtils;
import java.beans.IntrospectionException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the server supports (RFC 7644 section 4): ServiceProviderConfig, ResourceTypes and
 * Schemas. The schemas are the SDK's definitions of RFC 7643's User, EnterpriseUser and Group.
 */
@RestController
class ScimDiscoveryController {

    private final ScimProperties limits;
    private final Map<String, JsonNode> schemas = new LinkedHashMap<>();

    ScimDiscoveryController(ScimProperties limits) throws IntrospectionException {
        this.limits = limits;
        for (Class<?> type : List.of(UserResource.class, EnterpriseUserExtension.class, GroupResource.class)) {
            SchemaResource schema = SchemaUtils.getSchema(type);
            schemas.put(schema.getId(), ScimJson.mapper().valueToTree(schema));
        }
    }

    @GetMapping(path = "/scim/v2/ServiceProviderConfig", produces = {"application/scim+json", "application/json"})
    ResponseEntity<JsonNode> serviceProviderConfig() {
        ServiceProviderConfigResource config = new ServiceProviderConfigResource(null,
                new PatchConfig(true),
                new BulkConfig(true, limits.bulkMaxOperations(), limits.bulkMaxPayloadBytes()),
                new FilterConfig(true, limits.maxResults()),
                new ChangePasswordConfig(true),
                new SortConfig(true),
                new ETagConfig(true),
                List.of(AuthenticationScheme.createOAuth2BearerToken(true)));
        ObjectNode json = ScimJson.mapper().valueToTree(config);
        json.set("meta", meta("ServiceProviderConfig", "/ServiceProviderConfig"));
        return ScimResponses.body(json);
    }

    @GetMapping(path = "/scim/v2/ResourceTypes", produces = {"application/scim+json", "application/json"})
    ResponseEntity<JsonNode> resourceTypes() {
        Map<String, JsonNode> types = resourceTypeMap();
        return ScimResponses.body(list(List.copyOf(types.values())));
    }

    @GetMapping(path = "/scim/v2/ResourceTypes/{name}", produces = {"application/scim+json", "application/json"})
    ResponseEntity<JsonNode> resourceType(@PathVariable String name) throws ScimException {
        JsonNode type = resourceTypeMap().get(name);
        if (type == null) {
            throw new ResourceNotFoundException("No resource type " + name + "; there are User and Group");
        }
        return ScimResponses.body(type);
    }

    @GetMapping(path = "/scim/v2/Schemas", produces = {"application/scim+json", "application/json"})
    ResponseEntity<JsonNode> schemas() {
        List<JsonNode> all = schemas.entrySet().stream().map(e -> withMeta(e.getValue(), e.getKey())).toList();
        return ScimResponses.body(list(all));
    }

    @GetMapping(path = "/scim/v2/Schemas/{id}", produces = {"application/scim+json", "application/json"})
    ResponseEntity<JsonNode> schema(@PathVariable String id) throws ScimException {
        JsonNode schema = schemas.get(id);
        if (schema == null) {
            throw new ResourceNotFoundException("No schema " + id);
        }
        return ScimResponses.body(withMeta(schema, id));
    }

    /**
     * Anything else under /scim: another protocol version than v2 (RFC 7644 section 3.13) is
     * invalidVers, an unknown v2 endpoint is 404 - both as SCIM errors, not error pages.
     */
    @RequestMapping(path = "/scim/{version}/{*rest}")
    ResponseEntity<JsonNode> elsewhere(@PathVariable String version, @PathVariable String rest) {
        if (!version.equals("v2")) {
            return ScimErrors.error(400, ScimJson.INVALID_VERS, "SCIM version " + version
                    + " is not supported; this server speaks SCIM 2.0 under /scim/v2").toResponse();
        }
        return ScimErrors.error(404, null, "No SCIM endpoint " + rest + "; see /scim/v2/ResourceTypes").toResponse();
    }

    private Map<String, JsonNode> resourceTypeMap() {
        Map<String, JsonNode> types = new LinkedHashMap<>();
        ResourceTypeResource user = new ResourceTypeResource("User", "User", "Users of the directory",
                URI.create("/Users"), URI.create(ScimJson.USER_SCHEMA),
                List.of(new ResourceTypeResource.SchemaExtension(URI.create(ScimJson.ENTERPRISE_SCHEMA), false)));
        ResourceTypeResource group = new ResourceTypeResource("Group", "Group", "Groups of users",
                URI.create("/Groups"), URI.create(ScimJson.GROUP_SCHEMA), null);
        ObjectNode userJson = ScimJson.mapper().valueToTree(user);
        userJson.set("meta", meta("ResourceType", "/ResourceTypes/User"));
        ObjectNode groupJson = ScimJson.mapper().valueToTree(group);
        groupJson.set("meta", meta("ResourceType", "/ResourceTypes/Group"));
        types.put("User", userJson);
        types.put("Group", groupJson);
        return types;
    }

    private JsonNode withMeta(JsonNode schema, String id) {
        ObjectNode copy = (ObjectNode) schema.deepCopy();
        copy.set("meta", meta("Schema", "/Schemas/" + id));
        return copy;
    }

    private static ObjectNode meta(String resourceType, String path) {
        return ScimJson.object().put("resourceType", resourceType).put("location", ScimResponses.baseUrl() + path);
    }

    private static ObjectNode list(List<JsonNode> resources) {
        ObjectNode response = ScimJson.object();
        response.putArray("schemas").add(ScimJson.LIST_RESPONSE);
        response.put("totalResults", resources.size());
        response.put("startIndex", 1);
        response.put("itemsPerPage", resources.size());
        ArrayNode array = response.putArray("Resources");
        resources.forEach(array::add);
        return response;
    }


}
