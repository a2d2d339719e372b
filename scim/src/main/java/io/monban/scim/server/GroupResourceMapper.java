package io.monban.scim.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import io.monban.core.directory.Group;
import io.monban.core.directory.ProvisionedGroup;
import io.monban.core.directory.User;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/** A group as a SCIM resource and back. Members are users; nested groups are not supported. */
final class GroupResourceMapper {

    private GroupResourceMapper() {
    }

    static ObjectNode toJson(Group group, String baseUrl, boolean withMembers) {
        ObjectNode json = ScimJson.object();
        json.putArray("schemas").add(ScimJson.GROUP_SCHEMA);
        json.put("id", group.getId().toString());
        group.getExternalId().ifPresent(e -> json.put("externalId", e));
        json.put("displayName", group.getDisplayName());
        if (withMembers) {
            ArrayNode members = json.putArray("members");
            group.getMembers().stream().sorted(Comparator.comparing(User::getUsername)).forEach(u -> members.addObject()
                    .put("value", u.getId().toString())
                    .put("$ref", baseUrl + "/Users/" + u.getId())
                    .put("display", u.getDisplayName())
                    .put("type", "User"));
        }
        json.set("meta", ScimJson.object()
                .put("resourceType", "Group")
                .put("created", group.getCreatedAt().toString())
                .put("lastModified", group.getUpdatedAt().toString())
                .put("location", baseUrl + "/Groups/" + group.getId())
                .put("version", ETags.of(group.getVersion())));
        return json;
    }

    static ProvisionedGroup fromJson(ObjectNode json) throws BadRequestException {
        String displayName = UserResourceMapper.text(json, "displayName");
        if (displayName == null || displayName.isBlank()) {
            throw BadRequestException.invalidValue("displayName is required");
        }
        Set<UUID> members = new LinkedHashSet<>();
        JsonNode list = json.get("members");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw BadRequestException.invalidValue("members must be an array");
            }
            for (JsonNode member : list) {
                if (!member.isObject()) {
                    throw BadRequestException.invalidValue("members must be an array of objects");
                }
                String type = UserResourceMapper.text(member, "type");
                if (type != null && type.equalsIgnoreCase("Group")) {
                    throw BadRequestException.invalidValue("members: nested groups are not supported; add users");
                }
                String value = UserResourceMapper.text(member, "value");
                if (value == null) {
                    throw BadRequestException.invalidValue("members: every member needs a value (a user id)");
                }
                try {
                    members.add(UUID.fromString(value));
                } catch (IllegalArgumentException e) {
                    throw BadRequestException.invalidValue("members: no user with id " + value);
                }
            }
        }
        return new ProvisionedGroup(displayName, UserResourceMapper.text(json, "externalId"), members);
    }
}
