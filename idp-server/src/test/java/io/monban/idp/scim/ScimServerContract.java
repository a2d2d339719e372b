package io.monban.idp.scim;

import static io.monban.idp.testsupport.ScimHttp.q;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.monban.core.audit.AuditEvent;
import io.monban.core.audit.AuditEventRepository;
import io.monban.core.directory.UserDeprovisioned;
import io.monban.core.directory.UserStatus;
import io.monban.idp.MonbanApplication;
import io.monban.idp.testsupport.ScimHttp;
import io.monban.idp.testsupport.ScimHttp.Response;
import io.monban.scim.auth.ScimClients;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The inbound SCIM 2.0 server (RFC 7643, RFC 7644) over real HTTP: every endpoint, filter
 * operator and error type, ETags, Bulk, and the request sequences of Microsoft Entra ID and Okta.
 * Where a request must fail, the test also checks that it changed nothing. The same contract runs
 * on H2 and on PostgreSQL.
 */
@SpringBootTest(classes = MonbanApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Import(DirectoryEventRecorder.class)
abstract class ScimServerContract {

    static final String HR_TOKEN = "hr-token-0123456789abcdefghijklmnopqrstuvwxyz";
    static final String AUDITOR_TOKEN = "auditor-token-0123456789abcdefghijklmnopqrst";
    static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    static final String BULK = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
    static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AuditEventRepository auditEvents;
    @Autowired
    DirectoryEventRecorder events;
    @Autowired
    ScimClients scimClients;

    ScimHttp scim;

    abstract int port();

    @BeforeEach
    void connect() {
        scim = new ScimHttp(URI.create("http://127.0.0.1:" + port()), HR_TOKEN);
    }

    // ---- helpers -------------------------------------------------------------------------------

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String userJson(String userName, String email) {
        return """
                {"schemas":["%s","%s"],"userName":"%s","externalId":"ext-%s",
                 "name":{"givenName":"Barbara","familyName":"Jensen","formatted":"Ms. Barbara J Jensen III"},
                 "displayName":"Babs Jensen","title":"Tour Guide","locale":"en-US","timezone":"Asia/Tokyo",
                 "emails":[{"value":"%s","type":"work","primary":true},{"value":"home-%s","type":"home"}],
                 "phoneNumbers":[{"value":"+81-3-1234-5678","type":"work"}],
                 "addresses":[{"type":"work","locality":"Tokyo","country":"JP"}],
                 "active":true,
                 "%s":{"employeeNumber":"E-%s","department":"Tour Operations","costCenter":"4130",
                       "organization":"Universal Studios","division":"Theme Park"}}
                """.formatted(USER, ENTERPRISE, userName, userName, email, email, ENTERPRISE, userName);
    }

    Response createUser(String userName) {
        Response created = scim.post("/Users", userJson(userName, userName + "@example.com"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created;
    }

    static String patch(String... operations) {
        return "{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[" + String.join(",", operations) + "]}";
    }

    int userRows() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM mb_user", Integer.class);
    }

    long auditRows() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM mb_audit_event", Long.class);
    }

    String status(String id) {
        return jdbc.queryForObject("SELECT status FROM mb_user WHERE id = ?", String.class, UUID.fromString(id));
    }

    static void assertError(Response response, int status, String scimType) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.body().path("schemas").get(0).asText()).isEqualTo(ERROR);
        assertThat(response.body().path("status").asText()).isEqualTo(String.valueOf(status));
        if (scimType != null) {
            assertThat(response.scimType()).as(response.toString()).isEqualTo(scimType);
        }
        assertThat(response.body().path("detail").asText()).isNotBlank();
    }

    static List<String> userNames(Response list) {
        List<String> names = new ArrayList<>();
        list.body().path("Resources").forEach(r -> names.add(r.path("userName").asText()));
        return names;
    }

    List<String> filter(String filter) {
        Response list = scim.get("/Users?count=500&filter=" + q(filter));
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        return userNames(list);
    }

    // ---- discovery -----------------------------------------------------------------------------

    @Test
    void discoveryDescribesTheServer() {
        Response config = scim.get("/ServiceProviderConfig");
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.header("Content-Type").orElseThrow()).startsWith("application/scim+json");
        JsonNode body = config.body();
        assertThat(body.path("patch").path("supported").asBoolean()).isTrue();
        assertThat(body.path("bulk").path("supported").asBoolean()).isTrue();
        assertThat(body.path("bulk").path("maxOperations").asInt()).isEqualTo(1000);
        assertThat(body.path("filter").path("supported").asBoolean()).isTrue();
        assertThat(body.path("filter").path("maxResults").asInt()).isEqualTo(500);
        assertThat(body.path("sort").path("supported").asBoolean()).isTrue();
        assertThat(body.path("etag").path("supported").asBoolean()).isTrue();
        assertThat(body.path("authenticationSchemes").get(0).path("type").asText()).isEqualTo("oauthbearertoken");

        Response types = scim.get("/ResourceTypes");
        assertThat(types.body().path("totalResults").asInt()).isEqualTo(2);
        Response user = scim.get("/ResourceTypes/User");
        assertThat(user.body().path("endpoint").asText()).isEqualTo("/Users");
        assertThat(user.body().path("schemaExtensions").get(0).path("schema").asText()).isEqualTo(ENTERPRISE);
        assertThat(scim.get("/ResourceTypes/Printer").status()).isEqualTo(404);

        Response schemas = scim.get("/Schemas");
        List<String> ids = new ArrayList<>();
        schemas.body().path("Resources").forEach(s -> ids.add(s.path("id").asText()));
        assertThat(ids).containsExactlyInAnyOrder(USER, ENTERPRISE, GROUP);
        Response enterprise = scim.get("/Schemas/" + ENTERPRISE);
        List<String> attributes = new ArrayList<>();
        enterprise.body().path("attributes").forEach(a -> attributes.add(a.path("name").asText()));
        assertThat(attributes).contains("employeeNumber", "department", "manager", "organization");
        assertError(scim.get("/Schemas/urn:nope"), 404, null);
    }

    @Test
    void anotherProtocolVersionIsInvalidVersAndAnUnknownEndpointIs404() {
        assertError(scim.send("GET", "/../scim/v1/Users", null), 400, "invalidVers");
        assertError(scim.send("POST", "/../scim/v3/Users", "{}"), 400, "invalidVers");
        assertError(scim.get("/Printers"), 404, null);
    }

    // ---- authentication ------------------------------------------------------------------------

    @Test
    void requestsWithoutAValidTokenAreRefusedAndChangeNothing() {
        int before = userRows();
        String body = userJson(unique("intruder"), unique("intruder") + "@example.com");

        Response none = scim.withToken(null).post("/Users", body);
        assertError(none, 401, null);
        assertThat(none.header("WWW-Authenticate").orElseThrow()).startsWith("Bearer");

        Response wrong = scim.withToken("hr-token-0123456789abcdefghijklmnopqrstuvwxyZ").post("/Users", body);
        assertError(wrong, 401, null);
        assertThat(wrong.header("WWW-Authenticate").orElseThrow()).contains("invalid_token");

        Response readOnly = scim.withToken(AUDITOR_TOKEN).post("/Users", body);
        assertError(readOnly, 403, null);
        assertThat(scim.withToken(AUDITOR_TOKEN).get("/Users?count=1").status()).isEqualTo(200);
        assertError(scim.withToken(AUDITOR_TOKEN).delete("/Users/" + UUID.randomUUID()), 403, null);

        assertThat(userRows()).isEqualTo(before);
    }

    @Test
    void revokedAndExpiredTokensAreRefused() {
        ScimHttp old = scim.withToken("old-token-0123456789abcdefghijklmnopqrstuvwx");
        assertThat(old.get("/Users?count=1").status()).isEqualTo(200);
        scimClients.revoke("old-connector");
        assertError(old.get("/Users?count=1"), 401, null);
        assertThat(auditEvents.findByActionOrderByIdAsc("scim.client.revoked")).isNotEmpty();

        ScimHttp temp = scim.withToken("temp-token-0123456789abcdefghijklmnopqrstuvw");
        assertThat(temp.get("/Users?count=1").status()).isEqualTo(200);
        jdbc.update("UPDATE mb_scim_client SET expires_at = ? WHERE name = 'temp-connector'",
                java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(1)));
        assertError(temp.get("/Users?count=1"), 401, null);
    }

    @Test
    void tokensAreStoredOnlyAsHashes() {
        String stored = jdbc.queryForObject("SELECT token_hash FROM mb_scim_client WHERE name = 'hr'", String.class);
        assertThat(stored).hasSize(64).isNotEqualTo(HR_TOKEN).isEqualTo(io.monban.core.crypto.Sha256.hex(HR_TOKEN));
    }

    // ---- create and get ------------------------------------------------------------------------

    @Test
    void createdUserIsReturnedWithItsLocationAndETagAndAuditedWithTheClientAsActor() {
        String name = unique("bjensen");
        Response created = createUser(name);
        JsonNode user = created.body();
        String id = user.path("id").asText();
        assertThat(created.header("Location").orElseThrow()).endsWith("/scim/v2/Users/" + id);
        assertThat(created.etag()).isEqualTo(user.path("meta").path("version").asText()).startsWith("W/\"");
        assertThat(user.path("userName").asText()).isEqualTo(name);
        assertThat(user.path("name").path("givenName").asText()).isEqualTo("Barbara");
        assertThat(user.path("emails")).hasSize(2);
        assertThat(user.path("emails").get(0).path("primary").asBoolean()).isTrue();
        assertThat(user.path("addresses").get(0).path("locality").asText()).isEqualTo("Tokyo");
        assertThat(user.path(ENTERPRISE).path("employeeNumber").asText()).isEqualTo("E-" + name);
        assertThat(user.path("active").asBoolean()).isTrue();
        assertThat(user.path("meta").path("resourceType").asText()).isEqualTo("User");
        assertThat(user.has("password")).isFalse();

        Response read = scim.get("/Users/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.etag()).isEqualTo(created.etag());
        assertThat(read.body()).isEqualTo(user);
        assertThat(scim.get("/Users/" + id, "If-None-Match", created.etag()).status()).isEqualTo(304);

        // The directory holds it: the primary address is the sign-in address; no password yet.
        Map<String, Object> row = jdbc.queryForMap("SELECT email, password_hash, department FROM mb_user WHERE id = ?",
                UUID.fromString(id));
        assertThat(row.get("email")).isEqualTo(name + "@example.com");
        assertThat(row.get("password_hash")).isNull();
        assertThat(row.get("department")).isEqualTo("Tour Operations");
        AuditEvent audit = auditEvents.findByActionOrderByIdAsc("user.created").stream()
                .filter(e -> id.equals(e.getTarget())).findFirst().orElseThrow();
        assertThat(audit.getActor()).isEqualTo("scim:hr");
        assertThat(events.changedFor(UUID.fromString(id))).anyMatch(e -> e.created());
    }

    @Test
    void unknownUserIs404() {
        assertError(scim.get("/Users/" + UUID.randomUUID()), 404, null);
        assertError(scim.get("/Users/not-a-uuid"), 404, null);
    }

    @Test
    void attributesAndExcludedAttributesTrimTheResource() {
        String name = unique("trim");
        String id = createUser(name).id();
        JsonNode some = scim.get("/Users/" + id + "?attributes=userName,name.familyName," + ENTERPRISE
                + ":department").body();
        assertThat(some.has("id")).isTrue();
        assertThat(some.path("userName").asText()).isEqualTo(name);
        assertThat(some.path("name").path("familyName").asText()).isEqualTo("Jensen");
        assertThat(some.path("name").has("givenName")).isFalse();
        assertThat(some.path(ENTERPRISE).path("department").asText()).isEqualTo("Tour Operations");
        assertThat(some.path(ENTERPRISE).has("employeeNumber")).isFalse();
        assertThat(some.has("emails")).isFalse();

        JsonNode less = scim.get("/Users/" + id + "?excludedAttributes=emails,phoneNumbers").body();
        assertThat(less.has("emails")).isFalse();
        assertThat(less.has("phoneNumbers")).isFalse();
        assertThat(less.path("userName").asText()).isEqualTo(name);
    }

    @Test
    void duplicateUserNameIsUniquenessAndChangesNothing() {
        String name = unique("dup");
        createUser(name);
        int before = userRows();
        long audits = auditRows();
        Response again = scim.post("/Users", userJson(name.toUpperCase(), unique("other") + "@example.com"));
        assertError(again, 409, "uniqueness");
        Response sameEmail = scim.post("/Users", userJson(unique("x"), name + "@example.com"));
        assertError(sameEmail, 409, "uniqueness");
        assertThat(userRows()).isEqualTo(before);
        assertThat(auditRows()).isEqualTo(audits);
    }

    @Test
    void malformedRequestsAreInvalidSyntaxOrInvalidValueAndChangeNothing() {
        int before = userRows();
        assertError(scim.post("/Users", "{\"userName\": "), 400, "invalidSyntax");
        assertError(scim.post("/Users", "[]"), 400, "invalidSyntax");
        assertError(scim.post("/Users", "{\"userName\":\"noschemas\"}"), 400, "invalidSyntax");
        assertError(scim.post("/Users", "{\"schemas\":[\"" + USER + "\"],\"displayName\":\"No name\"}"), 400,
                "invalidValue");
        assertError(scim.post("/Users", "{\"schemas\":[\"" + USER + "\"],\"userName\":\"x1\",\"active\":\"maybe\"}"),
                400, "invalidValue");
        assertError(scim.post("/Users", "{\"schemas\":[\"" + USER + "\"],\"userName\":\"x2\","
                + "\"emails\":[{\"value\":\"not-an-address\"}]}"), 400, "invalidValue");
        assertError(scim.post("/Users", "{\"schemas\":[\"" + USER + "\",\"" + ENTERPRISE + "\"],\"userName\":\"x3\",\""
                + ENTERPRISE + "\":{\"manager\":{\"value\":\"" + UUID.randomUUID() + "\"}}}"), 400, "invalidValue");
        // A password goes through the password policy; a weak one creates nothing.
        assertError(scim.post("/Users", "{\"schemas\":[\"" + USER + "\"],\"userName\":\"x4\",\"password\":\"123\"}"),
                400, "invalidValue");
        assertThat(userRows()).isEqualTo(before);
    }

    @Test
    void aPasswordSentAtCreationIsCheckedHashedAndNeverReturned() {
        String name = unique("withpw");
        Response created = scim.post("/Users", "{\"schemas\":[\"" + USER + "\"],\"userName\":\"" + name
                + "\",\"password\":\"glacier-orbit-tulip-73-harbor\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.body().has("password")).isFalse();
        String hash = jdbc.queryForObject("SELECT password_hash FROM mb_user WHERE id = ?", String.class,
                UUID.fromString(created.id()));
        assertThat(hash).contains("$argon2id$");
    }

    @Test
    void aPasswordResentUnchangedIsNoChangeAndANewOneMustPassThePolicy() {
        String name = unique("okpw");
        String body = "{\"schemas\":[\"" + USER + "\"],\"userName\":\"" + name + "\",\"password\":\"%s\"}";
        Response created = scim.post("/Users", body.formatted("glacier-orbit-tulip-73-harbor"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.id();
        String hash = jdbc.queryForObject("SELECT password_hash FROM mb_user WHERE id = ?", String.class,
                UUID.fromString(id));
        Response same = scim.put("/Users/" + id, body.formatted("glacier-orbit-tulip-73-harbor"));
        assertThat(same.status()).as(same.toString()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT password_hash FROM mb_user WHERE id = ?", String.class,
                UUID.fromString(id))).isEqualTo(hash);
        assertError(scim.put("/Users/" + id, body.formatted("short")), 400, "invalidValue");
        Response changed = scim.patch("/Users/" + id, patch("{\"op\":\"replace\",\"path\":\"password\","
                + "\"value\":\"meadow-copper-violin-58-summit\"}"));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT password_hash FROM mb_user WHERE id = ?", String.class,
                UUID.fromString(id))).isNotEqualTo(hash);
        assertThat(auditEvents.findByActionOrderByIdAsc("user.password.changed")).anyMatch(e -> id.equals(e.getTarget()));
    }

    // ---- replace (PUT) and ETags ---------------------------------------------------------------

    @Test
    void putReplacesTheUserAndHonoursIfMatch() {
        String name = unique("put");
        Response created = createUser(name);
        String id = created.id();
        String replacement = """
                {"schemas":["%s"],"userName":"%s","name":{"givenName":"Barb"},
                 "emails":[{"value":"%s@example.org","type":"work","primary":true}],"active":true}
                """.formatted(USER, name, name);

        // A stale ETag: 412, and nothing changed.
        Response stale = scim.put("/Users/" + id, replacement, "If-Match", "W/\"999\"");
        assertError(stale, 412, null);
        assertThat(scim.get("/Users/" + id).body()).isEqualTo(created.body());

        Response replaced = scim.put("/Users/" + id, replacement, "If-Match", created.etag());
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        assertThat(replaced.etag()).isNotEqualTo(created.etag());
        JsonNode user = replaced.body();
        assertThat(user.path("name").path("givenName").asText()).isEqualTo("Barb");
        assertThat(user.path("name").has("familyName")).isFalse();
        assertThat(user.path("emails")).hasSize(1);
        assertThat(user.has("phoneNumbers")).isFalse();
        assertThat(user.has(ENTERPRISE)).isFalse();
        // The ETag it replaced is now stale too.
        assertError(scim.put("/Users/" + id, replacement, "If-Match", created.etag()), 412, null);
        assertError(scim.delete("/Users/" + id, "If-Match", created.etag()), 412, null);
        assertThat(scim.get("/Users/" + id).status()).isEqualTo(200);
    }

    @Test
    void aPutWithoutActiveKeepsTheStatus() {
        String name = unique("keep");
        String id = createUser(name).id();
        scim.patch("/Users/" + id, patch("{\"op\":\"replace\",\"path\":\"active\",\"value\":false}"));
        Response put = scim.put("/Users/" + id, "{\"schemas\":[\"" + USER + "\"],\"userName\":\"" + name + "\"}");
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(put.body().path("active").asBoolean()).isFalse();
        assertThat(status(id)).isEqualTo("SUSPENDED");
    }

    @Test
    void putCannotChangeTheIdAndCannotTakeAnotherUsersName() {
        String taken = unique("taken");
        createUser(taken);
        Response created = createUser(unique("mine"));
        String id = created.id();
        assertError(scim.put("/Users/" + id, "{\"schemas\":[\"" + USER + "\"],\"id\":\"" + UUID.randomUUID()
                + "\",\"userName\":\"x\"}"), 400, "mutability");
        assertError(scim.put("/Users/" + id, "{\"schemas\":[\"" + USER + "\"],\"userName\":\"" + taken + "\"}"), 409,
                "uniqueness");
        assertThat(scim.get("/Users/" + id).body()).isEqualTo(created.body());
    }

    // ---- PATCH ---------------------------------------------------------------------------------

    @Test
    void patchAddsReplacesAndRemovesWithPathsAndValueFilters() {
        String name = unique("patch");
        Response created = createUser(name);
        String id = created.id();
        Response patched = scim.patch("/Users/" + id, patch(
                "{\"op\":\"replace\",\"path\":\"name.givenName\",\"value\":\"Barbie\"}",
                "{\"op\":\"replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"" + name + "@new.example\"}",
                "{\"op\":\"add\",\"path\":\"phoneNumbers\",\"value\":[{\"value\":\"+81-90-0000-0000\",\"type\":\"mobile\"}]}",
                "{\"op\":\"remove\",\"path\":\"emails[type eq \\\"home\\\"]\"}",
                "{\"op\":\"remove\",\"path\":\"title\"}",
                "{\"op\":\"replace\",\"path\":\"" + ENTERPRISE + ":department\",\"value\":\"Finance\"}",
                "{\"op\":\"add\",\"value\":{\"nickName\":\"Babs\",\"userType\":\"Employee\"}}"),
                "If-Match", created.etag());
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        JsonNode user = patched.body();
        assertThat(user.path("name").path("givenName").asText()).isEqualTo("Barbie");
        assertThat(user.path("emails")).hasSize(1);
        assertThat(user.path("emails").get(0).path("value").asText()).isEqualTo(name + "@new.example");
        assertThat(user.path("phoneNumbers")).hasSize(2);
        assertThat(user.has("title")).isFalse();
        assertThat(user.path(ENTERPRISE).path("department").asText()).isEqualTo("Finance");
        assertThat(user.path("nickName").asText()).isEqualTo("Babs");
        assertThat(user.path("userType").asText()).isEqualTo("Employee");
        assertThat(jdbc.queryForObject("SELECT email FROM mb_user WHERE id = ?", String.class, UUID.fromString(id)))
                .isEqualTo(name + "@new.example");
        assertThat(auditEvents.findByActionOrderByIdAsc("user.updated")).anyMatch(e -> id.equals(e.getTarget())
                && e.getActor().equals("scim:hr"));
        assertThat(events.changedFor(UUID.fromString(id))).anyMatch(e -> !e.created());
        // The old ETag no longer matches.
        assertError(scim.patch("/Users/" + id, patch("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"x\"}"),
                "If-Match", created.etag()), 412, null);
    }

    @Test
    void aPatchThatFailsPartWayChangesNothing() {
        String name = unique("atomic");
        Response created = createUser(name);
        String id = created.id();
        long audits = auditRows();
        Response failed = scim.patch("/Users/" + id, patch(
                "{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Changed\"}",
                "{\"op\":\"replace\",\"path\":\"" + ENTERPRISE + ":manager\",\"value\":{\"value\":\""
                        + UUID.randomUUID() + "\"}}"));
        assertError(failed, 400, "invalidValue");
        assertThat(scim.get("/Users/" + id).body()).isEqualTo(created.body());
        assertThat(auditRows()).isEqualTo(audits);
    }

    @Test
    void patchErrorsHaveTheirScimTypes() {
        Response created = createUser(unique("perr"));
        String at = "/Users/" + created.id();
        assertError(scim.patch(at, patch("{\"op\":\"replace\",\"path\":\"id\",\"value\":\"x\"}")), 400, "mutability");
        assertError(scim.patch(at, patch("{\"op\":\"add\",\"path\":\"groups\",\"value\":[{\"value\":\"x\"}]}")), 400,
                "mutability");
        assertError(scim.patch(at, patch("{\"op\":\"remove\",\"path\":\"emails[type eq \\\"pager\\\"]\"}")), 400,
                "noTarget");
        assertError(scim.patch(at, patch("{\"op\":\"remove\"}")), 400, null);
        assertError(scim.patch(at, patch("{\"op\":\"replace\",\"path\":\"shoeSize\",\"value\":\"42\"}")), 400,
                "invalidPath");
        assertError(scim.patch(at, patch("{\"op\":\"merge\",\"path\":\"title\",\"value\":\"x\"}")), 400,
                "invalidSyntax");
        assertError(scim.patch(at, "{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[]}"), 400, "invalidSyntax");
        assertError(scim.patch(at, patch("{\"op\":\"replace\",\"path\":\"emails[type eq ]\",\"value\":\"x\"}")), 400,
                null);
        assertError(scim.patch("/Users/" + UUID.randomUUID(), patch("{\"op\":\"replace\",\"path\":\"title\","
                + "\"value\":\"x\"}")), 404, null);
        assertThat(scim.get(at).body()).isEqualTo(created.body());
    }

    // ---- delete --------------------------------------------------------------------------------

    @Test
    void deleteRemovesTheUserWithWhatHangsOffItAndPublishesTheDeletion() {
        String name = unique("leaver");
        String id = createUser(name).id();
        UUID uuid = UUID.fromString(id);
        String group = scim.post("/Groups", "{\"schemas\":[\"" + GROUP + "\"],\"displayName\":\"" + unique("team")
                + "\",\"members\":[{\"value\":\"" + id + "\"}]}").id();
        jdbc.update("INSERT INTO mb_recovery_code (user_id, code_hash, created_at) VALUES (?, 'h', CURRENT_TIMESTAMP)",
                uuid);
        jdbc.update("INSERT INTO mb_password_history (user_id, password_hash, created_at) VALUES (?, 'h', "
                + "CURRENT_TIMESTAMP)", uuid);
        jdbc.update("INSERT INTO mb_totp_credential (user_id, secret_enc, confirmed, last_used_step, created_at) "
                + "VALUES (?, 'enc', TRUE, 0, CURRENT_TIMESTAMP)", uuid);
        jdbc.update("INSERT INTO mb_remembered_browser (token_hash, user_id, expires_at) VALUES (?, ?, "
                + "CURRENT_TIMESTAMP)", "rb-" + id, uuid);
        String report = scim.post("/Users", "{\"schemas\":[\"" + USER + "\",\"" + ENTERPRISE + "\"],\"userName\":\""
                + unique("report") + "\",\"" + ENTERPRISE + "\":{\"manager\":\"" + id + "\"}}").id();

        Response deleted = scim.delete("/Users/" + id);
        assertThat(deleted.status()).isEqualTo(204);
        assertError(scim.get("/Users/" + id), 404, null);
        assertError(scim.delete("/Users/" + id), 404, null);
        for (String table : List.of("mb_user_email", "mb_user_group", "mb_recovery_code", "mb_password_history",
                "mb_totp_credential", "mb_remembered_browser")) {
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE user_id = ?", Integer.class, uuid))
                    .as(table).isZero();
        }
        assertThat(scim.get("/Groups/" + group).body().path("members")).isEmpty();
        assertThat(scim.get("/Users/" + report).body().path(ENTERPRISE).has("manager")).isFalse();
        assertThat(events.deprovisionedFor(uuid)).singleElement()
                .matches(UserDeprovisioned::deleted).matches(e -> e.status() == UserStatus.DEPROVISIONED);
        assertThat(auditEvents.findByActionOrderByIdAsc("user.deleted")).anyMatch(e -> id.equals(e.getTarget())
                && e.getActor().equals("scim:hr"));
    }

    // ---- list and filter -----------------------------------------------------------------------

    @Test
    void filtersSupportEveryOperatorAndCombination() {
        String p = unique("flt").toLowerCase();
        String a = p + "-anna";
        String b = p + "-bert";
        String c = p + "-cleo";
        for (String n : List.of(a, b, c)) {
            createUser(n);
        }
        String bId = filter("userName eq \"" + b + "\"").isEmpty() ? null : scim.get("/Users?filter="
                + q("userName eq \"" + b + "\"")).body().path("Resources").get(0).path("id").asText();
        scim.patch("/Users/" + bId, patch("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"Manager\"}",
                "{\"op\":\"replace\",\"path\":\"active\",\"value\":false}"));

        String within = "userName sw \"" + p + "\"";
        assertThat(filter("userName eq \"" + a.toUpperCase() + "\"")).containsExactly(a);
        assertThat(filter(within + " and userName ne \"" + a + "\"")).containsExactlyInAnyOrder(b, c);
        assertThat(filter(within + " and userName co \"-ber\"")).containsExactly(b);
        assertThat(filter("userName sw \"" + p.toUpperCase() + "\"")).containsExactlyInAnyOrder(a, b, c);
        assertThat(filter(within + " and userName ew \"LEO\"")).containsExactly(c);
        assertThat(filter(within + " and title pr")).containsExactlyInAnyOrder(a, b, c);
        assertThat(filter(within + " and nickName pr")).isEmpty();
        assertThat(filter(within + " and userName gt \"" + a + "\"")).containsExactlyInAnyOrder(b, c);
        assertThat(filter(within + " and userName ge \"" + b + "\"")).containsExactlyInAnyOrder(b, c);
        assertThat(filter(within + " and userName lt \"" + b + "\"")).containsExactly(a);
        assertThat(filter(within + " and userName le \"" + b + "\"")).containsExactlyInAnyOrder(a, b);
        assertThat(filter(within + " and (title eq \"manager\" or userName eq \"" + c + "\")"))
                .containsExactlyInAnyOrder(b, c);
        assertThat(filter(within + " and not (title eq \"Manager\")")).containsExactlyInAnyOrder(a, c);
        assertThat(filter(within + " and active eq false")).containsExactly(b);
        assertThat(filter(within + " and active eq \"True\"")).containsExactlyInAnyOrder(a, c);
        assertThat(filter("emails.value eq \"" + a.toUpperCase() + "@EXAMPLE.COM\"")).containsExactly(a);
        assertThat(filter("emails eq \"" + a + "@example.com\"")).containsExactly(a);
        assertThat(filter(within + " and emails[type eq \"work\" and value ew \"" + c + "@example.com\"]"))
                .containsExactly(c);
        assertThat(filter(within + " and emails[type eq \"home\" and value sw \"" + c + "\"]")).isEmpty();
        assertThat(filter(within + " and emails.primary eq true")).hasSize(3);
        assertThat(filter("externalId eq \"ext-" + a + "\"")).containsExactly(a);
        assertThat(filter("externalId eq \"EXT-" + a + "\"")).isEmpty();
        assertThat(filter(ENTERPRISE + ":employeeNumber eq \"E-" + b + "\"")).containsExactly(b);
        assertThat(filter(within + " and " + ENTERPRISE + ":department eq \"tour operations\"")).hasSize(3);
        assertThat(filter(within + " and name.familyName eq \"jensen\"")).hasSize(3);
        assertThat(filter(within + " and meta.lastModified gt \"2000-01-01T00:00:00Z\"")).hasSize(3);
        assertThat(filter(within + " and meta.created lt \"2000-01-01T00:00:00Z\"")).isEmpty();
        assertThat(filter("id eq \"" + bId + "\"")).containsExactly(b);
        assertThat(filter(within + " and phoneNumbers[type eq \"work\"]")).hasSize(3);
    }

    @Test
    void badFiltersAreInvalidFilter() {
        assertError(scim.get("/Users?filter=" + q("shoeSize eq \"42\"")), 400, "invalidFilter");
        assertError(scim.get("/Users?filter=" + q("userName eq")), 400, "invalidFilter");
        assertError(scim.get("/Users?filter=" + q("userName xx \"a\"")), 400, "invalidFilter");
        assertError(scim.get("/Users?filter=" + q("(userName eq \"a\"")), 400, "invalidFilter");
        assertError(scim.get("/Users?filter=" + q("active gt true")), 400, "invalidFilter");
        assertError(scim.get("/Users?filter=" + q("meta.created gt \"yesterday\"")), 400, "invalidFilter");
        assertError(scim.get("/Users?filter=" + q("emails[shoe eq \"x\"]")), 400, "invalidFilter");
        assertError(scim.get("/Groups?filter=" + q("userName eq \"a\"")), 400, "invalidFilter");
    }

    @Test
    void listsArePagedAndSortedByTheDatabase() {
        String p = unique("page").toLowerCase();
        for (int i = 1; i <= 7; i++) {
            createUser(p + "-" + i);
        }
        String filter = "&filter=" + q("userName sw \"" + p + "\"");
        Response first = scim.get("/Users?sortBy=userName&sortOrder=descending&startIndex=1&count=3" + filter);
        assertThat(first.body().path("totalResults").asInt()).isEqualTo(7);
        assertThat(first.body().path("itemsPerPage").asInt()).isEqualTo(3);
        assertThat(first.body().path("startIndex").asInt()).isEqualTo(1);
        assertThat(userNames(first)).containsExactly(p + "-7", p + "-6", p + "-5");
        Response third = scim.get("/Users?sortBy=userName&sortOrder=descending&startIndex=7&count=3" + filter);
        assertThat(userNames(third)).containsExactly(p + "-1");
        Response ascending = scim.get("/Users?sortBy=name.familyName&startIndex=0&count=2" + filter);
        assertThat(ascending.body().path("startIndex").asInt()).isEqualTo(1);
        assertThat(ascending.body().path("Resources")).hasSize(2);
        Response onlyCount = scim.get("/Users?count=0" + filter);
        assertThat(onlyCount.body().path("totalResults").asInt()).isEqualTo(7);
        assertThat(onlyCount.body().path("Resources")).isEmpty();
        Response capped = scim.get("/Users?count=100000");
        assertThat(capped.body().path("itemsPerPage").asInt()).isLessThanOrEqualTo(500);
        assertError(scim.get("/Users?sortBy=password"), 400, "invalidValue");
        assertError(scim.get("/Users?sortOrder=sideways"), 400, "invalidValue");
        assertError(scim.get("/Users?count=many"), 400, "invalidValue");

        Response search = scim.post("/Users/.search", "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:"
                + "SearchRequest\"],\"filter\":\"userName sw \\\"" + p + "\\\"\",\"sortBy\":\"userName\","
                + "\"startIndex\":2,\"count\":2,\"attributes\":[\"userName\"]}");
        assertThat(search.status()).as(search.toString()).isEqualTo(200);
        assertThat(userNames(search)).containsExactly(p + "-2", p + "-3");
        assertThat(search.body().path("Resources").get(0).has("emails")).isFalse();
        // The auditor's read-only token may search by POST.
        assertThat(scim.withToken(AUDITOR_TOKEN).post("/Users/.search", "{\"schemas\":[\"urn:ietf:params:scim:api:"
                + "messages:2.0:SearchRequest\"]}").status()).isEqualTo(200);
    }

    @Test
    void aFilterMatchingTooManyIsTooMany() {
        String p = unique("many").toLowerCase();
        StringBuilder ops = new StringBuilder();
        for (int i = 0; i < 45; i++) {
            ops.append(i == 0 ? "" : ",").append("{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"u").append(i)
                    .append("\",\"data\":{\"schemas\":[\"").append(USER).append("\"],\"userName\":\"").append(p)
                    .append("-").append(i).append("\"}}");
        }
        Response bulk = scim.post("/Bulk", "{\"schemas\":[\"" + BULK + "\"],\"Operations\":[" + ops + "]}");
        assertThat(bulk.status()).as(bulk.toString()).isEqualTo(200);
        assertError(scim.get("/Users?filter=" + q("userName sw \"" + p + "\"")), 400, "tooMany");
        assertThat(scim.get("/Users?filter=" + q("userName eq \"" + p + "-7\"")).body().path("totalResults").asInt())
                .isEqualTo(1);
    }

    // ---- groups --------------------------------------------------------------------------------

    @Test
    void groupsHoldUsersAndTheirMembershipChangesAreEventsOfTheUsers() {
        String ann = createUser(unique("gm")).id();
        String ben = createUser(unique("gm")).id();
        String cat = createUser(unique("gm")).id();
        String displayName = unique("Tour Guides");
        Response created = scim.post("/Groups", "{\"schemas\":[\"" + GROUP + "\"],\"displayName\":\"" + displayName
                + "\",\"externalId\":\"g-1\",\"members\":[{\"value\":\"" + ann + "\"},{\"value\":\"" + ben + "\"}]}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.id();
        assertThat(created.body().path("members")).hasSize(2);
        assertThat(created.header("Location").orElseThrow()).endsWith("/Groups/" + id);
        assertThat(scim.get("/Users/" + ann).body().path("groups").get(0).path("value").asText()).isEqualTo(id);
        assertThat(events.changedFor(UUID.fromString(ann))).hasSizeGreaterThanOrEqualTo(2);

        int catEvents = events.changedFor(UUID.fromString(cat)).size();
        Response added = scim.patch("/Groups/" + id, patch("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\""
                + cat + "\"}]}", "{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + ann + "\\\"]\"}"),
                "If-Match", created.etag());
        assertThat(added.status()).as(added.toString()).isEqualTo(200);
        assertThat(added.etag()).isNotEqualTo(created.etag());
        List<String> members = StreamSupport.stream(added.body().path("members").spliterator(), false)
                .map(m -> m.path("value").asText()).toList();
        assertThat(members).containsExactlyInAnyOrder(ben, cat);
        assertThat(events.changedFor(UUID.fromString(cat))).hasSize(catEvents + 1);
        assertThat(scim.get("/Users/" + ann).body().has("groups")).isFalse();

        assertThat(scim.get("/Groups?filter=" + q("displayName eq \"" + displayName.toUpperCase() + "\""))
                .body().path("totalResults").asInt()).isEqualTo(1);
        assertThat(scim.get("/Groups?filter=" + q("members.value eq \"" + cat + "\"")).body().path("Resources")
                .get(0).path("id").asText()).isEqualTo(id);
        assertThat(scim.get("/Groups?filter=" + q("externalId eq \"g-1\"") + "&excludedAttributes=members").body()
                .path("Resources").get(0).has("members")).isFalse();
        assertThat(scim.get("/Groups/" + id + "?attributes=displayName").body().has("members")).isFalse();

        // A member who does not exist: invalidValue, nothing changes.
        assertError(scim.patch("/Groups/" + id, patch("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\""
                + UUID.randomUUID() + "\"}]}")), 400, "invalidValue");
        Response put = scim.put("/Groups/" + id, "{\"schemas\":[\"" + GROUP + "\"],\"displayName\":\"Renamed " + id
                + "\",\"members\":[{\"value\":\"" + ann + "\"}]}");
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(put.body().path("members")).hasSize(1);
        assertThat(put.body().path("displayName").asText()).isEqualTo("Renamed " + id);
        assertError(scim.post("/Groups", "{\"schemas\":[\"" + GROUP + "\"],\"displayName\":\"" + displayName + "\"}"),
                409, "uniqueness");
        assertError(scim.post("/Groups", "{\"schemas\":[\"" + GROUP + "\"]}"), 400, "invalidValue");

        assertThat(scim.delete("/Groups/" + id).status()).isEqualTo(204);
        assertError(scim.get("/Groups/" + id), 404, null);
        assertThat(scim.get("/Users/" + ann).body().has("groups")).isFalse();
        assertThat(auditEvents.findByActionOrderByIdAsc("group.deleted")).anyMatch(e -> id.equals(e.getTarget()));
    }

    // ---- bulk ----------------------------------------------------------------------------------

    @Test
    void bulkResolvesBulkIdReferencesInAnyOrder() {
        String name = unique("bulk");
        String body = """
                {"schemas":["%s"],"Operations":[
                  {"method":"POST","path":"/Groups","bulkId":"g","data":{"schemas":["%s"],"displayName":"%s",
                    "members":[{"type":"User","value":"bulkId:u"}]}},
                  {"method":"POST","path":"/Users","bulkId":"u","data":{"schemas":["%s"],"userName":"%s"}},
                  {"method":"PATCH","path":"/Users/bulkId:u","data":{"schemas":["%s"],
                    "Operations":[{"op":"replace","path":"title","value":"Engineer"}]}}
                ]}""".formatted(BULK, GROUP, name, USER, name, PATCH_OP);
        Response response = scim.post("/Bulk", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode ops = response.body().path("Operations");
        assertThat(ops).hasSize(3);
        assertThat(ops.get(0).path("status").asText()).isEqualTo("201");
        assertThat(ops.get(1).path("status").asText()).isEqualTo("201");
        assertThat(ops.get(2).path("status").asText()).isEqualTo("200");
        String userLocation = ops.get(1).path("location").asText();
        String userId = userLocation.substring(userLocation.lastIndexOf('/') + 1);
        JsonNode user = scim.get("/Users/" + userId).body();
        assertThat(user.path("title").asText()).isEqualTo("Engineer");
        assertThat(user.path("groups").get(0).path("display").asText()).isEqualTo(name);
    }

    @Test
    void bulkStopsAfterFailOnErrorsAndEachFailedOperationChangesNothing() {
        String taken = unique("taken");
        createUser(taken);
        String fresh = unique("fresh");
        String later = unique("later");
        String body = """
                {"schemas":["%s"],"failOnErrors":1,"Operations":[
                  {"method":"POST","path":"/Users","bulkId":"a","data":{"schemas":["%s"],"userName":"%s"}},
                  {"method":"POST","path":"/Users","bulkId":"b","data":{"schemas":["%s"],"userName":"%s"}},
                  {"method":"POST","path":"/Users","bulkId":"c","data":{"schemas":["%s"],"userName":"%s"}}
                ]}""".formatted(BULK, USER, fresh, USER, taken, USER, later);
        Response response = scim.post("/Bulk", body);
        assertThat(response.status()).isEqualTo(200);
        JsonNode ops = response.body().path("Operations");
        assertThat(ops).hasSize(2);
        assertThat(ops.get(0).path("status").asText()).isEqualTo("201");
        assertThat(ops.get(1).path("status").asText()).isEqualTo("409");
        assertThat(ops.get(1).path("response").path("scimType").asText()).isEqualTo("uniqueness");
        assertThat(filter("userName eq \"" + fresh + "\"")).containsExactly(fresh);
        assertThat(filter("userName eq \"" + later + "\"")).isEmpty();
        // The operations were first tried together and rolled back; the outcome is one of each.
        String freshId = ops.get(0).path("location").asText().replaceAll(".*/", "");
        assertThat(auditEvents.findByActionOrderByIdAsc("user.created").stream()
                .filter(e -> freshId.equals(e.getTarget()))).hasSize(1);
        assertThat(events.changedFor(UUID.fromString(freshId))).isNotEmpty();

        // A reference to a failed operation fails too; a cycle fails; others stand.
        String cyc = """
                {"schemas":["%s"],"Operations":[
                  {"method":"POST","path":"/Users","bulkId":"x","data":{"schemas":["%s"],"userName":"%s"}},
                  {"method":"PATCH","path":"/Users/bulkId:x","data":{"schemas":["%s"],
                    "Operations":[{"op":"replace","path":"title","value":"t"}]}},
                  {"method":"POST","path":"/Groups","bulkId":"g1","data":{"schemas":["%s"],"displayName":"%s",
                    "members":[{"value":"bulkId:g2"}]}},
                  {"method":"POST","path":"/Groups","bulkId":"g2","data":{"schemas":["%s"],"displayName":"%s",
                    "members":[{"value":"bulkId:g1"}]}}
                ]}""".formatted(BULK, USER, taken, PATCH_OP, GROUP, unique("g1"), GROUP, unique("g2"));
        JsonNode results = scim.post("/Bulk", cyc).body().path("Operations");
        assertThat(results).hasSize(4);
        assertThat(results.get(0).path("status").asText()).isEqualTo("409");
        assertThat(results.get(1).path("response").path("scimType").asText()).isEqualTo("invalidValue");
        assertThat(results.get(2).path("status").asText()).isEqualTo("409");
        assertThat(results.get(3).path("status").asText()).isEqualTo("409");
    }

    @Test
    void bulkRequestsAreCheckedAsAWhole() {
        StringBuilder ops = new StringBuilder();
        for (int i = 0; i < 1001; i++) {
            ops.append(i == 0 ? "" : ",").append("{\"method\":\"DELETE\",\"path\":\"/Users/").append(UUID.randomUUID())
                    .append("\"}");
        }
        assertError(scim.post("/Bulk", "{\"schemas\":[\"" + BULK + "\"],\"Operations\":[" + ops + "]}"), 413,
                "tooMany");
        assertError(scim.post("/Bulk", "{\"schemas\":[\"" + BULK + "\"],\"Operations\":[{\"method\":\"POST\","
                + "\"path\":\"/Users\",\"data\":{}}]}"), 400, "invalidSyntax");
        assertError(scim.post("/Bulk", "{\"Operations\":[]}"), 400, "invalidSyntax");
    }

    // ---- real clients --------------------------------------------------------------------------

    @Test
    void microsoftEntraIdProvisioningSequence() {
        String upn = unique("entra") + "@contoso.example";
        // 1. Entra looks the user up first, then creates it.
        assertThat(scim.get("/Users?filter=" + q("userName eq \"" + upn + "\"")).body().path("totalResults").asInt())
                .isZero();
        Response created = scim.post("/Users", """
                {"schemas":["%s","%s"],"externalId":"0a21f0f2","userName":"%s","active":"True",
                 "displayName":"Entra User","emails":[{"primary":true,"type":"work","value":"%s"}],
                 "name":{"formatted":"Entra User","familyName":"User","givenName":"Entra"},
                 "%s":{"department":"Sales"}}""".formatted(USER, ENTERPRISE, upn, upn, ENTERPRISE));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.id();
        String manager = createUser(unique("boss")).id();
        // 2. Updates: capitalised op names, string booleans, the manager as a bare id.
        Response updated = scim.patch("/Users/" + id, patch(
                "{\"op\":\"Replace\",\"path\":\"displayName\",\"value\":\"Entra Renamed\"}",
                "{\"op\":\"Replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"renamed-" + upn + "\"}",
                "{\"op\":\"Add\",\"path\":\"phoneNumbers[type eq \\\"mobile\\\"].value\",\"value\":\"+81 90 1111\"}",
                "{\"op\":\"Add\",\"path\":\"" + ENTERPRISE + ":manager\",\"value\":\"" + manager + "\"}",
                "{\"op\":\"Replace\",\"path\":\"addresses[type eq \\\"work\\\"].locality\",\"value\":\"Osaka\"}"));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        JsonNode user = updated.body();
        assertThat(user.path("displayName").asText()).isEqualTo("Entra Renamed");
        assertThat(user.path("emails").get(0).path("value").asText()).isEqualTo("renamed-" + upn);
        assertThat(user.path("phoneNumbers").get(0).path("type").asText()).isEqualTo("mobile");
        assertThat(user.path(ENTERPRISE).path("manager").path("value").asText()).isEqualTo(manager);
        assertThat(user.path("addresses").get(0).path("locality").asText()).isEqualTo("Osaka");
        // 3. Disable: PATCH of active with no path and the string "False".
        Response disabled = scim.patch("/Users/" + id, patch("{\"op\":\"Replace\",\"value\":{\"active\":\"False\"}}"));
        assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);
        assertThat(disabled.body().path("active").asBoolean()).isFalse();
        assertThat(status(id)).isEqualTo("SUSPENDED");
        assertThat(events.deprovisionedFor(UUID.fromString(id))).singleElement()
                .matches(e -> !e.deleted() && e.status() == UserStatus.SUSPENDED);
        // 4. Group membership the Entra way: "Add"/"Remove" with member lists.
        String group = scim.post("/Groups", "{\"schemas\":[\"" + GROUP + "\"],\"displayName\":\"" + unique("Entra Grp")
                + "\",\"externalId\":\"7c9b\"}").id();
        Response add = scim.patch("/Groups/" + group, patch("{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"value\":\""
                + id + "\"}]}"));
        assertThat(add.body().path("members")).hasSize(1);
        Response remove = scim.patch("/Groups/" + group, patch("{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{"
                + "\"value\":\"" + id + "\"}]}"));
        assertThat(remove.status()).as(remove.toString()).isEqualTo(200);
        assertThat(remove.body().path("members")).isEmpty();
        // 5. Re-enable, then delete.
        assertThat(scim.patch("/Users/" + id, patch("{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"True\"}"))
                .body().path("active").asBoolean()).isTrue();
        assertThat(status(id)).isEqualTo("ACTIVE");
        assertThat(scim.delete("/Users/" + id).status()).isEqualTo(204);
    }

    @Test
    void oktaProvisioningSequence() {
        String login = unique("okta") + "@example.com";
        assertThat(scim.get("/Users?filter=" + q("userName eq \"" + login + "\"") + "&startIndex=1&count=100").body()
                .path("totalResults").asInt()).isZero();
        String user = """
                {"schemas":["%s"],"userName":"%s","name":{"givenName":"Okta","familyName":"User"},
                 "emails":[{"primary":true,"value":"%s","type":"work"}],"displayName":"Okta User",
                 "locale":"en-US","externalId":"00u1","groups":[],"active":%s}""";
        Response created = scim.post("/Users", user.formatted(USER, login, login, "true"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.id();
        // Okta updates with PUT of the whole user, and deactivates with active=false instead of DELETE.
        Response deactivated = scim.put("/Users/" + id, user.formatted(USER, login, login, "false"));
        assertThat(deactivated.status()).as(deactivated.toString()).isEqualTo(200);
        assertThat(deactivated.body().path("active").asBoolean()).isFalse();
        assertThat(status(id)).isEqualTo("SUSPENDED");
        assertThat(events.deprovisionedFor(UUID.fromString(id))).hasSize(1);
        Response reactivated = scim.patch("/Users/" + id, patch("{\"op\":\"replace\",\"value\":{\"active\":true}}"));
        assertThat(reactivated.body().path("active").asBoolean()).isTrue();
        assertThat(status(id)).isEqualTo("ACTIVE");
        // An identical PUT changes nothing: no audit event, same version.
        Response again = scim.put("/Users/" + id, user.formatted(USER, login, login, "true"));
        long audits = auditRows();
        Response same = scim.put("/Users/" + id, user.formatted(USER, login, login, "true"));
        assertThat(same.etag()).isEqualTo(again.etag());
        assertThat(auditRows()).isEqualTo(audits);
    }
}
