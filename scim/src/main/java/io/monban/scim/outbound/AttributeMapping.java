package io.monban.scim.outbound;

import io.monban.core.directory.User;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Which SCIM attribute of the downstream user gets which Monban attribute. Keys are SCIM
 * attribute paths of the core User schema ({@code userName}, {@code name.givenName},
 * {@code emails} ...), values are Monban attribute names. {@code userName} must be mapped, since
 * it is how Monban finds the user downstream; {@code active} is Monban's own.
 */
public final class AttributeMapping {

    static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";

    private static final Map<String, Function<User, Optional<String>>> SOURCES = Map.of(
            "id", u -> Optional.of(u.getId().toString()),
            "username", u -> Optional.of(u.getUsername()),
            "email", User::getEmail,
            "givenName", User::getGivenName,
            "familyName", User::getFamilyName,
            "displayName", u -> Optional.of(u.getDisplayName()),
            "locale", User::getLocale);
    private static final Set<String> RESERVED = Set.of("id", "schemas", "meta", "active", "password", "groups");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final Map<String, String> DEFAULT = defaults();

    private final Map<String, String> mapping;

    private AttributeMapping(Map<String, String> mapping) {
        this.mapping = mapping;
    }

    private static Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("userName", "username");
        m.put("externalId", "id");
        m.put("name.givenName", "givenName");
        m.put("name.familyName", "familyName");
        m.put("displayName", "displayName");
        m.put("emails", "email");
        m.put("locale", "locale");
        return m;
    }

    /** What is wrong with a mapping, as "attributeMapping.key: reason" lines. */
    static List<String> problems(Map<String, String> mapping) {
        List<String> problems = new ArrayList<>();
        if (mapping.isEmpty()) {
            return problems;
        }
        if (!mapping.containsKey("userName")) {
            problems.add("attributeMapping: userName must be mapped (Monban finds downstream users by it)");
        }
        mapping.forEach((scim, source) -> {
            if (scim == null || !scim.matches("[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z][A-Za-z0-9]*)?")) {
                problems.add("attributeMapping." + scim + ": not a SCIM attribute path such as name.givenName");
            } else if (RESERVED.contains(scim.split("\\.")[0])) {
                problems.add("attributeMapping." + scim + ": set by Monban itself, cannot be mapped");
            }
            if (!SOURCES.containsKey(source)) {
                problems.add("attributeMapping." + scim + ": unknown Monban attribute " + source + " (one of "
                        + new java.util.TreeSet<>(SOURCES.keySet()) + ")");
            }
        });
        return problems;
    }

    static AttributeMapping of(Map<String, String> mapping) {
        return new AttributeMapping(mapping.isEmpty() ? DEFAULT : new LinkedHashMap<>(mapping));
    }

    static AttributeMapping parse(String json) {
        Map<String, String> mapping = new LinkedHashMap<>();
        JSON.readTree(json).properties().forEach(e -> mapping.put(e.getKey(), e.getValue().asString()));
        return new AttributeMapping(mapping);
    }

    String toJson() {
        ObjectNode node = JSON.createObjectNode();
        mapping.forEach(node::put);
        return node.toString();
    }

    /** The downstream user as a SCIM resource (without {@code id}), {@code active} as given. */
    ObjectNode resource(User user, boolean active) {
        ObjectNode resource = JSON.createObjectNode();
        resource.putArray("schemas").add(USER_SCHEMA);
        mapping.forEach((scim, source) -> SOURCES.get(source).apply(user).ifPresent(value -> {
            if (scim.equals("emails")) {
                resource.putArray("emails").addObject().put("value", value).put("type", "work").put("primary", true);
            } else if (scim.contains(".")) {
                String[] path = scim.split("\\.");
                ObjectNode parent = resource.has(path[0]) ? (ObjectNode) resource.get(path[0]) : resource.putObject(path[0]);
                parent.put(path[1], value);
            } else {
                resource.put(scim, value);
            }
        }));
        resource.put("active", active);
        return resource;
    }
}
