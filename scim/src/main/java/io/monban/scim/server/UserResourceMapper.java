package io.monban.scim.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import io.monban.core.directory.EmailAddress;
import io.monban.core.directory.EnterpriseAttributes;
import io.monban.core.directory.Group;
import io.monban.core.directory.PersonName;
import io.monban.core.directory.PhoneNumber;
import io.monban.core.directory.ProvisionedUser;
import io.monban.core.directory.User;
import io.monban.core.directory.UserProfile;
import io.monban.core.directory.UserProvisioning;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * A user as a SCIM resource (core schema plus the enterprise extension) and back. Reading is
 * strict about types but takes the forms real connectors send: booleans as the strings "True" and
 * "False" (Microsoft Entra ID), the manager as a bare id string.
 */
final class UserResourceMapper {

    private UserResourceMapper() {
    }

    static ObjectNode toJson(User user, String baseUrl) {
        ObjectNode json = ScimJson.object();
        ArrayNode schemas = json.putArray("schemas").add(ScimJson.USER_SCHEMA);
        json.put("id", user.getId().toString());
        UserProfile p = user.profile();
        putIfSet(json, "externalId", p.externalId());
        json.put("userName", user.getUsername());
        PersonName n = p.name();
        ObjectNode name = ScimJson.object();
        putIfSet(name, "formatted", n.formatted());
        putIfSet(name, "familyName", n.familyName());
        putIfSet(name, "givenName", n.givenName());
        putIfSet(name, "middleName", n.middleName());
        putIfSet(name, "honorificPrefix", n.honorificPrefix());
        putIfSet(name, "honorificSuffix", n.honorificSuffix());
        if (!name.isEmpty()) {
            json.set("name", name);
        }
        putIfSet(json, "displayName", p.displayName());
        putIfSet(json, "nickName", p.nickName());
        putIfSet(json, "profileUrl", p.profileUrl());
        putIfSet(json, "title", p.title());
        putIfSet(json, "userType", p.userType());
        putIfSet(json, "preferredLanguage", p.preferredLanguage());
        putIfSet(json, "locale", p.locale());
        putIfSet(json, "timezone", p.timezone());
        json.put("active", UserProvisioning.isActive(user.getStatus()));
        if (!user.getEmails().isEmpty()) {
            ArrayNode emails = json.putArray("emails");
            for (EmailAddress e : user.getEmails()) {
                ObjectNode email = emails.addObject().put("value", e.getValue());
                putIfSet(email, "type", e.getType());
                putIfSet(email, "display", e.getDisplay());
                email.put("primary", e.isPrimary());
            }
        }
        if (!user.getPhoneNumbers().isEmpty()) {
            ArrayNode phones = json.putArray("phoneNumbers");
            for (PhoneNumber ph : user.getPhoneNumbers()) {
                ObjectNode phone = phones.addObject().put("value", ph.getValue());
                putIfSet(phone, "type", ph.getType());
                phone.put("primary", ph.isPrimary());
            }
        }
        if (p.addresses() != null) {
            try {
                json.set("addresses", ScimJson.mapper().readTree(p.addresses()));
            } catch (IOException e) {
                throw new IllegalStateException("stored addresses of user " + user.getId() + " are not JSON", e);
            }
        }
        if (!user.getGroups().isEmpty()) {
            ArrayNode groups = json.putArray("groups");
            user.getGroups().stream().sorted(Comparator.comparing(Group::getName)).forEach(g -> groups.addObject()
                    .put("value", g.getId().toString())
                    .put("$ref", baseUrl + "/Groups/" + g.getId())
                    .put("display", g.getDisplayName())
                    .put("type", "direct"));
        }
        EnterpriseAttributes e = p.enterprise();
        ObjectNode enterprise = ScimJson.object();
        putIfSet(enterprise, "employeeNumber", e.employeeNumber());
        putIfSet(enterprise, "costCenter", e.costCenter());
        putIfSet(enterprise, "organization", e.organization());
        putIfSet(enterprise, "division", e.division());
        putIfSet(enterprise, "department", e.department());
        user.getManager().ifPresent(m -> enterprise.putObject("manager")
                .put("value", m.getId().toString())
                .put("$ref", baseUrl + "/Users/" + m.getId())
                .put("displayName", m.getDisplayName()));
        if (!enterprise.isEmpty()) {
            schemas.add(ScimJson.ENTERPRISE_SCHEMA);
            json.set(ScimJson.ENTERPRISE_SCHEMA, enterprise);
        }
        json.set("meta", ScimJson.object()
                .put("resourceType", "User")
                .put("created", user.getCreatedAt().toString())
                .put("lastModified", user.getUpdatedAt().toString())
                .put("location", baseUrl + "/Users/" + user.getId())
                .put("version", ETags.of(user.getVersion())));
        return json;
    }

