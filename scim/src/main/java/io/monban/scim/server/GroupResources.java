package io.monban.scim.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import io.monban.core.directory.Group;
import io.monban.core.directory.GroupProvisioning;
import io.monban.core.directory.ProvisionedGroup;
import io.monban.core.directory.SearchResult;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The SCIM operations on groups, shared by the /Groups endpoints and Bulk. */
@Component
class GroupResources {

    private static final ResourcePatch PATCH = new ResourcePatch(ScimJson.GROUP_SCHEMA,
            Set.of("displayname", "externalid", "members"), Set.of("id", "meta"));

    private final GroupProvisioning groups;
    private final ScimProperties limits;

    GroupResources(GroupProvisioning groups, ScimProperties limits) {
        this.groups = groups;
        this.limits = limits;
    }

    ScimResult create(ObjectNode body, String baseUrl) throws ScimException {
        ScimJson.requireSchema(body, ScimJson.GROUP_SCHEMA);
        ProvisionedGroup spec = GroupResourceMapper.fromJson(body);
        return groups.create(spec, g -> result(g, baseUrl, true));
    }

    ScimResult get(String id, String baseUrl, boolean withMembers) throws ScimException {
        return groups.find(UserResources.parseId(id), g -> result(g, baseUrl, withMembers))
                .orElseThrow(() -> UserResources.notFound(id));
    }

    ScimResult replace(String id, ObjectNode body, String ifMatch, String baseUrl) throws ScimException {
        ScimJson.requireSchema(body, ScimJson.GROUP_SCHEMA);
        UUID uuid = UserResources.parseId(id);
        if (body.has("id") && !id.equals(body.get("id").asText())) {
            throw BadRequestException.mutability("id is read-only: the body's id differs from the URL's");
        }
        ProvisionedGroup spec = GroupResourceMapper.fromJson(body);
        return groups.update(uuid, ETags.required(ifMatch), current -> spec, g -> result(g, baseUrl, true));
    }

    ScimResult patch(String id, ObjectNode body, String ifMatch, String baseUrl) throws ScimException {
        UUID uuid = UserResources.parseId(id);
        return groups.update(uuid, ETags.required(ifMatch), current -> {
            try {
                ObjectNode patched = PATCH.apply(GroupResourceMapper.toJson(current, baseUrl, true), body);
                return GroupResourceMapper.fromJson(patched);
            } catch (ScimException e) {
                throw new ScimFailure(e);
            }
        }, g -> result(g, baseUrl, true));
    }

    void delete(String id, String ifMatch) throws ScimException {
        groups.delete(UserResources.parseId(id), ETags.required(ifMatch));
    }

    ObjectNode list(ListQuery query, String baseUrl) throws ScimException {
        boolean withMembers = query.projection().keepsMembers();
        SearchResult<ObjectNode> page = groups.search(ScimQueries.GROUPS.toSpecification(query.filter()),
                ScimQueries.GROUPS.toSort(query.sortBy(), query.descending()), query.startIndex() - 1, query.count(),
                g -> query.projection().apply(GroupResourceMapper.toJson(g, baseUrl, withMembers)));
        return ListResponses.of(query, page, limits);
    }

    private static ScimResult result(Group group, String baseUrl, boolean withMembers) {
        return new ScimResult(group.getId().toString(), group.getVersion(),
                GroupResourceMapper.toJson(group, baseUrl, withMembers));
    }
}
