package io.monban.idp.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A downstream application's SCIM 2.0 service over real HTTP (RFC 7644 /Users: create, read,
 * filter by userName, replace, PATCH replace, delete; bearer token required), as a SaaS runs it.
 * It keeps its users, records every request, and can be told to answer errors.
 */
public final class DownstreamScimService implements AutoCloseable {

    public record Request(String method, String path, String query, JsonNode body, int status, java.time.Instant at) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern FILTER = Pattern.compile("userName eq \"((?:[^\"\\\\]|\\\\.)*)\"");

    private final int port;
    private final String token;
    private final Map<String, ObjectNode> users = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile int failureStatus = 500;
    private volatile boolean stalled;
    private final AtomicInteger received = new AtomicInteger();
    private HttpServer server;

    public DownstreamScimService(int port, String token) {
        this.port = port;
        this.token = token;
    }

    public DownstreamScimService start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "downstream-scim");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/scim/v2/Users", this::handle);
        server.start();
        return this;
    }

    public void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port + "/scim/v2";
    }

    /** The next {@code count} requests are answered with {@code status} and a SCIM error. */
    public void failNext(int count, int status) {
        failureStatus = status;
        failures.set(count);
    }

    /** While stalled, every request waits 3 s before it is answered (an application in trouble). */
    public void stall(boolean stalled) {
        this.stalled = stalled;
    }

    /** An account someone made in the application itself; returns its id. */
    public String addAccount(String userName) {
        ObjectNode user = JSON.createObjectNode();
        user.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:User");
        user.put("id", UUID.randomUUID().toString());
        user.put("userName", userName);
        user.put("active", true);
        users.put(user.path("id").asString(), user);
        return user.path("id").asString();
    }

    /** Deletes an account in the application itself, behind Monban's back. */
    public void removeAccount(String userName) {
        users.values().removeIf(u -> userName.equals(u.path("userName").asString()));
    }

    /** Requests that arrived, answered or not yet. */
    public int received() {
        return received.get();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public Optional<JsonNode> user(String userName) {
        return users.values().stream().filter(u -> userName.equals(u.path("userName").asString()))
                .map(u -> (JsonNode) u.deepCopy()).findFirst();
    }

    private void handle(HttpExchange exchange) throws IOException {
        received.incrementAndGet();
        if (stalled) {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String method = exchange.getRequestMethod();
        URI uri = exchange.getRequestURI();
        String id = uri.getPath().replaceFirst("^/scim/v2/Users/?", "");
        byte[] raw = exchange.getRequestBody().readAllBytes();
        JsonNode body = raw.length == 0 ? null : JSON.readTree(raw);
        int status;
        JsonNode answer;
        if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            status = 401;
            answer = error(401, null, "bearer token required");
        } else if (failures.getAndUpdate(n -> Math.max(n - 1, 0)) > 0) {
            status = failureStatus;
            answer = error(status, status == 400 ? "invalidValue" : null, "told to fail");
        } else {
            Object[] result = dispatch(method, id, uri.getRawQuery(), body);
            status = (Integer) result[0];
            answer = (JsonNode) result[1];
        }
        requests.add(new Request(method, uri.getPath(), uri.getRawQuery(), body, status, java.time.Instant.now()));
        byte[] out = answer == null ? new byte[0] : answer.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/scim+json");
        exchange.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            exchange.getResponseBody().write(out);
        }
        exchange.close();
    }

    private Object[] dispatch(String method, String id, String query, JsonNode body) {
        switch (method) {
            case "GET" -> {
                if (!id.isEmpty()) {
                    ObjectNode user = users.get(id);
                    return user == null ? notFound() : new Object[] {200, user};
                }
                String filter = query == null ? "" : URLDecoder.decode(query.replaceFirst("^filter=", ""),
                        StandardCharsets.UTF_8);
                Matcher m = FILTER.matcher(filter);
                ObjectNode list = JSON.createObjectNode();
                list.putArray("schemas").add("urn:ietf:params:scim:api:messages:2.0:ListResponse");
                ArrayNode resources = list.putArray("Resources");
                if (m.matches()) {
                    String userName = m.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
                    users.values().stream().filter(u -> userName.equalsIgnoreCase(u.path("userName").asString()))
                            .forEach(resources::add);
                }
                list.put("totalResults", resources.size());
                return new Object[] {200, list};
            }
            case "POST" -> {
                String userName = body.path("userName").asString("");
                if (userName.isEmpty()) {
                    return new Object[] {400, error(400, "invalidValue", "userName required")};
                }
                if (user(userName).isPresent()) {
                    return new Object[] {409, error(409, "uniqueness", "userName taken")};
                }
                ObjectNode created = ((ObjectNode) body).deepCopy();
                created.put("id", UUID.randomUUID().toString());
                users.put(created.path("id").asString(), created);
                return new Object[] {201, created};
            }
            case "PUT" -> {
                if (!users.containsKey(id)) {
                    return notFound();
                }
                ObjectNode replaced = ((ObjectNode) body).deepCopy();
                replaced.put("id", id);
                users.put(id, replaced);
                return new Object[] {200, replaced};
            }
            case "PATCH" -> {
                ObjectNode user = users.get(id);
                if (user == null) {
                    return notFound();
                }
                for (JsonNode op : body.path("Operations")) {
                    if (!"replace".equalsIgnoreCase(op.path("op").asString())) {
                        return new Object[] {400, error(400, "invalidSyntax", "only replace")};
                    }
                    user.set(op.path("path").asString(), op.path("value"));
                }
                return new Object[] {200, user};
            }
            case "DELETE" -> {
                return users.remove(id) == null ? notFound() : new Object[] {204, null};
            }
            default -> {
                return new Object[] {405, error(405, null, "method not allowed")};
            }
        }
    }

    private static Object[] notFound() {
        return new Object[] {404, error(404, null, "no such user")};
    }

    private static JsonNode error(int status, String scimType, String detail) {
        ObjectNode error = JSON.createObjectNode();
        error.putArray("schemas").add("urn:ietf:params:scim:api:messages:2.0:Error");
        error.put("status", String.valueOf(status));
        if (scimType != null) {
            error.put("scimType", scimType);
        }
        error.put("detail", detail);
        return error;
    }
}
