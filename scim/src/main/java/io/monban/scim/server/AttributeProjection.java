package io.monban.scim.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code attributes} and {@code excludedAttributes} parameters (RFC 7644 section 3.4.2.5):
 * trims a resource to what the client asked for. {@code id}, {@code schemas} and
 * {@code meta} are always returned; {@code password} never is (it is never in the resource).
 */
final class AttributeProjection {

    private static final List<String> ALWAYS = List.of("id", "schemas", "meta");

    private final List<String> included;
    private final List<String> excluded;

    private AttributeProjection(List<String> included, List<String> excluded) {
        this.included = included;
        this.excluded = excluded;
    }

    static AttributeProjection of(String attributes, String excludedAttributes) {
        return new AttributeProjection(split(attributes), split(excludedAttributes));
    }

    boolean isIdentity() {
        return included.isEmpty() && excluded.isEmpty();
    }

    /** Whether a group's members survive the projection (if not, they need not be loaded). */
    boolean keepsMembers() {
        ObjectNode probe = ScimJson.object();
        probe.putArray("members");
        return apply(probe).has("members");
    }

    ObjectNode apply(ObjectNode resource) {
        if (isIdentity()) {
            return resource;
        }
        if (!included.isEmpty()) {
            ObjectNode kept = ScimJson.object();
            for (String always : ALWAYS) {
                if (resource.has(always)) {
                    kept.set(always, resource.get(always));
                }
            }
            for (String path : included) {
                copy(resource, kept, path);
            }
            return kept;
        }
        ObjectNode copy = resource.deepCopy();
        for (String path : excluded) {
            remove(copy, path);
        }
        return copy;
    }

    private static List<String> split(String list) {
        if (list == null || list.isBlank()) {
            return List.of();
        }
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** [urn-object, attribute, sub-attribute] of a path such as urn:...:User:manager.value or name.givenName. */
    private static List<String> steps(ObjectNode resource, String path) {
        List<String> steps = new ArrayList<>();
        String rest = path;
        for (Iterator<Map.Entry<String, JsonNode>> it = resource.fields(); it.hasNext(); ) {
            String field = it.next().getKey();
            if (field.startsWith("urn:") && path.toLowerCase(Locale.ROOT).startsWith(field.toLowerCase(Locale.ROOT))) {
                steps.add(field);
                rest = path.length() > field.length() ? path.substring(field.length() + 1) : "";
                break;
            }
        }
        if (!rest.isEmpty()) {
            steps.addAll(Arrays.asList(rest.split("\\.")));
        }
        return steps;
    }

    private static void copy(ObjectNode from, ObjectNode to, String path) {
        List<String> steps = steps(from, path);
        ObjectNode source = from;
        ObjectNode target = to;
        for (int i = 0; i < steps.size(); i++) {
            JsonNode value = source.get(steps.get(i));
            if (value == null) {
                return;
            }
            String field = fieldName(source, steps.get(i));
            if (i == steps.size() - 1 || !value.isObject() && !value.isArray()) {
                if (value.isArray() && i < steps.size() - 1) {
                    return;
                }
                target.set(field, value);
                return;
            }
            if (value.isArray()) {
                // emails.value: that sub-attribute of every value.
                var array = target.putArray(field);
                for (JsonNode element : value) {
                    JsonNode sub = element.get(steps.get(i + 1));
                    if (sub != null) {
                        array.addObject().set(fieldName((ObjectNode) element, steps.get(i + 1)), sub);
                    }
                }
                return;
            }
            ObjectNode next = target.has(field) && target.get(field).isObject() ? (ObjectNode) target.get(field)
                    : target.putObject(field);
            source = (ObjectNode) value;
            target = next;
        }
    }

    private static void remove(ObjectNode resource, String path) {
        List<String> steps = steps(resource, path);
        if (steps.isEmpty() || ALWAYS.contains(steps.get(0).toLowerCase(Locale.ROOT))) {
            return;
        }
        JsonNode node = resource;
        for (int i = 0; i < steps.size() - 1; i++) {
            node = node.get(steps.get(i));
            if (node == null) {
                return;
            }
        }
        String last = steps.get(steps.size() - 1);
        if (node instanceof ObjectNode object) {
            object.remove(fieldName(object, last));
        } else if (node != null && node.isArray()) {
            node.forEach(e -> {
                if (e instanceof ObjectNode o) {
                    o.remove(fieldName(o, last));
                }
            });
        }
    }

    /** The field's name as the resource spells it (attribute names are case-insensitive). */
    private static String fieldName(ObjectNode node, String name) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (field.equalsIgnoreCase(name)) {
                return field;
            }
        }
        return name;
    }
}
