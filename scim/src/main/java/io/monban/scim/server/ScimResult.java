package io.monban.scim.server;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A resource as an operation left it: its JSON, id and version (for ETag and Location). */
record ScimResult(String id, long version, ObjectNode resource) {
}
