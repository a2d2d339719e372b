package io.monban.scim.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.exceptions.ScimException;
import io.monban.core.directory.ProvisionedUser;
import io.monban.core.directory.SearchResult;
import io.monban.core.directory.User;
import io.monban.core.directory.UserProvisioning;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The SCIM operations on users, shared by the /Users endpoints and Bulk. Each is one call of
 * {@link UserProvisioning}, so one transaction.
 */
@Component
class UserResources {

    private static final ResourcePatch PATCH = new ResourcePatch(ScimJson.USER_SCHEMA,
            Set.of("username", "externalid", "name", "displayname", "nickname", "profileurl", "title", "usertype",
                    "preferredlanguage", "locale", "timezone", "active", "password", "emails", "phonenumbers",
                    "addresses", ScimJson.ENTERPRISE_SCHEMA.toLowerCase(Locale.ROOT)),
            Set.of("id", "meta", "groups"));

    private final UserProvisioning users;
    private final ScimProperties limits;

    UserResources(UserProvisioning users, ScimProperties limits) {
        this.users = users;
        this.limits = limits;
    }

    ScimResult create(ObjectNode body, String baseUrl) throws ScimException {
        ScimJson.requireSchema(body, ScimJson.USER_SCHEMA);
        ProvisionedUser spec = UserResourceMapper.fromJson(body);
        return users.create(spec, u -> result(u, baseUrl));
    }

    /** Bulk needs only the id and version back: no JSON of the user is made. */
    ScimResult createQuietly(ObjectNode body) throws ScimException {
        ScimJson.requireSchema(body, ScimJson.USER_SCHEMA);
        ProvisionedUser spec = UserResourceMapper.fromJson(body);
        return users.create(spec, u -> new ScimResult(u.getId().toString(), u.getVersion(), null));
    }

    ScimResult get(String id, String baseUrl) throws ScimException {
        return users.find(parseId(id), u -> result(u, baseUrl)).orElseThrow(() -> notFound(id));
    }

    ScimResult replace(String id, ObjectNode body, String ifMatch, String baseUrl) throws ScimException {
        ScimJson.requireSchema(body, ScimJson.USER_SCHEMA);
        UUID uuid = parseId(id);
        if (body.has("id") && !id.equals(body.get("id").asText())) {
            throw BadRequestException.mutability("id is read-only: the body's id differs from the URL's");
        }
        ProvisionedUser spec = UserResourceMapper.fromJson(body);
        return users.update(uuid, ETags.required(ifMatch), current -> spec, u -> result(u, baseUrl));
    }

    ScimResult patch(String id, ObjectNode body, String ifMatch, String baseUrl) throws ScimException {
        UUID uuid = parseId(id);
        return users.update(uuid, ETags.required(ifMatch), current -> {
            try {
                ObjectNode patched = PATCH.apply(UserResourceMapper.toJson(current, baseUrl), body);
                return UserResourceMapper.fromJson(patched);
            } catch (ScimException e) {
                throw new ScimFailure(e);
            }
        }, u -> result(u, baseUrl));
    }

    void delete(String id, String ifMatch) throws ScimException {
        users.delete(parseId(id), ETags.required(ifMatch));
    }

    ObjectNode list(ListQuery query, String baseUrl) throws ScimException {
        SearchResult<ObjectNode> page = users.search(ScimQueries.USERS.toSpecification(query.filter()),
                ScimQueries.USERS.toSort(query.sortBy(), query.descending()), query.startIndex() - 1, query.count(),
                u -> query.projection().apply(UserResourceMapper.toJson(u, baseUrl)));
        return ListResponses.of(query, page, limits);
    }

    private static ScimResult result(User user, String baseUrl) {
        return new ScimResult(user.getId().toString(), user.getVersion(), UserResourceMapper.toJson(user, baseUrl));
    }

    static UUID parseId(String id) throws ResourceNotFoundException {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound(id);
        }
    }

    static ResourceNotFoundException notFound(String id) {
        return new ResourceNotFoundException("No resource with id " + id);
    }
}
