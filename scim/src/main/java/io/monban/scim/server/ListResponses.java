package io.monban.scim.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import io.monban.core.directory.SearchResult;

/** The ListResponse message (RFC 7644 section 3.4.2). */
final class ListResponses {

    private ListResponses() {
    }

    static ObjectNode of(ListQuery query, SearchResult<ObjectNode> page, ScimProperties limits)
            throws BadRequestException {
        if (query.filter() != null && page.total() > limits.maxFilterMatches()) {
            throw BadRequestException.tooMany("the filter matches " + page.total() + " resources, more than the "
                    + limits.maxFilterMatches() + " a filter may match; narrow it, or page through the list "
                    + "without a filter");
        }
        ObjectNode response = ScimJson.object();
        response.putArray("schemas").add(ScimJson.LIST_RESPONSE);
        response.put("totalResults", page.total());
        response.put("startIndex", query.startIndex());
        response.put("itemsPerPage", page.items().size());
        ArrayNode resources = response.putArray("Resources");
        page.items().forEach(resources::add);
        return response;
    }
}