    /**
     * The user a create or replace asks for. Read-only attributes (id, meta, groups) are ignored,
     * as RFC 7643 asks; {@code password} is taken but never returned.
     */
    static ProvisionedUser fromJson(ObjectNode json) throws BadRequestException {
        String userName = text(json, "userName");
        if (userName == null || userName.isBlank()) {
            throw BadRequestException.invalidValue("userName is required");
        }
        JsonNode nameNode = object(json, "name");
        PersonName name = nameNode == null ? PersonName.EMPTY : new PersonName(text(nameNode, "formatted"),
                text(nameNode, "familyName"), text(nameNode, "givenName"), text(nameNode, "middleName"),
                text(nameNode, "honorificPrefix"), text(nameNode, "honorificSuffix"));
        JsonNode ext = object(json, ScimJson.ENTERPRISE_SCHEMA);
        EnterpriseAttributes enterprise = ext == null ? EnterpriseAttributes.EMPTY : new EnterpriseAttributes(
                text(ext, "employeeNumber"), text(ext, "costCenter"), text(ext, "organization"),
                text(ext, "division"), text(ext, "department"), manager(ext.get("manager")));
        JsonNode addresses = json.get("addresses");
        String addressJson = null;
        if (addresses != null && !addresses.isNull()) {
            if (!addresses.isArray()) {
                throw BadRequestException.invalidValue("addresses must be an array");
            }
            if (!addresses.isEmpty()) {
                addressJson = addresses.toString();
            }
        }
        UserProfile profile = new UserProfile(text(json, "externalId"), name, text(json, "displayName"),
                text(json, "nickName"), text(json, "profileUrl"), text(json, "title"), text(json, "userType"),
                text(json, "preferredLanguage"), text(json, "locale"), text(json, "timezone"), addressJson,
                enterprise);
        Boolean active = bool(json, "active");
        List<EmailAddress> emails = new ArrayList<>();
        for (JsonNode e : array(json, "emails")) {
            String value = text(e, "value");
            if (value == null) {
                throw BadRequestException.invalidValue("emails: every entry needs a value");
            }
            emails.add(new EmailAddress(value, text(e, "type"), Boolean.TRUE.equals(bool(e, "primary")),
                    text(e, "display")));
        }
        List<PhoneNumber> phones = new ArrayList<>();
        for (JsonNode ph : array(json, "phoneNumbers")) {
            String value = text(ph, "value");
            if (value == null) {
                throw BadRequestException.invalidValue("phoneNumbers: every entry needs a value");
            }
            phones.add(new PhoneNumber(value, text(ph, "type"), Boolean.TRUE.equals(bool(ph, "primary"))));
        }
        return new ProvisionedUser(userName, active, profile, emails, phones,
                text(json, "password"));
    }

    private static UUID manager(JsonNode manager) throws BadRequestException {
        if (manager == null || manager.isNull()) {
            return null;
        }
        JsonNode value = manager.isObject() ? manager.get("value") : manager;
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isEmpty())) {
            return null;
        }
        if (!value.isTextual()) {
            throw BadRequestException.invalidValue("manager.value must be a user id");
        }
        try {
            return UUID.fromString(value.asText());
        } catch (IllegalArgumentException e) {
            throw BadRequestException.invalidValue("manager.value: no user with id " + value.asText());
        }
    }

    static String text(JsonNode parent, String field) throws BadRequestException {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isArray() && node.size() == 1 && node.get(0).isTextual()) {
            throw BadRequestException.invalidValue(field + " is single-valued; send a string, not an array");
        }
        if (!node.isValueNode()) {
            throw BadRequestException.invalidValue(field + " must be a string");
        }
        return node.asText();
    }

    /** A boolean, or the strings "true"/"false" in any case (what Entra ID sends). */
    static Boolean bool(JsonNode parent, String field) throws BadRequestException {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual() && (node.asText().equalsIgnoreCase("true") || node.asText().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(node.asText().toLowerCase());
        }
        throw BadRequestException.invalidValue(field + " must be true or false");
    }

    private static JsonNode object(JsonNode parent, String field) throws BadRequestException {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw BadRequestException.invalidValue(field + " must be an object");
        }
        return node;
    }

    private static Iterable<JsonNode> array(JsonNode parent, String field) throws BadRequestException {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw BadRequestException.invalidValue(field + " must be an array");
        }
        for (JsonNode element : node) {
            if (!element.isObject()) {
                throw BadRequestException.invalidValue(field + " must be an array of objects");
            }
        }
        return node;
    }

    private static void putIfSet(ObjectNode json, String field, String value) {
        if (value != null) {
            json.put(field, value);
        }
    }
}
