package io.monban.scim.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /scim/v2/Bulk} (RFC 7644 section 3.7). The outcome is that of one transaction per
 * operation, as its single-resource request would have: a failed operation changes nothing and is
 * reported in the response, the others stand. (For speed, operations are first tried in chunks of
 * {@value #CHUNK} per transaction; a chunk with a failure is rolled back and run one by one.) After {@code failOnErrors} failures the rest are not attempted.
 * An operation that refers to another's {@code bulkId} runs after it, whatever their order in
 * the request; a reference to an operation that failed, or a cycle, fails the operation.
 */
@RestController
class ScimBulkController {

    private static final Pattern BULK_ID = Pattern.compile("bulkId:([^/\"\\s]+)");
    private static final Pattern PATH = Pattern.compile("/(Users|Groups)(?:/([^/]+))?");

    /** Operations tried in one transaction; see {@link #inOneTransaction}. */
    private static final int CHUNK = 100;

    private final UserResources users;
    private final GroupResources groups;
    private final ScimProperties limits;
    private final TransactionTemplate tx;
    private final EntityManager entityManager;

    ScimBulkController(UserResources users, GroupResources groups, ScimProperties limits,
                       PlatformTransactionManager transactions, EntityManager entityManager) {
        this.entityManager = entityManager;
        this.users = users;
        this.groups = groups;
        this.limits = limits;
        this.tx = new TransactionTemplate(transactions);
    }

    private record Operation(int index, String method, String bulkId, String path, String version, JsonNode data,
                             Set<String> references) {
    }

    @PostMapping(path = "/scim/v2/Bulk", produces = {"application/scim+json", "application/json"})
    ResponseEntity<JsonNode> bulk(@RequestBody(required = false) String body) throws ScimException {
        if (body != null && body.getBytes(StandardCharsets.UTF_8).length > limits.bulkMaxPayloadBytes()) {
            return ScimErrors.error(413, BadRequestException.TOO_MANY, "the request is larger than the "
                    + limits.bulkMaxPayloadBytes() + " bytes a Bulk request may have").toResponse();
        }
        ObjectNode request = ScimJson.parseObject(body);
        ScimJson.requireSchema(request, ScimJson.BULK_REQUEST);
        JsonNode list = request.get("Operations");
        if (list == null || !list.isArray()) {
            throw BadRequestException.invalidSyntax("'Operations' must be an array");
        }
        if (list.size() > limits.bulkMaxOperations()) {
            return ScimErrors.error(413, BadRequestException.TOO_MANY, "the request has " + list.size()
                    + " operations; at most " + limits.bulkMaxOperations() + " are allowed").toResponse();
        }
        int failOnErrors = failOnErrors(request.get("failOnErrors"));
        List<Operation> operations = new ArrayList<>();
        Set<String> bulkIds = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            Operation op = parse(i, list.get(i));
            if (op.bulkId() != null && !bulkIds.add(op.bulkId())) {
                throw BadRequestException.invalidValue("bulkId " + op.bulkId() + " is used by more than one operation");
            }
            operations.add(op);
        }
        ObjectNode[] results = new ObjectNode[operations.size()];
        Map<String, String> created = new HashMap<>();
        List<Operation> order = new ArrayList<>();
        List<Operation> cyclic = executionOrder(operations, bulkIds, order);
        String baseUrl = ScimResponses.baseUrl();
        int errors = 0;
        for (int from = 0; from < order.size() && errors < failOnErrors; from += CHUNK) {
            List<Operation> chunk = order.subList(from, Math.min(from + CHUNK, order.size()));
            if (chunk.size() > 1 && inOneTransaction(chunk, created, baseUrl, results)) {
                continue;
            }
            for (Operation op : chunk) {
                if (errors >= failOnErrors) {
                    break;
                }
                ObjectNode result = execute(op, created, baseUrl);
                results[op.index()] = result;
                if (result.has("response")) {
                    errors++;
                }
            }
        }
        for (Operation op : cyclic) {
            if (errors >= failOnErrors) {
                break;
            }
            results[op.index()] = failure(op, ScimErrors.error(409, BadRequestException.INVALID_VALUE,
                    "the bulkId references of this operation form a cycle: " + op.references()));
            errors++;
        }
        ObjectNode response = ScimJson.object();
        response.putArray("schemas").add(ScimJson.BULK_RESPONSE);
        ArrayNode out = response.putArray("Operations");
        for (ObjectNode result : results) {
            if (result != null) {
                out.add(result);
            }
        }
        return ScimResponses.body(response);
    }

    /**
     * The order to run operations in: request order, except that an operation waits for the ones
     * whose bulkId it refers to. Returns those that wait on each other (a cycle).
     */
    private static List<Operation> executionOrder(List<Operation> operations, Set<String> bulkIds,
                                                  List<Operation> order) {
        Set<String> produced = new java.util.HashSet<>();
        List<Operation> pending = new ArrayList<>(operations);
        boolean progress = true;
        while (!pending.isEmpty() && progress) {
            progress = false;
            for (Iterator<Operation> it = pending.iterator(); it.hasNext(); ) {
                Operation op = it.next();
                if (op.references().stream().allMatch(ref -> produced.contains(ref) || !bulkIds.contains(ref))) {
                    it.remove();
                    order.add(op);
                    if (op.bulkId() != null) {
                        produced.add(op.bulkId());
                    }
                    progress = true;
                }
            }
        }
        return pending;
    }

    /**
     * Runs a chunk of operations in one transaction, which is what makes a large import fast (one
     * commit, one wait for the audit chain, per chunk). If any of them fails, the whole chunk is
     * rolled back and false returned: the caller then runs each in its own transaction, so the
     * outcome is exactly that of one transaction per operation.
     */
    private boolean inOneTransaction(List<Operation> chunk, Map<String, String> created, String baseUrl,
                                     ObjectNode[] results) {
        Map<String, String> createdHere = new HashMap<>(created);
        ObjectNode[] outcomes = new ObjectNode[chunk.size()];
        try {
            tx.executeWithoutResult(status -> {
                for (int i = 0; i < chunk.size(); i++) {
                    outcomes[i] = execute(chunk.get(i), createdHere, baseUrl);
                    if (outcomes[i].has("response")) {
                        throw new ChunkFailed();
                    }
                    // Written to the transaction; forgetting it keeps each flush's dirty check small.
                    entityManager.flush();
                    entityManager.clear();
                }
            });
        } catch (ChunkFailed | org.springframework.transaction.TransactionException
                 | org.springframework.dao.DataAccessException e) {
            return false;
        }
        for (int i = 0; i < chunk.size(); i++) {
            results[chunk.get(i).index()] = outcomes[i];
        }
        created.putAll(createdHere);
        return true;
    }

    /** Rolls a chunk back when one of its operations fails. */
    private static final class ChunkFailed extends RuntimeException {
        ChunkFailed() {
            super(null, null, false, false);
        }
    }

    private ObjectNode execute(Operation op, Map<String, String> created, String baseUrl) {
        try {
            for (String ref : op.references()) {
                if (!created.containsKey(ref)) {
                    throw BadRequestException.invalidValue("bulkId " + ref + " does not refer to a resource this "
                            + "request created (unknown, or its operation failed)");
                }
            }
            String path = resolve(op.path(), created);
            JsonNode data = op.data() == null ? null : resolve(op.data().deepCopy(), created);
            Matcher m = PATH.matcher(path);
            if (!m.matches()) {
                throw BadRequestException.invalidPath("path must be /Users, /Groups, /Users/{id} or /Groups/{id}");
            }
            boolean isUser = m.group(1).equals("Users");
            String id = m.group(2);
            if (op.method().equals("POST") != (id == null)) {
                throw BadRequestException.invalidPath(op.method().equals("POST")
                        ? "POST goes to /Users or /Groups" : op.method() + " needs a resource id in the path");
            }
            String ifMatch = op.version();
            ScimResult result;
            int status;
            switch (op.method()) {
                case "POST" -> {
                    result = isUser ? users.createQuietly(object(data)) : groups.create(object(data), baseUrl);
                    status = 201;
                }
                case "PUT" -> {
                    result = isUser ? users.replace(id, object(data), ifMatch, baseUrl)
                            : groups.replace(id, object(data), ifMatch, baseUrl);
                    status = 200;
                }
                case "PATCH" -> {
                    result = isUser ? users.patch(id, object(data), ifMatch, baseUrl)
                            : groups.patch(id, object(data), ifMatch, baseUrl);
                    status = 200;
                }
                default -> {
                    if (isUser) {
                        users.delete(id, ifMatch);
                    } else {
                        groups.delete(id, ifMatch);
                    }
                    ObjectNode done = outcome(op, 204);
                    done.put("location", baseUrl + path);
                    return done;
                }
            }
            if (op.method().equals("POST")) {
                created.put(op.bulkId(), result.id());
            }
            ObjectNode done = outcome(op, status);
            done.put("location", baseUrl + "/" + m.group(1) + "/" + result.id());
            done.put("version", ETags.of(result.version()));
            return done;
        } catch (RuntimeException | ScimException e) {
            ScimErrors error = ScimErrors.ofAny(e);
            if (error == null) {
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            }
            return failure(op, error);
        }
    }

    private static ObjectNode outcome(Operation op, int status) {
        ObjectNode result = ScimJson.object();
        result.put("method", op.method());
        if (op.bulkId() != null) {
            result.put("bulkId", op.bulkId());
        }
        result.put("status", String.valueOf(status));
        return result;
    }

    private static ObjectNode failure(Operation op, ScimErrors error) {
        ObjectNode result = outcome(op, error.status());
        result.set("response", error.toJson());
        return result;
    }

    private static Operation parse(int index, JsonNode node) throws BadRequestException {
        if (!(node instanceof ObjectNode op)) {
            throw BadRequestException.invalidSyntax("Operations[" + index + "] must be an object");
        }
        String method = op.path("method").asText("").toUpperCase(Locale.ROOT);
        if (!List.of("POST", "PUT", "PATCH", "DELETE").contains(method)) {
            throw BadRequestException.invalidSyntax("Operations[" + index + "].method must be POST, PUT, PATCH or DELETE");
        }
        String path = op.path("path").asText(null);
        if (path == null || path.isBlank()) {
            throw BadRequestException.invalidSyntax("Operations[" + index + "].path is required");
        }
        String bulkId = op.hasNonNull("bulkId") ? op.get("bulkId").asText() : null;
        if (method.equals("POST") && (bulkId == null || bulkId.isBlank())) {
            throw BadRequestException.invalidSyntax("Operations[" + index + "].bulkId is required for POST");
        }
        JsonNode data = op.get("data");
        if (!method.equals("DELETE") && (data == null || !data.isObject())) {
            throw BadRequestException.invalidSyntax("Operations[" + index + "].data must be an object");
        }
        Set<String> references = new LinkedHashSet<>();
        collectReferences(path, references);
        if (data != null) {
            collectReferences(data, references);
        }
        String version = op.hasNonNull("version") ? op.get("version").asText() : null;
        return new Operation(index, method, bulkId, path, version, data, references);
    }

    private static void collectReferences(JsonNode node, Set<String> references) {
        if (node.isTextual()) {
            collectReferences(node.asText(), references);
        }
        node.forEach(child -> collectReferences(child, references));
    }

    private static void collectReferences(String text, Set<String> references) {
        Matcher m = BULK_ID.matcher(text);
        while (m.find()) {
            references.add(m.group(1));
        }
    }

    private static String resolve(String text, Map<String, String> created) {
        Matcher m = BULK_ID.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(created.get(m.group(1))));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static JsonNode resolve(JsonNode node, Map<String, String> created) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                object.set(name, resolve(object.get(name), created));
            }
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, resolve(array.get(i), created));
            }
            return array;
        }
        if (node.isTextual() && node.asText().contains("bulkId:")) {
            return TextNode.valueOf(resolve(node.asText(), created));
        }
        return node;
    }

    private static ObjectNode object(JsonNode data) {
        return (ObjectNode) data;
    }

    private static int failOnErrors(JsonNode node) throws BadRequestException {
        if (node == null || node.isNull()) {
            return Integer.MAX_VALUE;
        }
        if (!node.canConvertToInt() || node.asInt() < 1) {
            throw BadRequestException.invalidValue("failOnErrors must be a positive integer");
        }
        return node.asInt();
    }
}
