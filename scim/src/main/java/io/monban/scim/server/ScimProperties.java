package io.monban.scim.server;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The inbound SCIM server's limits ({@code monban.scim.*}, documented in config/README.md).
 *
 * @param maxResults        the largest page a list or search returns ({@code count} is capped to it)
 * @param maxFilterMatches  a filter matching more resources than this is refused with
 *                          {@code tooMany}: narrow it, or page through the list without a filter
 * @param bulkMaxOperations operations one Bulk request may hold (more: 413 tooMany)
 * @param bulkMaxPayloadBytes size a Bulk request may have (more: 413 tooMany)
 */
@ConfigurationProperties("monban.scim")
public record ScimProperties(@DefaultValue("500") int maxResults,
                             @DefaultValue("50000") long maxFilterMatches,
                             @DefaultValue("1000") int bulkMaxOperations,
                             @DefaultValue("4194304") int bulkMaxPayloadBytes) {
}
