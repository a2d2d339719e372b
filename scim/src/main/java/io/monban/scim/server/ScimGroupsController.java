package io.monban.scim.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.scim2.common.exceptions.ScimException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /scim/v2/Groups} (RFC 7644 section 3); members are users. */
@RestController
@RequestMapping(path = "/scim/v2/Groups", produces = {"application/scim+json", "application/json"})
class ScimGroupsController {

    private final GroupResources groups;
    private final ScimProperties limits;

    ScimGroupsController(GroupResources groups, ScimProperties limits) {
        this.groups = groups;
        this.limits = limits;
    }

    @PostMapping
    ResponseEntity<JsonNode> create(@RequestBody(required = false) String body,
                                    @RequestParam(required = false) String attributes,
                                    @RequestParam(required = false) String excludedAttributes) throws ScimException {
        return ScimResponses.resource(HttpStatus.CREATED, groups.create(ScimJson.parseObject(body), ScimResponses.baseUrl()),
                AttributeProjection.of(attributes, excludedAttributes));
    }

    @GetMapping("/{id}")
    ResponseEntity<JsonNode> get(@PathVariable String id, @RequestParam(required = false) String attributes,
                                 @RequestParam(required = false) String excludedAttributes,
                                 @RequestHeader(name = "If-None-Match", required = false) String ifNoneMatch)
            throws ScimException {
        AttributeProjection projection = AttributeProjection.of(attributes, excludedAttributes);
        ScimResult result = groups.get(id, ScimResponses.baseUrl(), projection.keepsMembers());
        if (ifNoneMatch != null && Long.valueOf(result.version()).equals(ETags.required(ifNoneMatch))) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(ETags.of(result.version())).build();
        }
        return ScimResponses.resource(HttpStatus.OK, result, projection);
    }

    @GetMapping
    ResponseEntity<JsonNode> list(@RequestParam(required = false) String filter,
                                  @RequestParam(required = false) String sortBy,
                                  @RequestParam(required = false) String sortOrder,
                                  @RequestParam(required = false) String startIndex,
                                  @RequestParam(required = false) String count,
                                  @RequestParam(required = false) String attributes,
                                  @RequestParam(required = false) String excludedAttributes) throws ScimException {
        return ScimResponses.body(groups.list(ListQuery.of(filter, sortBy, sortOrder, startIndex, count, attributes,
                excludedAttributes, limits), ScimResponses.baseUrl()));
    }

    @PostMapping("/.search")
    ResponseEntity<JsonNode> search(@RequestBody(required = false) String body) throws ScimException {
        return ScimResponses.body(groups.list(ListQuery.of(ScimJson.parseObject(body), limits), ScimResponses.baseUrl()));
    }

    @PutMapping("/{id}")
    ResponseEntity<JsonNode> replace(@PathVariable String id, @RequestBody(required = false) String body,
                                     @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                     @RequestParam(required = false) String attributes,
                                     @RequestParam(required = false) String excludedAttributes) throws ScimException {
        return ScimResponses.resource(HttpStatus.OK,
                groups.replace(id, ScimJson.parseObject(body), ifMatch, ScimResponses.baseUrl()),
                AttributeProjection.of(attributes, excludedAttributes));
    }

    @PatchMapping("/{id}")
    ResponseEntity<JsonNode> patch(@PathVariable String id, @RequestBody(required = false) String body,
                                   @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                   @RequestParam(required = false) String attributes,
                                   @RequestParam(required = false) String excludedAttributes) throws ScimException {
        return ScimResponses.resource(HttpStatus.OK,
                groups.patch(id, ScimJson.parseObject(body), ifMatch, ScimResponses.baseUrl()),
                AttributeProjection.of(attributes, excludedAttributes));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id,
                                @RequestHeader(name = "If-Match", required = false) String ifMatch) throws ScimException {
        groups.delete(id, ifMatch);
        return ResponseEntity.noContent().build();
    }
}
