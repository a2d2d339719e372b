package io.monban.scim.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.filters.Filter;

/**
 * The parameters of a list or search (RFC 7644 section 3.4.2): from the query string of a GET,
 * or the body of a POST to {@code .search}.
 */
record ListQuery(Filter filter, String sortBy, boolean descending, long startIndex, int count,
                 AttributeProjection projection) {

    static ListQuery of(String filter, String sortBy, String sortOrder, String startIndex, String count,
                        String attributes, String excludedAttributes, ScimProperties limits)
            throws BadRequestException {
        Filter parsed = null;
        if (filter != null && !filter.isBlank()) {
            try {
                parsed = Filter.fromString(filter);
            } catch (BadRequestException e) {
                throw BadRequestException.invalidFilter("the filter is not valid: " + e.getMessage());
            }
        }
        boolean descending;
        if (sortOrder == null || sortOrder.isBlank() || sortOrder.equalsIgnoreCase("ascending")) {
            descending = false;
        } else if (sortOrder.equalsIgnoreCase("descending")) {
            descending = true;
        } else {
            throw BadRequestException.invalidValue("sortOrder must be ascending or descending");
        }
        // RFC 7644: a startIndex below 1 is taken as 1, a negative count as 0.
        long start = Math.max(1, integer(startIndex, "startIndex", 1));
        long wanted = integer(count, "count", limits.maxResults());
        int pageSize = (int) Math.max(0, Math.min(wanted, limits.maxResults()));
        return new ListQuery(parsed, sortBy, descending, start, pageSize,
                AttributeProjection.of(attributes, excludedAttributes));
    }

    static ListQuery of(ObjectNode search, ScimProperties limits) throws BadRequestException {
        ScimJson.requireSchema(search, ScimJson.SEARCH_REQUEST);
        return of(text(search, "filter"), text(search, "sortBy"), text(search, "sortOrder"),
                text(search, "startIndex"), text(search, "count"), list(search, "attributes"),
                list(search, "excludedAttributes"), limits);
    }

    private static long integer(String value, String name, long absent) throws BadRequestException {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw BadRequestException.invalidValue(name + " must be an integer");
        }
    }

    private static String text(ObjectNode node, String field) throws BadRequestException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw BadRequestException.invalidValue(field + " must be a single value");
        }
        return value.asText();
    }

    private static String list(ObjectNode node, String field) throws BadRequestException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isArray()) {
            StringBuilder sb = new StringBuilder();
            value.forEach(v -> sb.append(sb.isEmpty() ? "" : ",").append(v.asText()));
            return sb.toString();
        }
        return text(node, field);
    }
}
