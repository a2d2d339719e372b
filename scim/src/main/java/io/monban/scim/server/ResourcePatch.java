package io.monban.scim.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.messages.PatchOpType;
import com.unboundid.scim2.common.messages.PatchOperation;
import com.unboundid.scim2.common.utils.JsonUtils;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Applies a PATCH request (RFC 7644 section 3.5.2) to a resource's JSON with the SCIM SDK,
 * after checking that it only touches attributes that exist and may be written. Takes what
 * Microsoft Entra ID sends: operation names in any case ("Replace"), and a replace of
 * {@code emails[type eq "work"].value} on a user who has no work address yet, which Entra
 * means as an add.
 */
final class ResourcePatch {

    private final String coreSchema;
    private final Set<String> writable;
    private final Set<String> readOnly;

    /**
     * @param writable attribute names (lower case) that may be patched; an extension schema URN
     *                 (lower case) allows all of that extension's attributes
     * @param readOnly attribute names (lower case) that exist but may not be patched
     */
    ResourcePatch(String coreSchema, Set<String> writable, Set<String> readOnly) {
        this.coreSchema = coreSchema;
        this.writable = writable;
        this.readOnly = readOnly;
    }

    ObjectNode apply(ObjectNode resource, ObjectNode request) throws ScimException {
        ScimJson.requireSchema(request, ScimJson.PATCH_OP);
        JsonNode operations = request.get("Operations");
        if (operations == null || !operations.isArray() || operations.isEmpty()) {
            throw BadRequestException.invalidSyntax("'Operations' must be a non-empty array");
        }
        ObjectNode patched = resource.deepCopy();
        for (JsonNode node : operations) {
            PatchOperation operation = parse(node);
            check(operation, patched);
            if (operation.getOpType() == PatchOpType.REMOVE && hasValueFilter(operation.getPath())
                    && operation.getJsonNode() == null && !JsonUtils.pathExists(operation.getPath(), patched)) {
                // RFC 7644 section 3.12: a filter in the path that matches no value is noTarget.
                throw BadRequestException.noTarget("no value matches " + operation.getPath());
            }
            try {
                operation.apply(patched);
            } catch (BadRequestException e) {
                if (!BadRequestException.NO_TARGET.equals(e.getScimError().getScimType())
                        || operation.getOpType() != PatchOpType.REPLACE || !hasValueFilter(operation.getPath())) {
                    throw e;
                }
                PatchOperation.add(operation.getPath(), operation.getJsonNode()).apply(patched);
            }
        }
        return patched;
    }

    private static PatchOperation parse(JsonNode node) throws ScimException {
        if (!(node instanceof ObjectNode op)) {
            throw BadRequestException.invalidSyntax("each operation must be an object");
        }
        ObjectNode normalized = op.deepCopy();
        JsonNode name = normalized.get("op");
        if (name == null || !name.isTextual()) {
            throw BadRequestException.invalidSyntax("each operation needs 'op': add, replace or remove");
        }
        String lower = name.asText().toLowerCase(Locale.ROOT);
        if (!List.of("add", "replace", "remove").contains(lower)) {
            throw BadRequestException.invalidSyntax("'" + name.asText() + "' is not add, replace or remove");
        }
        normalized.set("op", TextNode.valueOf(lower));
        try {
            return ScimJson.mapper().treeToValue(normalized, PatchOperation.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof ScimException scim) {
                    throw scim;
                }
            }
            throw BadRequestException.invalidSyntax("the operation is not a SCIM patch operation: "
                    + String.valueOf(e.getMessage()).split("\n")[0]);
        }
    }

    private void check(PatchOperation operation, ObjectNode resource) throws ScimException {
        Path path = operation.getPath();
        if (path == null || path.isRoot() && path.getSchemaUrn() == null) {
            JsonNode value = operation.getJsonNode();
            if (value == null || !value.isObject()) {
                throw BadRequestException.invalidValue(operation.getOpType()
                        + " without a path needs an object of attributes as its value");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String attribute = field.getKey().toLowerCase(Locale.ROOT);
                if (readOnly.contains(attribute)) {
                    if (!field.getValue().equals(resource.get(field.getKey()))) {
                        throw BadRequestException.mutability("'" + field.getKey() + "' is read-only");
                    }
                } else if (!attribute.equals("schemas") && !writable.contains(attribute)) {
                    throw BadRequestException.invalidPath("'" + field.getKey() + "' is not an attribute of this resource");
                }
            }
            return;
        }
        String urn = path.getSchemaUrn();
        String attribute;
        if (urn != null && !urn.equalsIgnoreCase(coreSchema)) {
            attribute = urn.toLowerCase(Locale.ROOT);
        } else if (path.size() == 0) {
            throw BadRequestException.invalidPath("the path names no attribute");
        } else {
            attribute = path.getElement(0).getAttribute().toLowerCase(Locale.ROOT);
        }
        if (readOnly.contains(attribute)) {
            throw BadRequestException.mutability("'" + path + "' is read-only");
        }
        if (!writable.contains(attribute)) {
            throw BadRequestException.invalidPath("'" + path + "' is not an attribute of this resource");
        }
    }

    private static boolean hasValueFilter(Path path) {
        if (path == null) {
            return false;
        }
        List<Path.Element> elements = new ArrayList<>();
        path.forEach(elements::add);
        return elements.stream().anyMatch(e -> e.getValueFilter() != null);
    }
}
